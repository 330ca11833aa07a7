import { DEFAULT_STRINGS, mergeStrings } from './strings.js';
import { ChatWidget, type WidgetOptions } from './widget.js';

/**
 * Entry point of `/widget.js`. A portal embeds it with one tag:
 *
 *   <script src="https://chat.example.gov.vn/widget.js" data-server="wss://chat.example.gov.vn/ws"
 *           data-title="Trợ lý Dịch vụ công Sơn La" data-color="#b71c1c" defer></script>
 *
 * Options (data-* on the tag, or `window.DvcChatConfig = {…}` set before it; the tag wins):
 *   server    websocket URL; default: `ws` next to the script (https://h/widget.js → wss://h/ws)
 *   title     panel title           color     brand colour, #rgb or #rrggbb (made AA-readable)
 *   position  right (default)|left  greeting  first message      open  "true" to open on load
 *   lang      the language to start in (a catalogue code: vi, en…; the citizen can choose another)
 * Strings: `window.DvcChatStrings = {…}` before the tag, or `DvcChat.setStrings({…})` (see strings.ts).
 * API: `window.DvcChat.open()`, `.close()`, `.toggle()`, `.ask(text)`, `.setStrings(obj)`; calls made
 * before the widget has mounted are replayed once it has.
 *
 * Nothing is rendered before DOMContentLoaded, so the portal's own content always comes first. The
 * widget marks `performance.mark('dvc-chat:ready')` when its bubble is in the page.
 */

interface DvcChatApi {
  readonly version: string;
  open(): void;
  close(): void;
  toggle(): void;
  ask(text: string): void;
  setStrings(strings: unknown): void;
}

type ConfigInput = Partial<Record<'server' | 'title' | 'color' | 'position' | 'greeting' | 'open' | 'lang', unknown>>;

declare global {
  interface Window {
    DvcChat?: DvcChatApi & { __dvcChat?: true };
    DvcChatStrings?: unknown;
    DvcChatConfig?: ConfigInput;
  }
}

const VERSION = '1.0.0';
const TAG = 'dvc-chat';

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

/** The websocket URL: explicit, or `ws` relative to the script's own URL, with http(s) → ws(s). */
export function resolveServer(explicit: string | undefined, scriptSrc: string | undefined, pageHref: string): string {
  const u = new URL(explicit || 'ws', explicit ? pageHref : scriptSrc || pageHref);
  if (u.protocol === 'http:') u.protocol = 'ws:';
  else if (u.protocol === 'https:') u.protocol = 'wss:';
  return u.href;
}

function start(): void {
  const w = window;
  if (w.DvcChat && w.DvcChat.__dvcChat) return; // included twice
  const script = document.currentScript as HTMLScriptElement | null;
  const data = script?.dataset ?? {};
  const cfg: ConfigInput = w.DvcChatConfig && typeof w.DvcChatConfig === 'object' ? w.DvcChatConfig : {};
  const pick = (key: keyof ConfigInput) => str(data[key]) ?? str(cfg[key]);
  const openValue = data.open ?? (cfg.open === true ? 'true' : str(cfg.open));

  let server: string;
  try {
    server = resolveServer(pick('server'), script?.src || undefined, location.href);
  } catch {
    return;
  }
  const options: WidgetOptions = {
    server,
    color: pick('color'),
    position: pick('position') === 'left' ? 'left' : 'right',
    open: openValue !== undefined && /^(|true|1|yes)$/i.test(openValue.trim()),
    nonce: script?.nonce || undefined,
    lang: pick('lang'),
    title: pick('title'),
  };
  let strings = mergeStrings(DEFAULT_STRINGS, w.DvcChatStrings);
  strings = mergeStrings(strings, { title: pick('title'), greeting: pick('greeting') });

  let widget: ChatWidget | undefined;
  const queued: Array<(w: ChatWidget) => void> = [];
  const run = (fn: (w: ChatWidget) => void) => (widget ? fn(widget) : queued.push(fn));

  const api: DvcChatApi & { __dvcChat: true } = {
    __dvcChat: true,
    version: VERSION,
    open: () => void run((x) => x.open()),
    close: () => void run((x) => x.close()),
    toggle: () => void run((x) => x.toggle()),
    ask: (text: string) => void run((x) => x.ask(String(text))),
    setStrings: (s: unknown) => void run((x) => x.setStrings(s)),
  };
  w.DvcChat = api;

  let mounted = false;
  const mount = () => {
    if (mounted) return;
    mounted = true;
    if (!document.body || !window.customElements || !HTMLElement.prototype.attachShadow) return;
    if (!customElements.get(TAG)) customElements.define(TAG, class DvcChatElement extends HTMLElement {});
    const host = document.createElement(TAG);
    host.setAttribute('data-version', VERSION);
    document.body.appendChild(host);
    const shadow = host.attachShadow({ mode: 'open' });
    widget = new ChatWidget(shadow, options, strings);
    for (const fn of queued.splice(0)) fn(widget);
    try {
      performance.mark('dvc-chat:ready');
    } catch {
      /* old browsers */
    }
  };
  // A deferred script runs while readyState is already "interactive" but before DOMContentLoaded;
  // an async or late-inserted one may run after it: `load` catches that case.
  if (document.readyState === 'complete') mount();
  else {
    document.addEventListener('DOMContentLoaded', mount, { once: true });
    window.addEventListener('load', mount, { once: true });
  }
}

start();
