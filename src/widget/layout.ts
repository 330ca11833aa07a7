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
  input: HTMLTextAreaElement;
  /** The polite live region (see `announce` in panel.ts). */
  live: HTMLElement;
}

export interface LayoutActions {
  open(): void;
  close(): void;
  retry(): void;
  handoff(): void;
  submit(): void;
  /** The citizen edited the text in the input. */
  draft(value: string): void;
}

/** An icon button of the panel header; with `pressed` it is a toggle. */
export function headButton(label: string, paths: string[], onclick: () => void, pressed?: boolean): HTMLButtonElement {
  const toggle = pressed === undefined ? null : String(pressed);
  return h('button', { class: 'hbtn', type: 'button', 'aria-label': label, title: label, 'aria-pressed': toggle, onclick }, icon(paths));
}

/**
 * The bubble and the (hidden) panel: header (title, connection or handoff status, `tools`, close),
 * reconnect banner, conversation log, handoff bar, composer, privacy note; and the live region.
 */
export function buildLayout(s: Strings, tools: Array<HTMLElement | undefined>, on: LayoutActions): Ui {
  const bubble = h(
    'button',
    { class: 'bubble', type: 'button', 'aria-label': s.openChat, 'aria-expanded': 'false', 'aria-controls': 'dvc-panel', onclick: () => on.open() },
    icon(ICONS.chat),
    h('span', { 'aria-hidden': 'true', text: s.bubble }),
  );

  const title = h('h2', { class: 'title', id: 'dvc-title', tabindex: '-1', text: s.title });
  const status = h('p', { class: 'status', id: 'dvc-status', text: s.subtitle });
  const closeBtn = headButton(s.closeChat, ICONS.close, () => on.close());
  const head = h('div', { class: 'head' }, h('div', { class: 'head-text' }, title, status), ...tools, closeBtn);

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

  const handoff = h(
    'div',
    { class: 'handoff-bar' },
    h('button', { class: 'handoff', type: 'button', onclick: () => on.handoff() }, icon(ICONS.person), h('span', { text: s.handoff })),
  );

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
    h('button', { class: 'send', type: 'submit', 'aria-label': s.send, title: s.send }, icon(ICONS.send)),
  );

  const panel = h(
    'section',
    { class: 'panel', id: 'dvc-panel', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'dvc-title', 'aria-describedby': 'dvc-status', hidden: true },
    head,
    banner,
    log,
    handoff,
    composer,
    h('p', { class: 'privacy', text: s.privacy }),
  );

  const live = h('div', { class: 'sr-only', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
  const root = h('div', { class: 'root' }, bubble, panel, live);
  return { root, bubble, panel, title, status, banner, log, intro, list, follow, typing, input, live };
}
