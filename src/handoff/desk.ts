import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { HandoffFrame, StaffMessageFrame, SupportInfo } from '../chat/protocol.js';
import type { ServerKey } from '../i18n/catalogue.js';
import type { FeedbackQueue } from '../feedback/queue.js';
import { isoNow, type Clock } from '../lib/clock.js';
import { redact } from '../privacy/redact.js';
import { stored } from '../lib/errors.js';
import type { ClusterEvent, EventBus } from '../cluster/events.js';
import type { HandoffRecord, Store, TranscriptEntry } from '../store/store.js';
import type { HoursWords, OfficeHours } from './office-hours.js';
import { memoryPresence, type Presence } from './presence.js';

/** What reaches a citizen's socket from the desk. */
export type CitizenFrame = DeskFrame | StaffMessageFrame;

/**
 * A `handoff` frame as the desk decides it: what to say is a catalogue key (with its values; the
 * hotline and the hours are added by whoever puts it in words), and the citizen's connection says it
 * in the citizen's language (chat/connection.ts).
 */
export type DeskFrame = Omit<HandoffFrame, 'message'> & { say: { key: ServerKey; params?: Record<string, string> } };

/** Sends a frame to one citizen socket; resolves true once it was written to the connection. */
export type CitizenSend = (f: CitizenFrame) => Promise<boolean>;

export interface HandoffView extends HandoffRecord {
  waitingSeconds: number;
  /** Whether the citizen has the chat open now (a connection to the server); always set by the desk. */
  citizenOnline?: boolean;
  /** Staff messages carry `delivered`: whether the citizen's widget has received them. */
  transcript: TranscriptEntry[];
}

export type StaffFrame =
  | { type: 'queue'; waiting: HandoffView[]; taken: HandoffView[]; callbacks: HandoffView[] }
  | { type: 'citizen'; handoffId: string; text: string; at: string }
  | { type: 'error'; code: string; message: string };

export class DeskError extends Error {
  constructor(
    readonly code: 'not_found' | 'already_taken' | 'not_taken' | 'not_yours',
    message: string,
  ) {
    super(message);
  }
}

export interface HandoffDeskOptions {
  store: Pick<Store, 'conversations' | 'handoffs' | 'audit'>;
  /** Call-back requests also enter the feedback queue. */
  queue: Pick<FeedbackQueue, 'fromCallback'>;
  clock: Clock;
  logger: Logger;
  enabled: boolean;
  officeHours: OfficeHours;
  waitSeconds: number;
  hotline: string;
  /** Display name of a staff username. */
  nameOf: (username: string) => string;
  /** How frames reach sockets on every instance (in memory for one process). */
  bus: EventBus;
  /** Which citizens have the chat open (this process's sockets unless given). */
  presence?: Presence;
}

const SWEEP_MS = 2000;
/** How many recent waits (request → taken) the expected wait is estimated from. */
const RECENT_WAITS = 20;

/**
 * The queue between citizens who ask for a person and the staff of the one-stop desk. It routes
 * messages both ways in real time, ends requests nobody takes in time (offering a call back),
 * and tells citizens outside office hours. Every change is stored (and audited) before anyone is told.
 *
 * Staff messages are stored first and delivered from the store (store-and-forward): at once if the
 * citizen is connected (on whichever instance: a `pending` event reaches them all), else when they
 * come back (`deliver` after their `hello`), in order and exactly once (each message is claimed in
 * the store before it is sent, released if the send fails). The desk sees whether each message was
 * delivered and whether the citizen is online.
 */
export class HandoffDesk {
  private readonly citizens = new Map<string, Set<CitizenSend>>();
  /** One delivery run at a time per session, so messages go out in order. */
  private readonly deliveries = new Map<string, Promise<void>>();
  private readonly presence: Presence;
  private readonly staff = new Set<(f: StaffFrame) => void>();
  private stopSweeper?: () => void;
  private sweeping = false;

  private readonly unsubscribe: () => void;

  constructor(private readonly o: HandoffDeskOptions) {
    this.presence = o.presence ?? memoryPresence();
    this.unsubscribe = o.bus.subscribe((e) => this.hear(e));
  }

  /** The hotline and the desk's hours in words (Vietnamese, or the `words` of another language), for the widget and the desk's messages. */
  support(words?: HoursWords): SupportInfo {
    return { hotline: this.o.hotline, hours: words ? this.o.officeHours.describe(words) : this.o.officeHours.words };
  }

  /** Starts ending requests nobody took in time (checked every 2 s). */
  start(): void {
    this.stopSweeper ??= this.o.clock.every(SWEEP_MS, () => this.sweep());
  }

  stop(): void {
    this.stopSweeper?.();
    this.stopSweeper = undefined;
    this.unsubscribe();
  }

  /** Registers a citizen socket for a session; returns the unregister function. */
  attachCitizen(sessionId: string, send: CitizenSend): () => void {
    const set = this.citizens.get(sessionId) ?? new Set();
    set.add(send);
    this.citizens.set(sessionId, set);
    void this.presenceChanged(this.presence.join(sessionId), sessionId);
    let attached = true;
    return () => {
      if (!attached) return;
      attached = false;
      set.delete(send);
      if (set.size === 0 && this.citizens.get(sessionId) === set) this.citizens.delete(sessionId);
      void this.presenceChanged(this.presence.leave(sessionId), sessionId);
    };
  }

  /**
   * Sends the session's staff messages that have not reached it yet, oldest first, to its sockets
   * connected here (after `hello`, and when a staff message is stored); the desk is told when any
   * was delivered.
   */
  deliver(sessionId: string): Promise<void> {
    const run = (this.deliveries.get(sessionId) ?? Promise.resolve()).then(() => this.deliverPending(sessionId));
    const settled = run.catch((err) => this.o.logger.error({ err, sessionId }, 'staff message delivery failed'));
    this.deliveries.set(sessionId, settled);
    void settled.then(() => this.deliveries.get(sessionId) === settled && this.deliveries.delete(sessionId));
    return settled;
  }

  private async deliverPending(sessionId: string): Promise<void> {
    const { conversations } = this.o.store;
    let delivered = 0;
    for (const m of await conversations.pendingStaffMessages(sessionId)) {
      if (!this.citizens.get(sessionId)?.size) break;
      if (!(await conversations.markDelivered(m.id))) continue; // delivered elsewhere already
      if (!(await this.toLocalCitizen(sessionId, { type: 'staff', id: m.id, name: m.name, text: m.text, at: m.at }))) {
        await conversations.releaseDelivery(m.id);
        break;
      }
      delivered++;
    }
    if (delivered) await this.broadcastQueue();
  }

  private async presenceChanged(changed: Promise<boolean>, sessionId: string): Promise<void> {
    try {
      if (!(await changed)) return;
      if (await this.o.store.handoffs.openFor(sessionId)) await this.broadcastQueue();
    } catch (err) {
      this.o.logger.error({ err }, 'presence update failed');
    }
  }

  /** Registers a staff socket (it gets the queue at once); returns the unregister function. */
  async attachStaff(send: (f: StaffFrame) => void): Promise<() => void> {
    this.staff.add(send);
    send(await this.queueFrame());
    return () => this.staff.delete(send);
  }

  /** A citizen asks for a person. */
  async request(sessionId: string, reason?: string): Promise<DeskFrame> {
    const { store, enabled, officeHours, hotline, clock } = this.o;
    if (!enabled) {
      return { type: 'handoff', state: 'unavailable', hotline, say: { key: 'desk.noStaff' } };
    }
    const open = await store.handoffs.openFor(sessionId);
    if (open) return this.stateFrame(open);
    if (!officeHours.isOpen(new Date(clock.now()))) {
      await stored(store.conversations.addMessage({ sessionId, role: 'system', text: 'Yêu cầu gặp cán bộ ngoài giờ làm việc.' }));
      return {
        type: 'handoff',
        state: 'unavailable',
        callback: true,
        hotline,
        say: { key: 'desk.outOfHours' },
      };
    }
    const handoff = await stored(store.handoffs.create({ id: randomUUID(), sessionId, reason: reason && redact(reason) }));
    await stored(store.conversations.addMessage({ sessionId, role: 'system', text: 'Người dân yêu cầu gặp cán bộ.' }));
    this.o.logger.info({ event: 'handoff_requested', handoffId: handoff.id, sessionId }, 'handoff requested');
    await this.broadcastQueue(sessionId);
    return this.stateFrame(handoff);
  }

  /** The state frame of the session's open handoff, if any. */
  async current(sessionId: string): Promise<DeskFrame | undefined> {
    const open = await this.o.store.handoffs.openFor(sessionId);
    return open && this.stateFrame(open);
  }

  async take(handoffId: string, staff: { username: string; name: string }): Promise<HandoffRecord> {
    const { store } = this.o;
    if (!(await store.handoffs.get(handoffId))) throw new DeskError('not_found', 'Không tìm thấy yêu cầu này.');
    const taken = await store.handoffs.take(handoffId, staff.username);
    if (!taken) throw new DeskError('already_taken', 'Yêu cầu này đã có cán bộ khác nhận hoặc đã kết thúc.');
    await store.conversations.addMessage({ sessionId: taken.sessionId, role: 'system', text: `Cán bộ ${staff.name} đã nhận hỗ trợ.` });
    await store.audit.record(staff.username, 'handoff_taken', handoffId);
    await this.toCitizen(taken.sessionId, { type: 'handoff', state: 'taken', staffName: staff.name, say: { key: 'desk.taken', params: { name: staff.name } } });
    await this.broadcastQueue();
    return taken;
  }

  async staffMessage(handoffId: string, staff: { username: string; name: string; role: string }, text: string): Promise<void> {
    const { store } = this.o;
    const h = await store.handoffs.get(handoffId);
    if (!h) throw new DeskError('not_found', 'Không tìm thấy yêu cầu này.');
    if (h.state !== 'taken') throw new DeskError('not_taken', 'Cần nhận yêu cầu trước khi nhắn tin.');
    if (h.takenBy !== staff.username && staff.role !== 'admin') throw new DeskError('not_yours', 'Yêu cầu này do cán bộ khác phụ trách.');
    await stored(store.conversations.addMessage({ sessionId: h.sessionId, role: 'staff', name: staff.name, text }));
    // Whichever instance has the citizen's socket delivers it (and tells the desk); then the desk
    // gets the queue with the message, delivered or waiting for the citizen.
    await this.o.bus.publish({ type: 'pending', sessionId: h.sessionId });
    await this.broadcastQueue();
  }

  /** Ends a chat (only the staff member who has it, or an admin), or marks a call-back done. */
  async closeHandoff(handoffId: string, staff: { username: string; role: string }): Promise<HandoffRecord> {
    const { store } = this.o;
    const before = await store.handoffs.get(handoffId);
    if (!before) throw new DeskError('not_found', 'Không tìm thấy yêu cầu này.');
    if (before.state === 'taken' && before.takenBy !== staff.username && staff.role !== 'admin') {
      throw new DeskError('not_yours', 'Yêu cầu này do cán bộ khác phụ trách.');
    }
    const closed = (await store.handoffs.close(handoffId, staff.username))!;
    await store.audit.record(staff.username, before.state === 'closed' ? 'callback_done' : 'handoff_closed', handoffId);
    if (before.state !== 'closed') {
      await store.conversations.addMessage({ sessionId: closed.sessionId, role: 'system', text: 'Cán bộ đã kết thúc cuộc trò chuyện.' });
      await this.toCitizen(closed.sessionId, { type: 'handoff', state: 'closed', say: { key: 'desk.closedByStaff' } });
    }
    await this.broadcastQueue();
    return closed;
  }

  /**
   * The citizen ends the conversation: their open request for a person (waiting or taken) is closed
   * and the person at the desk sees it go. Returns whether there was one.
   */
  async endByCitizen(sessionId: string): Promise<boolean> {
    const { store } = this.o;
    const open = await store.handoffs.openFor(sessionId);
    if (!open) return false;
    await stored(store.handoffs.close(open.id, 'citizen'));
    await stored(store.conversations.addMessage({ sessionId, role: 'system', text: 'Người dân đã kết thúc cuộc trò chuyện.' }));
    await this.toCitizen(sessionId, { type: 'handoff', state: 'closed', say: { key: 'desk.closedByCitizen' } });
    await this.broadcastQueue();
    return true;
  }

  /** A citizen message (already stored) during a taken handoff goes to staff; returns whether it did. */
  async forwardIfTaken(sessionId: string, text: string): Promise<boolean> {
    const h = await this.o.store.handoffs.openFor(sessionId);
    if (h?.state !== 'taken') return false;
    await this.o.bus.publish({ type: 'staff', frame: { type: 'citizen', handoffId: h.id, text, at: isoNow(this.o.clock) } });
    return true;
  }

  /**
   * A citizen leaves a phone number for a call back (stored, NotStoredError if it cannot be; never
   * logged); it enters the feedback queue too, and the tracking code is returned.
   */
  async leaveCallback(sessionId: string, phone: string): Promise<{ code: string }> {
    const { store, queue } = this.o;
    const h = await stored(store.handoffs.setCallback(sessionId, phone));
    const item = await queue.fromCallback({ sessionId, handoffId: h.id });
    await stored(store.conversations.addMessage({ sessionId, role: 'system', text: 'Người dân để lại số điện thoại để được gọi lại.' }));
    this.o.logger.info({ event: 'callback_requested', handoffId: h.id, sessionId }, 'callback requested');
    await this.broadcastQueue();
    return { code: item.code };
  }

  async view(h: HandoffRecord): Promise<HandoffView> {
    const [transcript, citizenOnline] = await Promise.all([this.o.store.conversations.transcript(h.sessionId, 50), this.presence.online(h.sessionId)]);
    return { ...this.summary(h), citizenOnline, transcript };
  }

  /** A handoff with how long the citizen waited (until taken or closed, or until now). */
  summary(h: HandoffRecord): HandoffRecord & { waitingSeconds: number } {
    const end = h.takenAt ?? h.closedAt ?? isoNow(this.o.clock);
    return { ...h, waitingSeconds: Math.max(0, Math.round((Date.parse(end) - Date.parse(h.createdAt)) / 1000)) };
  }

  async queueFrame(): Promise<Extract<StaffFrame, { type: 'queue' }>> {
    const { handoffs } = this.o.store;
    const views = async (list: Promise<HandoffRecord[]>) => Promise.all((await list).map((h) => this.view(h)));
    const [waiting, taken, callbacks] = await Promise.all([views(handoffs.list(['waiting'])), views(handoffs.list(['taken'])), views(handoffs.pendingCallbacks())]);
    return { type: 'queue', waiting, taken, callbacks };
  }

  private async stateFrame(h: HandoffRecord): Promise<DeskFrame> {
    if (h.state === 'taken') return { type: 'handoff', state: 'taken', staffName: h.takenBy ? this.o.nameOf(h.takenBy) : undefined, say: { key: 'desk.stillTaken' } };
    const waiting = await this.o.store.handoffs.list(['waiting']);
    const position = Math.max(1, waiting.findIndex((w) => w.id === h.id) + 1);
    return {
      type: 'handoff',
      state: 'waiting',
      position,
      waitMinutes: await this.expectedWaitMinutes(position),
      say: { key: 'desk.waiting' },
    };
  }

  /**
   * Minutes a citizen at `position` may expect to wait: the median of the recent waits (taken on any
   * instance), once per person ahead, capped at the time-out (after which a call back is offered).
   * Undefined until three requests have been taken.
   */
  private async expectedWaitMinutes(position: number): Promise<number | undefined> {
    const recent = await this.o.store.handoffs.recentWaits(RECENT_WAITS);
    if (recent.length < 3) return undefined;
    const sorted = recent.sort((a, b) => a - b);
    const median = sorted[sorted.length >> 1];
    return Math.max(1, Math.ceil(Math.min(median * position, this.o.waitSeconds) / 60));
  }

  private async sweep(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      await this.expireWaiting();
    } catch (err) {
      this.o.logger.error({ err }, 'handoff time-out check failed');
    } finally {
      this.sweeping = false;
    }
  }

  /** Ends the requests nobody took in time; with several instances sweeping, each request is ended by one of them. */
  private async expireWaiting(): Promise<void> {
    const { store, waitSeconds, hotline, clock } = this.o;
    const expired = await store.handoffs.expireWaiting(new Date(clock.now() - waitSeconds * 1000).toISOString(), 'timeout');
    for (const h of expired) {
      await store.conversations.addMessage({ sessionId: h.sessionId, role: 'system', text: 'Chưa có cán bộ nhận yêu cầu trong thời gian chờ.' });
      await this.toCitizen(h.sessionId, {
        type: 'handoff',
        state: 'unavailable',
        callback: true,
        hotline,
        say: { key: 'desk.timedOut' },
      });
    }
    if (expired.length) await this.broadcastQueue();
  }

  private toCitizen(sessionId: string, frame: CitizenFrame): Promise<void> {
    return this.o.bus.publish({ type: 'citizen', sessionId, frame });
  }

  /** Tells staff the queue changed, and every waiting citizen (but `skipSession`, answered directly) their place in it. */
  private broadcastQueue(skipSession?: string): Promise<void> {
    return this.o.bus.publish({ type: 'queue', ...(skipSession ? { skipSession } : {}) });
  }

  /** Sends to every socket of the session connected here; true if at least one got it. */
  private async toLocalCitizen(sessionId: string, frame: CitizenFrame): Promise<boolean> {
    const sent = await Promise.all([...(this.citizens.get(sessionId) ?? [])].map((send) => send(frame)));
    return sent.includes(true);
  }

  /** An event from any instance (this one included), to the sockets connected here. */
  private async hear(e: ClusterEvent): Promise<void> {
    if (e.type === 'citizen') await this.toLocalCitizen(e.sessionId, e.frame);
    else if (e.type === 'pending') await (this.citizens.has(e.sessionId) && this.deliver(e.sessionId));
    else if (e.type === 'staff') for (const send of this.staff) send(e.frame);
    else if (e.type === 'queue') await this.queueChanged(e.skipSession);
  }

  private async queueChanged(skipSession?: string): Promise<void> {
    for (const h of await this.o.store.handoffs.list(['waiting'])) {
      if (h.sessionId === skipSession) continue;
      const frame = this.citizens.has(h.sessionId) && (await this.stateFrame(h));
      if (frame) void this.toLocalCitizen(h.sessionId, frame);
    }
    if (this.staff.size === 0) return;
    const frame = await this.queueFrame();
    for (const send of this.staff) send(frame);
  }
}
