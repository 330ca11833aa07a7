import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript build script, no type declarations
import { buildServer } from '../../scripts/build.mjs';
import { REPO_ROOT, SHARED_INDEX_DIR } from '../helpers/app.js';
import { TestClient } from '../helpers/ws-client.js';

beforeAll(() => buildServer({ ifStale: true }), 120_000);

const dataDir = mkdtempSync(path.join(tmpdir(), 'dvc-crash-'));
// The index the test setup built, so the first start loads it instead of building it (not what is tested here).
cpSync(path.join(SHARED_INDEX_DIR, 'knowledge', 'index'), path.join(dataDir, 'index'), { recursive: true });
let child: ChildProcess | undefined;
afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * The real server as its own process, as `npm start` runs it (`node dist/server.mjs`), so it can be
 * SIGKILLed. Resolves with its address once it logs that the index is loaded.
 */
async function startProcess(): Promise<{ proc: ChildProcess; port: number }> {
  const proc = spawn(process.execPath, ['dist/server.mjs'], {
    cwd: REPO_ROOT,
    // MAX_EVENT_LOOP_DELAY_MS=0: loading the index blocks the loop a moment, and the overload guard would
    // refuse the socket opened right after it on a loaded test machine (the guard has its own test).
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', MAX_EVENT_LOOP_DELAY_MS: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let port = 0;
  for await (const line of createInterface({ input: proc.stdout! })) {
    const entry = JSON.parse(line) as { msg?: string };
    const listening = /listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(entry.msg ?? '');
    if (listening) port = Number(listening[1]);
    if (entry.msg === 'knowledge ready') {
      proc.stdout!.resume(); // keep draining its log
      return { proc, port };
    }
  }
  throw new Error(`server exited (${proc.exitCode}) before it was ready`);
}

describe('crash safety', () => {
  it('every acknowledged question, rating and survey is there after SIGKILL and restart', { timeout: 90_000 }, async () => {
    let port: number;
    ({ proc: child, port } = await startProcess());
    const c = await TestClient.connect(`ws://127.0.0.1:${port}/ws`);
    c.send({ type: 'hello' });
    const { sessionId } = await c.waitFor((f) => f.type === 'ready');

    const { answer } = await c.ask('0', 'làm thẻ căn cước ở đâu');
    c.send({ type: 'feedback', answerId: answer.answerId, rating: 'down', comment: 'chưa rõ địa chỉ' });
    c.send({ type: 'survey', score: 4, comment: 'khá tốt' });
    const questions = Array.from({ length: 12 }, (_, i) => `câu hỏi số ${i + 1}: đăng ký tạm trú cho người thuê trọ`);
    questions.forEach((q, i) => c.send({ type: 'ask', id: `q${i + 1}`, text: q }));
    // Kill in the middle: some questions acknowledged, others still queued or being answered.
    await c.waitFor((f) => f.type === 'ack' && f.ref === 'q3');
    child.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));

    const acked = new Set(c.frames.filter((f) => f.type === 'ack').map((f) => f.ref));
    expect(acked.has(answer.answerId)).toBe(true);
    expect(acked.has('survey')).toBe(true);

    ({ proc: child, port } = await startProcess()); // restart on the same data: migrations and WAL recovery
    const db = new Database(path.join(dataDir, 'dvc.sqlite'), { readonly: true });
    try {
      const stored = new Set((db.prepare("SELECT text FROM messages WHERE session_id = ? AND role = 'citizen'").all(sessionId) as Array<{ text: string }>).map((r) => r.text));
      expect(stored.has('làm thẻ căn cước ở đâu')).toBe(true);
      questions.forEach((q, i) => {
        if (acked.has(`q${i + 1}`)) expect(stored.has(q), q).toBe(true);
      });
      expect(db.prepare('SELECT rating, comment FROM feedback WHERE answer_id = ?').get(answer.answerId)).toEqual({ rating: 'down', comment: 'chưa rõ địa chỉ' });
      expect(db.prepare('SELECT score FROM surveys WHERE session_id = ?').get(sessionId)).toEqual({ score: 4 });
      // every answer frame the citizen received is stored too
      for (const f of c.frames.filter((x) => x.type === 'answer')) {
        expect(db.prepare('SELECT 1 AS ok FROM answers WHERE id = ?').get(f.answerId), f.id).toEqual({ ok: 1 });
      }
    } finally {
      db.close();
    }
    // the restarted server resumes the session
    const again = await TestClient.connect(`ws://127.0.0.1:${port}/ws`);
    again.send({ type: 'hello', sessionId });
    expect((await again.waitFor((f) => f.type === 'ready')).sessionId).toBe(sessionId);
    again.close();
    c.close();
  });
});
