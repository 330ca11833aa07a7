import type { Chat } from './context.js';
import type { Ui } from './layout.js';
import { stopSpeaking } from './speech.js';
import { offerSurvey } from './survey.js';

/** Below 480 px the panel covers the page: it behaves as a modal dialog and keeps Tab inside. */
function fullScreen(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(max-width: 479.98px)').matches;
}

/** Shows the panel in place of the bubble, or the bubble in place of the panel. */
export function showPanel(ui: Ui, open: boolean): void {
  ui.panel.hidden = !open;
  ui.bubble.hidden = open;
  ui.bubble.setAttribute('aria-expanded', String(open));
}

export function openPanel(chat: Chat, focus = true): void {
  const { ui, session } = chat;
  session.state.open = true;
  ui.panel.setAttribute('aria-modal', String(fullScreen()));
  showPanel(ui, true);
  session.conn.start();
  // Back where the citizen left the conversation; the first time, at its end.
  if (chat.list.savedScroll === undefined) chat.list.scrollToEnd(true);
  else ui.log.scrollTop = chat.list.savedScroll;
  if (focus) {
    const coarse = typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches;
    // On a phone, focusing the input would pop the keyboard over the suggestions: focus the title.
    (coarse ? ui.title : ui.input).focus();
  }
  session.save();
}

export function closePanel(chat: Chat): void {
  const { ui, session } = chat;
  if (ui.panel.hidden) return;
  session.state.open = false;
  chat.list.savedScroll = ui.log.scrollTop;
  // Closing after an answer is a moment to ask how it went: the survey waits, quietly, at the end.
  if ((session.state.answered ?? 0) > 0) offerSurvey(chat);
  showPanel(ui, false);
  stopSpeaking();
  ui.bubble.focus();
  session.save();
}

/** Escape closes the panel; when it is full screen, Tab and Shift+Tab go round inside it. */
export function bindPanelKeys(chat: Chat): void {
  const ui = chat.ui;
  ui.panel.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape') {
      ev.preventDefault();
      closePanel(chat);
    } else if (ev.key === 'Tab' && fullScreen()) wrapFocus(ui, chat.shadow, ev);
  });
}

function wrapFocus(ui: Ui, shadow: ShadowRoot, ev: KeyboardEvent): void {
  const focusable = [...ui.panel.querySelectorAll<HTMLElement>('button, textarea, input, a[href], [tabindex="0"]')].filter(
    (el) => !el.closest('[hidden]') && !(el as HTMLButtonElement).disabled,
  );
  if (focusable.length === 0) return;
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  const active = shadow.activeElement;
  if (ev.shiftKey && (active === first || active === ui.title)) {
    ev.preventDefault();
    last.focus();
  } else if (!ev.shiftKey && active === last) {
    ev.preventDefault();
    first.focus();
  }
}

/** Says `text` through the live region (cleared first so the same text is said again; kept short). */
export function announce(chat: Chat, text: string): void {
  chat.ui.live.textContent = '';
  const short = text.length > 600 ? text.slice(0, 600) + '…' : text;
  setTimeout(() => (chat.ui.live.textContent = short), 60);
}
