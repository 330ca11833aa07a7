import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import type { FeedbackQueue } from '../feedback/queue.js';
import type { CitizenFrame, HandoffDesk } from '../handoff/desk.js';
import { DEFAULT_LANGUAGE, type Catalogues } from '../i18n/catalogue.js';
import type { Clock } from '../lib/clock.js';
import { NotStoredError } from '../lib/errors.js';
import type { Metrics } from '../plugins/app/metrics.js';
import { redact } from '../privacy/redact.js';
import type { ConversationService } from './conversation.js';
import { parseClientFrame, type ClientFrame, type ErrorCode, type ServerFrame } from './protocol.js';

const MAX_QUEUED_ASKS = 5;
/** Unknown tracking codes one socket may try before its look-ups are refused (codes are not for guessing). */
const MAX_UNKNOWN_CODES = 5;
const HEARTBEAT_MS = 30_000;

/** Exactly what one citizen connection uses. */
export interface ChatDeps {
  conversations: ConversationService;
  desk: Pick<HandoffDesk, 'attachCitizen' | 'current' | 'request' | 'leaveCallback' | 'endByCitizen' | 'support' | 'deliver'>;
  queue: Pick<FeedbackQueue, 'submit' | 'lookup'>;
  /** Every string the citizen reads from the server, per language. */
  catalogues: Catalogues;
  /** Whether questions can be answered yet, and the quick questions to offer. */
  knowledge: { readonly ready: boolean; suggestions(): string[] };
  metrics: Pick<Metrics, 'frameError' | 'socketOpened' | 'socketClosed'>;
  clock: Clock;
  limits: { maxQuestionChars: number; framesPerWindow: number; windowMs: number };
  log: FastifyBaseLogger;
}

type AskFrame = Extract<ClientFrame, { type: 'ask' }>;

/**
 * One citizen websocket. Frames are validated; bad ones get a typed `error` frame and the
 * connection stays usable. Asks run one at a time (a few may queue, e.g. questions a widget kept
 * while offline). Too many frames in the window → `rate_limited`; far too many → close 1008.
 * `lastActive` is the time of the last frame other than `ping`/`hello`, or of the last desk message
 * it received (citizen-sockets.ts closes sockets idle too long).
 */
export class ChatConnection {
  lastActive: number;
  /** The session this socket speaks for, once `hello` (or the first frame that needs one) opened it. */
  private session?: Promise<string>;
  private boundTo?: string;
  private detach?: () => void;
  private windowStart: number;
  private framesInWindow = 0;
  private warnedThisWindow = false;
  private readonly queue: AskFrame[] = [];
  private running = false;
  private readonly abort = new AbortController();
  private alive = true;
  private unknownCodes = 0;
  /** The citizen's language (from `hello`). */
  private lang = DEFAULT_LANGUAGE;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly deps: ChatDeps,
    private readonly socket: WebSocket,
  ) {
    deps.metrics.socketOpened();
    this.windowStart = deps.clock.now();
    this.lastActive = deps.clock.now();
    socket.on('pong', () => (this.alive = true));
    // Real time, not the clock: it waits for a real network round trip.
    this.heartbeat = setInterval(() => {
      if (!this.alive) return socket.terminate();
      this.alive = false;
      socket.ping();
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  onMessage(data: Buffer, isBinary: boolean): void {
    try {
      const text = isBinary ? '' : data.toString('utf8');
      if (!this.withinRate(text)) return;
      if (isBinary) return this.error('binary_not_supported');
      const parsed = parseClientFrame(text, this.deps.limits.maxQuestionChars);
      if (!parsed.ok) return this.error(parsed.code, parsed.id);
      if (parsed.frame.type !== 'ping' && parsed.frame.type !== 'hello') this.lastActive = this.deps.clock.now();
      void this.handle(parsed.frame);
    } catch (err) {
      this.deps.log.error({ err }, 'websocket frame failed');
      this.error('internal');
    }
  }

  onClose(): void {
    clearInterval(this.heartbeat);
    this.detach?.();
    this.abort.abort();
    this.queue.length = 0;
    this.deps.metrics.socketClosed();
  }

  /**
   * One valid frame. Each write is awaited before its `ack`; a citizen's write that fails gets
   * `not_stored` (and no `ack`), so the widget can send it again. Frames other than asks are handled at once, concurrently with an answer in progress.
   */
  private async handle(frame: ClientFrame): Promise<void> {
    const { conversations, desk, knowledge, queue } = this.deps;
    try {
      switch (frame.type) {
        case 'hello': {
          const { catalogues } = this.deps;
          this.lang = catalogues.pick(frame.lang);
          const sessionId = await this.openSession(frame.sessionId);
          this.send({
            type: 'ready',
            sessionId,
            suggestions: knowledge.ready ? knowledge.suggestions() : [],
            support: this.support(),
            lang: this.lang,
            languages: catalogues.languages,
            ...(this.lang !== DEFAULT_LANGUAGE ? { strings: catalogues.widget(this.lang) } : {}),
          });
          // A widget that reconnects during a handoff learns whether a person still has the chat,
          // then gets the staff messages sent while it was away.
          const open = await desk.current(sessionId);
          if (open) await this.sendDesk(open);
          return await desk.deliver(sessionId);
        }
        case 'ping':
          return this.send({ type: 'pong' });
        case 'ask':
          if (!knowledge.ready) return this.error('not_ready', frame.id);
          if (this.queue.length >= MAX_QUEUED_ASKS) return this.error('busy', frame.id);
          this.queue.push(frame);
          return void this.drain();
        case 'feedback': {
          const stored = await conversations.rate({ sessionId: await this.ensureSession(), answerId: frame.answerId, rating: frame.rating, comment: frame.comment });
          if (!stored) return this.error('unknown_answer');
          return this.send({ type: 'ack', kind: 'feedback', ref: frame.answerId, ...stored });
        }
        case 'survey': {
          const { code } = await conversations.survey({ sessionId: await this.ensureSession(), score: frame.score, comment: frame.comment });
          return this.send({ type: 'ack', kind: 'survey', ref: 'survey', ...(code ? { code } : {}) });
        }
        case 'callback': {
          const { code } = await desk.leaveCallback(await this.ensureSession(), frame.phone);
          return this.send({ type: 'ack', kind: 'callback', ref: 'callback', code });
        }
        case 'feedback_request': {
          const item = await queue.submit({ kind: frame.kind, text: frame.text, contact: frame.contact, sessionId: await this.ensureSession() });
          return this.send({ type: 'ack', kind: 'feedback_request', ref: 'feedback_request', code: item.code });
        }
        case 'feedback_lookup': {
          if (this.unknownCodes >= MAX_UNKNOWN_CODES) return this.error('rate_limited');
          const item = await queue.lookup(frame.code);
          if (!item) {
            this.unknownCodes++;
            return this.error('unknown_code');
          }
          return this.send({ type: 'feedback_status', item });
        }
        case 'end':
          await desk.endByCitizen(await this.ensureSession());
          return this.send({ type: 'ack', kind: 'end', ref: 'end' });
        case 'handoff':
          await this.sendDesk(await desk.request(await this.ensureSession(), frame.reason && redact(frame.reason)));
          return;
      }
    } catch (err) {
      this.deps.log.error({ err, frame: frame.type }, 'websocket frame failed');
      this.error(err instanceof NotStoredError ? 'not_stored' : 'internal');
    }
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let frame = this.queue.shift(); frame; frame = this.queue.shift()) {
        if (this.abort.signal.aborted) return;
        await this.answer(frame);
      }
    } finally {
      this.running = false;
    }
  }

  private async answer(frame: AskFrame): Promise<void> {
    try {
      const outcome = await this.deps.conversations.ask({
        sessionId: await this.ensureSession(),
        text: frame.text,
        lang: this.lang,
        signal: this.abort.signal,
        onStored: () => {
          this.holdWrites(); // the answer usually follows at once: one TCP write for both frames
          this.send({ type: 'ack', kind: 'ask', ref: frame.id });
        },
        onDelta: (text) => this.send({ type: 'delta', id: frame.id, text }),
      });
      if (outcome.kind === 'forwarded') return;
      const result = outcome.result;
      this.send({
        type: 'answer',
        id: frame.id,
        answerId: result.answerId,
        text: result.answer,
        status: result.status,
        grounded: result.grounded,
        sources: result.sources.map(({ id, title, url, section }) => ({ id, title, url, section })),
        followUps: result.followUps,
        facts: result.facts,
      });
    } catch (err) {
      this.deps.log.error({ err }, 'answer failed');
      this.error(err instanceof NotStoredError ? 'not_stored' : 'internal', frame.id);
    }
  }

  private ensureSession(): Promise<string> {
    return this.session ?? this.openSession();
  }

  /** Opens (or resumes) a session and binds the socket to it, so staff messages for it reach this socket. */
  private openSession(requested?: string): Promise<string> {
    const opening: Promise<string> = this.deps.conversations.openSession(requested).then(
      (id) => {
        if (this.session === opening) this.bind(id);
        return id;
      },
      (err: unknown) => {
        if (this.session === opening) this.session = undefined; // the next frame tries again
        throw err;
      },
    );
    this.session = opening;
    return opening;
  }

  private bind(sessionId: string): void {
    if (this.boundTo === sessionId || this.abort.signal.aborted) return;
    this.detach?.();
    this.boundTo = sessionId;
    this.detach = this.deps.desk.attachCitizen(sessionId, (f) => {
      this.lastActive = this.deps.clock.now();
      return this.sendDesk(f);
    });
  }
  /** Counts the frame; over the limit it is dropped, and a dropped ask is named so the client can resend it later. */
  private withinRate(text: string): boolean {
    const { framesPerWindow, windowMs } = this.deps.limits;
    const now = this.deps.clock.now();
    if (now - this.windowStart >= windowMs) {
      this.windowStart = now;
      this.framesInWindow = 0;
      this.warnedThisWindow = false;
    }
    this.framesInWindow++;
    if (this.framesInWindow <= framesPerWindow) return true;
    if (this.framesInWindow > framesPerWindow * 3) {
      this.deps.metrics.frameError('rate_closed');
      this.socket.close(1008, 'rate limit exceeded');
    } else {
      const askId = /"type"\s*:\s*"ask"/.test(text) ? parseClientFrame(text, Infinity) : undefined;
      if (askId?.ok && askId.frame.type === 'ask') this.error('rate_limited', askId.frame.id);
      else if (!this.warnedThisWindow) {
        this.warnedThisWindow = true;
        this.error('rate_limited');
      }
    }
    return false;
  }

  private error(code: ErrorCode, id?: string): void {
    this.deps.metrics.frameError(code);
    this.send({ type: 'error', ...(id ? { id } : {}), code, message: this.deps.catalogues.text(this.lang, `errors.${code}`) });
  }

  /** The hotline and the desk's hours in the citizen's language. */
  private support() {
    return this.deps.desk.support(this.deps.catalogues.hoursWords(this.lang));
  }

  /** A frame from the desk, its message put in the citizen's language. */
  /** A frame from the desk, in the citizen's language; resolves true once written to the connection. */
  private sendDesk(frame: CitizenFrame): Promise<boolean> {
    if (frame.type !== 'handoff') return this.sendConfirmed(frame);
    const { say, ...rest } = frame;
    return this.sendConfirmed({ ...rest, message: this.deps.catalogues.text(this.lang, say.key, { ...this.support(), ...say.params }) });
  }

  /**
   * Frames sent from now until the current burst of promise callbacks ends go out in one write (ws
   * writes each frame at once; on loopback and small packets the write, not the frame, is the cost).
   */
  private holdWrites(): void {
    const tcp = (this.socket as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
    if (!tcp) return;
    tcp.cork();
    process.nextTick(() => tcp.uncork());
  }

  private send(frame: ServerFrame): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  /** Sends; resolves true once the frame is written to the connection, false if the socket is gone. */
  private sendConfirmed(frame: ServerFrame): Promise<boolean> {
    if (this.socket.readyState !== this.socket.OPEN) return Promise.resolve(false);
    return new Promise((resolve) => this.socket.send(JSON.stringify(frame), (err) => resolve(!err)));
  }
}
