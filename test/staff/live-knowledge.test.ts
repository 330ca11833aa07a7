import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempKnowledge } from '../helpers/fixtures.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { ADMIN_PASSWORD, StaffHttp, staffAccountsEnv } from '../helpers/staff.js';

let server: TestApp;
let knowledgeDir: string;
let admin: StaffHttp;

beforeAll(async () => {
  knowledgeDir = tempKnowledge().knowledgeDir;
  server = await buildTestApp({ watch: true, env: { KNOWLEDGE_DIR: knowledgeDir, STAFF_ACCOUNTS: await staffAccountsEnv() } });
  admin = new StaffHttp(server);
  await admin.login('quantri', ADMIN_PASSWORD);
});
afterAll(() => server?.close());

async function ask(question: string) {
  const res = await server.fetch('/api/ask', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) });
  return res.json();
}

/** Checks `fn` after each refresh of the knowledge base (the watcher's), until `ok` holds. */
async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const kb = server.app.knowledge;
  const refresh = kb.refresh.bind(kb);
  let refreshed = () => {};
  kb.refresh = () => {
    const p = refresh();
    void p.finally(() => refreshed());
    return p;
  };
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      const next = new Promise<void>((resolve) => (refreshed = resolve));
      const v = await fn();
      if (ok(v)) return v;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`condition not met; last value: ${JSON.stringify(v).slice(0, 300)}`);
      await Promise.race([next, new Promise((r) => setTimeout(r, left).unref())]);
    }
  } finally {
    kb.refresh = refresh;
  }
}

describe('live knowledge', () => {
  const file = () => path.join(knowledgeDir, 'thu-tuc', 'the-can-cuoc.md');

  it('an edited document reaches answers without a restart', async () => {
    expect((await ask('làm thẻ căn cước mất bao lâu')).answer).toContain('7 ngày làm việc');
    writeFileSync(file(), readFileSync(file(), 'utf8').replace('khoảng 7 ngày làm việc', 'khoảng 5 ngày làm việc'));
    const after = await until(() => ask('làm thẻ căn cước mất bao lâu'), (r) => r.answer.includes('5 ngày làm việc'));
    expect(after.sources[0].id).toBe('the-can-cuoc');
  });

  it('a broken document keeps serving its last good version and the error shows on /admin', async () => {
    writeFileSync(file(), readFileSync(file(), 'utf8').replace(/official_url:.*\n/, ''));
    const docs = await until(
      async () => (await admin.get('/api/admin/documents')).json(),
      (d: any) => d.errors.length > 0,
    );
    expect(docs.errors).toEqual([{ file: 'thu-tuc/the-can-cuoc.md', field: 'official_url', reason: expect.any(String) }]);
    expect(docs.documents.map((d: any) => d.id)).toContain('the-can-cuoc');
    const r = await ask('làm thẻ căn cước mất bao lâu');
    expect(r.answer).toContain('5 ngày làm việc');
    expect(r.grounded).toBe(true);
  });

  it('a new document is picked up, and reindex can be forced', async () => {
    const doc = readFileSync(path.join(knowledgeDir, 'huong-dan', 'tra-cuu-ho-so.md'), 'utf8')
      .replace('id: tra-cuu-ho-so', 'id: ho-chieu')
      .replace(/title: .*/, 'title: Cấp hộ chiếu phổ thông')
      .replace('# Tra cứu hồ sơ đã nộp', '# Cấp hộ chiếu phổ thông\n\nLàm hộ chiếu ở Công an tỉnh.');
    writeFileSync(path.join(knowledgeDir, 'thu-tuc', 'ho-chieu.md'), doc);
    await until(() => ask('cấp hộ chiếu phổ thông'), (r: any) => r.sources[0]?.id === 'ho-chieu');
    const res = await admin.post('/api/admin/reindex');
    expect(res.status).toBe(200);
    expect((await res.json()).report).toMatchObject({ docs: 5 });
  });

  it('documents list flags stale ones', async () => {
    const docs = await (await admin.get('/api/admin/documents')).json();
    expect(docs.staleAfterDays).toBe(180);
    for (const d of docs.documents) expect(d.stale).toBe(d.ageDays > 180);
  });
});
