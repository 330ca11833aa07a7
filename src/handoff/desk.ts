import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { isoNow, type Clock } from '../lib/clock.js';
import type { HandoffRecord, Store } from '../store/store.js';
import type { OfficeHours } from './office-hours.js';

/** What the citizen's widget receives about a request for a person. */
export interface CitizenHandoffFrame {
  type: 'handoff';
  state: 'waiting' | 'taken' | 'closed' | 'unavailable';
  message: string;
  staffName?: string;
  /** The widget should offer to leave a phone number for a call back. */
  callback?: boolean;
}

export type CitizenFrame = CitizenHandoffFrame | { type: 'staff'; name: string; text: string };

export interface HandoffView extends HandoffRecord {
  waitingSeconds: number;
  transcript: ReturnType<Store['transcript']>;
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
  store: Store;
  clock: Clock;
  logger: Logger;
  enabled: boolean;
  officeHours: OfficeHours;
  waitSeconds: number;
  hotline: string;
  /** Display name of a staff username. */
  nameOf: (username: string) => string;
}

/**
 * The queue between citizens who ask for a person and the staff of the one-stop desk. It routes
 * messages both ways in real time, ends requests nobody takes in time (offering a call back),
 * and tells citizens outside office hours. Every change is stored and audited.
 */
export class HandoffDesk {
  private readonly citizens = new Map<string, Set<(f: CitizenFrame) => void>>();
  private readonly staff = new Set<(f: StaffFrame) => void>();
  private stopSweeper?: () => void;

  constructor(private readonly o: HandoffDeskOptions) {}

  /** Starts ending requests nobody took in time (checked every 2 s). */
  start(): void {
    this.stopSweeper ??= this.o.clock.every(2000, () => this.expireWaiting());
  }

  stop(): void {
    this.stopSweeper?.();
    this.stopSweeper = undefined;
  }

  /** Registers a citizen socket for a session; returns the unregister function. */
  attachCitizen(sessionId: string, send: (f: CitizenFrame) => void): () => void {
    const set = this.citizens.get(sessionId) ?? new Set();
    set.add(send);
    this.citizens.set(sessionId, set);
    return () => {
      set.delete(send);
      if (set.size === 0) this.citizens.delete(sessionId);
    };
  }

  attachStaff(send: (f: StaffFrame) => void): () => void {
    this.staff.add(send);
    send(this.queueFrame());
    return () => this.staff.delete(send);
  }

  /** A citizen asks for a person. */
  request(sessionId: string, reason?: string): CitizenHandoffFrame {
    const { store, enabled, officeHours, hotline } = this.o;
    if (!enabled) {
      return { type: 'handoff', state: 'unavailable', message: `Hiện trang này chưa có cán bộ trực trò chuyện. Bà con gọi tổng đài ${hotline} hoặc đến Bộ phận Một cửa ở xã/phường nơi mình ở.` };
    }
    const open = store.openHandoff(sessionId);
    if (open) return this.stateFrame(open);
    if (!officeHours.isOpen(new Date(this.o.clock.now()))) {
      store.addMessage({ sessionId, role: 'system', text: 'Yêu cầu gặp cán bộ ngoài giờ làm việc.' });
      return {
        type: 'handoff',
        state: 'unavailable',
        callback: true,
        message: `Hiện đang ngoài giờ làm việc (${officeHours.text}), chưa có cán bộ trực. Bà con có thể gọi tổng đài ${hotline}, hoặc để lại số điện thoại để cán bộ gọi lại trong giờ làm việc.`,
      };
    }
    const handoff = store.createHandoff({ id: randomUUID(), sessionId, reason });
    store.addMessage({ sessionId, role: 'system', text: 'Người dân yêu cầu gặp cán bộ.' });
    this.o.logger.info({ event: 'handoff_requested', handoffId: handoff.id, sessionId }, 'handoff requested');
    this.broadcastQueue();
    return this.stateFrame(handoff);
  }

  /** The state frame of the session's open handoff, if any. */
  current(sessionId: string): CitizenHandoffFrame | undefined {
    const open = this.o.store.openHandoff(sessionId);
    return open && this.stateFrame(open);
  }

  take(handoffId: string, staff: { username: string; name: string }): HandoffRecord {
    const { store } = this.o;
    const current = store.getHandoff(handoffId);
    if (!current) throw new DeskError('not_found', 'Không tìm thấy yêu cầu này.');
    const taken = store.takeHandoff(handoffId, staff.username);
    if (!taken) throw new DeskError('already_taken', 'Yêu cầu này đã có cán bộ khác nhận hoặc đã kết thúc.');
    store.addMessage({ sessionId: taken.sessionId, role: 'system', text: `Cán bộ ${staff.name} đã nhận hỗ trợ.` });
    store.audit(staff.username, 'handoff_taken', handoffId);
    this.toCitizen(taken.sessionId, { type: 'handoff', state: 'taken', staffName: staff.name, message: `Cán bộ ${staff.name} đã nhận hỗ trợ bà con. Bà con cứ nhắn, cán bộ sẽ trả lời.` });
    this.broadcastQueue();
    return taken;
  }

  staffMessage(handoffId: string, staff: { username: string; name: string; role: string }, text: string): void {
    const h = this.o.store.getHandoff(handoffId);
    if (!h) throw new DeskError('not_found', 'Không tìm thấy yêu cầu này.');
    if (h.state !== 'taken') throw new DeskError('not_taken', 'Cần nhận yêu cầu trước khi nhắn tin.');
    if (h.takenBy !== staff.username && staff.role !== 'admin') throw new DeskError('not_yours', 'Yêu cầu này do cán bộ khác phụ trách.');
    this.o.store.addMessage({ sessionId: h.sessionId, role: 'staff', name: staff.name, text });
    this.toCitizen(h.sessionId, { type: 'staff', name: staff.name, text });
  }

  closeHandoff(handoffId: string, staff: { username: string }): HandoffRecord {
    const { store } = this.o;
    const before = store.getHandoff(handoffId);
    if (!before) throw new DeskError('not_found', 'Không tìm thấy yêu cầu này.');
    const closed = store.closeHandoff(handoffId, staff.username)!;
    store.audit(staff.username, before.state === 'closed' ? 'callback_done' : 'handoff_closed', handoffId);
    if (before.state !== 'closed') {
      store.addMessage({ sessionId: closed.sessionId, role: 'system', text: 'Cán bộ đã kết thúc cuộc trò chuyện.' });
      this.toCitizen(closed.sessionId, { type: 'handoff', state: 'closed', message: 'Cán bộ đã kết thúc cuộc trò chuyện. Bà con có thể tiếp tục hỏi Trợ lý Dịch vụ công.' });
    }
    this.broadcastQueue();
    return closed;
  }

  /** A citizen message during a taken handoff goes to staff; returns whether it did. */
  forwardIfTaken(sessionId: string, text: string): boolean {
    const h = this.o.store.openHandoff(sessionId);
    if (h?.state !== 'taken') return false;
    const frame: StaffFrame = { type: 'citizen', handoffId: h.id, text, at: isoNow(this.o.clock) };
    for (const send of this.staff) send(frame);
    return true;
  }

  /** A citizen leaves a phone number for a call back (stored; never logged). */
  leaveCallback(sessionId: string, phone: string): void {
    const h = this.o.store.setCallback(sessionId, phone);
    this.o.store.addMessage({ sessionId, role: 'system', text: 'Người dân để lại số điện thoại để được gọi lại.' });
    this.o.logger.info({ event: 'callback_requested', handoffId: h.id, sessionId }, 'callback requested');
    this.broadcastQueue();
  }

  view(h: HandoffRecord): HandoffView {
    const end = h.takenAt ?? h.closedAt ?? isoNow(this.o.clock);
    return {
      ...h,
      waitingSeconds: Math.max(0, Math.round((Date.parse(end) - Date.parse(h.createdAt)) / 1000)),
      transcript: this.o.store.transcript(h.sessionId, 50),
    };
  }

  queueFrame(): Extract<StaffFrame, { type: 'queue' }> {
    const { store } = this.o;
    return {
      type: 'queue',
      waiting: store.listHandoffs(['waiting']).map((h) => this.view(h)),
      taken: store.listHandoffs(['taken']).map((h) => this.view(h)),
      callbacks: store.pendingCallbacks().map((h) => this.view(h)),
    };
  }

  private stateFrame(h: HandoffRecord): CitizenHandoffFrame {
    return h.state === 'taken'
      ? { type: 'handoff', state: 'taken', staffName: h.takenBy ? this.o.nameOf(h.takenBy) : undefined, message: 'Cán bộ đang hỗ trợ bà con.' }
      : { type: 'handoff', state: 'waiting', message: 'Đã chuyển yêu cầu của bà con tới cán bộ Bộ phận Một cửa. Bà con vui lòng chờ trong giây lát; trong lúc chờ vẫn có thể hỏi trợ lý.' };
  }

  private expireWaiting(): void {
    const { store, waitSeconds, hotline } = this.o;
    const cutoff = this.o.clock.now() - waitSeconds * 1000;
    let changed = false;
    for (const h of store.listHandoffs(['waiting'])) {
      if (Date.parse(h.createdAt) > cutoff) continue;
      store.closeHandoff(h.id, 'timeout');
      store.addMessage({ sessionId: h.sessionId, role: 'system', text: 'Chưa có cán bộ nhận yêu cầu trong thời gian chờ.' });
      this.toCitizen(h.sessionId, {
        type: 'handoff',
        state: 'unavailable',
        callback: true,
        message: `Xin lỗi bà con, hiện chưa có cán bộ nào rảnh để nhận. Bà con có thể gọi tổng đài ${hotline}, hoặc để lại số điện thoại để cán bộ gọi lại.`,
      });
      changed = true;
    }
    if (changed) this.broadcastQueue();
  }

  private toCitizen(sessionId: string, frame: CitizenFrame): void {
    for (const send of this.citizens.get(sessionId) ?? []) send(frame);
  }

  private broadcastQueue(): void {
    if (this.staff.size === 0) return;
    const frame = this.queueFrame();
    for (const send of this.staff) send(frame);
  }
}
