import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF, Reconnector } from '../../src/widget/reconnect.js';

const opts = { baseMs: 1000, maxMs: 30_000, factor: 2, jitter: 0.5 };

describe('backoffDelay', () => {
  it('grows exponentially from the base delay', () => {
    const noJitter = () => 0;
    expect([0, 1, 2, 3, 4].map((a) => backoffDelay(a, opts, noJitter))).toEqual([1000, 2000, 4000, 8000, 16000]);
  });

  it('has jitter: the delay is drawn from [d·(1−jitter), d]', () => {
    expect(backoffDelay(2, opts, () => 0)).toBe(4000);
    expect(backoffDelay(2, opts, () => 1)).toBe(2000);
    expect(backoffDelay(2, opts, () => 0.5)).toBe(3000);
    const seen = new Set(Array.from({ length: 50 }, () => backoffDelay(3, opts)));
    expect(seen.size).toBeGreaterThan(10);
    for (const d of seen) expect(d).toBeGreaterThanOrEqual(4000), expect(d).toBeLessThanOrEqual(8000);
  });

  it('is capped', () => {
    expect(backoffDelay(10, opts, () => 0)).toBe(30_000);
    expect(backoffDelay(1000, opts, () => 0)).toBe(30_000);
    expect(backoffDelay(1000, opts, () => 1)).toBe(15_000);
    expect(backoffDelay(20, DEFAULT_BACKOFF, () => 0)).toBe(DEFAULT_BACKOFF.maxMs);
  });
});

describe('Reconnector', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('waits longer after each failure, with the injected randomness', () => {
    const r = new Reconnector(opts, { random: () => 0 });
    const fn = vi.fn();
    expect(r.schedule(fn)).toBe(1000);
    vi.advanceTimersByTime(999);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(r.schedule(fn)).toBe(2000);
    expect(r.schedule(fn)).toBe(4000); // replaces the pending retry
    vi.advanceTimersByTime(4000);
    expect(fn).toHaveBeenCalledTimes(2);
    expect(r.attempt).toBe(3);
  });

  it('applies jitter to the scheduled delay', () => {
    const values = [0.9, 0.1];
    const r = new Reconnector(opts, { random: () => values.shift() ?? 0 });
    expect(r.schedule(() => undefined)).toBe(550);
    expect(r.schedule(() => undefined)).toBe(1900);
  });

  it('caps the delay however many times it fails', () => {
    const r = new Reconnector(opts, { random: () => 0 });
    const delays = Array.from({ length: 12 }, () => r.schedule(() => undefined));
    expect(Math.max(...delays)).toBe(30_000);
    expect(delays.slice(-3)).toEqual([30_000, 30_000, 30_000]);
  });

  it('starts from the base delay again after a successful connect', () => {
    const r = new Reconnector(opts, { random: () => 0 });
    const fn = vi.fn();
    r.schedule(fn);
    r.schedule(fn);
    expect(r.schedule(fn)).toBe(4000);
    r.succeeded();
    expect(r.pending).toBe(false);
    vi.advanceTimersByTime(60_000);
    expect(fn).not.toHaveBeenCalled(); // the pending retry was cancelled
    expect(r.attempt).toBe(0);
    expect(r.schedule(fn)).toBe(1000);
  });

  it('can be cancelled', () => {
    const r = new Reconnector(opts);
    const fn = vi.fn();
    r.schedule(fn);
    expect(r.pending).toBe(true);
    r.cancel();
    vi.runAllTimers();
    expect(fn).not.toHaveBeenCalled();
  });
});
