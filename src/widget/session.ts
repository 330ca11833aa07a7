import type { ClientFrame } from '../chat/protocol.js';
import { Connection, type ConnectionHandlers } from './connection.js';
import { Store, type Message, type Prefs, type SavedState } from './store.js';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The conversation without its DOM: the websocket, what survives a reload (transcript, questions not
 * answered yet, frames not sent yet; see `store.ts`) and the display preferences.
 */
export class Session {
  readonly conn: Connection;
  readonly state: SavedState;
  readonly prefs: Prefs;
  /** `hello` was sent and the server has neither answered `ready` nor refused it yet. */
  helloPending = false;
  private readonly store: Store;
  private saveTimer?: ReturnType<typeof setTimeout>;

  constructor(
    server: string,
    on: Omit<ConnectionHandlers, 'hello'>,
    /** The portal's language for the widget (`data-lang`), unless the citizen chose another. */
    private readonly defaultLang?: string,
  ) {
    this.store = new Store(`dvc-chat:v1:${server}`);
    this.state = this.store.loadState();
    this.prefs = this.store.loadPrefs();
    for (const m of this.state.messages) if (m.kind === 'user') m.queued = this.isPending(m.id);
    this.conn = new Connection(server, { hello: () => this.hello(), frame: on.frame, state: on.state });
  }

  private hello(): Record<string, unknown> {
    this.helloPending = true;
    const id = this.state.sessionId;
    const lang = this.prefs.lang ?? this.defaultLang;
    return { type: 'hello', ...(id && UUID_RE.test(id) ? { sessionId: id } : {}), ...(lang ? { lang } : {}) };
  }

  save(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    this.store.saveState(this.state);
  }

  /** Saves a little later (typing in the input). */
  saveSoon(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.save(), 300);
  }

  savePrefs(): void {
    this.store.savePrefs(this.prefs);
  }

  /** Sends a frame now, or keeps it in the outbox (which survives a reload) and hurries the connection. */
  send(frame: ClientFrame): void {
    if (this.conn.send(frame)) return;
    this.state.outbox.push(frame);
    this.save();
    this.wake();
  }

  /** Connects if the connection was never started; otherwise retries at once if it is down. */
  wake(): void {
    if (this.conn.state === 'idle') this.conn.start();
    else this.conn.retryNow();
  }

  /** Sends what the outbox holds (once the server is ready); what cannot be sent stays there. */
  flushOutbox(): void {
    const outbox = this.state.outbox;
    this.state.outbox = [];
    for (const frame of outbox) if (!this.conn.send(frame)) this.state.outbox.push(frame);
  }

  isPending(id: string): boolean {
    return this.state.pending.some((p) => p.id === id);
  }

  dropPending(id: string): void {
    this.state.pending = this.state.pending.filter((p) => p.id !== id);
  }

  message(id: string): Message | undefined {
    return this.state.messages.find((x) => x.id === id);
  }

  /** The latest message that matches. */
  last(match: (m: Message) => unknown): Message | undefined {
    return [...this.state.messages].reverse().find(match);
  }
}
