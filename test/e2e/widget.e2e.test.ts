import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatModel } from '../../src/llm/chat-model.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { launchChromium } from '../helpers/browser.js';
import { REPO_ROOT, startServer, type TestServer } from '../helpers/server.js';

/**
 * The widget in real (Debian) Chromium against the real server on a random port: the demo page is
 * served with its strict CSP (and Trusted Types), so any inline style, eval or HTML sink in the widget
 * shows up as a violation here.
 */

const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts');
const BIRTH_SOURCE = 'https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7';
const T = 20_000; // generous waits: the first index build and bundle build take a while on CI

type Frame = { type: string } & Record<string, unknown>;

interface Harness {
  context: BrowserContext;
  page: Page;
  sent: Frame[];
  received: Frame[];
  consoleErrors: string[];
  violations(): Promise<string[]>;
}

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

async function harness(viewport = { width: 1280, height: 800 }): Promise<Harness> {
  const context = await browser.newContext({ viewport, locale: 'vi-VN' });
  const page = await context.newPage();
  const sent: Frame[] = [];
  const received: Frame[] = [];
  const consoleErrors: string[] = [];
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener(
      'securitypolicyviolation',
      (e) => w.__csp.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`),
      true,
    );
  });
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  page.on('websocket', (ws) => {
    const parse = (payload: string | Buffer) => {
      try {
        return JSON.parse(String(payload)) as Frame;
      } catch {
        return { type: '(unparsable)' };
      }
    };
    ws.on('framesent', (f) => {
      sent.push(parse(f.payload));
      frameArrived();
    });
    ws.on('framereceived', (f) => {
      received.push(parse(f.payload));
      frameArrived();
    });
  });
  return {
    context,
    page,
    sent,
    received,
    consoleErrors,
    violations: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp ?? []),
  };
}

/** CSP and Trusted Types problems among console errors (network errors while a server is down are expected). */
const cspErrors = (errors: string[]) => errors.filter((e) => /content security policy|trusted ?type|refused to/i.test(e));

const frameWaiters = new Set<() => void>();
const frameArrived = () => frameWaiters.forEach((w) => w());

/** Resolves with the first frame that matches, checking again as each websocket frame goes by. */
function waitForFrame(frames: Frame[], match: (f: Frame) => boolean, timeout = T): Promise<Frame> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const found = frames.find(match);
      if (!found) return;
      done();
      resolve(found);
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`no matching frame within ${timeout} ms; got ${JSON.stringify(frames.map((f) => f.type))}`));
    }, timeout);
    const done = () => {
      clearTimeout(timer);
      frameWaiters.delete(check);
    };
    frameWaiters.add(check);
    check();
  });
}

/** The element focused inside the widget's shadow root, described by class and id. */
const shadowFocus = (page: Page) =>
  page.evaluate(() => {
    const el = document.querySelector('dvc-chat')?.shadowRoot?.activeElement as HTMLElement | null | undefined;
    return el ? `${el.tagName.toLowerCase()}#${el.id}.${el.className}` : null;
  });

/** The conversation itself (not the screen-reader announcement, which repeats the same words a moment later). */
const transcriptOf = (page: Page) => page.getByRole('region', { name: 'Nội dung hỏi đáp' });
const bubble = (page: Page) => page.getByRole('button', { name: 'Mở hộp hỏi đáp với Trợ lý Dịch vụ công' });
const input = (page: Page) => page.getByRole('textbox', { name: 'Câu hỏi của bà con' });
const panel = (page: Page) => page.getByRole('dialog', { name: 'Trợ lý Dịch vụ công Sơn La' });

async function ask(page: Page, text: string): Promise<void> {
  await input(page).fill(text);
  await input(page).press('Enter');
}

describe('chat widget (real server, real Chromium)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer();
  }, 60_000);

  afterAll(async () => {
    await server?.close();
  });

  it('answers with the whole extractive answer and sources, takes feedback and a handoff, and keeps the transcript across a reload', async () => {
    const h = await harness();
    const { page } = h;
    try {
      await page.goto(server.url);
      await bubble(page).click({ timeout: T });
      await panel(page).waitFor({ timeout: T });
      expect(await shadowFocus(page)).toBe('textarea#dvc-input.input'); // focus moved into the panel

      // Greeting and the quick questions from knowledge/_suggestions.yaml (sent in `ready`).
      await page.getByText('Chào bà con!').waitFor({ timeout: T });
      await page.getByRole('button', { name: 'Làm giấy khai sinh cho con thế nào?' }).waitFor({ timeout: T });
      const ready = await waitForFrame(h.received, (f) => f.type === 'ready');

      // Record any text shown in a streaming bubble: an extractive answer comes whole, in one frame.
      await page.evaluate(() => {
        const root = document.querySelector('dvc-chat')!.shadowRoot!;
        const w = window as unknown as { __streamed: string[] };
        w.__streamed = [];
        new MutationObserver(() => {
          const streaming = root.querySelector('.msg.streaming .body');
          if (streaming?.textContent) w.__streamed.push(streaming.textContent);
        }).observe(root, { subtree: true, childList: true, characterData: true });
      });

      await ask(page, 'dang ky khai sinh can giay to gi');
      const answer = await waitForFrame(h.received, (f) => f.type === 'answer');
      expect(h.received.filter((f) => f.type === 'delta')).toEqual([]);

      const sources = page.locator('.sources').last();
      await sources.waitFor({ timeout: T });
      const link = sources.getByRole('link', { name: /Đăng ký khai sinh/ });
      expect(await link.getAttribute('href')).toBe(BIRTH_SOURCE);
      expect(await link.getAttribute('target')).toBe('_blank');
      expect(await link.getAttribute('rel')).toContain('noopener');
      await page.locator('.msg.bot .body').getByText('Giấy chứng sinh', { exact: false }).first().waitFor({ timeout: T });

      const streamed = await page.evaluate(() => (window as unknown as { __streamed: string[] }).__streamed);
      expect(streamed).toEqual([]); // no half answer on screen (the LLM test below covers streaming)
      expect(await page.locator('.msg.streaming').count()).toBe(0);

      // The answer is rendered markdown: the papers as a numbered list, no raw markup, no "Nguồn:" line.
      const body = page.locator('.msg.bot .body').last();
      expect(await body.locator('ol > li').count()).toBeGreaterThanOrEqual(2);
      expect(await body.textContent()).not.toContain('**');
      expect(await body.textContent()).not.toContain('Nguồn:');

      // Follow-up chips with short labels; the shared topic said once, in the group's label.
      await page.getByRole('group', { name: 'Hỏi tiếp về Đăng ký khai sinh' }).getByRole('button', { name: 'Thời hạn, lệ phí' }).waitFor({ timeout: T });

      // Thumbs up → feedback frame → ack.
      await page.getByRole('button', { name: 'Câu trả lời này hữu ích' }).click();
      await waitForFrame(h.sent, (f) => f.type === 'feedback' && f.rating === 'up' && f.answerId === answer.answerId);
      await waitForFrame(h.received, (f) => f.type === 'ack' && f.ref === answer.answerId);
      await transcriptOf(page).getByText('Cảm ơn bà con đã góp ý!').waitFor({ timeout: T });
      expect(await page.getByRole('button', { name: 'Câu trả lời này hữu ích' }).getAttribute('aria-pressed')).toBe('true');

      // Thumbs down with a comment.
      await page.getByRole('button', { name: 'Câu trả lời này chưa hữu ích' }).click();
      const comment = page.getByRole('textbox', { name: 'Góp ý thêm (không bắt buộc)' });
      await comment.waitFor({ timeout: T });
      expect(await shadowFocus(page)).toMatch(/^textarea#dvc-fb-/);
      await comment.fill('Thiếu thông tin lệ phí');
      await page.getByRole('button', { name: 'Gửi góp ý' }).click();
      await waitForFrame(h.sent, (f) => f.type === 'feedback' && f.rating === 'down' && f.comment === 'Thiếu thông tin lệ phí');
      await waitForFrame(h.received, () => h.received.filter((f) => f.type === 'ack' && f.ref === answer.answerId).length >= 2);
      await transcriptOf(page).getByText('Cảm ơn bà con đã góp ý!').waitFor({ timeout: T });

      // "Gặp cán bộ hỗ trợ" → handoff; with no staff desk configured the server says so (hotline).
      await page.getByRole('button', { name: 'Gặp cán bộ hỗ trợ' }).click();
      await waitForFrame(h.sent, (f) => f.type === 'handoff');
      const reply = await waitForFrame(h.received, (f) => f.type === 'handoff' || f.type === 'staff');
      const staffMsg = page.locator('.msg.staff').last();
      await staffMsg.waitFor({ timeout: T });
      expect(await staffMsg.locator('.who').textContent()).toBe(reply.type === 'staff' ? String(reply.name) : 'Bộ phận Một cửa');
      expect(await staffMsg.textContent()).toContain('18001096');

      // The live region announced the latest reply.
      await page.waitForFunction(() => /trả lời:/.test(document.querySelector('dvc-chat')?.shadowRoot?.querySelector('[aria-live]')?.textContent ?? ''));

      // Reload: the transcript is back, the panel still open, and the session resumes.
      const sentBefore = h.sent.length;
      await page.reload();
      await panel(page).waitFor({ timeout: T });
      await page.getByText('dang ky khai sinh can giay to gi').waitFor({ timeout: T });
      await page.locator('.msg.bot .body').getByText('Giấy chứng sinh', { exact: false }).first().waitFor({ timeout: T });
      expect(await page.locator('.sources a').first().getAttribute('href')).toBe(BIRTH_SOURCE);
      await page.locator('.msg.staff').first().waitFor({ timeout: T });
      const hello = await waitForFrame(h.sent.slice(sentBefore), (f) => f.type === 'hello');
      expect(hello.sessionId).toBe(ready.sessionId);

      // Escape closes and gives focus back to the bubble.
      await input(page).focus();
      await page.keyboard.press('Escape');
      await panel(page).waitFor({ state: 'hidden', timeout: T });
      expect(await shadowFocus(page)).toBe('button#.bubble');

      expect(await h.violations()).toEqual([]);
      expect(h.consoleErrors).toEqual([]);
    } finally {
      await h.context.close();
    }
  }, 90_000);

  it('shows HTML typed by the citizen as text and never runs it', async () => {
    const h = await harness();
    const { page } = h;
    try {
      await page.goto(server.url);
      await bubble(page).click({ timeout: T });
      const payload = '<img src=x onerror=window.__xss=1> <script>window.__xss=2</script> **đậm**';
      await ask(page, payload);
      await waitForFrame(h.received, (f) => f.type === 'answer');
      const user = page.locator('.msg.user .body').last();
      expect(await user.textContent()).toBe(payload);
      await page.locator('.msg.bot').last().waitFor({ timeout: T });
      await page.waitForTimeout(300); // nothing marks "a script did not run": give one the time it would need
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
      const injected = await page.evaluate(() => {
        const root = document.querySelector('dvc-chat')!.shadowRoot!;
        return root.querySelectorAll('img, script, iframe, [onerror], [onclick]').length + document.querySelectorAll('img[src="x"]').length;
      });
      expect(injected).toBe(0);
      expect(await h.violations()).toEqual([]);
      expect(cspErrors(h.consoleErrors)).toEqual([]);
    } finally {
      await h.context.close();
    }
  }, 60_000);

  it('labels every control, and works at 320 px: full screen, no zoom on input, nothing wider than the screen', async () => {
    const h = await harness({ width: 320, height: 640 });
    const { page } = h;
    try {
      await page.goto(server.url);
      await bubble(page).click({ timeout: T });
      await panel(page).waitFor({ timeout: T });
      await page.getByRole('button', { name: 'Làm giấy khai sinh cho con thế nào?' }).click();
      await page.locator('.sources').first().waitFor({ timeout: T });

      const layout = await page.evaluate(() => {
        const root = document.querySelector('dvc-chat')!.shadowRoot!;
        const panelBox = root.querySelector('.panel')!.getBoundingClientRect();
        const log = root.querySelector('.log') as HTMLElement;
        const input = root.querySelector('.input') as HTMLElement;
        const unlabeled = [...root.querySelectorAll('button, textarea, a, input')]
          .filter((el) => !(el.getAttribute('aria-label') || el.textContent?.trim() || (el.id && root.querySelector(`label[for="${el.id}"]`))))
          .map((el) => el.outerHTML.slice(0, 80));
        return {
          panel: [panelBox.left, panelBox.top, panelBox.width, panelBox.height],
          logOverflow: log.scrollWidth - log.clientWidth,
          pageOverflow: document.documentElement.scrollWidth - window.innerWidth,
          inputFont: parseFloat(getComputedStyle(input).fontSize),
          unlabeled,
        };
      });
      expect(layout.panel).toEqual([0, 0, 320, 640]);
      expect(layout.logOverflow).toBeLessThanOrEqual(0);
      expect(layout.pageOverflow).toBeLessThanOrEqual(0);
      expect(layout.inputFont).toBeGreaterThanOrEqual(16);
      expect(layout.unlabeled).toEqual([]);

      // Larger text is remembered on the device.
      await page.getByRole('button', { name: 'Chữ to' }).click();
      expect(await page.getByRole('button', { name: 'Chữ to' }).getAttribute('aria-pressed')).toBe('true');
      await page.reload();
      await panel(page).waitFor({ timeout: T });
      expect(await page.getByRole('button', { name: 'Chữ to' }).getAttribute('aria-pressed')).toBe('true');
      expect(await page.evaluate(() => document.querySelector('dvc-chat')!.shadowRoot!.querySelector('.root')!.classList.contains('large'))).toBe(true);
      expect(await page.evaluate(() => localStorage.getItem('dvc-chat:prefs'))).toContain('"large":true');
      await page.getByRole('button', { name: 'Thêm' }).click(); // reading aloud is in the menu
      const autoRead = page.getByRole('button', { name: 'Tự động đọc to câu trả lời' });
      await autoRead.click();
      expect(await autoRead.getAttribute('aria-pressed')).toBe('true');
      expect(await page.evaluate(() => localStorage.getItem('dvc-chat:prefs'))).toContain('"autoRead":true');
      await page.getByRole('button', { name: 'Đọc to' }).first().waitFor({ timeout: T });

      // Full screen = modal: Tab stays inside the panel.
      expect(await page.getByRole('dialog').getAttribute('aria-modal')).toBe('true');
      await input(page).focus();
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('DVC-CHAT');
        expect(await shadowFocus(page)).not.toMatch(/bubble/);
      }
      expect(await h.violations()).toEqual([]);
    } finally {
      await h.context.close();
    }
  }, 60_000);

  it('keeps the screenshot of the open widget at 360×740', async () => {
    const h = await harness({ width: 360, height: 740 });
    const { page } = h;
    try {
      await page.goto(server.url);
      await bubble(page).click({ timeout: T });
      await ask(page, 'dang ky khai sinh can giay to gi');
      await page.locator('.sources').first().waitFor({ timeout: T });
      await input(page).blur();

      // WCAG AA: every piece of text in the panel against its actual background.
      const lowContrast = await page.evaluate(() => {
        const root = document.querySelector('dvc-chat')!.shadowRoot!;
        const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
        const lum = ([r, g, b]: number[]) =>
          [r, g, b].map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : Math.pow((v / 255 + 0.055) / 1.055, 2.4))).reduce((acc, v, i) => acc + v * [0.2126, 0.7152, 0.0722][i], 0);
        const background = (el: Element | null): number[] => {
          for (let e = el; e; e = e.parentElement) {
            const c = rgb(getComputedStyle(e).backgroundColor);
            if (c.length === 3 || (c.length === 4 && c[3] === 1)) return c.slice(0, 3);
          }
          return [255, 255, 255];
        };
        const bad: string[] = [];
        for (const el of root.querySelectorAll<HTMLElement>('.panel *')) {
          const text = [...el.childNodes].filter((n) => n.nodeType === 3 && n.textContent!.trim()).map((n) => n.textContent!.trim()).join(' ');
          if (!text || el.closest('.sr-only') || el.closest('[hidden]') || (el as HTMLButtonElement).disabled) continue;
          const style = getComputedStyle(el);
          const fg = rgb(style.color).slice(0, 3);
          const bg = background(el);
          const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
          const ratio = (hi + 0.05) / (lo + 0.05);
          const large = parseFloat(style.fontSize) >= 24 || (parseFloat(style.fontSize) >= 18.66 && Number(style.fontWeight) >= 700);
          if (ratio < (large ? 3 : 4.5)) bad.push(`${ratio.toFixed(2)} ${el.className} "${text.slice(0, 30)}"`);
        }
        return bad;
      });
      expect(lowContrast).toEqual([]);

      const file = path.join(ARTIFACTS, 'widget-360x740.png');
      const png = await page.screenshot({ path: file });
      expect(png.length).toBeGreaterThan(10_000);
      // A second one scrolled to the end: sources, read-aloud, thumbs, follow-up chips.
      await page.evaluate(() => {
        const log = document.querySelector('dvc-chat')!.shadowRoot!.querySelector('.log')!;
        log.scrollTop = log.scrollHeight;
      });
      await page.screenshot({ path: path.join(ARTIFACTS, 'widget-360x740-end.png') });
      console.log(`screenshots: ${path.relative(REPO_ROOT, file)}, widget-360x740-end.png`);
      expect(await h.violations()).toEqual([]);
    } finally {
      await h.context.close();
    }
  }, 60_000);

  it('puts the bubble up after the portal content, quickly (timed from navigation start)', async () => {
    await fetch(`${server.url}/widget.js`); // the bundle is built once per process; time a warm server
    const measure = async (label: string, viewport: { width: number; height: number }, throttle: boolean) => {
      const h = await harness(viewport);
      const { page } = h;
      try {
        if (throttle) {
          const cdp = await h.context.newCDPSession(page);
          await cdp.send('Network.enable');
          await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 });
          await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
        }
        await page.goto(server.url, { waitUntil: 'commit' });
        await bubble(page).waitFor({ state: 'visible', timeout: T });
        const t = await page.evaluate(() => {
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
          return {
            visible: performance.now(),
            mark: performance.getEntriesByName('dvc-chat:ready')[0]?.startTime ?? -1,
            dcl: nav.domContentLoadedEventStart,
          };
        });
        await bubble(page).click();
        await panel(page).waitFor({ timeout: T });
        const interactive = await page.evaluate(() => performance.now());
        console.log(
          `${label}: bubble in the page at ${t.mark.toFixed(0)} ms after navigation start (DOMContentLoaded ${t.dcl.toFixed(0)} ms), ` +
            `seen visible by the test at ${t.visible.toFixed(0)} ms, panel opened by a click at ${interactive.toFixed(0)} ms`,
        );
        expect(t.mark).toBeGreaterThan(0);
        expect(t.mark).toBeGreaterThanOrEqual(t.dcl - 1); // rendered only after the portal's own content (timers are coarsened)
        expect(t.mark).toBeLessThan(throttle ? 10_000 : 3_000);
        expect(await h.violations()).toEqual([]);
        return t.mark;
      } finally {
        await h.context.close();
      }
    };
    await measure('desktop 1280×800', { width: 1280, height: 800 }, false);
    await measure('phone 360×740, 4× CPU slowdown, 1.6 Mbps / 150 ms', { width: 360, height: 740 }, true);
  }, 90_000);

  it('takes its options from data-* attributes and strings from window.DvcChatStrings, and has a JavaScript API', async () => {
    const h = await harness();
    const { page } = h;
    try {
      // The demo page as a portal might customise it: the attributes are set on the tag as the parser
      // inserts it (before the deferred script runs). Intercepting the page itself is not an option:
      // Chromium's local-network-access checks then refuse the websocket to 127.0.0.1.
      await page.addInitScript((wsUrl: string) => {
        (window as unknown as { DvcChatStrings: unknown }).DvcChatStrings = { handoff: 'Gặp người thật', errors: { internal: 'x' } };
        new MutationObserver((_records, observer) => {
          const tag = document.querySelector('script[src="/widget.js"]');
          if (!tag) return;
          observer.disconnect();
          const attrs = { 'data-server': wsUrl, 'data-position': 'left', 'data-open': 'true', 'data-greeting': 'Xin chào, đây là lời chào thử.', 'data-color': '#ffeb3b' };
          for (const [k, v] of Object.entries(attrs)) tag.setAttribute(k, v);
        }).observe(document, { childList: true, subtree: true });
      }, server.wsUrl);
      await page.goto(server.url);
      await panel(page).waitFor({ timeout: T }); // data-open
      await page.getByText('Xin chào, đây là lời chào thử.').waitFor({ timeout: T });
      await page.getByRole('button', { name: 'Gặp người thật' }).waitFor({ timeout: T });
      const look = await page.evaluate(() => {
        const root = document.querySelector('dvc-chat')!.shadowRoot!;
        const head = root.querySelector('.head') as HTMLElement;
        return { left: root.querySelector('.panel')!.getBoundingClientRect().left, headText: getComputedStyle(head).color, headBg: getComputedStyle(head).backgroundColor };
      });
      expect(look.left).toBeLessThan(100); // data-position="left"
      expect(look.headBg).toBe('rgb(255, 235, 59)');
      expect(look.headText).toBe('rgb(17, 17, 17)'); // dark text on a light brand colour (AA)

      await page.evaluate(() => (window as unknown as { DvcChat: { setStrings(s: unknown): void } }).DvcChat.setStrings({ send: 'Gửi đi' }));
      await page.getByRole('button', { name: 'Gửi đi' }).waitFor({ timeout: T });
      await page.evaluate(() => (window as unknown as { DvcChat: { close(): void } }).DvcChat.close());
      await panel(page).waitFor({ state: 'hidden', timeout: T });
      await page.evaluate(() => (window as unknown as { DvcChat: { ask(t: string): void } }).DvcChat.ask('Làm lại thẻ căn cước ở đâu?'));
      await panel(page).waitFor({ timeout: T });
      const answer = await waitForFrame(h.received, (f) => f.type === 'answer');
      expect(answer.sources).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'the-can-cuoc' })]));
      await page.locator('.msg.bot .sources').first().waitFor({ timeout: T });
      // The checked fact ("where") is shown as a small answer card above the text.
      expect(answer.facts).toEqual([expect.objectContaining({ kind: 'where' })]);
      const card = page.locator('.msg.bot .facts').last();
      await card.waitFor({ timeout: T });
      expect(await card.locator('dt').first().textContent()).toBe('Nơi làm');
      expect(await h.violations()).toEqual([]);
      expect(h.consoleErrors).toEqual([]);
    } finally {
      await h.context.close();
    }
  }, 60_000);

  it('sees a CSP violation when there is one (the detector works)', async () => {
    const h = await harness();
    try {
      await h.page.goto(server.url);
      await bubble(h.page).waitFor({ timeout: T });
      await h.page.evaluate(() => {
        const s = document.createElement('style');
        s.textContent = 'body{color:red}';
        document.head.appendChild(s);
      });
      await h.page.waitForFunction(() => (window as unknown as { __csp: string[] }).__csp.length > 0, undefined, { timeout: T });
      expect((await h.violations()).join('\n')).toContain('style-src');
    } finally {
      await h.context.close();
    }
  }, 60_000);
});

describe('chat widget with a streaming model', () => {
  let server: TestServer;
  // A deterministic model that writes its first sentence, then waits for the test before the rest. The
  // rest carries a javascript: link, which the server's output guard stops before it reaches the page.
  let release = () => {};
  const llm: ChatModel = {
    async *stream() {
      yield 'Theo hướng dẫn [1], bà con chuẩn bị hai giấy tờ.\n\n';
      await new Promise<void>((resolve) => (release = resolve));
      for (const piece of ['1. Tờ khai đăng ký khai sinh.\n', '2. Giấy chứng sinh.\n\n', 'Xem thêm: [Bấm vào đây](javascript:window.__xss=3)']) yield piece;
    },
    async complete() {
      return '';
    },
  };

  beforeAll(async () => {
    server = await startServer({ overrides: { llm } });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
  });

  it('shows checked sentences as they stream, then the final answer; a javascript: link from the model never reaches the page', async () => {
    const h = await harness();
    const { page } = h;
    try {
      await page.goto(server.url);
      await bubble(page).click({ timeout: T });
      await ask(page, 'dang ky khai sinh can giay to gi');

      // Partial text on screen while the model is still writing.
      await page.locator('.msg.streaming').getByText('Theo hướng dẫn').waitFor({ timeout: T });
      expect(h.received.some((f) => f.type === 'answer')).toBe(false);
      expect(await page.locator('.msg.streaming .sources').count()).toBe(0);
      release();

      // The answer is the extractive one from the same document; no frame ever carried the link.
      const answer = await waitForFrame(h.received, (f) => f.type === 'answer');
      expect(JSON.stringify(h.received)).not.toContain('javascript:');
      expect(String(answer.text)).toContain('Giấy chứng sinh');
      const msg = page.locator('.msg.bot').last();
      await msg.locator('.sources').waitFor({ timeout: T });
      expect(await msg.locator('.sources a').first().getAttribute('href')).toBe(BIRTH_SOURCE);
      expect(await page.locator('.msg.streaming').count()).toBe(0);
      expect(await page.getByText('Bấm vào đây').count()).toBe(0);
      expect(await page.evaluate(() => document.querySelector('dvc-chat')!.shadowRoot!.querySelectorAll('a[href^="javascript" i]').length)).toBe(0);
      expect(await h.violations()).toEqual([]);
    } finally {
      await h.context.close();
    }
  }, 60_000);
});

describe('chat widget on an unreliable network', () => {
  let server: TestServer | undefined;

  afterAll(async () => {
    await server?.close();
  });

  it('shows "đang kết nối lại", keeps a question typed while the server is down, and answers it after a restart on the same port', async () => {
    server = await startServer();
    const port = server.port;
    const h = await harness({ width: 360, height: 740 });
    const { page } = h;
    try {
      await page.goto(server.url);
      await bubble(page).click({ timeout: T });
      await ask(page, 'Cách tạo tài khoản định danh VNeID?');
      await waitForFrame(h.received, (f) => f.type === 'answer');
      const ready = await waitForFrame(h.received, (f) => f.type === 'ready');

      await server.close();
      server = undefined;
      await page.getByText(/đang kết nối lại/i).first().waitFor({ timeout: T });
      expect(await page.getByRole('button', { name: 'Thử lại ngay' }).isVisible()).toBe(true);

      const question = 'Đăng ký kết hôn cần những gì?';
      await ask(page, question);
      const queuedNote = page.locator('.msg.user .note:not([hidden])');
      await queuedNote.getByText('Chưa gửi được, sẽ tự gửi khi có mạng trở lại').waitFor({ timeout: T });
      expect(await input(page).inputValue()).toBe('');
      const saved = await page.evaluate(() => Object.keys(sessionStorage).map((k) => sessionStorage.getItem(k)).join('\n'));
      expect(saved).toContain(question); // persisted: survives a reload too

      const sentBefore = h.sent.length;
      server = await startServer({ port });
      const answer = await waitForFrame(h.received, (f) => f.type === 'answer' && /kết hôn/i.test(String(f.text)), 45_000);
      const resent = h.sent.slice(sentBefore);
      expect(resent.find((f) => f.type === 'hello')?.sessionId).toBe(ready.sessionId);
      expect(resent.filter((f) => f.type === 'ask').map((f) => f.text)).toEqual([question]);
      expect(answer.sources).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'dang-ky-ket-hon' })]));
      await page.locator('.msg.bot').last().getByText(/kết hôn/i).first().waitFor({ timeout: T });
      await page.getByText(/đang kết nối lại/i).first().waitFor({ state: 'hidden', timeout: T });
      expect(await queuedNote.count()).toBe(0);
      expect(await h.violations()).toEqual([]);
      expect(cspErrors(h.consoleErrors)).toEqual([]);
    } finally {
      await h.context.close();
    }
  }, 120_000);
});

/** A staff member of the one-stop desk, through the staff HTTP API (cookie session + CSRF token). */
class Staff {
  private cookie = '';
  private csrf = '';
  constructor(private readonly baseUrl: string) {}

  async login(username: string, password: string): Promise<void> {
    const res = await fetch(`${this.baseUrl}/api/staff/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    expect(res.status).toBe(200);
    this.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
    this.csrf = ((await res.json()) as { csrf: string }).csrf;
  }

  async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Record<string, unknown>> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { cookie: this.cookie, 'x-csrf-token': this.csrf, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    expect(res.status, `${method} ${path}`).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  }
}

describe('chat widget with the one-stop desk', () => {
  const PASSWORD = 'mat-khau-thu-nghiem-widget';
  let accounts: string;

  beforeAll(async () => {
    accounts = JSON.stringify([{ username: 'hoa', name: 'Lò Thị Hoa', role: 'staff', passwordHash: await hashPassword(PASSWORD) }]);
  });

  it('hands the chat to a person: waiting, taken, live messages both ways, closed, then the satisfaction survey', async () => {
    const server = await startServer({ env: { STAFF_ACCOUNTS: accounts, OFFICE_HOURS: 'always' } });
    const h = await harness({ width: 360, height: 740 });
    const { page } = h;
    try {
      await page.goto(server.url);
      await bubble(page).click({ timeout: T });
      await page.getByRole('button', { name: 'Gặp cán bộ hỗ trợ' }).click();
      await waitForFrame(h.received, (f) => f.type === 'handoff' && f.state === 'waiting');
      await page.locator('.status').getByText('Đang chờ cán bộ nhận…').waitFor({ timeout: T });

      const staff = new Staff(server.url);
      await staff.login('hoa', PASSWORD);
      const queue = await staff.call('GET', '/api/staff/handoffs');
      const [request] = queue.waiting as Array<{ id: string }>;
      expect(request).toBeDefined();
      await staff.call('POST', `/api/staff/handoffs/${request.id}/take`);
      await waitForFrame(h.received, (f) => f.type === 'handoff' && f.state === 'taken');
      await page.locator('.status').getByText('Cán bộ Lò Thị Hoa đang hỗ trợ').waitFor({ timeout: T });

      await staff.call('POST', `/api/staff/handoffs/${request.id}/messages`, { text: 'Chào bà con, tôi là **Hoa**. Bà con cần giúp gì?' });
      const fromStaff = page.locator('.msg.staff').filter({ hasText: 'Bà con cần giúp gì?' });
      await fromStaff.waitFor({ timeout: T });
      expect(await fromStaff.locator('.who').textContent()).toBe('Lò Thị Hoa');
      expect(await fromStaff.locator('strong').textContent()).toBe('Hoa');

      // The citizen's messages go to the person (acknowledged, no bot answer) and do not block the input.
      await ask(page, 'Tôi muốn hỏi về hồ sơ khai sinh của con');
      const askFrame = await waitForFrame(h.sent, (f) => f.type === 'ask');
      await waitForFrame(h.received, (f) => f.type === 'ack' && f.ref === askFrame.id);
      await page.locator('.typing').waitFor({ state: 'hidden', timeout: T });
      await ask(page, 'Con tôi sinh ở nhà');
      const second = await waitForFrame(h.sent, (f) => f.type === 'ask' && f.text === 'Con tôi sinh ở nhà');
      await waitForFrame(h.received, (f) => f.type === 'ack' && f.ref === second.id); // acknowledged = stored
      const { taken } = (await staff.call('GET', '/api/staff/handoffs')) as { taken: Array<{ transcript: Array<{ text: string }> }> };
      expect(taken[0].transcript.map((t) => t.text)).toEqual(expect.arrayContaining(['Tôi muốn hỏi về hồ sơ khai sinh của con', 'Con tôi sinh ở nhà']));
      expect(h.received.some((f) => f.type === 'answer')).toBe(false);

      // Closed by the staff member: back to the bot, and the survey is offered.
      await staff.call('POST', `/api/staff/handoffs/${request.id}/close`);
      await waitForFrame(h.received, (f) => f.type === 'handoff' && f.state === 'closed');
      await page.locator('.status').getByText('Hỏi đáp thủ tục hành chính').waitFor({ timeout: T });
      await page.getByText('Bà con có hài lòng với sự hỗ trợ hôm nay không?').waitFor({ timeout: T });
      await page.getByRole('button', { name: '5 trên 5' }).click();
      await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
      await waitForFrame(h.sent, (f) => f.type === 'survey' && f.score === 5);
      await waitForFrame(h.received, (f) => f.type === 'ack' && f.ref === 'survey');
      await transcriptOf(page).getByText('Cảm ơn bà con đã đánh giá!').waitFor({ timeout: T });

      // And the bot answers again.
      await ask(page, 'Làm lại thẻ căn cước ở đâu?');
      await waitForFrame(h.received, (f) => f.type === 'answer');
      await page.locator('.msg.bot .sources').first().waitFor({ timeout: T });
      expect(await h.violations()).toEqual([]);
      expect(h.consoleErrors).toEqual([]);
    } finally {
      await h.context.close();
      await server.close();
    }
  }, 90_000);

  it('offers a call back when nobody takes the request in time, checking the number before sending it', async () => {
    const server = await startServer({ env: { STAFF_ACCOUNTS: accounts, OFFICE_HOURS: 'always', HANDOFF_WAIT_SECONDS: '1' } });
    const h = await harness({ width: 360, height: 740 });
    const { page } = h;
    try {
      await page.goto(server.url);
      await bubble(page).click({ timeout: T });
      await page.getByRole('button', { name: 'Gặp cán bộ hỗ trợ' }).click();
      await waitForFrame(h.received, (f) => f.type === 'handoff' && f.state === 'unavailable' && f.callback === true);
      const phone = page.getByRole('textbox', { name: 'Số điện thoại để cán bộ gọi lại' });
      await phone.waitFor({ timeout: T });
      await phone.fill('12ab');
      await page.getByRole('button', { name: 'Gửi số điện thoại' }).click();
      await page.getByText('Số điện thoại chưa đúng.', { exact: false }).waitFor({ timeout: T });
      expect(h.sent.some((f) => f.type === 'callback')).toBe(false);
      await phone.fill('0912 345 678');
      await page.getByRole('button', { name: 'Gửi số điện thoại' }).click();
      await waitForFrame(h.sent, (f) => f.type === 'callback' && f.phone === '0912 345 678');
      await waitForFrame(h.received, (f) => f.type === 'ack' && f.ref === 'callback');
      await transcriptOf(page).getByText('Đã nhận số điện thoại.', { exact: false }).waitFor({ timeout: T });

      const staff = new Staff(server.url);
      await staff.login('hoa', PASSWORD);
      const { callbacks } = (await staff.call('GET', '/api/staff/handoffs')) as { callbacks: Array<{ callbackPhone: string }> };
      expect(callbacks.map((c) => c.callbackPhone)).toContain('0912 345 678');
      expect(await h.violations()).toEqual([]);
    } finally {
      await h.context.close();
      await server.close();
    }
  }, 60_000);
});
