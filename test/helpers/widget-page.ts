import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** A websocket frame as the page sent or received it. */
export type Frame = { type: string } & Record<string, unknown>;

export interface WidgetPage {
  context: BrowserContext;
  page: Page;
  sent: Frame[];
  received: Frame[];
  consoleErrors: string[];
  /** Resolves with the first frame (sent or received, per `frames`) that matches, checked as frames go by. */
  waitForFrame(frames: Frame[], match: (f: Frame) => boolean, timeout?: number): Promise<Frame>;
  /** CSP violations the page reported. */
  violations(): Promise<string[]>;
}

/**
 * A page of the demo portal in its own browser context, recording the widget's websocket frames and
 * CSP violations. `init` runs in the page before its scripts (e.g. to stub speech recognition).
 */
export async function openWidgetPage(
  browser: Browser,
  viewport: { width: number; height: number },
  opts: { bypassCSP?: boolean; init?: () => void } = {},
): Promise<WidgetPage> {
  const context = await browser.newContext({ viewport, locale: 'vi-VN', bypassCSP: opts.bypassCSP });
  const page = await context.newPage();
  const sent: Frame[] = [];
  const received: Frame[] = [];
  const consoleErrors: string[] = [];
  const waiters = new Set<() => void>();
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'}`), true);
  });
  if (opts.init) await page.addInitScript(opts.init);
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  page.on('websocket', (ws) => {
    const parse = (payload: string | Buffer): Frame => {
      try {
        return JSON.parse(String(payload)) as Frame;
      } catch {
        return { type: '(unparsable)' };
      }
    };
    ws.on('framesent', (f) => (sent.push(parse(f.payload)), waiters.forEach((w) => w())));
    ws.on('framereceived', (f) => (received.push(parse(f.payload)), waiters.forEach((w) => w())));
  });
  const waitForFrame = (frames: Frame[], match: (f: Frame) => boolean, timeout = 20_000) =>
    new Promise<Frame>((resolve, reject) => {
      const check = () => {
        const found = frames.find(match);
        if (found) done() && resolve(found);
      };
      const timer = setTimeout(() => done() && reject(new Error(`no matching frame in ${timeout} ms; got ${JSON.stringify(frames.map((f) => f.type))}`)), timeout);
      const done = () => (clearTimeout(timer), waiters.delete(check), true);
      waiters.add(check);
      check();
    });
  return { context, page, sent, received, consoleErrors, waitForFrame, violations: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp ?? []) };
}

const AXE_SOURCE: string = createRequire(import.meta.url)('axe-core').source;

/**
 * axe-core run inside the page on the widget (its shadow root included): the serious and critical
 * violations, as "rule: target". The page must have been opened with `bypassCSP` (axe is injected).
 */
export async function axeWidget(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
    const result = await axe.run({ include: [['dvc-chat']] }, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)}`));
  });
}
