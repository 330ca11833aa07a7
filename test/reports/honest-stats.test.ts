import { describe, expect, it } from 'vitest';
import { rateStat, wilsonInterval } from '../../src/reports/rates.js';
import { buildTestApp } from '../helpers/app.js';
import { FakeClock } from '../helpers/clock.js';
import { ADMIN_PASSWORD, STAFF_PASSWORD, StaffHttp, staffAccountsEnv } from '../helpers/staff.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('honest rates', () => {
  it('Wilson 95% interval: known values, and never outside [0, 1]', () => {
    const i = wilsonInterval(1, 1)!;
    expect(i.low).toBeCloseTo(0.2065, 3);
    expect(i.high).toBe(1);
    const j = wilsonInterval(27, 30)!;
    expect(j.low).toBeCloseTo(0.7438, 3);
    expect(j.high).toBeCloseTo(0.9654, 3);
    expect(wilsonInterval(0, 10)!.low).toBe(0);
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it('gives a rate only from the minimum sample on, always with n and the interval', () => {
    const few = rateStat(29, 29, 30);
    expect(few).toMatchObject({ n: 29, successes: 29, enoughData: false, rate: null, text: 'chưa đủ số liệu (n = 29)' });
    expect(few.interval!.low).toBeGreaterThan(0.8);
    const enough = rateStat(27, 30, 30);
    expect(enough).toMatchObject({ n: 30, enoughData: true, rate: 0.9, text: '90% (n = 30; khoảng tin cậy 95%: 74–97%)' });
    expect(rateStat(0, 0, 1)).toMatchObject({ enoughData: false, rate: null, interval: null, text: 'chưa đủ số liệu (n = 0)' });
  });
});

describe('/api/public/stats', () => {
  it('with one rating says there is not enough data, instead of "100%"', async () => {
    const server = await buildTestApp();
    const c = await server.citizen();
    c.send({ type: 'survey', score: 5 });
    await c.waitFor((f) => f.type === 'ack' && f.ref === 'survey');
    c.close();
    const stats = await (await server.fetch('/api/public/stats')).json();
    expect(stats.satisfaction).toMatchObject({ n: 1, successes: 1, enoughData: false, rate: null, text: 'chưa đủ số liệu (n = 1)' });
    expect(stats.satisfaction.interval.low).toBeCloseTo(0.2065, 3);
    expect(stats.satisfactionRate).toBeNull();
    expect(stats.minSampleSize).toBe(30);
    expect(JSON.stringify(stats)).not.toContain('"rate":1');
  });

  it('the minimum sample is a setting (STATS_MIN_N): with 2 and two ratings the rate is shown', async () => {
    const server = await buildTestApp({ env: { STATS_MIN_N: '2' } });
    const c = await server.citizen();
    c.send({ type: 'survey', score: 5 });
    c.send({ type: 'survey', score: 2 });
    await c.waitFor((f) => f.type === 'ack' && f.ref === 'survey' && c.frames.filter((x) => x.ref === 'survey').length === 2);
    c.close();
    const stats = await (await server.fetch('/api/public/stats')).json();
    expect(stats.satisfaction).toMatchObject({ n: 2, enoughData: true, rate: 0.5 });
    expect(stats.satisfactionRate).toBe(0.5);
  });

  it('publishes the feedback queue by month: received, answered, on time, median time to answer, handled share', async () => {
    // Tuesday 10 November 2026, 10:00 in Vietnam
    const clock = new FakeClock(Date.parse('2026-11-10T03:00:00Z'));
    const server = await buildTestApp({ clock, env: { STAFF_ACCOUNTS: await staffAccountsEnv(), STATS_MIN_N: '3' } });
    const staff = new StaffHttp(server);
    await staff.login('canbo', STAFF_PASSWORD);
    const send = async () => {
      const res = await server.fetch('/api/feedback-requests', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'suggestion', text: 'Góp ý về giờ làm việc' }) });
      return (await res.json()).code as string;
    };
    const codes = [await send(), await send(), await send(), await send()];
    const { items } = await (await staff.get('/api/staff/feedback')).json();
    const idOf = (code: string) => items.find((i: { code: string }) => i.code === code).id;
    await clock.advance(2 * HOUR);
    await staff.post(`/api/staff/feedback/${idOf(codes[0])}/reply`, { text: 'Đã ghi nhận.' });
    await clock.advance(2 * HOUR);
    await staff.post(`/api/staff/feedback/${idOf(codes[1])}/reply`, { text: 'Đã ghi nhận.' });
    clock.jump(10 * DAY); // past the 7-day due date
    await staff.login('canbo', STAFF_PASSWORD); // the 12-hour session has expired
    await staff.post(`/api/staff/feedback/${idOf(codes[2])}/reply`, { text: 'Xin lỗi vì trả lời muộn.' });

    const stats = await (await server.fetch('/api/public/stats')).json();
    const [november] = stats.feedbackQueue;
    expect(november).toMatchObject({ month: '2026-11', received: 4, answered: 3, answeredOnTime: 2, medianHoursToAnswer: 4 });
    expect(november.handled).toMatchObject({ n: 4, successes: 3, enoughData: true, rate: 0.75 });
    expect(november.onTime).toMatchObject({ n: 3, successes: 2, enoughData: true });
    expect(stats.feedbackQueue[1]).toMatchObject({ month: '2026-10', received: 0, medianHoursToAnswer: null, handled: { enoughData: false, text: 'chưa đủ số liệu (n = 0)' } });
    expect(stats.feedbackQueue).toHaveLength(12);
    expect(JSON.stringify(stats)).not.toContain(codes[0]);

    const admin = new StaffHttp(server);
    await admin.login('quantri', ADMIN_PASSWORD);
    const overview = await (await admin.get('/api/admin/overview')).json();
    expect(overview.feedbackQueue).toMatchObject({ new: 1, inProgress: 0, overdue: 1 });
    expect(overview.feedbackQueue.months[0]).toMatchObject({ month: '2026-11', received: 4, answered: 3 });
    expect(overview.minSampleSize).toBe(3);
  });
});
