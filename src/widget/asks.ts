import { renderFollowUps } from './chips.js';
import type { ConnState } from './connection.js';
import type { Chat } from './context.js';
import { handoffStatus } from './handoff.js';
import { answerOf, newId } from './ids.js';
import { openPanel } from './panel.js';
import type { Message } from './store.js';

/** After the server has stored a question, how long to wait for the bot before sending the next one. */
const ANSWER_GUARD_MS = 60_000;

/**
 * The citizen's questions. Each stays in `state.pending` until its answer arrives and they are sent one
 * at a time, so a question typed offline, or one whose answer was cut off by a lost connection, is
 * (re)sent on reconnect and survives a reload.
 */
export class Asks {
  /** The ask sent on the current connection and not answered yet. */
  inflight?: string;
  /** Whether the answer in flight has started to stream. */
  gotDelta = false;
  /** Questions the server took but that went to a person (or waited too long): a late bot answer is still shown. */
  private readonly released = new Set<string>();
  private retryTimer?: ReturnType<typeof setTimeout>;
  private guardTimer?: ReturnType<typeof setTimeout>;

  constructor(private readonly chat: Chat) {}

  /** Asks a question as if typed (opens the panel). */
  ask(text: string): void {
    const { session } = this.chat;
    const question = String(text ?? '').trim();
    if (!question) return;
    if (this.chat.ui.panel.hidden) openPanel(this.chat, false);
    const id = newId();
    session.state.pending.push({ id, text: question });
    this.chat.list.add({ id, kind: 'user', text: question, queued: true });
    renderFollowUps(this.chat);
    session.save();
    session.wake();
    this.pump();
  }

  /** Forgets the question in flight and the timers (a new conversation). */
  reset(): void {
    clearTimeout(this.retryTimer);
    clearTimeout(this.guardTimer);
    this.inflight = undefined;
    this.gotDelta = false;
    this.released.clear();
  }

  /** Asks what is in the input. */
  submit(): void {
    const input = this.chat.ui.input;
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    this.chat.session.state.draft = '';
    this.ask(text);
  }

  /** Sends the oldest unanswered question if the connection is ready and nothing is in flight. */
  pump(): void {
    const { conn, state } = this.chat.session;
    if (this.inflight || conn.state !== 'ready') return this.updateTyping();
    const next = state.pending[0];
    if (!next) return this.updateTyping();
    if (conn.send({ type: 'ask', id: next.id, text: next.text })) {
      this.inflight = next.id;
      this.gotDelta = false;
      this.setQueued(next.id, false);
    }
    this.updateTyping();
  }

  /** Sends again after `ms` (the server was busy, or its rate limit may have dropped the question). */
  retryLater(ms: number): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.pump(), ms);
  }

  /** Takes question `id` off the queue as its answer arrives; false if it was not waiting for one. */
  settle(id: string): boolean {
    const { session } = this.chat;
    if (!session.isPending(id) && !this.released.delete(id)) return false;
    session.dropPending(id);
    if (this.inflight === id) {
      this.inflight = undefined;
      clearTimeout(this.guardTimer);
    }
    this.setQueued(id, false);
    return true;
  }

  /**
   * The server has stored the question. While a person has taken the conversation it goes to them and
   * no bot answer follows; otherwise the answer is awaited, but never forever: after a while the next
   * question is sent anyway (a late answer is still shown).
   */
  stored(id: string): void {
    clearTimeout(this.guardTimer);
    if (this.chat.session.state.handoff === 'taken') return this.release(id);
    this.guardTimer = setTimeout(() => {
      if (this.inflight === id) this.release(id);
    }, ANSWER_GUARD_MS);
  }

  private release(id: string): void {
    const { session } = this.chat;
    clearTimeout(this.guardTimer);
    session.dropPending(id);
    if (this.inflight === id) this.inflight = undefined;
    this.released.add(id);
    this.setQueued(id, false);
    renderFollowUps(this.chat);
    session.save();
    this.pump();
  }

  /** The connection changed: status line and banner; a lost answer in flight will be asked again. */
  onState(state: ConnState): void {
    const { ui, strings: s, session } = this.chat;
    ui.banner.hidden = state !== 'reconnecting';
    ui.status.textContent = state === 'connecting' ? s.connecting : state === 'reconnecting' ? s.reconnecting : handoffStatus(this.chat);
    this.refreshNotes();
    if (state === 'ready') return;
    clearTimeout(this.guardTimer);
    if (this.inflight) {
      this.chat.list.remove(answerOf(this.inflight));
      this.inflight = undefined;
    }
    for (const p of session.state.pending) this.setQueued(p.id, true);
    this.updateTyping();
  }

  setQueued(id: string, queued: boolean): void {
    const m = this.chat.session.message(id);
    if (m) m.queued = queued;
    this.refreshNotes();
  }

  /** "Not sent yet" shows on unsent questions only while there is no connection. */
  showQueued(m: Message): boolean {
    return !!m.queued && this.chat.session.conn.state !== 'ready';
  }

  private refreshNotes(): void {
    for (const m of this.chat.session.state.messages) {
      const note = m.kind === 'user' ? this.chat.list.view(m.id)?.note : undefined;
      if (note) note.hidden = !this.showQueued(m);
    }
  }

  /** "Thinking…" while an answer is awaited and has not started to stream. */
  updateTyping(): void {
    const typing = this.chat.ui.typing;
    typing.hidden = !(this.inflight && !this.gotDelta);
    if (!typing.hidden) this.chat.list.scrollToEnd(false);
  }
}
