import { describe, expect, it } from 'vitest';
import { documentsWithUnits, unitsOf } from '../../src/answer/units.js';
import { answerFixture } from '../helpers/answer-fixture.js';

// A yes/no answer that differs by the child's age gives each case ("Tùy trường hợp: …"): the cases are read from
// the lead sentences of the items the parts belong to, indexed once per split document.
const { ask, snapshot } = answerFixture('received-money');
const CASE_QUESTION = 'làm căn cước cho con có phải đưa cháu đi không';

describe('the units kept per document', () => {
  it('keeps only the most recently asked documents, and splits one again into the same units', () => {
    const [a, b, c] = snapshot().docs;
    const first = unitsOf(a, 2);
    const bFirst = unitsOf(b, 2);
    expect(unitsOf(a, 2)).toBe(first); // asked again: kept, and now the most recent
    unitsOf(c, 2);
    expect(documentsWithUnits()).toBe(2);
    expect(unitsOf(b, 2)).not.toBe(bFirst); // b was the oldest: dropped, split again
    const again = unitsOf(a, 1);
    const shape = (units: typeof first) => units.map(({ section, sub, kind, item, part, context, text }) => ({ section, sub, kind, item, part, context, text }));
    expect(shape(again)).toEqual(shape(first));
  });

  it('answers the same once a document was dropped and split again, its case labels included', async () => {
    const before = await ask(CASE_QUESTION);
    expect(before.visible).toMatch(/^Tùy trường hợp:/);
    unitsOf(snapshot().docs[0], 0); // drops every document's units
    expect(documentsWithUnits()).toBe(0);
    const after = await ask(CASE_QUESTION);
    expect(after.visible).toBe(before.visible);
  });
});
