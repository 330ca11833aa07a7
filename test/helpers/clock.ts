import type { Clock } from '../../src/lib/clock.js';

/** A clock that moves only when told: `advance(ms)` runs every repeating task that falls due, in order. */
export class FakeClock implements Clock {
  private readonly tasks = new Set<{ every: number; next: number; task: () => unknown }>();

  constructor(private t = Date.now()) {}

  now(): number {
    return this.t;
  }

  every(ms: number, task: () => unknown): () => void {
    const entry = { every: ms, next: this.t + ms, task };
    this.tasks.add(entry);
    return () => this.tasks.delete(entry);
  }

  /** Moves time forward, awaiting each task that falls due. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      const due = [...this.tasks].filter((e) => e.next <= end).sort((a, b) => a.next - b.next)[0];
      if (!due) break;
      this.t = due.next;
      due.next += due.every;
      await due.task();
    }
    this.t = end;
  }

  /**
   * Moves time forward without running the repeating tasks (their next run is counted from the new
   * time): for long spans (days) in tests where no sweep matters, which `advance` would run by the
   * hundred thousand.
   */
  jump(ms: number): void {
    this.t += ms;
    for (const e of this.tasks) e.next = this.t + e.every;
  }
}
