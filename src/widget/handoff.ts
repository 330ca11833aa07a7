import { renderFollowUps } from './chips.js';
import type { Chat } from './context.js';
import { h } from './dom.js';
import { formRow, sendForm, sentNote } from './forms.js';
import { newId } from './ids.js';
import { markdownText } from './markdown.js';
import { announce } from './panel.js';
import type { HandoffState, Message } from './store.js';
import { offerSurvey } from './survey.js';

const HANDOFF_STATES: HandoffState[] = ['waiting', 'taken', 'closed', 'unavailable'];
const PHONE_RE = /^\+?[0-9 .-]{8,20}$/;

/** "Gặp cán bộ hỗ trợ": asks for a person (kept in the outbox while offline). */
export function requestHandoff(chat: Chat): void {
  chat.list.add({ id: newId(), kind: 'user', text: chat.strings.handoffRequest });
  renderFollowUps(chat);
  chat.session.send({ type: 'handoff' });
  chat.session.save();
}

/** The header's status line once connected: waiting for a person, or who has the chat. */
export function handoffStatus(chat: Chat): string {
  const { session, strings: s } = chat;
  if (session.state.handoff === 'waiting') return s.handoffWaiting;
  if (session.state.handoff === 'taken') return s.handoffTaken.replace('{name}', session.state.staffName || s.desk);
  return s.subtitle;
}

function addStaffMessage(chat: Chat, name: string, text: string, spoken: string, callback?: boolean): void {
  chat.list.add({ id: newId(), kind: 'staff', name, text, callback });
  announce(chat, chat.strings.staffAnnounce.replace('{name}', name) + spoken);
}

/** A `staff` frame: a message from the person who has the chat. */
export function onStaff(chat: Chat, f: Record<string, unknown>): void {
  const text = typeof f.text === 'string' ? f.text : '';
  const name = typeof f.name === 'string' && f.name ? f.name : chat.strings.desk;
  addStaffMessage(chat, name, text, markdownText(text));
  renderFollowUps(chat);
  chat.session.save();
}

/** A `handoff` frame (`waiting`, `taken`, `closed`, `unavailable`): header status, the desk's message, then the survey when closed. */
export function onHandoff(chat: Chat, f: Record<string, unknown>): void {
  const { session, strings: s } = chat;
  const state = f.state as HandoffState;
  if (!HANDOFF_STATES.includes(state)) return;
  const name = typeof f.staffName === 'string' && f.staffName ? f.staffName : undefined;
  session.state.handoff = state;
  session.state.staffName = state === 'taken' ? name : undefined;
  const text = typeof f.message === 'string' ? f.message : '';
  if (text) addStaffMessage(chat, (state === 'taken' && name) || s.desk, text, text, f.callback === true);
  chat.asks.onState(session.conn.state);
  renderFollowUps(chat);
  if (state === 'closed') offerSurvey(chat);
  session.save();
}

/** Leave a phone number for a call back (offered by the server when nobody can chat now). */
export function callbackForm(chat: Chat, m: Message): HTMLElement {
  const s = chat.strings;
  if (m.done) return sentNote(m, s.callbackThanks, s.sending, 'status');
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
