import { describe, expect, it } from 'vitest';
import { statesDate, viDate } from '../../src/text/vi-date.js';

describe('Vietnamese dates', () => {
  it('writes an ISO date as day/month/year', () => {
    expect(viDate('2026-04-01')).toBe('01/04/2026');
  });

  it('finds a date written with or without leading zeros, and not inside another date', () => {
    expect(statesDate('đến hết 31/12/2026.', '2026-12-31')).toBe(true);
    expect(statesDate('từ 1/4/2026', '2026-04-01')).toBe(true);
    expect(statesDate('từ 01/04/2026', '2026-04-01')).toBe(true);
    expect(statesDate('đến 11/12/2026', '2026-12-01')).toBe(false);
    expect(statesDate('đến 31/12/2027', '2026-12-31')).toBe(false);
    expect(statesDate('đến 28/2/2027', '2026-12-31')).toBe(false);
  });
});
