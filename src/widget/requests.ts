import type { Chat } from './context.js';
import { h } from './dom.js';
import { commentField, formRow, sendForm } from './forms.js';
import { newId } from './ids.js';
import { markdownDom } from './markdown.js';
import { announce } from './panel.js';
import type { Message, PublicFeedback } from './store.js';
import { format, type Strings } from './strings.js';

/**
 * Góp ý and phản ánh from the widget: a form that sends `feedback_request` and shows the tracking
 * code the server gives back, and a look-up by code (`feedback_lookup` → `feedback_status`) that
 * shows the status and the desk's reply. Both are cards in the conversation, opened from "Thêm".
 */

const PHONE_RE = /^\+?[0-9 .-]{8,20}$/;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
const CODE_RE = /^[0-9a-z]{4}-?[0-9a-z]{4}-?[0-9a-z]{4}$/i;

/** Opens a card from the menu: added at the end, scrolled to, its first field focused. */
export function openCard(chat: Chat, kind: 'request' | 'lookup'): void {
  chat.ui.menu.hidden = true;
  chat.ui.moreBtn.setAttribute('aria-expanded', 'false');
  const view = chat.list.add({ id: newId(), kind, text: '' }, 'none');
  chat.list.reveal(view.el, true);
  view.el.querySelector<HTMLElement>('textarea, input')?.focus();
  chat.session.save();
}

function validContact(value: string): boolean {
  if (!value) return true;
  const digits = value.replace(/\D/g, '').length;
  return (PHONE_RE.test(value) && digits >= 8 && digits <= 15) || (EMAIL_RE.test(value) && value.length <= 100);
}

/** The góp ý form, or once sent its tracking code. */
export function fillRequest(chat: Chat, m: Message, body: HTMLElement): void {
  const s = chat.strings;
  const id = `dvc-rq-${m.id}`;
  body.appendChild(h('p', { class: 'card-q', id: `${id}-q`, text: s.requestTitle }));
  if (m.done) {
    body.appendChild(codeNote(s, m, s.requestThanks));
    return;
  }
  const kind = h('fieldset', { class: 'kinds' }, h('legend', { text: s.requestKind }));
  for (const [value, label] of [['suggestion', s.kindSuggestion], ['complaint', s.kindComplaint]] as const) {
    kind.appendChild(h('label', { class: 'kind' }, h('input', { type: 'radio', name: `${id}-kind`, value, checked: value === 'suggestion' }), h('span', { text: label })));
  }
  const text = commentField(`${id}-text`, s.requestText);
  text.box.maxLength = 2000;
  text.box.rows = 3;
  const contact = h('input', { id: `${id}-contact`, class: 'field', type: 'text', inputmode: 'email', autocomplete: 'tel', maxlength: 100, 'aria-describedby': `${id}-hint` });
  const error = h('p', { class: 'field-error', id: `${id}-err`, role: 'alert', hidden: true, text: s.requestInvalid });
  const submit = (ev: Event) => {
    ev.preventDefault();
    const body = text.box.value.trim();
    const reach = contact.value.trim();
    if (body.length < 5 || !validContact(reach)) {
      error.hidden = false;
      (body.length < 5 ? text.box : contact).focus();
      return;
    }
    const chosen = kind.querySelector<HTMLInputElement>('input:checked')?.value === 'complaint' ? 'complaint' : 'suggestion';
    sendForm(chat, m, { type: 'feedback_request', kind: chosen, text: body.slice(0, 2000), ...(reach ? { contact: reach } : {}) });
  };
  body.appendChild(
    h(
      'form',
      { class: 'card-form', 'aria-labelledby': `${id}-q`, onsubmit: submit },
      kind,
      text.label,
      text.box,
      h('label', { for: `${id}-contact`, text: s.requestContact }),
      contact,
      h('p', { class: 'hint', id: `${id}-hint`, text: s.requestContactHint }),
      error,
      formRow(h('button', { class: 'act', type: 'submit', text: s.requestSend })),
    ),
  );
}

/** "Đã nhận… Mã theo dõi: K7QM-4TZX-9HPA", large and selectable, with how to use it; "Đang gửi…" until the ack. */
function codeNote(s: Strings, m: Message, thanks: string): HTMLElement {
  if (!m.acked || !m.code) return h('p', { class: 'thanks', role: 'status', text: s.sending });
  return h('div', { class: 'code-note', role: 'status' }, h('p', { text: thanks }), h('p', { class: 'code', text: m.code }), h('p', { class: 'hint', text: s.codeHint }));
}

/** The look-up: a code field (the latest code of this conversation filled in), then the status and reply. */
export function fillLookup(chat: Chat, m: Message, body: HTMLElement): void {
  const s = chat.strings;
  const id = `dvc-lk-${m.id}`;
  if (m.item) {
    body.appendChild(lookupResult(chat, m.item));
    return;
  }
  const codes = chat.session.state.codes ?? [];
  const code = h('input', { id, class: 'field code-field', type: 'text', autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false', maxlength: 20, value: codes[codes.length - 1] ?? '' });
  const submit = (ev: Event) => {
    ev.preventDefault();
    const value = code.value.trim();
    if (!CODE_RE.test(value)) {
      code.setAttribute('aria-invalid', 'true');
      code.focus();
      return;
    }
    sendForm(chat, m, { type: 'feedback_lookup', code: value });
  };
  body.appendChild(
    h(
      'form',
      { class: 'card-form', onsubmit: submit },
      h('p', { class: 'card-q', text: s.lookupOpen }),
      h('label', { for: id, text: s.lookupLabel }),
      code,
      formRow(h('button', { class: 'act', type: 'submit', disabled: m.done === true, text: m.done ? s.sending : s.lookupSend })),
    ),
  );
}

function lookupResult(chat: Chat, item: PublicFeedback): HTMLElement {
  const s = chat.strings;
  const status = item.status === 'answered' ? s.statusAnswered : item.status === 'in_progress' ? s.statusInProgress : s.statusNew;
  const date = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString('vi-VN', { day: 'numeric', month: 'numeric', year: 'numeric' }) : '');
  const box = h(
    'div',
    { class: 'lookup-result' },
    h('p', { class: 'code', text: item.code }),
    h('p', { class: `status-line ${item.status}`, text: status }),
    h('p', { text: format(s.lookupReceived, { date: date(item.receivedAt) }) }),
    item.answeredAt ? h('p', { text: format(s.lookupAnswered, { date: date(item.answeredAt) }) }) : h('p', { text: format(s.lookupDue, { date: date(item.dueAt) }) }),
  );
  if (item.reply) box.append(h('p', { class: 'card-q', text: s.lookupReply }), h('div', { class: 'reply' }, markdownDom(item.reply, s.newTab)));
  return box;
}

/** The server's `feedback_status`: the look-up waiting for it shows the result. */
export function onFeedbackStatus(chat: Chat, f: Record<string, unknown>): void {
  const item = f.item as PublicFeedback | undefined;
  if (!item || typeof item.code !== 'string') return;
  const m = chat.session.last((x) => x.kind === 'lookup' && !!x.done && !x.item);
  if (!m) return;
  m.item = item;
  m.acked = true;
  chat.list.replace(m);
  const s = chat.strings;
  announce(chat, `${item.code}: ${item.status === 'answered' ? s.statusAnswered : item.status === 'in_progress' ? s.statusInProgress : s.statusNew}`);
  chat.session.save();
}

/** A look-up the server refused (unknown code, too many tries): the form comes back to try again. */
export function resetLookup(chat: Chat): void {
  const m = chat.session.last((x) => x.kind === 'lookup' && !!x.done && !x.item);
  if (!m) return;
  m.done = false;
  chat.list.replace(m);
  chat.session.save();
}

/** A tracking code from an `ack`: kept for the look-up, and shown where the acknowledged thing is. */
export function rememberCode(chat: Chat, code: string): void {
  const state = chat.session.state;
  state.codes = [...(state.codes ?? []).filter((c) => c !== code), code].slice(-5);
}

/** The server has the góp ý: its card shows the tracking code. */
export function ackRequest(chat: Chat, code: string | undefined): void {
  const m = chat.session.last((x) => x.kind === 'request' && !!x.done && !x.acked);
  if (!m) return;
  m.acked = true;
  m.code = code;
  if (code) rememberCode(chat, code);
  chat.list.replace(m);
  announce(chat, `${chat.strings.requestThanks} ${code ?? ''}`);
  chat.session.save();
}
