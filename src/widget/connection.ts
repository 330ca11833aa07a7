import type { ClientFrame } from '../chat/protocol.js';
import { Reconnector } from './reconnect.js';

/**
 * The websocket to the chat server, kept alive across a flaky mobile network: on every (re)connect it
 * sends `hello` (with the stored session id so the conversation resumes), is "ready" once the server
 * answers `ready`, and after any loss reconnects with backoff. A silent dead socket (common when a phone
 * changes cell or wakes up) is noticed by an application-level ping that gets no reply.
 */

export type ConnState = 'idle' | 'connecting' | 'ready' | 'reconnecting';

export interface ConnectionHandlers {
  hello(): Record<string, unknown>;
  frame(frame: { type: string } & Record<string, unknown>): void;
  state(state: ConnState): void;
}

const PING_EVERY_MS = 25_000;
const PONG_WITHIN_MS = 10_000;
const OPEN_WITHIN_MS = 15_000;

export class Connection {
  private ws?: WebSocket;
  private current: ConnState = 'idle';
  private everReady = false;
  private readonly retry = new Reconnector();
  private pingTimer?: ReturnType<typeof setInterval>;
  private deadline?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly url: string,
    private readonly on: ConnectionHandlers,
  ) {
    if (typeof window !== 'undefined') {
      window.addEventListener('online', () => this.current !== 'ready' && this.current !== 'idle' && this.retryNow());
      window.addEventListener('offline', () => this.current === 'ready' && this.drop());
    }
  }

  get state(): ConnState {
    return this.current;
  }

  get started(): boolean {
    return this.current !== 'idle';
  }

  start(): void {
    if (this.current === 'idle') this.connect();
  }

  /** Tries at once instead of waiting for the scheduled retry (the user acted, or the network came back). */
  retryNow(): void {
    if (this.current === 'ready' || this.current === 'idle') return;
    if (this.ws && this.ws.readyState === WebSocket.CONNECTING) return;
    this.retry.cancel();
    this.connect();
  }

  /** Sends a frame if the connection is ready; false means the caller should keep it for later. */
  send(frame: ClientFrame): boolean {
    if (this.current !== 'ready' || !this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    try {
      this.ws.send(JSON.stringify(frame));
      return true;
    } catch {
      return false;
    }
  }

  /** Re-sends `hello` on the open socket (e.g. after the server refused the stored session id). */
  rehello(): void {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(this.on.hello()));
  }

  private setState(state: ConnState): void {
    if (state === this.current) return;
    this.current = state;
    this.on.state(state);
  }

  private connect(): void {
    this.cleanup();
    this.setState(this.everReady ? 'reconnecting' : 'connecting');
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.url);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.ws = ws;
    this.deadline = setTimeout(() => this.drop(), OPEN_WITHIN_MS);
    ws.onopen = () => {
      ws.send(JSON.stringify(this.on.hello()));
    };
    ws.onmessage = (ev) => {
      if (typeof ev.data !== 'string') return;
      let frame: unknown;
      try {
        frame = JSON.parse(ev.data);
      } catch {
        return;
      }
      if (!frame || typeof frame !== 'object' || typeof (frame as { type?: unknown }).type !== 'string') return;
      this.alive();
      const f = frame as { type: string } & Record<string, unknown>;
      if (f.type === 'ready') {
        this.everReady = true;
        this.retry.succeeded();
        this.startPing();
        this.setState('ready');
      }
      if (f.type !== 'pong') this.on.frame(f);
    };
    ws.onclose = () => this.drop();
    ws.onerror = () => undefined; // a close event always follows
  }

  /** The socket is gone (or presumed dead): forget it and schedule a retry. */
  private drop(): void {
    this.cleanup();
    this.setState(this.everReady ? 'reconnecting' : 'connecting');
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    this.retry.schedule(() => this.connect());
  }

  private startPing(): void {
    clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => {
      if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return;
      this.ws.send('{"type":"ping"}');
      clearTimeout(this.deadline);
      this.deadline = setTimeout(() => this.drop(), PONG_WITHIN_MS);
    }, PING_EVERY_MS);
  }

  private alive(): void {
    clearTimeout(this.deadline);
    this.deadline = undefined;
  }

  private cleanup(): void {
    clearInterval(this.pingTimer);
    clearTimeout(this.deadline);
    this.pingTimer = undefined;
    this.deadline = undefined;
    const ws = this.ws;
    this.ws = undefined;
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
      try {
        ws.close();
      } catch {
        /* already closed */
      }
    }
  }
}
