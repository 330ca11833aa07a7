import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { ADMIN_PASSWORD, StaffHttp, staffAccountsEnv } from '../helpers/staff.js';

let server: TestApp;
beforeAll(async () => {
  server = await buildTestApp({ env: { STAFF_ACCOUNTS: await staffAccountsEnv() } });
});
afterAll(() => server?.close());

describe('published results and admin exports', () => {
  it('the public page counts questions, satisfaction and topics, without personal data; exports are CSV', async () => {
    const c = await server.citizen();
    const { answer } = await c.ask('1', 'đổi bằng lái xe ô tô hết hạn, số tôi 0912345678');
    await c.ask('2', 'giá vàng hôm nay');
    await c.ask('3', 'gia vang hom nay bao nhieu');
    c.send({ type: 'feedback', answerId: answer.answerId, rating: 'down', comment: 'gọi 0987654321' });
    c.send({ type: 'survey', score: 5 });
    c.send({ type: 'survey', score: 2 });
    await c.waitFor((f) => f.type === 'ack' && f.ref === answer.answerId);
    await c.waitFor((f) => f.type === 'ack' && f.ref === 'survey' && c.frames.filter((x) => x.ref === 'survey').length === 2);
    c.close();

    const stats = await (await server.fetch('/api/public/stats')).json();
    // Two surveys and one rating are too few for a published rate (STATS_MIN_N = 30): counts, n and intervals only.
    expect(stats).toMatchObject({ questionsTotal: 3, questionsAnswered: 1, surveys: 2, satisfactionRate: null, feedbackUpRate: null });
    expect(stats.satisfaction).toMatchObject({ n: 2, successes: 1, enoughData: false, text: 'chưa đủ số liệu (n = 2)' });
    expect(stats.thumbsUp).toMatchObject({ n: 1, successes: 0, enoughData: false });
    expect(stats.month).toMatch(/^\d{4}-\d{2}$/);
    expect(stats.topTopics[0]).toMatchObject({ id: 'giay-phep-lai-xe', count: 1 });
    expect(JSON.stringify(stats)).not.toMatch(/0912345678|bằng lái xe ô tô hết hạn/);

    const admin = new StaffHttp(server);
    await admin.login('quantri', ADMIN_PASSWORD);
    const overview = await (await admin.get('/api/admin/overview')).json();
    expect(overview.unanswered[0]).toMatchObject({ count: 2 });
    expect(overview.downvoted[0].comments[0]).toBe('gọi [số điện thoại]');
    expect(overview.weeks.at(-1)).toMatchObject({ surveys: 2, satisfactionRate: null, thumbsUpRate: null, satisfaction: { n: 2, successes: 1, enoughData: false } });

    const csv = await admin.get('/api/admin/export/feedback.csv');
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const text = await csv.text();
    expect(text).toContain('[số điện thoại]');
    expect(text).not.toContain('0912345678');
    const unanswered = await (await admin.get('/api/admin/export/unanswered.csv')).text();
    expect(unanswered.split('\r\n').filter(Boolean)).toHaveLength(3);
    const audit = (await (await admin.get('/api/admin/audit')).json()).entries.map((e: any) => e.action);
    expect(audit.filter((a: string) => a === 'export')).toHaveLength(2);
  });
});
