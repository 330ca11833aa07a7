/**
 * The staff desk (/staff), the admin console (/admin) and the public statistics page (/thong-ke) in real
 * Chromium against the real server, with a real websocket citizen (TestClient). Screenshots go to
 * test-artifacts/ (1280×900).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/passwords.js';
import { launchChromium } from '../helpers/browser.js';
import { REPO_ROOT, startServer, type TestServer } from '../helpers/server.js';
import { TestClient } from '../helpers/ws-client.js';

const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts');
const VIEWPORT = { width: 1280, height: 900 };
const STAFF = { username: 'canbo.lan', name: 'Nguyễn Thị Lan', role: 'staff', password: 'mat-khau-can-bo-1' };
/** Office hours wide open, so a handoff waits for staff whatever the time of the test run. */
const OPEN_ALL_DAY = { OFFICE_HOURS: 'always', HANDOFF_WAIT_SECONDS: '600' };
const ADMIN = { username: 'quantri', name: 'Trần Văn Minh', role: 'admin', password: 'mat-khau-quan-tri-2' };

const WAIT = { timeout: 10_000, interval: 100 };

/** Small polling assertions (playwright-core has no `expect`): */
const visible = (l: Locator) => l.waitFor({ state: 'visible', timeout: WAIT.timeout });
const hidden = (l: Locator) => l.waitFor({ state: 'hidden', timeout: WAIT.timeout });
const attached = (l: Locator) => l.waitFor({ state: 'attached', timeout: WAIT.timeout });
const text = (l: Locator) => expect.poll(() => l.innerText().catch(() => ''), WAIT);
const count = (l: Locator) => expect.poll(() => l.count(), WAIT);
const focused = (l: Locator) => expect.poll(() => l.evaluate((n) => n === document.activeElement).catch(() => false), WAIT).toBe(true);

let browser: Browser;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

interface Watched {
  context: BrowserContext;
  page: Page;
  /** CSP violations and console errors seen so far on this page. */
  problems(): Promise<string[]>;
}

/** A fresh browser context (own cookies) whose page records CSP violations and console errors. */
async function openPage(): Promise<Watched> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'vi-VN' });
  await context.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (msg) => {
    // 4xx answers the pages expect (wrong password, 401 before login) are logged by Chromium as resource
    // errors; they are not page problems.
    if (msg.type() === 'error' && !/Failed to load resource: the server responded with a status of (401|403|409|429)/.test(msg.text())) {
      consoleErrors.push(msg.text());
    }
  });
  page.on('pageerror', (err) => consoleErrors.push(`pageerror: ${err.message}`));
  return {
    context,
    page,
    async problems() {
      const csp = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp ?? []).catch(() => []);
      return [...csp.map((c) => `CSP: ${c}`), ...consoleErrors];
    },
  };
}

function expectStrictCsp(header: string | undefined): void {
  expect(header, 'page served with a Content-Security-Policy').toBeTruthy();
  expect(header).toMatch(/script-src 'self'/);
  expect(header).not.toMatch(/unsafe-inline|unsafe-eval/);
}

async function login(page: Page, username: string, password: string): Promise<void> {
  await page.locator('#login-user').fill(username);
  await page.locator('#login-pass').fill(password);
  await page.locator('#login-submit').click();
}

async function citizen(server: TestServer): Promise<TestClient> {
  const c = await TestClient.connect(server.wsUrl);
  c.send({ type: 'hello' });
  await c.waitFor((f) => f.type === 'ready');
  return c;
}

describe('without any staff or admin account', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server?.close());

  it('serves the feature-off page with 503 on /staff and /admin, and the APIs answer 503', async () => {
    for (const route of ['/staff', '/admin']) {
      const res = await fetch(server.url + route);
      expect(res.status).toBe(503);
      expect(await res.text()).toContain('Trang dành cho cán bộ chưa được bật');
    }
    const me = await fetch(server.url + '/api/staff/me');
    expect(me.status).toBe(503);
    expect((await me.json()).error.code).toBe('staff_disabled');

    const w = await openPage();
    try {
      for (const route of ['/staff', '/admin']) {
        const res = await w.page.goto(server.url + route);
        expect(res!.status()).toBe(503);
        await text(w.page.locator('h1')).toBe('Trang dành cho cán bộ chưa được bật');
        expect(await w.page.locator('#login-form').count()).toBe(0);
        expect(await w.page.locator('a[href]').count()).toBe(0);
      }
      // The 503 of the page itself is expected; nothing else may fail.
      expect((await w.problems()).filter((p) => !/status of 503/.test(p))).toEqual([]);
    } finally {
      await w.context.close();
    }
  });
});

describe('staff desk, admin console and public statistics', () => {
  let server: TestServer;

  beforeAll(async () => {
    const accounts = [
      { username: STAFF.username, name: STAFF.name, role: STAFF.role, passwordHash: await hashPassword(STAFF.password) },
      { username: ADMIN.username, name: ADMIN.name, role: ADMIN.role, passwordHash: await hashPassword(ADMIN.password) },
    ];
    server = await startServer({ env: { STAFF_ACCOUNTS: JSON.stringify(accounts), ...OPEN_ALL_DAY } });
  });
  afterAll(() => server?.close());

  it('staff: login, queue with the conversation, take, live chat both ways, close, knowledge search', async () => {
    const w = await openPage();
    const { page } = w;
    let c: TestClient | undefined;
    let c2: TestClient | undefined;
    try {
      const res = await page.goto(server.url + '/staff');
      expect(res!.status()).toBe(200);
      expectStrictCsp(res!.headers()['content-security-policy']);

      // Wrong password → an error, still on the login form.
      await visible(page.locator('#login-form'));
      await login(page, STAFF.username, 'sai-mat-khau');
      await visible(page.locator('#login-error'));
      await text(page.locator('#login-error')).toMatch('không đúng');
      await hidden(page.locator('#app'));

      await login(page, STAFF.username, STAFF.password);
      await visible(page.locator('#app'));
      await text(page.locator('#who-name')).toMatch(STAFF.name);
      await hidden(page.locator('#to-admin'));
      await text(page.locator('#conn')).toMatch('Đã kết nối');

      // The session survives a reload.
      await page.reload();
      await visible(page.locator('#app'));
      await text(page.locator('#conn')).toMatch('Đã kết nối');

      // The server drops the staff socket: the page says so and reconnects by itself (with backoff).
      const wss = (server.app as unknown as { websocketServer: { clients: Set<{ terminate(): void }> } }).websocketServer;
      expect(wss.clients.size).toBeGreaterThan(0);
      for (const client of wss.clients) client.terminate();
      await text(page.locator('#conn')).toMatch('Mất kết nối');
      await text(page.locator('#conn')).toMatch('Đã kết nối');

      // A citizen asks the bot, rates, then asks for a person.
      c = await citizen(server);
      const { answer } = await c.ask('1', 'đổi bằng lái xe ở đâu');
      expect(answer.grounded).toBe(true);
      c.send({ type: 'feedback', answerId: answer.answerId, rating: 'up' });
      await c.waitFor((f) => f.type === 'ack' && f.ref === answer.answerId);
      c.send({ type: 'survey', score: 5 });
      await c.waitFor((f) => f.type === 'ack' && f.ref === 'survey');
      c.send({ type: 'handoff', reason: 'Bằng lái của tôi bị mất, cần hỏi thêm' });
      await c.waitFor((f) => f.type === 'handoff' && f.state === 'waiting');

      // It shows up in the queue in real time, with the reason and the conversation so far.
      const item = page.locator('#queue > li').filter({ hasText: 'Bằng lái của tôi bị mất' });
      await visible(item);
      await text(item.locator('.transcript')).toMatch('đổi bằng lái xe ở đâu');
      await count(item.locator('.transcript .msg.bot')).toBeGreaterThan(0);
      await text(item.locator('.wait')).toMatch('Đã chờ');
      await text(page.locator('#queue-count')).toBe('1');

      // Take it: the citizen is told, the chat opens with the send box focused.
      await item.getByRole('button', { name: /Nhận hỗ trợ/ }).click();
      await c.waitFor((f) => f.type === 'handoff' && f.state === 'taken');
      const chat = page.locator('#chats > .chat');
      await count(chat).toBe(1);
      await count(page.locator('#queue > li')).toBe(0);
      const box = chat.locator('textarea');
      await focused(box);

      // Staff → citizen, as a `staff` frame.
      await box.fill('Chào anh/chị, tôi là cán bộ Bộ phận Một cửa, tôi hỗ trợ ngay.');
      await box.press('Enter');
      const staffFrame = await c.waitFor((f) => f.type === 'staff');
      expect(staffFrame).toMatchObject({ type: 'staff', name: STAFF.name, text: 'Chào anh/chị, tôi là cán bộ Bộ phận Một cửa, tôi hỗ trợ ngay.' });
      await expect.poll(() => box.inputValue(), WAIT).toBe('');
      await text(chat.locator('.msg.staff')).toMatch('tôi hỗ trợ ngay');

      // Citizen → staff, in real time; markup in citizen text stays text.
      c.send({ type: 'ask', id: '2', text: 'Cảm ơn, tôi cần mang giấy tờ gì? <img src=x onerror=alert(1)>' });
      await c.waitFor((f) => f.type === 'ack' && f.ref === '2');
      await text(chat.locator('.msg.citizen').last()).toMatch('tôi cần mang giấy tờ gì? <img src=x onerror=alert(1)>');
      expect(await chat.locator('.transcript img').count()).toBe(0);
      expect(c.frames.some((f) => f.type === 'answer' && f.id === '2')).toBe(false);

      // Knowledge search for the desk.
      await page.locator('#search-q').fill('đổi bằng lái xe');
      await page.locator('#search-submit').click();
      const passages = page.locator('#passages > li');
      await visible(passages.first());
      expect(await passages.count()).toBeLessThanOrEqual(5);
      await text(passages.first().locator('h3')).toMatch(/giấy phép lái xe/i);
      await text(passages.first().locator('.score')).toMatch(/\d/);
      const link = passages.first().locator('h3 a');
      expect(await link.getAttribute('target')).toBe('_blank');
      expect(await link.getAttribute('rel')).toContain('noopener');
      expect(await link.getAttribute('href')).toMatch(/^https?:/);

      // The passage can be put into the reply box.
      await passages.first().getByRole('button', { name: /Đưa đoạn/ }).click();
      await focused(box);
      expect((await box.inputValue()).length).toBeGreaterThan(20);
      await box.fill('');

      // A second citizen joins the queue and leaves a phone number while the first is being helped.
      c2 = await citizen(server);
      await c2.ask('1', 'làm căn cước cho con dưới 14 tuổi');
      c2.send({ type: 'handoff', reason: 'Tôi không biết nộp hồ sơ trực tuyến cho con' });
      await c2.waitFor((f) => f.type === 'handoff' && f.state === 'waiting');
      c2.send({ type: 'callback', phone: '0912 345 678' });
      await c2.waitFor((f) => f.type === 'ack' && f.ref === 'callback');
      await visible(page.locator('#queue > li').filter({ hasText: 'nộp hồ sơ trực tuyến cho con' }));
      const cb = page.locator('#callbacks > li').filter({ hasText: 'nộp hồ sơ trực tuyến cho con' });
      await visible(cb);
      await text(cb.locator('.phone')).toMatch(/0912\s?345\s?678/);
      // Still waiting for a chat: it is answered from the queue, not marked as called back yet.
      await hidden(cb.getByRole('button', { name: /Đã gọi lại xong/ }));

      await page.screenshot({ path: path.join(ARTIFACTS, 'staff.png') });

      // Close: the citizen returns to the bot.
      page.once('dialog', (d) => void d.accept());
      await chat.getByRole('button', { name: /Kết thúc/ }).click();
      await c.waitFor((f) => f.type === 'handoff' && f.state === 'closed');
      await count(page.locator('#chats > .chat')).toBe(0);
      await visible(page.locator('#chats-empty'));
      const { answer: back } = await c.ask('3', 'làm hộ chiếu cần gì');
      expect(back.text.length).toBeGreaterThan(0);

      expect(await w.problems()).toEqual([]);

      // Logout returns to the login form; the API then says 401.
      await page.locator('#logout').click();
      await visible(page.locator('#login-form'));
      const me = await page.evaluate(() => fetch('/api/staff/me').then((r) => r.status));
      expect(me).toBe(401);
    } finally {
      c?.close();
      c2?.close();
      await w.context.close();
    }
  });

  it('staff: a phone number left outside a chat is listed and can be marked as called back', async () => {
    const w = await openPage();
    const c = await citizen(server);
    try {
      await w.page.goto(server.url + '/staff');
      await login(w.page, STAFF.username, STAFF.password);
      await text(w.page.locator('#conn')).toMatch('Đã kết nối');
      // A phone number without any chat (as after "ngoài giờ làm việc").
      c.send({ type: 'callback', phone: '0987.654.321' });
      await c.waitFor((f) => f.type === 'ack' && f.ref === 'callback');
      const cb = w.page.locator('#callbacks > li').filter({ hasText: '0987.654.321' });
      await visible(cb);
      expect(await cb.locator('a.phone').getAttribute('href')).toBe('tel:0987654321');
      w.page.once('dialog', (d) => void d.accept());
      await cb.getByRole('button', { name: /Đã gọi lại xong/ }).click();
      await count(cb).toBe(0);
      expect(await w.problems()).toEqual([]);
    } finally {
      c.close();
      await w.context.close();
    }
  });

  it('admin: a staff account is politely refused; the admin sees overview, documents, reindex, exports and audit', async () => {
    // A staff account on /admin.
    const s = await openPage();
    try {
      const res = await s.page.goto(server.url + '/admin');
      expect(res!.status()).toBe(200);
      expectStrictCsp(res!.headers()['content-security-policy']);
      await login(s.page, STAFF.username, STAFF.password);
      await visible(s.page.locator('#forbidden'));
      await text(s.page.locator('#forbidden')).toMatch('không có quyền');
      await hidden(s.page.locator('#app'));
      expect(await s.problems()).toEqual([]);
    } finally {
      await s.context.close();
    }

    const w = await openPage();
    const { page } = w;
    try {
      await page.goto(server.url + '/admin');
      await login(page, ADMIN.username, ADMIN.password);
      await visible(page.locator('#app'));
      await hidden(page.locator('#load-error'));

      // Overview: satisfaction by week (the earlier citizen rated 5 and thumbs-up), target, handoffs.
      await count(page.locator('#weeks > tr')).toBeGreaterThan(0);
      // One rating is not a rate: the table says so, with n (honest statistics).
      await text(page.locator('#weeks > tr').first()).toMatch('chưa đủ số liệu (n = 1)');
      expect(await page.locator('#weeks .bar-target').count()).toBe(0); // no bar drawn for a rate that is not given
      await text(page.locator('#sat-kpis')).toMatch('chưa đủ số liệu (n = 1)');
      expect(await page.locator('#sat-kpis').innerText()).not.toMatch(/Đạt mục tiêu/);
      // no tile gives a rate (the 95% interval beside it may well reach 100%)
      for (const value of await page.locator('#sat-kpis .value').allInnerTexts()) expect(value).not.toMatch(/\d%/);
      await text(page.locator('#sat-kpis')).toMatch(/khoảng tin cậy 95%: \d+–100%/);
      await count(page.locator('#top-questions > li')).toBeGreaterThan(0);
      await text(page.locator('#handoff-kpis')).toMatch('Tổng số yêu cầu');
      await count(page.locator('#recent-handoffs > tr')).toBeGreaterThan(0);

      // Documents with their dates.
      const docs = page.locator('#documents > tr');
      expect(await docs.count()).toBeGreaterThan(20);
      await text(page.locator('#documents')).toMatch('giay-phep-lai-xe');
      await text(page.locator('#index-info')).toMatch('tài liệu');

      // Reindex shows its result.
      await page.getByRole('button', { name: 'Dựng lại chỉ mục' }).click();
      await text(page.locator('#reindex-result')).toMatch('Đã dựng lại chỉ mục');
      await expect.poll(() => page.locator('#reindex').isEnabled(), WAIT).toBe(true);

      // CSV exports (same cookies as the page).
      for (const name of ['feedback.csv', 'unanswered.csv']) {
        const href = `/api/admin/export/${name}`;
        await visible(page.locator(`a[href="${href}"]`));
        const csv = await w.context.request.get(server.url + href);
        expect(csv.status()).toBe(200);
        expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
        expect((await csv.body()).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      }

      // The audit log shows who did what.
      await page.getByRole('button', { name: 'Làm mới số liệu' }).click();
      await text(page.locator('#audit')).toMatch(/Dựng lại chỉ mục/);
      await text(page.locator('#audit')).toMatch(ADMIN.username);
      await text(page.locator('#audit')).toMatch(/Nhận hỗ trợ người dân/);
      await text(page.locator('#audit')).toMatch(/Kết thúc hỗ trợ/);
      await text(page.locator('#audit')).toMatch(/Đã gọi lại cho người dân/);
      await text(page.locator('#audit')).toMatch(/Xuất dữ liệu CSV/);

      await page.screenshot({ path: path.join(ARTIFACTS, 'admin.png') });
      expect(await w.problems()).toEqual([]);
    } finally {
      await w.context.close();
    }
  });

  it('public statistics: numbers and topics, no login', async () => {
    const w = await openPage();
    const { page } = w;
    try {
      const res = await page.goto(server.url + '/thong-ke');
      expect(res!.status()).toBe(200);
      expectStrictCsp(res!.headers()['content-security-policy']);
      await visible(page.locator('#stats'));
      await text(page.locator('#month-title')).toMatch(/^Tháng \d{1,2}\/\d{4}$/);
      await text(page.locator('#answered-value')).toMatch(/^[1-9][\d.]*$/);
      await text(page.locator('#sat-value')).toMatch('Chưa đủ số liệu'); // one rating is not "100%"
      await text(page.locator('#sat-sub')).toMatch('n = 1');
      await count(page.locator('#topics > li')).toBeGreaterThan(0);
      await text(page.locator('main')).toMatch('Kế hoạch 110/KH-UBND');
      // No personal data: no phone number left by the citizen above.
      expect(await page.locator('body').innerText()).not.toMatch(/0912/);
      await page.screenshot({ path: path.join(ARTIFACTS, 'thong-ke.png') });
      expect(await w.problems()).toEqual([]);
    } finally {
      await w.context.close();
    }
  });
});
