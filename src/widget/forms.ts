import type { ClientFrame } from '../chat/protocol.js';
import type { Chat } from './context.js';
import { h } from './dom.js';
import { announce } from './panel.js';
import type { Message } from './store.js';
import { format } from './strings.js';

/**
 * The pieces shared by the small forms inside messages: the feedback comment, the call-back number and
 * the satisfaction survey.
 */

const MAX_COMMENT = 500;

/** The row of buttons at the bottom of a form. */
export function formRow(...buttons: HTMLElement[]): HTMLElement {
  return h('div', { class: 'fb-row' }, ...buttons);
}

/** An optional comment: its label and box (to add in this order) and its text as it is sent. */
export function commentField(id: string, label: string, placeholder?: string): { label: HTMLElement; box: HTMLTextAreaElement; value(): string } {
  const box = h('textarea', { id, rows: 2, maxlength: MAX_COMMENT, placeholder });
  return { label: h('label', { for: id, text: label }), box, value: () => box.value.trim().slice(0, MAX_COMMENT) };
}

/** `frame` with `comment` added when there is one. */
export function withComment<F extends ClientFrame>(frame: F, comment: string): F {
  return comment ? { ...frame, comment } : frame;
}

/** Sends a message's one-time form (call back, survey); the message then says "sending…" until the ack. */
export function sendForm(chat: Chat, m: Message, frame: ClientFrame): void {
  m.done = true;
  chat.session.send(frame);
  chat.list.replace(m);
  chat.session.save();
}

/** What a sent form leaves in its message: the thanks once the server has it, "sending…" before. */
export function sentNote(m: Message, thanks: string, sending: string, role?: string): HTMLElement {
  return h('p', { class: 'thanks', role, text: m.acked ? thanks : sending });
}

/** The server has the latest sent survey or call-back number: its message shows (and says) the thanks, and the tracking code if any. */
export function ackForm(chat: Chat, ref: 'survey' | 'callback', code?: string): void {
  const { session, strings: s } = chat;
  const m = session.last((x) => (ref === 'survey' ? x.kind === 'survey' : !!x.callback) && x.done && !x.acked);
  if (!m) return;
  m.acked = true;
  m.code = code;
  chat.list.replace(m);
  announce(chat, (ref === 'survey' ? s.surveyThanks : s.callbackThanks) + (code ? ` ${format(s.trackingCode, { code })}` : ''));
  session.save();
}
