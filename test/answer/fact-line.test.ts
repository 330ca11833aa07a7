import { describe, expect, it } from 'vitest';
import { factLine } from '../../src/answer/facts.js';
import type { KnowledgeDoc } from '../../src/knowledge/schema.js';

const doc = { agency: 'Công an xã', facts: {} } as unknown as KnowledgeDoc;

describe('the fact line that opens an answer', () => {
  it('says until when a temporary figure holds, unless its text already gives that date', () => {
    expect(factLine({ kind: 'fee', text: '15.000 đồng', validUntil: '2026-12-31' }, doc, '2026-11-29')).toBe('**Lệ phí:** 15.000 đồng (áp dụng đến 31/12/2026).');
    expect(factLine({ kind: 'fee', text: 'Cấp mới 100.000 đồng đến hết 31/12/2026; miễn cho công dân số đến hết 28/2/2027', validUntil: '2026-12-31' }, doc, '2026-11-29'))
      .toBe('**Lệ phí:** Cấp mới 100.000 đồng đến hết 31/12/2026; miễn cho công dân số đến hết 28/2/2027.');
  });

  it('after the last day does not give the figure as current, even when its text names the date', () => {
    const line = factLine({ kind: 'fee', text: '100.000 đồng đến hết 31/12/2026', validUntil: '2026-12-31' }, doc, '2027-01-02');
    expect(line).toContain('nay mức này có thể đã thay đổi');
    expect(line).toContain('Công an xã');
  });
});
