import { renderFollowUps } from './chips.js';
import type { Chat } from './context.js';
import { answerOf } from './ids.js';
import { markdownDom, markdownText } from './markdown.js';
import { announce } from './panel.js';
import type { Fact, Message, Source } from './store.js';
import { errorMessage } from './strings.js';
import { resetLookup } from './requests.js';
import { answerArrived } from './survey.js';

const RETRY_ASK_MS = 3000;
const RATE_WAIT_MS = 10_000;

/** A piece of the answer in flight: shown as it streams, its beginning scrolled into view. */
export function onDelta(chat: Chat, id: string, text: string): void {
  const { asks, list, session } = chat;
  if (!id || id !== asks.inflight) return;
  asks.gotDelta = true;
  const mid = answerOf(id);
  let m = session.message(mid);
  if (!m) {
    m = { id: mid, kind: 'bot', text: '', streaming: true };
    list.add(m);
  }
  m.text += text;
  const view = list.view(mid);
  if (view) view.body.replaceChildren(markdownDom(m.text, chat.strings.newTab));
  asks.updateTyping();
  list.keepAnchor();
}

function readAnswer(mid: string, f: Record<string, unknown>): Message {
  const sources: Source[] = Array.isArray(f.sources)
    ? f.sources
        .filter((x): x is Source => !!x && typeof x === 'object' && typeof (x as Source).url === 'string')
        .map((x) => ({ id: String(x.id ?? ''), title: String(x.title ?? ''), url: x.url, section: String(x.section ?? '') }))
    : [];
  return {
    id: mid,
    kind: 'bot',
    text: typeof f.text === 'string' ? f.text : '',
    facts: Array.isArray(f.facts)
      ? f.facts
          .filter((x): x is Fact => !!x && typeof x === 'object' && typeof (x as Fact).text === 'string' && typeof (x as Fact).kind === 'string')
          .map((x) => ({ kind: x.kind, text: x.text, validUntil: typeof x.validUntil === 'string' ? x.validUntil : undefined }))
      : [],
    answerId: typeof f.answerId === 'string' ? f.answerId : undefined,
    sources,
    followUps: Array.isArray(f.followUps) ? f.followUps.filter((x): x is string => typeof x === 'string') : [],
  };
}

/** The final answer: replaces what streamed (or is added), is announced, maybe read aloud; the next question goes. */
export function onAnswer(chat: Chat, f: Record<string, unknown>): void {
  const { asks, list, session } = chat;
  const id = String(f.id ?? '');
  if (!asks.settle(id)) return;
  const mid = answerOf(id);
  const fields = readAnswer(mid, f);
  const existing = session.message(mid);
  if (existing) {
    for (const key of Object.keys(existing) as Array<keyof Message>) delete existing[key];
    Object.assign(existing, fields);
    list.replace(existing);
  } else {
    list.add(fields);
  }
  renderFollowUps(chat);
  list.keepAnchor();
  announce(chat, chat.strings.answerAnnounce + markdownText(fields.text));
  if (session.prefs.autoRead && !chat.ui.panel.hidden) chat.settings.readAloud(existing ?? fields);
  session.state.answered = (session.state.answered ?? 0) + 1;
  session.save();
  asks.pump();
  answerArrived(chat);
}

/** An `error` frame: about our hello, about a question (kept and retried, or given up), or general. */
export function onError(chat: Chat, id: string | undefined, code: unknown): void {
  const { asks, list, session, strings: s } = chat;
  if (session.helloPending && !id) {
    // The server refused our hello (e.g. a stored session id it cannot read): start a new session.
    session.state.sessionId = undefined;
    session.helloPending = false;
    session.conn.rehello();
    return;
  }
  const pendingAsk = id ? session.state.pending.find((p) => p.id === id) : undefined;
  if (pendingAsk) {
    if (asks.inflight === id) asks.inflight = undefined;
    list.remove(answerOf(pendingAsk.id));
    if (code === 'not_ready' || code === 'busy') {
      // Keep the question; try again shortly.
      list.notice(errorMessage(s, code));
      asks.retryLater(RETRY_ASK_MS);
    } else {
      session.dropPending(pendingAsk.id);
      asks.setQueued(pendingAsk.id, false);
      const input = chat.ui.input;
      if ((code === 'too_long' || code === 'not_stored') && !input.value) {
        // Give the question back so the citizen can shorten it, or send it again, instead of retyping.
        input.value = pendingAsk.text;
        session.state.draft = pendingAsk.text;
      }
      list.notice(errorMessage(s, code));
      asks.pump();
    }
  } else {
    list.notice(errorMessage(s, code));
    if (code === 'unknown_code' || code === 'rate_limited') resetLookup(chat);
    if (code === 'rate_limited' && asks.inflight && !asks.gotDelta) {
      // Our question may have been dropped by the limiter: send it again after the window.
      asks.inflight = undefined;
      asks.retryLater(RATE_WAIT_MS);
    }
  }
  renderFollowUps(chat);
  asks.updateTyping();
  session.save();
}
