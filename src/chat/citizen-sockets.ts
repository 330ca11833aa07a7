import type { Clock } from '../lib/clock.js';

/** Close codes (and Vietnamese reasons, ≤ 123 bytes) for citizen sockets the server ends itself. */
export const CLOSE = {
  /** Refused at once: too many sockets from the address, or in all (1013 = try again later). */
  tooMany: { code: 1013, reason: 'Máy chủ đang có quá nhiều kết nối, bà con thử lại sau ít phút.' },
  /** No ask (or other action) for IDLE_SOCKET_SECONDS; the widget need not reconnect until the citizen acts. */
  idle: { code: 4000, reason: 'Đã lâu không có câu hỏi nên kết nối tạm đóng.' },
} as const;

/** What the registry needs of an open citizen connection. */
export interface TrackedSocket {
  readonly address: string;
  /** Milliseconds since the epoch (on the app's clock) of the last ask or other action. */
  readonly lastActive: number;
  close(code: number, reason: string): void;
}

export interface CitizenSocketLimits {
  maxSockets: number;
  maxPerAddress: number;
  idleMs: number;
}

/**
 * The open citizen websockets of this process: caps per client address and in all (so one client
 * cannot take the server's file descriptors), and closing sockets idle longer than the limit
 * (pings do not count as activity). Addresses are `req.ip`, which follows TRUST_PROXY.
 */
export class CitizenSockets {
  private readonly open = new Set<TrackedSocket>();
  private readonly perAddress = new Map<string, number>();
  private stopSweep?: () => void;

  constructor(
    private readonly limits: CitizenSocketLimits,
    private readonly clock: Clock,
  ) {}

  /** Whether another socket from this address may open now. */
  admits(address: string): boolean {
    return this.open.size < this.limits.maxSockets && (this.perAddress.get(address) ?? 0) < this.limits.maxPerAddress;
  }

  /** Counts an admitted socket; returns the function to call when it closes. */
  add(socket: TrackedSocket): () => void {
    this.open.add(socket);
    this.perAddress.set(socket.address, (this.perAddress.get(socket.address) ?? 0) + 1);
    return () => {
      if (!this.open.delete(socket)) return;
      const n = (this.perAddress.get(socket.address) ?? 1) - 1;
      if (n > 0) this.perAddress.set(socket.address, n);
      else this.perAddress.delete(socket.address);
    };
  }

  get size(): number {
    return this.open.size;
  }

  /** Starts closing idle sockets (checked every quarter of the idle limit, at most every 30 s). */
  start(): void {
    this.stopSweep ??= this.clock.every(Math.min(30_000, Math.ceil(this.limits.idleMs / 4)), () => this.closeIdle());
  }

  stop(): void {
    this.stopSweep?.();
    this.stopSweep = undefined;
  }

  closeIdle(): void {
    const cutoff = this.clock.now() - this.limits.idleMs;
    for (const s of this.open) if (s.lastActive <= cutoff) s.close(CLOSE.idle.code, CLOSE.idle.reason);
  }
}
