import type { Handoff, HandoffLists, StaffUser, TranscriptEntry } from '../console/api-types.js';
import { parseTime } from '../console/format.js';

/**
 * The desk's model, without DOM: the handoff lists from the server (waiting, taken, call-backs), the
 * messages kept locally until the server's transcript has them, and what changed between two snapshots
 * (returned as announcements for screen readers).
 */

export function isMine(h: Pick<Handoff, 'takenBy'>, user: StaffUser | null): boolean {
  return !!user && (h.takenBy === user.username || (!!user.name && h.takenBy === user.name));
}

const byCreated = (a: Handoff, b: Handoff) => (parseTime(a.createdAt) ?? 0) - (parseTime(b.createdAt) ?? 0);

export class DeskState {
  waiting: Handoff[] = [];
  taken: Handoff[] = [];
  callbacks: Handoff[] = [];
  /** When the last snapshot arrived (ms): waiting times count on from it. */
  snapshotAt = 0;
  /** handoffId → messages received or sent since the last snapshot. */
  extras = new Map<string, TranscriptEntry[]>();
  /** Waiting ids of the previous snapshot (null before the first). */
  knownWaiting: Set<string> | null = null;
  /** This officer's taken ids of the previous snapshot (null before the first). */
  myIds: Set<string> | null = null;
  /** The chat last typed in (where a passage goes). */
  lastChatId: string | null = null;

  constructor(private readonly user: () => StaffUser | null) {}

  mine(h: Handoff): boolean {
    return isMine(h, this.user());
  }

  /** Takes the server's lists; returns what to announce (newcomers, own conversations closed elsewhere). */
  applySnapshot(lists: Partial<HandoffLists>, now: number): string[] {
    this.snapshotAt = now;
    this.waiting = [...(lists.waiting ?? [])].sort(byCreated);
    this.taken = [...(lists.taken ?? [])].sort(byCreated);
    this.callbacks = [...(lists.callbacks ?? [])].sort(byCreated);
    this.dropDelivered();

    const announcements: string[] = [];
    const waitingIds = new Set(this.waiting.map((h) => h.id));
    const newcomers = this.knownWaiting ? [...waitingIds].filter((id) => !this.knownWaiting!.has(id)).length : 0;
    const myIds = new Set(this.taken.filter((h) => this.mine(h)).map((h) => h.id));
    if (newcomers) announcements.push(newcomers === 1 ? 'Có một người dân mới đang chờ hỗ trợ.' : `Có ${newcomers} người dân mới đang chờ hỗ trợ.`);
    for (const id of this.myIds ?? []) if (!myIds.has(id)) announcements.push('Một cuộc trò chuyện của anh/chị đã kết thúc.');
    this.knownWaiting = waitingIds;
    this.myIds = myIds;
    return announcements;
  }

  /** Drops the locally kept messages the server now has in its transcript. */
  private dropDelivered(): void {
    const extras = new Map<string, TranscriptEntry[]>();
    for (const h of this.taken) {
      const keep = notInTranscript(h, this.extras.get(h.id) ?? []);
      if (keep.length) extras.set(h.id, keep);
    }
    this.extras = extras;
  }

  /** One handoff as the server now has it (after take or close). */
  upsert(h: Handoff): void {
    const without = (list: Handoff[]) => list.filter((x) => String(x.id) !== String(h.id));
    this.waiting = without(this.waiting);
    this.taken = without(this.taken);
    if (h.state === 'waiting') this.waiting = [...this.waiting, h].sort(byCreated);
    if (h.state === 'taken') this.taken = [...this.taken, h].sort(byCreated);
    if (h.state === 'closed') this.callbacks = without(this.callbacks);
    else this.callbacks = this.callbacks.map((x) => (String(x.id) === String(h.id) ? h : x));
    if (this.myIds) {
      if (h.state === 'taken' && this.mine(h)) this.myIds.add(h.id);
      else this.myIds.delete(h.id);
    }
    if (h.state !== 'waiting') this.knownWaiting?.delete(h.id);
  }

  /** Keeps a message sent or received live until a snapshot's transcript has it. */
  keep(id: string, message: TranscriptEntry): void {
    const list = [...(this.extras.get(id) ?? []), message];
    // The snapshot the server sends after a staff message can arrive before the reply to its POST.
    const h = this.taken.find((x) => String(x.id) === String(id));
    const left = h ? notInTranscript(h, list) : list;
    if (left.length) this.extras.set(id, left);
    else this.extras.delete(id);
  }

  transcriptOf(h: Handoff): TranscriptEntry[] {
    return [...(h.transcript ?? []), ...(this.extras.get(h.id) ?? [])];
  }

  /** Forgets everything (on logout); the next snapshot announces nothing. */
  reset(): void {
    this.waiting = [];
    this.taken = [];
    this.callbacks = [];
    this.extras = new Map();
    this.knownWaiting = null;
    this.myIds = null;
  }

  /** Seconds handoff h has waited, counting on from the snapshot while it still waits. */
  waitSeconds(h: Handoff, now: number): number {
    const elapsed = (now - this.snapshotAt) / 1000;
    if (typeof h.waitingSeconds === 'number') return h.waitingSeconds + (h.state === 'waiting' ? elapsed : 0);
    const created = parseTime(h.createdAt);
    return created === null ? 0 : (now - created) / 1000;
  }
}

/** The local messages a handoff's transcript does not have yet (each server message matches one). */
function notInTranscript(h: Handoff, local: TranscriptEntry[]): TranscriptEntry[] {
  const transcript = h.transcript ?? [];
  const used = new Set<number>();
  const lastServerAt = Math.max(0, ...transcript.map((m) => parseTime(m.at) ?? 0));
  return local.filter((m) => {
    for (let i = transcript.length - 1; i >= 0; i--) {
      if (!used.has(i) && transcript[i].role === m.role && transcript[i].text === m.text) {
        used.add(i);
        return false;
      }
    }
    // Citizen messages carry the server's time: if the server has later messages, it has this one too.
    return !(m.role === 'citizen' && (parseTime(m.at) ?? 0) <= lastServerAt);
  });
}
