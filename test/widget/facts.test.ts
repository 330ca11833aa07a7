import { describe, expect, it } from 'vitest';
import { factRows } from '../../src/widget/facts.js';
import { DEFAULT_STRINGS } from '../../src/widget/strings.js';

describe('answer card (facts)', () => {
  it('labels each fact and says until when a temporary figure holds', () => {
    const rows = factRows(DEFAULT_STRINGS, [
      { kind: 'fee', text: '15.000 đồng', validUntil: '2026-12-31' },
      { kind: 'where', text: 'Công an xã, phường' },
    ], '2026-11-29');
    expect(rows).toEqual([
      ['Lệ phí', '15.000 đồng (áp dụng đến 31/12/2026)'],
      ['Nơi làm', 'Công an xã, phường'],
    ]);
  });

  it('after the last day the figure is marked as possibly changed', () => {
    const [[, text]] = factRows(DEFAULT_STRINGS, [{ kind: 'fee', text: '15.000 đồng', validUntil: '2026-12-31' }], '2027-01-01');
    expect(text).toContain('nay có thể đã thay đổi');
    expect(text).toContain('31/12/2026');
  });

  it('adds no until-note when the text already gives that date, and keeps it when the text gives another', () => {
    const [[, same]] = factRows(DEFAULT_STRINGS, [{ kind: 'fee', text: '100.000 đồng đến hết 31/12/2026; miễn cho công dân số đến hết 28/2/2027', validUntil: '2026-12-31' }], '2026-11-29');
    expect(same).not.toContain('áp dụng đến');
    const [[, other]] = factRows(DEFAULT_STRINGS, [{ kind: 'fee', text: 'miễn đến hết 28/2/2027', validUntil: '2026-12-31' }], '2026-11-29');
    expect(other).toContain('(áp dụng đến 31/12/2026)');
  });

  it('drops facts of an unknown kind or without text', () => {
    expect(factRows(DEFAULT_STRINGS, [{ kind: 'price' as never, text: 'x' }, { kind: 'fee', text: '' }], '2026-11-29')).toEqual([]);
  });
});
