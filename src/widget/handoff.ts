import { renderFollowUps } from './chips.js';
import type { Chat } from './context.js';
import { h, icon, ICONS } from './dom.js';
import { formRow, sendForm, sentNote } from './forms.js';
import { newId } from './ids.js';
import { markdownText } from './markdown.js';
import { announce } from './panel.js';
import type { HandoffState, Message } from './store.js';
import { format } from './strings.js';
import { offerSurvey } from './survey.js';

const HANDOFF_STATES: HandoffState[] = ['waiting', 'taken', 'closed', 'unavailable'];
const PHONE_RE = /^\+?[0-9 .-]{8,20}$/;

/** Whether a person has the chat or the citizen is waiting for one. */
export function withPerson(chat: Chat): boolean {
  const h = chat.session.state.handoff;
  return h === 'waiting' || h === 'taken';
}

/** "Gặp cán bộ hỗ trợ": asks for a person (kept in the outbox while offline), once: never while a request is open. */
export function requestHandoff(chat: Chat): void {
  const { session } = chat;
  if (withPerson(chat) || session.state.handoffAsked) return;
  session.state.handoffAsked = true;
  chat.list.add({ id: newId(), kind: 'user', text: chat.strings.handoffRequest });
  renderFollowUps(chat);
  session.send({ type: 'handoff' });
  renderHandoffBar(chat);
  session.save();
}

/** "Kết thúc trò chuyện": closes an open request for a person, then asks how it went. */
export function endChat(chat: Chat): void {
  const { session } = chat;
  session.send({ type: 'end' });
  chat.ui.menu.hidden = true;
  chat.ui.moreBtn.setAttribute('aria-expanded', 'false');
  offerSurvey(chat, true);
  session.save();
}

/** The header's status line once connected: waiting for a person, or who has the chat. */
export function handoffStatus(chat: Chat): string {
  const { session, strings: s } = chat;
  if (session.state.handoff === 'waiting') return s.handoffWaiting;
  if (session.state.handoff === 'taken') return format(s.handoffTaken, { name: session.state.staffName || s.desk });
  return s.subtitle;
}

/**
 * The bar above the composer: "Gặp cán bộ hỗ trợ" when no person is involved; while waiting, the
 * place in the queue and the expected wait; with a person, who it is; then "Kết thúc trò chuyện".
 */
export function renderHandoffBar(chat: Chat): void {
  const { session, strings: s, ui } = chat;
  const state = session.state;
  if (!withPerson(chat)) {
    ui.bar.replaceChildren(
      h('button', { class: 'handoff', type: 'button', disabled: state.handoffAsked === true, onclick: () => requestHandoff(chat) }, icon(ICONS.person), h('span', { text: s.handoff })),
    );
    return;
  }
  const lines: string[] = [];
  if (state.handoff === 'taken') lines.push(format(s.handoffTaken, { name: state.staffName || s.desk }));
  else {
    lines.push(state.position ? format(s.handoffPosition, { n: state.position }) : s.handoffWaiting);
    if (state.waitMinutes) lines.push(format(s.handoffWait, { n: state.waitMinutes }));
  }
  ui.bar.replaceChildren(
    h('p', { class: 'wait', role: 'status' }, ...lines.map((t) => h('span', { text: t }))),
    h('button', { class: 'act end', type: 'button', text: s.endChat, onclick: () => endChat(chat) }),
  );
}

/** A tap-to-call link to `hotline` ("1800 1096" read in groups of four). */
export function callLink(chat: Chat, hotline: string): HTMLAnchorElement {
  const digits = hotline.replace(/[^\d+]/g, '');
  const shown = /^\d{8}$/.test(digits) ? `${digits.slice(0, 4)} ${digits.slice(4)}` : hotline;
  return h('a', { class: 'call', href: `tel:${digits}` }, icon(ICONS.phone), h('span', { text: format(chat.strings.callHotline, { hotline: shown }) }));
}

/** The hotline of the server (from `ready`) when `text` mentions it: bot refusals and desk messages get a call link. */
export function hotlineIn(chat: Chat, text: string): string | undefined {
  const hotline = chat.session.state.support?.hotline;
  if (!hotline) return undefined;
  const digits = hotline.replace(/\D/g, '');
  return digits && text.replace(/[\s.]/g, '').includes(digits) ? hotline : undefined;
}

function addStaffMessage(chat: Chat, m: Omit<Message, 'id' | 'kind'>, spoken: string): void {
  chat.list.add({ id: newId(), kind: 'staff', ...m });
  announce(chat, format(chat.strings.staffAnnounce, { name: m.name ?? '' }) + spoken);
}

/** A `staff` frame: a message from the person who has the chat. */
export function onStaff(chat: Chat, f: Record<string, unknown>): void {
  const text = typeof f.text === 'string' ? f.text : '';
  const name = typeof f.name === 'string' && f.name ? f.name : chat.strings.desk;
  addStaffMessage(chat, { name, text }, markdownText(text));
  renderFollowUps(chat);
  chat.session.save();
}

/**
 * A `handoff` frame. A change of state shows the desk's message; the same state again (the queue
 * moved, or the server repeats it after a reconnect) only updates the bar. Closed → the survey.
 */
export function onHandoff(chat: Chat, f: Record<string, unknown>): void {
  const { session, strings: s } = chat;
  const state = f.state as HandoffState;
  if (!HANDOFF_STATES.includes(state)) return;
  const st = session.state;
  const changed = st.handoff !== state || state === 'unavailable';
  const name = typeof f.staffName === 'string' && f.staffName ? f.staffName : undefined;
  st.handoffAsked = false;
  st.handoff = state;
  st.staffName = state === 'taken' ? name : undefined;
  st.position = typeof f.position === 'number' ? f.position : undefined;
  st.waitMinutes = typeof f.waitMinutes === 'number' ? f.waitMinutes : undefined;
  const text = typeof f.message === 'string' ? f.message : '';
  if (changed && text) {
    const hotline = typeof f.hotline === 'string' ? f.hotline : undefined;
    addStaffMessage(chat, { name: (state === 'taken' && name) || s.desk, text, callback: f.callback === true, hotline }, text);
  }
  chat.asks.onState(session.conn.state);
  renderHandoffBar(chat);
  renderFollowUps(chat);
  if (state === 'closed' && changed) offerSurvey(chat);
  session.save();
}

/** Leave a phone number for a call back (offered by the server when nobody can chat now). */
export function callbackForm(chat: Chat, m: Message): HTMLElement {
  const s = chat.strings;
  if (m.done) return sentNote(m, m.code ? `${s.callbackThanks} ${format(s.trackingCode, { code: m.code })}` : s.callbackThanks, s.sending, 'status');
  const fieldId = `dvc-cb-${m.id}`;
  const phone = h('input', { id: fieldId, class: 'field', type: 'tel', inputmode: 'tel', autocomplete: 'tel', maxlength: 20 });
  const error = h('p', { class: 'field-error', hidden: true, text: s.callbackInvalid });
  const submit = (ev: Event) => {
    ev.preventDefault();
    const value = phone.value.trim();
    const digits = value.replace(/\D/g, '').length;
    if (!PHONE_RE.test(value) || digits < 8 || digits > 15) {
      error.hidden = false;
      phone.setAttribute('aria-invalid', 'true');
      phone.focus();
      return;
    }
    sendForm(chat, m, { type: 'callback', phone: value });
  };
  const form = h(
    'form',
    { class: 'fb', onsubmit: submit },
    h('label', { for: fieldId, text: s.callbackLabel }),
    phone,
    error,
    formRow(h('button', { class: 'act', type: 'submit', text: s.callbackSend })),
  );
  phone.setAttribute('aria-describedby', `${fieldId}-err`);
  error.id = `${fieldId}-err`;
  return form;
}
