import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.js';
import { REPO_ROOT, startServer, type TestServer } from '../helpers/server.js';
import { STAFF_PASSWORD, staffAccountsEnv } from '../helpers/staff.js';
import { axeWidget, openWidgetPage, type WidgetPage } from '../helpers/widget-page.js';
import { TestClient } from '../helpers/ws-client.js';

/**
 * The citizen's side of issue 12 in real Chromium against the real server: an answer shown from its
 * beginning, the survey as a quiet card, waiting for a person, góp ý → reply → look-up by code, the
 * hours in words and a tap-to-call hotline, voice input, a new conversation, English. Phone screenshots land
 * in test-artifacts/ (phone-*.png); axe-core finds no serious or critical problem in the widget.
 */

const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts');
const T = 20_000;
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };

let browser: Browser;
let server: TestServer;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchChromium();
  server = await startServer({ env: { STAFF_ACCOUNTS: await staffAccountsEnv(), OFFICE_HOURS: 'always', HANDOFF_WAIT_SECONDS: '600' } });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const bubble = (page: Page) => page.getByRole('button', { name: 'Mở hộp hỏi đáp với Trợ lý Dịch vụ công' });
const input = (page: Page) => page.getByRole('textbox', { name: 'Câu hỏi của bà con' });
const transcript = (page: Page) => page.getByRole('region', { name: 'Nội dung hỏi đáp' });
const menuItem = async (page: Page, name: string) => {
  if ((await page.getByRole('button', { name: 'Thêm' }).getAttribute('aria-expanded')) !== 'true') await page.getByRole('button', { name: 'Thêm' }).click();
  await page.getByRole('button', { name }).click();
};

async function open(w: WidgetPage, url = server.url): Promise<void> {
  await w.page.goto(url);
  await bubble(w.page).click({ timeout: T });
  await w.waitForFrame(w.received, (f) => f.type === 'ready');
}

async function ask(w: WidgetPage, text: string) {
  const before = w.received.filter((f) => f.type === 'answer').length;
  await input(w.page).fill(text);
  await input(w.page).press('Enter');
  return w.waitForFrame(w.received, (f) => f.type === 'answer' && w.received.filter((x) => x.type === 'answer').indexOf(f) === before);
}

/** Where the latest answer starts and ends relative to the visible part of the log, and the log's scroll position. */
const latestAnswerBox = (page: Page) =>
  page.evaluate(() => {
    const root = document.querySelector('dvc-chat')!.shadowRoot!;
    const log = root.querySelector('.log') as HTMLElement;
    const answers = root.querySelectorAll('.msg.bot');
    const el = answers[answers.length - 1] as HTMLElement;
    const l = log.getBoundingClientRect();
    const a = el.getBoundingClientRect();
    return { top: a.top - l.top, bottom: a.bottom - l.top, height: a.height, logHeight: l.height, scrollTop: log.scrollTop };
  });

async function shot(page: Page, name: string): Promise<void> {
  const png = await page.screenshot({ path: path.join(ARTIFACTS, name) });
  expect(png.length).toBeGreaterThan(10_000);
}

describe('an answer arrives', () => {
  for (const [label, viewport] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
    it(`is shown from its beginning, in 16 px text, with short chips and a labelled text-size control (${viewport.width}×${viewport.height})`, async () => {
      const w = await openWidgetPage(browser, viewport, { bypassCSP: true });
      const { page } = w;
      try {
        await open(w);
        const answer = await ask(w, 'dang ky khai sinh can giay to gi');
        await transcript(page).locator('.msg.bot .sources').last().waitFor({ timeout: T });
        const box = await latestAnswerBox(page);
        // The beginning of the answer is at the top of the view (a line of the question above it), not scrolled past.
        expect(box.top).toBeGreaterThanOrEqual(0);
        expect(box.top).toBeLessThan(80);
        if (label === 'phone') expect(box.height).toBeGreaterThan(box.logHeight); // long enough that showing its end would hide its start
        await shot(page, `${label}-answer-arriving.png`);

        const sizes = await page.evaluate(() => {
          const root = document.querySelector('dvc-chat')!.shadowRoot!;
          const px = (sel: string) => parseFloat(getComputedStyle(root.querySelector(sel)!).fontSize);
          return { body: px('.msg.bot .body'), source: px('.sources a'), who: px('.who'), privacy: px('.privacy'), note: px('.auto-note') };
        });
        expect(sizes.body).toBe(16);
        expect(sizes.source).toBeGreaterThanOrEqual(16);
        for (const small of [sizes.who, sizes.privacy, sizes.note]) expect(small).toBeGreaterThanOrEqual(14);

        // The text-size control says what it is, on the button itself; larger text is 20 px.
        const size = page.getByRole('button', { name: 'Chữ to' });
        expect((await size.innerText()).trim()).toBe('Chữ to');
        await size.click();
        expect(await size.getAttribute('aria-pressed')).toBe('true');
        expect(await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('dvc-chat')!.shadowRoot!.querySelector('.msg.bot .body')!).fontSize))).toBe(20);
        await size.click();

        // One line says the answers are automatic and where they come from; the privacy line does not forbid the call-back number.
        await transcript(page).getByText('Câu trả lời do máy tự động soạn từ tài liệu hướng dẫn thủ tục hành chính').waitFor({ timeout: T });
        const privacy = await page.locator('.privacy').innerText();
        expect(privacy).toContain('ô gọi lại');
        expect(privacy).not.toMatch(/không nhập số[^.]*điện thoại/i);

        // Follow-up chips name their shared topic once, in the group's label, and ask the full question.
        const followUps = answer.followUps as string[];
        const topic = /^(.{3,80}?):\s/.exec(followUps[0] ?? '')?.[1];
        if (topic && followUps.every((q) => q.startsWith(`${topic}: `))) {
          const group = page.getByRole('group', { name: `Hỏi tiếp về ${topic}` });
          await group.waitFor({ timeout: T });
          for (const chip of await group.getByRole('button').all()) expect(await chip.innerText()).not.toContain(topic);
          await group.getByRole('button').first().click();
          await w.waitForFrame(w.sent, (f) => f.type === 'ask' && f.text === followUps[0]);
        }

        expect(await axeWidget(page)).toEqual([]);
        expect(w.consoleErrors).toEqual([]);
      } finally {
        await w.context.close();
      }
    }, 90_000);
  }
});

describe('the satisfaction survey', () => {
  it('waits until the latest answer has been read, then comes as a quiet card that does not move the view', async () => {
    const w = await openWidgetPage(browser, PHONE);
    const { page } = w;
    try {
      await open(w);
      await ask(w, 'Cách tạo tài khoản định danh VNeID?');
      await ask(w, 'dang ky khai sinh can giay to gi');
      await page.locator('.msg.bot .sources').last().waitFor({ timeout: T });
      // The second answer's end is below the fold: not read yet, so no survey, even after a while.
      const box = await latestAnswerBox(page);
      expect(box.bottom).toBeGreaterThan(box.logHeight);
      await page.waitForTimeout(5500);
      expect(await page.locator('.msg.survey').count()).toBe(0);

      // The citizen scrolls to the end of the answer (reads it); a few seconds later the card is there, and the view has not moved.
      const end = await page.evaluate(() => {
        const log = document.querySelector('dvc-chat')!.shadowRoot!.querySelector('.log') as HTMLElement;
        log.scrollTop = log.scrollHeight;
        return log.scrollTop;
      });
      await page.locator('.msg.survey').waitFor({ state: 'attached', timeout: T });
      expect(await page.evaluate(() => (document.querySelector('dvc-chat')!.shadowRoot!.querySelector('.log') as HTMLElement).scrollTop)).toBe(end);
      await page.locator('.msg.survey').scrollIntoViewIfNeeded();
      await shot(page, 'phone-survey.png');
      await page.getByRole('button', { name: '4 trên 5' }).click();
      await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
      await w.waitForFrame(w.received, (f) => f.type === 'ack' && f.ref === 'survey');
      await transcript(page).getByText('Cảm ơn bà con đã đánh giá!').waitFor({ timeout: T });
      expect(await w.violations()).toEqual([]);
    } finally {
      await w.context.close();
    }
  }, 90_000);
});

describe('waiting for a person', () => {
  it('shows the place in the queue and the expected wait, never sends the request twice, and "Kết thúc trò chuyện" ends it', async () => {
    const staff = await staffSession();
    // Three earlier requests taken (for an expected wait), and one citizen waiting ahead.
    for (let i = 0; i < 3; i++) {
      const earlier = await citizenSocket();
      earlier.send({ type: 'handoff' });
      await earlier.waitFor((f) => f.type === 'handoff' && f.state === 'waiting');
      const { waiting } = await staff.get('/api/staff/handoffs');
      await staff.post(`/api/staff/handoffs/${waiting[0].id}/take`);
      await staff.post(`/api/staff/handoffs/${waiting[0].id}/close`);
      earlier.close();
    }
    const ahead = await citizenSocket();
    ahead.send({ type: 'handoff' });
    await ahead.waitFor((f) => f.type === 'handoff' && f.state === 'waiting');

    const w = await openWidgetPage(browser, PHONE, { bypassCSP: true });
    const { page } = w;
    try {
      await open(w);
      await page.getByRole('button', { name: 'Gặp cán bộ hỗ trợ' }).click();
      await w.waitForFrame(w.received, (f) => f.type === 'handoff' && f.state === 'waiting');
      const bar = page.locator('.handoff-bar');
      await bar.getByText('Bà con đang ở vị trí số 2 trong hàng chờ').waitFor({ timeout: T });
      await bar.getByText('Dự kiến chờ khoảng 1 phút').waitFor({ timeout: T });
      expect(await page.getByRole('button', { name: 'Gặp cán bộ hỗ trợ' }).count()).toBe(0); // nothing to press twice
      await shot(page, 'phone-waiting-for-person.png');
      expect(await axeWidget(page)).toEqual([]);

      // The one ahead is taken: this citizen moves up, told in the bar, not by another message.
      const deskMessages = await page.locator('.msg.staff').count();
      const { waiting } = await staff.get('/api/staff/handoffs');
      await staff.post(`/api/staff/handoffs/${waiting[0].id}/take`);
      await bar.getByText('Bà con đang ở vị trí số 1 trong hàng chờ').waitFor({ timeout: T });
      expect(await page.locator('.msg.staff').count()).toBe(deskMessages);
      expect(w.sent.filter((f) => f.type === 'handoff')).toHaveLength(1);

      await page.getByRole('button', { name: 'Kết thúc trò chuyện' }).click();
      await w.waitForFrame(w.sent, (f) => f.type === 'end');
      await w.waitForFrame(w.received, (f) => f.type === 'handoff' && f.state === 'closed');
      expect((await staff.get('/api/staff/handoffs')).waiting).toEqual([]);
      await page.getByRole('button', { name: 'Gặp cán bộ hỗ trợ' }).waitFor({ timeout: T });
      await page.getByText('Bà con có hài lòng với sự hỗ trợ hôm nay không?').waitFor({ timeout: T }); // asked on ending
      expect(w.consoleErrors).toEqual([]);
    } finally {
      ahead.close();
      await w.context.close();
    }
  }, 90_000);
});

describe('feedback handled in the open', () => {
  it('a góp ý goes from the widget to the desk’s reply and back by its code; /api/public/stats counts it handled', async () => {
    const w = await openWidgetPage(browser, PHONE, { bypassCSP: true });
    const { page } = w;
    const staff = await staffSession();
    try {
      await open(w);
      await menuItem(page, 'Gửi góp ý, phản ánh');
      await page.getByRole('radio', { name: 'Phản ánh' }).check();
      await page.getByRole('textbox', { name: 'Nội dung' }).fill('Tôi nộp hồ sơ khai sinh trực tuyến 5 ngày chưa thấy trả lời.');
      const contact = page.getByRole('textbox', { name: 'Số điện thoại hoặc email để cán bộ liên hệ (không bắt buộc)' });
      await contact.fill('nhà tôi ở bản Mòng'); // neither a phone nor an email
      await page.getByRole('button', { name: 'Gửi góp ý' }).click();
      await page.getByText('Nội dung cần ít nhất 5 chữ; số điện thoại hoặc email cần đúng dạng.').waitFor({ timeout: T });
      expect(w.sent.some((f) => f.type === 'feedback_request')).toBe(false);
      await contact.fill('0912 345 678');
      await page.getByRole('button', { name: 'Gửi góp ý' }).click();
      const ack = await w.waitForFrame(w.received, (f) => f.type === 'ack' && f.ref === 'feedback_request');
      const code = String(ack.code);
      expect(w.sent.find((f) => f.type === 'feedback_request')).toMatchObject({ kind: 'complaint', contact: '0912 345 678' });
      await transcript(page).locator('.code').getByText(code).waitFor({ timeout: T });
      expect(await axeWidget(page)).toEqual([]);

      // The desk answers it through the staff API.
      const { items } = await staff.get('/api/staff/feedback?kind=complaint');
      const item = items.find((i: { code: string }) => i.code === code);
      expect(item).toMatchObject({ status: 'new', contact: '0912 345 678' });
      await staff.post(`/api/staff/feedback/${item.id}/reply`, { text: 'Hồ sơ của bà con đã được duyệt ngày 28/11. Mời bà con nhận kết quả tại **Bộ phận Một cửa** xã.' });

      // A wrong code first (the form comes back), then the right one, filled in from this conversation.
      await menuItem(page, 'Tra cứu góp ý đã gửi');
      const field = page.getByRole('textbox', { name: 'Mã theo dõi' }).last();
      expect(await field.inputValue()).toBe(code);
      await field.fill(code.slice(0, -1) + (code.endsWith('0') ? '1' : '0'));
      await page.getByRole('button', { name: 'Tra cứu', exact: true }).last().click();
      await transcript(page).getByText('Không tìm thấy mã theo dõi này.', { exact: false }).waitFor({ timeout: T });
      await field.fill(code.toLowerCase());
      await page.getByRole('button', { name: 'Tra cứu', exact: true }).last().click();
      await w.waitForFrame(w.received, (f) => f.type === 'feedback_status');
      const result = page.locator('.lookup-result').last();
      await result.getByText('Đã trả lời').waitFor({ timeout: T });
      await result.getByText('Mời bà con nhận kết quả tại').waitFor({ timeout: T });
      expect(await result.locator('strong').innerText()).toBe('Bộ phận Một cửa');
      expect(await result.innerText()).not.toMatch(/0912|chưa thấy trả lời/);
      await result.scrollIntoViewIfNeeded();
      await shot(page, 'phone-feedback-lookup.png');
      expect(await axeWidget(page)).toEqual([]);

      const stats = await (await fetch(`${server.url}/api/public/stats`)).json();
      expect(stats.feedbackQueue[0].received).toBeGreaterThanOrEqual(1);
      expect(stats.feedbackQueue[0].answered).toBeGreaterThanOrEqual(1);
      expect(stats.feedbackQueue[0].handled).toMatchObject({ enoughData: false, text: expect.stringMatching(/^chưa đủ số liệu \(n = \d+\)$/) });
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.context.close();
    }
  }, 90_000);
});

describe('outside office hours, voice input, a new conversation', () => {
  it('says the hours in words and offers the hotline as a tap-to-call link', async () => {
    // Open one minute a week, on Saturday night: practically always closed.
    const closed = await startServer({ env: { STAFF_ACCOUNTS: await staffAccountsEnv(), OFFICE_HOURS: 'Sat 23:58-23:59' } });
    const w = await openWidgetPage(browser, PHONE);
    try {
      await open(w, closed.url);
      await w.page.getByRole('button', { name: 'Gặp cán bộ hỗ trợ' }).click();
      await w.waitForFrame(w.received, (f) => f.type === 'handoff' && f.state === 'unavailable');
      const desk = w.page.locator('.msg.staff').last();
      await desk.getByText('thứ Bảy: tối từ 23 giờ 58 đến 23 giờ 59', { exact: false }).waitFor({ timeout: T });
      expect(await desk.innerText()).not.toContain('Sat');
      const call = desk.getByRole('link', { name: 'Gọi tổng đài 1800 1096' });
      expect(await call.getAttribute('href')).toBe('tel:18001096');
      // And always from the menu, with the hours.
      await w.page.getByRole('button', { name: 'Thêm' }).click();
      const menu = w.page.getByRole('group', { name: 'Thêm lựa chọn' });
      expect(await menu.getByRole('link', { name: 'Gọi tổng đài 1800 1096' }).getAttribute('href')).toBe('tel:18001096');
      await menu.getByText('Cán bộ trực: thứ Bảy: tối từ 23 giờ 58 đến 23 giờ 59.').waitFor({ timeout: T });
    } finally {
      await w.context.close();
      await closed.close();
    }
  }, 60_000);

  it('voice input writes what was said into the question box where the browser can listen, and is absent where it cannot', async () => {
    const listening = await openWidgetPage(browser, PHONE, {
      init: () => {
        class FakeRecognition {
          lang = '';
          interimResults = false;
          continuous = false;
          onresult: ((ev: unknown) => void) | null = null;
          onerror: ((ev: unknown) => void) | null = null;
          onend: (() => void) | null = null;
          start() {
            (window as unknown as { __lang: string }).__lang = this.lang;
            setTimeout(() => {
              const alt = { transcript: 'làm căn cước ở đâu' };
              this.onresult?.({ results: [Object.assign([alt], { isFinal: true })] });
              this.onend?.();
            }, 50);
          }
          stop() {
            this.onend?.();
          }
        }
        // Both names: recent Chromium has the unprefixed one too (which, without Google's service, cannot hear).
        Object.assign(window, { SpeechRecognition: FakeRecognition, webkitSpeechRecognition: FakeRecognition });
      },
    });
    const deaf = await openWidgetPage(browser, PHONE, {
      init: () => {
        delete (window as unknown as { webkitSpeechRecognition?: unknown }).webkitSpeechRecognition;
        delete (window as unknown as { SpeechRecognition?: unknown }).SpeechRecognition;
      },
    });
    try {
      await open(listening);
      await listening.page.getByRole('button', { name: 'Nói câu hỏi' }).click();
      await expect.poll(() => input(listening.page).inputValue()).toBe('làm căn cước ở đâu');
      expect(await listening.page.evaluate(() => (window as unknown as { __lang: string }).__lang)).toBe('vi-VN');
      await open(deaf);
      await input(deaf.page).waitFor({ timeout: T });
      expect(await deaf.page.getByRole('button', { name: 'Nói câu hỏi' }).count()).toBe(0);
    } finally {
      await listening.context.close();
      await deaf.context.close();
    }
  }, 60_000);

  it('"Cuộc trò chuyện mới" forgets the transcript on a shared phone and starts a new session', async () => {
    const w = await openWidgetPage(browser, PHONE);
    const { page } = w;
    try {
      await open(w);
      const first = w.received.find((f) => f.type === 'ready')!;
      await ask(w, 'Tôi muốn hỏi về giấy phép lái xe hạng A1');
      await menuItem(page, 'Cuộc trò chuyện mới');
      const hello = await w.waitForFrame(w.sent, (f) => f.type === 'hello' && w.sent.filter((x) => x.type === 'hello').indexOf(f) === 1);
      expect(hello.sessionId).toBeUndefined();
      const ready = await w.waitForFrame(w.received, (f) => f.type === 'ready' && f.sessionId !== first.sessionId);
      expect(ready.sessionId).toMatch(/^[0-9a-f-]{36}$/);
      expect(await page.locator('.msg.user').count()).toBe(0);
      expect(await page.evaluate(() => Object.keys(sessionStorage).map((k) => sessionStorage.getItem(k)).join('\n'))).not.toContain('giấy phép lái xe hạng A1');
      await ask(w, 'đổi bằng lái xe ở đâu');
      expect(w.sent.filter((f) => f.type === 'hello').at(-1)?.sessionId).toBeUndefined();
    } finally {
      await w.context.close();
    }
  }, 60_000);
});

describe('languages', () => {
  it('the citizen chooses English in "Thêm": the widget, the bot’s own replies and the server’s messages follow, after a reload too, and back to Vietnamese', async () => {
    const w = await openWidgetPage(browser, PHONE);
    const { page } = w;
    try {
      await open(w);
      await page.getByRole('button', { name: 'Thêm' }).click();
      const choice = page.getByRole('group', { name: 'Ngôn ngữ' });
      expect(await choice.getByRole('button', { name: 'Tiếng Việt' }).getAttribute('aria-pressed')).toBe('true');
      await choice.getByRole('button', { name: 'English' }).click();
      await w.waitForFrame(w.sent, (f) => f.type === 'hello' && f.lang === 'en');
      await page.getByRole('textbox', { name: 'Your question' }).waitFor({ timeout: T });
      expect(await page.evaluate(() => document.querySelector('dvc-chat')!.shadowRoot!.querySelector('.root')!.getAttribute('lang'))).toBe('en');
      // The bot's own replies (from the catalogue) are in English too.
      const box = page.getByRole('textbox', { name: 'Your question' });
      await box.fill('xin chào');
      await box.press('Enter');
      const greeting = await w.waitForFrame(w.received, (f) => f.type === 'answer' && f.status === 'greeting');
      expect(greeting.text).toMatch(/^Hello! I am the Public Service Assistant\./);
      await page.locator('.msg.bot', { hasText: 'What would you like to ask? For example: registering a birth' }).waitFor({ timeout: T });
      await shot(page, 'phone-english.png');
      await page.getByRole('button', { name: 'Talk to an officer' }).click();
      const waiting = await w.waitForFrame(w.received, (f) => f.type === 'handoff' && f.state === 'waiting');
      expect(waiting.message).toMatch(/^Your request has been passed to the officers/);
      await page.getByText('You are number 1 in the queue').waitFor({ timeout: T });
      await page.getByRole('button', { name: 'End the conversation' }).click();
      await w.waitForFrame(w.received, (f) => f.type === 'handoff' && f.state === 'closed');

      await page.reload();
      await page.getByRole('textbox', { name: 'Your question' }).waitFor({ timeout: T });
      await page.getByRole('button', { name: 'More' }).click();
      await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Tiếng Việt' }).click();
      await input(page).waitFor({ timeout: T });
      await page.getByRole('button', { name: 'Gặp cán bộ hỗ trợ' }).waitFor({ timeout: T });
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.context.close();
    }
  }, 60_000);
});

/** A staff member over HTTP (cookie session + CSRF token). */
async function staffSession() {
  const res = await fetch(`${server.url}/api/staff/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'canbo', password: STAFF_PASSWORD }) });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrf } = (await res.json()) as { csrf: string };
  const call = async (method: string, p: string, body?: unknown) => {
    const r = await fetch(`${server.url}${p}`, { method, headers: { cookie, 'x-csrf-token': csrf, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    expect(r.status, `${method} ${p}`).toBe(200);
    return r.json();
  };
  return { get: (p: string) => call('GET', p), post: (p: string, body?: unknown) => call('POST', p, body) };
}

/** Another citizen, outside the browser. */
async function citizenSocket(): Promise<TestClient> {
  const c = await TestClient.connect(server.wsUrl);
  c.send({ type: 'hello' });
  await c.waitFor((f) => f.type === 'ready');
  return c;
}
