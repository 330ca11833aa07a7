/**
 * Issue 12's desk and console in real Chromium against the real server, at a desktop (1280×800) and a
 * phone (360×740) size: the queue card's question and reason, call-backs with date, time and status,
 * canned replies (written on /admin, used on /staff), the feedback queue (filter, take, answer; the
 * citizen reads the answer by code), presence and delivery when the server reports them, the feedback
 * figures on /admin and /thong-ke, and axe-core on every page. Screenshots go to test-artifacts/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeSerious } from '../helpers/axe.js';
import { launchChromium } from '../helpers/browser.js';
import { REPO_ROOT, startServer, type TestServer } from '../helpers/server.js';
import { ADMIN_PASSWORD, STAFF_PASSWORD, staffAccountsEnv } from '../helpers/staff.js';
import { TestClient } from '../helpers/ws-client.js';

const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts');
const VIEWPORTS = [
  { name: '1280', size: { width: 1280, height: 800 } },
  { name: '360', size: { width: 360, height: 740 } },
] as const;
const WAIT = { timeout: 10_000, interval: 100 };

const visible = (l: Locator) => l.waitFor({ state: 'visible', timeout: WAIT.timeout });
const hidden = (l: Locator) => l.waitFor({ state: 'hidden', timeout: WAIT.timeout });
const text = (l: Locator) => expect.poll(() => l.innerText().catch(() => ''), WAIT);
const count = (l: Locator) => expect.poll(() => l.count(), WAIT);

let browser: Browser;
let server: TestServer;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchChromium();
  server = await startServer({ env: { STAFF_ACCOUNTS: await staffAccountsEnv(), OFFICE_HOURS: 'always', HANDOFF_WAIT_SECONDS: '600', FEEDBACK_RATE_LIMIT: '1000' } });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Watched {
  context: BrowserContext;
  page: Page;
  problems(): string[];
}

/** A fresh context (own cookies) at this size whose page records console errors and CSP violations. */
async function openPage(size: { width: number; height: number }): Promise<Watched> {
  const context = await browser.newContext({ viewport: size, locale: 'vi-VN', isMobile: size.width < 480, hasTouch: size.width < 480 });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/status of (400|401|403|404|409)/.test(msg.text())) problems.push(msg.text());
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  return { context, page, problems: () => problems };
}

async function signIn(page: Page, route: string, username: string, password: string): Promise<void> {
  await page.goto(server.url + route);
  await page.locator('#login-user').fill(username);
  await page.locator('#login-pass').fill(password);
  await page.locator('#login-submit').click();
  await visible(page.locator('#app'));
}

/** The API as an admin or staff member (cookie and CSRF token), outside any page. */
async function apiAs(username: string, password: string) {
  const login = await fetch(`${server.url}/api/staff/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  const { csrf } = await login.json();
  return async (method: string, url: string, body?: unknown) => {
    const res = await fetch(server.url + url, {
      method,
      headers: { cookie, 'x-csrf-token': csrf, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: res.status === 204 ? null : await res.json() };
  };
}

async function citizen(): Promise<TestClient> {
  const c = await TestClient.connect(server.wsUrl);
  c.send({ type: 'hello' });
  await c.waitFor((f) => f.type === 'ready');
  return c;
}

async function closeAllHandoffs(): Promise<void> {
  const admin = await apiAs('quantri', ADMIN_PASSWORD);
  const { body } = await admin('GET', '/api/staff/handoffs');
  for (const h of [...body.waiting, ...body.taken]) await admin('POST', `/api/staff/handoffs/${h.id}/close`);
  for (const h of body.callbacks) await admin('POST', `/api/staff/handoffs/${h.id}/close`);
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

describe.each(VIEWPORTS)('desk and console at $name px', ({ name, size }) => {
  it('desk: each card leads with the question and the reason; call-backs with date, time and status; a canned reply goes to the citizen', async () => {
    await closeAllHandoffs();
    const admin = await apiAs('quantri', ADMIN_PASSWORD);
    const cannedText = `Chào anh/chị, tôi là cán bộ Bộ phận Một cửa (${name}).`;
    expect((await admin('POST', '/api/admin/canned-replies', { title: `Lời chào ${name}`, text: cannedText })).status).toBe(201);

    const w = await openPage(size);
    const { page } = w;
    const clients: TestClient[] = [];
    try {
      await signIn(page, '/staff', 'canbo', STAFF_PASSWORD);
      await text(page.locator('#conn')).toMatch('Đã kết nối');

      // Without a reason: the question is shown, and only then "không ghi lý do".
      const a = await citizen();
      clients.push(a);
      await a.ask('1', 'đổi bằng lái xe ở đâu');
      a.send({ type: 'handoff' });
      await a.waitFor((f) => f.type === 'handoff' && f.state === 'waiting');
      const cardA = page.locator('#queue > li').filter({ hasText: 'đổi bằng lái xe ở đâu' });
      await visible(cardA);
      await text(cardA.locator('.question')).toBe('Câu hỏi: “đổi bằng lái xe ở đâu”');
      await text(cardA.locator('.reason')).toMatch('không ghi lý do');

      // With a reason: the reason, and never "không ghi lý do".
      const b = await citizen();
      clients.push(b);
      await b.ask('1', 'làm căn cước cho con dưới 14 tuổi');
      b.send({ type: 'handoff', reason: 'Tôi không biết nộp hồ sơ trực tuyến cho con' });
      await b.waitFor((f) => f.type === 'handoff' && f.state === 'waiting');
      const cardB = page.locator('#queue > li').filter({ hasText: 'nộp hồ sơ trực tuyến cho con' });
      await visible(cardB);
      await text(cardB.locator('.question')).toMatch('làm căn cước cho con dưới 14 tuổi');
      await text(cardB.locator('.reason')).toBe('Lý do: Tôi không biết nộp hồ sơ trực tuyến cho con');

      // A number left outside a chat: date and time in full, and what to do.
      const c = await citizen();
      clients.push(c);
      c.send({ type: 'callback', phone: '0987.654.321' });
      await c.waitFor((f) => f.type === 'ack' && f.ref === 'callback');
      const cb = page.locator('#callbacks > li').filter({ hasText: '0987.654.321' });
      await visible(cb);
      await text(cb.locator('.when')).toMatch(/^Để lại số lúc \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/);
      await text(cb.locator('.badge')).toBe('Cần gọi lại');
      await text(cb).not.toMatch('Lý do: callback');
      await text(cb.locator('.reason')).toMatch('để được gọi lại');

      await shot(page, `desk-queue-${name}`);

      // Take the first; a canned reply goes into the box and, sent, reaches the citizen.
      await cardA.getByRole('button', { name: /Nhận hỗ trợ/ }).click();
      await a.waitFor((f) => f.type === 'handoff' && f.state === 'taken');
      const chat = page.locator('#chats > .chat');
      await count(chat).toBe(1);
      await text(chat.locator('.question')).toBe('Câu hỏi: “đổi bằng lái xe ở đâu”');
      const select = chat.locator('.canned select');
      await select.focus();
      await select.selectOption({ label: `Lời chào ${name}` });
      await text(chat.locator('.canned-preview')).toBe(cannedText);
      await chat.getByRole('button', { name: /Chèn câu trả lời mẫu/ }).click();
      const box = chat.locator('textarea');
      await expect.poll(() => box.inputValue(), WAIT).toBe(cannedText);
      await box.press('Enter');
      expect(await a.waitFor((f) => f.type === 'staff')).toMatchObject({ type: 'staff', text: cannedText });
      await text(chat.locator('.msg.staff')).toMatch(cannedText);

      await shot(page, `desk-chat-${name}`);
      expect(await axeSerious(page)).toEqual([]);
      expect(w.problems()).toEqual([]);
    } finally {
      for (const c of clients) c.close();
      await w.context.close();
    }
  });

  it('feedback queue on /staff: filter, take, answer with a canned reply; the citizen reads the answer by code', async () => {
    const admin = await apiAs('quantri', ADMIN_PASSWORD);
    const cannedText = `Cảm ơn anh/chị đã góp ý; Bộ phận Một cửa đã ghi nhận (${name}).`;
    await admin('POST', '/api/admin/canned-replies', { title: `Cảm ơn góp ý ${name}`, text: cannedText });
    const sent = await fetch(`${server.url}/api/feedback-requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'complaint', text: `Trang nộp hồ sơ báo lỗi khi tải ảnh (${name})` }),
    });
    expect(sent.status).toBe(201);
    const { code } = await sent.json();

    const w = await openPage(size);
    const { page } = w;
    try {
      await signIn(page, '/staff', 'canbo', STAFF_PASSWORD);
      const item = page.locator('#fq li.fq').filter({ hasText: code });
      await visible(item);
      await text(item.locator('h3')).toBe(`Phản ánh · mã ${code}`);
      await text(item.locator('.badges')).toMatch('Mới');

      // "Only mine" hides it until taken.
      await page.locator('#fq-mine').check();
      await hidden(item);
      await page.locator('#fq-mine').uncheck();
      await visible(item);
      await item.getByRole('button', { name: `Nhận xử lý góp ý mã ${code}` }).click();
      await text(item.locator('.badges')).toMatch('Đang xử lý');
      await text(item.locator('.hint').first()).toMatch('Người xử lý: canbo');

      await shot(page, `feedback-staff-${name}`);

      const select = item.locator('.canned select');
      await select.focus();
      await select.selectOption({ label: `Cảm ơn góp ý ${name}` });
      await item.getByRole('button', { name: /Chèn câu trả lời mẫu/ }).click();
      await expect.poll(() => item.locator('textarea').inputValue(), WAIT).toBe(cannedText);
      await item.getByRole('button', { name: 'Gửi trả lời' }).click();
      // Answered items leave the default filter ("chưa trả lời")…
      await hidden(item);
      await text(page.locator('#fq [role=status]')).toMatch(`Đã gửi trả lời cho mã ${code}`);
      // …and show under "Đã trả lời" with the reply.
      await page.locator('#fq-filter').selectOption('answered');
      await visible(item);
      await text(item.locator('.badges')).toMatch('Đã trả lời');
      expect(await item.locator('textarea').inputValue()).toBe(cannedText);

      // The citizen reads the answer by code (no personal data).
      const lookup = await (await fetch(`${server.url}/api/public/feedback/${code}`)).json();
      expect(lookup).toMatchObject({ code, status: 'answered', reply: cannedText });

      expect(await axeSerious(page)).toEqual([]);
      expect(w.problems()).toEqual([]);
    } finally {
      await w.context.close();
    }
  });

  it('admin: canned replies written and edited; the feedback queue by month, assigned and re-dated; audit', async () => {
    const sent = await fetch(`${server.url}/api/feedback-requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'suggestion', text: `Nên có hướng dẫn bằng tiếng Thái (${name})` }),
    });
    const { code } = await sent.json();
    const w = await openPage(size);
    const { page } = w;
    try {
      await signIn(page, '/admin', 'quantri', ADMIN_PASSWORD);
      await hidden(page.locator('#load-error'));

      // Canned replies: add, edit, then it is listed with its new text.
      const title = `Giờ làm việc ${name}`;
      await page.locator('#canned-name').fill(title);
      await page.locator('#canned-text').fill('Bộ phận Một cửa làm việc trong giờ hành chính.');
      await page.locator('#canned-save').click();
      const row = page.locator('#canned-list > tr').filter({ hasText: title });
      await visible(row);
      await row.getByRole('button', { name: `Sửa câu mẫu “${title}”` }).click();
      await expect.poll(() => page.locator('#canned-name').inputValue(), WAIT).toBe(title);
      await page.locator('#canned-text').fill('Bộ phận Một cửa làm việc các ngày trong tuần theo giờ hành chính.');
      await page.locator('#canned-save').click();
      await text(row).toMatch('các ngày trong tuần');
      await text(page.locator('#canned-status')).toMatch('Đã lưu');

      // The queue's figures: counts, and the month with received items but too few for a rate.
      await text(page.locator('#fq-kpis')).toMatch('Mới, chưa ai nhận');
      const month = page.locator('#fq-months tbody tr').first();
      await text(month).toMatch(/^Tháng \d{1,2}\/\d{4}/);
      await text(month).toMatch('chưa đủ số liệu (n = ');

      // Assign to a staff member and move the due date.
      const item = page.locator('#fq li.fq').filter({ hasText: code });
      await visible(item);
      await item.getByLabel('Giao cho (tên đăng nhập)').fill('canbo');
      await item.getByRole('button', { name: 'Giao việc' }).click();
      await text(page.locator('#fq li.fq').filter({ hasText: code }).locator('.hint').first()).toMatch('Người xử lý: canbo');
      const again = page.locator('#fq li.fq').filter({ hasText: code });
      await again.getByLabel('Hạn trả lời').fill('2026-12-31');
      await again.getByRole('button', { name: 'Đổi hạn' }).click();
      await text(page.locator('#fq li.fq').filter({ hasText: code }).locator('.hint').first()).toMatch('Hạn trả lời 31/12/2026');
      // An unknown account is refused with the server's reason, next to the item.
      const third = page.locator('#fq li.fq').filter({ hasText: code });
      await third.getByLabel('Giao cho (tên đăng nhập)').fill('khong-co-ai');
      await third.getByRole('button', { name: 'Giao việc' }).click();
      await text(third.locator('.error')).toMatch('Không có tài khoản cán bộ này');

      await page.getByRole('button', { name: 'Làm mới số liệu' }).click();
      await text(page.locator('#audit')).toMatch('Thêm câu trả lời mẫu');
      await text(page.locator('#audit')).toMatch('Sửa câu trả lời mẫu');
      await text(page.locator('#audit')).toMatch('Giao góp ý');
      await text(page.locator('#audit')).toMatch('Đổi hạn trả lời góp ý');

      await shot(page, `admin-${name}`);
      expect(await axeSerious(page)).toEqual([]);
      expect(w.problems()).toEqual([]);
    } finally {
      await w.context.close();
    }
  });

  it('/thong-ke: the feedback received, answered, on time and the median time to answer, by month, with honest shares', async () => {
    const w = await openPage(size);
    const { page } = w;
    try {
      await page.goto(`${server.url}/thong-ke`);
      await visible(page.locator('#stats'));
      await text(page.locator('#fq-summary')).toMatch(/^Tháng này đã nhận \d+ góp ý, phản ánh; đã trả lời [1-9]\d*, trong đó \d+ đúng hạn; tỉ lệ đã trả lời chưa đủ số liệu \(n = \d+\)\./);
      await text(page.locator('#fq-summary')).toMatch('Thời gian trả lời (trung vị)');
      const month = page.locator('#fq-months tbody tr').first();
      await text(month).toMatch(/^Tháng \d{1,2}\/\d{4}/);
      await text(month).toMatch('chưa đủ số liệu (n = ');
      await text(page.locator('#sat-value')).toBe('Chưa đủ số liệu');
      await shot(page, `thong-ke-${name}`);
      expect(await axeSerious(page)).toEqual([]);
      expect(w.problems()).toEqual([]);
    } finally {
      await w.context.close();
    }
  });
});

describe.each(VIEWPORTS)('presence and delivery (store-and-forward) at $name px', ({ name, size }) => {
  it('shows whether the citizen has the chat open and whether each staff message reached them', async () => {
    await closeAllHandoffs();
    const staff = await apiAs('canbo', STAFF_PASSWORD);
    const a = await citizen();
    await a.ask('1', 'làm hộ chiếu cần gì');
    a.send({ type: 'handoff', reason: `hỏi thêm về hộ chiếu (${name})` });
    await a.waitFor((f) => f.type === 'handoff' && f.state === 'waiting');
    const { body } = await staff('GET', '/api/staff/handoffs');
    const h = body.waiting.find((x: { reason: string }) => x.reason === `hỏi thêm về hộ chiếu (${name})`);
    expect(h.citizenOnline).toBe(true);
    const w = await openPage(size);
    const { page } = w;
    try {
      await signIn(page, '/staff', 'canbo', STAFF_PASSWORD);
      const card = page.locator('#queue > li').filter({ hasText: `hỏi thêm về hộ chiếu (${name})` });
      await card.getByRole('button', { name: /Nhận hỗ trợ/ }).click();
      const chat = page.locator('#chats > .chat').filter({ hasText: `hỏi thêm về hộ chiếu (${name})` });
      await text(chat.locator('.presence')).toBe('Người dân đang mở trò chuyện');
      await chat.locator('textarea').fill('Anh/chị chờ tôi một chút.');
      await chat.locator('textarea').press('Enter');
      await a.waitFor((f) => f.type === 'staff');
      await text(chat.locator('.msg.staff .delivery').last()).toBe('Người dân đã nhận');
      // The citizen leaves: offline, and a message waits for them.
      a.close();
      await text(chat.locator('.presence')).toMatch('đã rời trang');
      await chat.locator('textarea').fill('Khi nào anh/chị quay lại thì đọc tin này.');
      await chat.locator('textarea').press('Enter');
      await text(chat.locator('.msg.staff .delivery').last()).toMatch('Chưa tới người dân');
      await shot(page, `desk-presence-${name}`);
      expect(await axeSerious(page)).toEqual([]);
      // They come back: the waiting message reaches them, and the desk sees it.
      const back = await TestClient.connect(server.wsUrl);
      back.send({ type: 'hello', sessionId: h.sessionId });
      await back.waitFor((f) => f.type === 'staff' && f.text === 'Khi nào anh/chị quay lại thì đọc tin này.');
      back.close();
      await text(chat.locator('.msg.staff .delivery').last()).toBe('Người dân đã nhận');
      expect(w.problems()).toEqual([]);
    } finally {
      await w.context.close();
    }
  });
});
