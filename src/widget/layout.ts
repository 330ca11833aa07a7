import { h, icon, ICONS, onEnter } from './dom.js';
import type { Strings } from './strings.js';

const MAX_QUESTION = 1000;

/** The elements of the bubble and the panel that the rest of the widget reads or updates. */
export interface Ui {
  root: HTMLDivElement;
  bubble: HTMLButtonElement;
  panel: HTMLElement;
  title: HTMLElement;
  status: HTMLElement;
  banner: HTMLElement;
  log: HTMLElement;
  intro: HTMLElement;
  list: HTMLElement;
  follow: HTMLElement;
  typing: HTMLElement;
  /** "Thêm": the button and the list of less frequent actions it shows. */
  moreBtn: HTMLButtonElement;
  menu: HTMLElement;
  /** Above the composer: "Gặp cán bộ hỗ trợ", or the wait and "Kết thúc trò chuyện" (handoff.ts fills it). */
  bar: HTMLElement;
  input: HTMLTextAreaElement;
  /** The polite live region (see `announce` in panel.ts). */
  live: HTMLElement;
}

export interface LayoutActions {
  open(): void;
  close(): void;
  retry(): void;
  submit(): void;
  /** The citizen edited the text in the input. */
  draft(value: string): void;
}

/** An icon button of the panel header; with `pressed` it is a toggle. */
export function headButton(label: string, paths: string[], onclick: () => void, pressed?: boolean): HTMLButtonElement {
  const toggle = pressed === undefined ? null : String(pressed);
  return h('button', { class: 'hbtn', type: 'button', 'aria-label': label, title: label, 'aria-pressed': toggle, onclick }, icon(paths));
}

/** A header button with an icon and its name written under it (the text-size control, "Thêm"). */
export function labelledButton(label: string, paths: string[], onclick: () => void, extra: Record<string, string | null> = {}): HTMLButtonElement {
  return h('button', { class: 'hbtn labelled', type: 'button', onclick, ...extra }, icon(paths), h('span', { text: label }));
}

/**
 * The bubble and the (hidden) panel: header (title, connection or handoff status, `tools`, "Thêm",
 * close), the "Thêm" menu (`menuItems`), reconnect banner, conversation log, the handoff bar,
 * composer (input, `composerTools`, send), privacy note; and the live region.
 */
export function buildLayout(
  s: Strings,
  parts: { tools: Array<HTMLElement | undefined>; menuItems: Array<HTMLElement | undefined>; composerTools: Array<HTMLElement | undefined> },
  on: LayoutActions,
): Ui {
  const bubble = h(
    'button',
    { class: 'bubble', type: 'button', 'aria-label': s.openChat, 'aria-expanded': 'false', 'aria-controls': 'dvc-panel', onclick: () => on.open() },
    icon(ICONS.chat),
    h('span', { 'aria-hidden': 'true', text: s.bubble }),
  );

  const title = h('h2', { class: 'title', id: 'dvc-title', tabindex: '-1', text: s.title });
  const status = h('p', { class: 'status', id: 'dvc-status', text: s.subtitle });
  const closeBtn = headButton(s.closeChat, ICONS.close, () => on.close());
  const menu = h('div', { class: 'menu', id: 'dvc-menu', role: 'group', 'aria-label': s.moreLabel, hidden: true }, ...parts.menuItems);
  const moreBtn: HTMLButtonElement = labelledButton(s.more, ICONS.more, () => {
    const open = menu.hidden;
    menu.hidden = !open;
    moreBtn.setAttribute('aria-expanded', String(open));
  }, { 'aria-expanded': 'false', 'aria-controls': 'dvc-menu' });
  const head = h('div', { class: 'head' }, h('div', { class: 'head-text' }, title, status), ...parts.tools, moreBtn, closeBtn);

  const banner = h(
    'div',
    { class: 'banner', hidden: true },
    h('b', { text: s.reconnecting }),
    h('button', { class: 'linkbtn', type: 'button', text: s.retryNow, onclick: () => on.retry() }),
  );

  const intro = h('div', { class: 'intro' });
  const list = h('div', { class: 'list' });
  const follow = h('div', { class: 'follow' });
  const typing = h('p', { class: 'typing', hidden: true, text: s.thinking });
  const log = h('div', { class: 'log', role: 'region', 'aria-label': s.log, tabindex: '0' }, intro, list, follow, typing);

  const bar = h('div', { class: 'handoff-bar' });

  const input = h('textarea', {
    class: 'input',
    id: 'dvc-input',
    rows: 1,
    maxlength: MAX_QUESTION,
    placeholder: s.inputPlaceholder,
    'aria-label': s.inputLabel,
    autocomplete: 'off',
    enterkeyhint: 'send',
  });
  onEnter(input, () => on.submit());
  input.addEventListener('input', () => on.draft(input.value));
  const composer = h(
    'form',
    { class: 'composer', onsubmit: (ev: Event) => (ev.preventDefault(), on.submit()) },
    input,
    ...parts.composerTools,
    h('button', { class: 'send', type: 'submit', 'aria-label': s.send, title: s.send }, icon(ICONS.send)),
  );

  const panel = h(
    'section',
    { class: 'panel', id: 'dvc-panel', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'dvc-title', 'aria-describedby': 'dvc-status', hidden: true },
    head,
    menu,
    banner,
    log,
    bar,
    composer,
    h('p', { class: 'privacy', text: s.privacy }),
  );

  const live = h('div', { class: 'sr-only', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
  const root = h('div', { class: 'root' }, bubble, panel, live);
  return { root, bubble, panel, title, status, banner, log, intro, list, follow, typing, moreBtn, menu, bar, input, live };
}
