import { onAnswer, onDelta, onError } from './answers.js';
import { updateSuggestions } from './chips.js';
import type { Chat } from './context.js';
import { ackFeedback } from './feedback.js';
import { ackForm } from './forms.js';
import { onHandoff, onStaff } from './handoff.js';
import { ackRequest, onFeedbackStatus, rememberCode } from './requests.js';

/** Routes each frame from the server to the part of the widget it concerns. */
export function onFrame(chat: Chat, f: { type: string } & Record<string, unknown>): void {
  switch (f.type) {
    case 'ready':
      return onReady(chat, f);
    case 'delta':
      return onDelta(chat, String(f.id ?? ''), typeof f.text === 'string' ? f.text : '');
    case 'answer':
      return onAnswer(chat, f);
    case 'ack':
      return onAck(chat, typeof f.ref === 'string' ? f.ref : '', typeof f.code === 'string' ? f.code : undefined);
    case 'feedback_status':
      return onFeedbackStatus(chat, f);
    case 'handoff':
      return onHandoff(chat, f);
    case 'staff':
      return onStaff(chat, f);
    case 'error':
      return onError(chat, typeof f.id === 'string' ? f.id : undefined, f.code);
  }
}

/** The session is (re)established: new suggestions, then what waited in the outbox and the queue. */
function onReady(chat: Chat, f: Record<string, unknown>): void {
  const { session } = chat;
  session.helloPending = false;
  if (typeof f.sessionId === 'string') session.state.sessionId = f.sessionId;
  if (Array.isArray(f.suggestions)) updateSuggestions(chat, f.suggestions.filter((x): x is string => typeof x === 'string'));
  if (Array.isArray(f.languages)) session.state.languages = f.languages.filter((l): l is { code: string; name: string } => !!l && typeof l.code === 'string' && typeof l.name === 'string');
  if (typeof f.lang === 'string') chat.useLanguage(f.lang, f.strings && typeof f.strings === 'object' ? (f.strings as Record<string, unknown>) : undefined);
  const support = f.support as { hotline?: unknown; hours?: unknown } | undefined;
  if (support && typeof support.hotline === 'string' && typeof support.hours === 'string') {
    session.state.support = { hotline: support.hotline, hours: support.hours };
    chat.menu.render();
  }
  session.flushOutbox();
  session.save();
  chat.asks.pump();
}

/** The server acknowledges a survey, a call-back number, a góp ý, the end, the question in flight, or feedback on an answer. */
function onAck(chat: Chat, ref: string, code: string | undefined): void {
  if (code && ref !== 'feedback_request') rememberCode(chat, code);
  if (ref === 'survey' || ref === 'callback') return ackForm(chat, ref, code);
  if (ref === 'feedback_request') return ackRequest(chat, code);
  if (ref === 'end') return;
  if (ref && ref === chat.asks.inflight) return chat.asks.stored(ref);
  ackFeedback(chat, ref, code);
}
