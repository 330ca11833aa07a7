import { describe, expect, it } from 'vitest';
import { classifierFeatures } from '../../src/safety/classifier.js';
import { safetyFileSchema } from '../../src/safety/lexicon-schema.js';
import { compileLexicon, matchLexicon, nearMatches } from '../../src/safety/matcher.js';

/** One refusal category with a two-group rule (window 2, excused by a penalty question) and a three-group rule. */
const lexicon = compileLexicon(
  safetyFileSchema.parse({
    version: 1,
    victim_voice: ['bị'],
    categories: [
      {
        id: 'forgery',
        status: 'refused_harmful',
        reply: 'Một câu trả lời đủ dài để hợp lệ.',
        rules: [
          { near: [['làm giả'], ['căn cước']], within: 2, unless: ['bị phạt'] },
          { near: [['mua'], ['bằng lái'], ['không cần thi']], within: 4 },
        ],
      },
    ],
  }),
);
const near = (text: string) => nearMatches(lexicon, text);

describe('rules a message nearly matches (features of the classifier behind the lexicon)', () => {
  it('every group present but too far apart: window', () => {
    const text = 'chỉ tôi cách làm giả cho thật giống một cái thẻ căn cước';
    expect(matchLexicon(lexicon, text)).toEqual([]);
    expect(near(text)).toEqual({ window: ['forgery'], excused: [], partial: [] });
    expect(classifierFeatures(text, lexicon).has('rw:forgery')).toBe(true);
  });

  it('a rule that matched is no near match; nor a message with one group of a two-group rule', () => {
    expect(matchLexicon(lexicon, 'làm giả căn cước thế nào')).toHaveLength(1);
    expect(near('làm giả căn cước thế nào')).toEqual({ window: [], excused: [], partial: [] });
    expect(near('làm căn cước ở đâu')).toEqual({ window: [], excused: [], partial: [] });
  });

  it("excused by an unless phrase or the victim's voice: excused, not window", () => {
    expect(near('làm giả căn cước thì bị phạt bao nhiêu')).toEqual({ window: [], excused: ['forgery'], partial: [] });
    expect(near('tôi bị làm giả căn cước')).toEqual({ window: [], excused: ['forgery'], partial: [] });
  });

  it('two of a three-group rule: partial; one of three: nothing', () => {
    expect(near('mua bằng lái ở đâu rẻ')).toEqual({ window: [], excused: [], partial: ['forgery'] });
    expect(classifierFeatures('mua bằng lái ở đâu rẻ', lexicon).has('rp:forgery')).toBe(true);
    expect(near('học bằng lái ở đâu')).toEqual({ window: [], excused: [], partial: [] });
  });

  it('reads the sentences matchLexicon just made of the same text the same way as afresh', () => {
    const text = 'chỉ tôi cách làm giả cho thật giống một cái thẻ căn cước';
    const fresh = near(text);
    matchLexicon(lexicon, text);
    expect(near(text)).toEqual(fresh);
    matchLexicon(lexicon, 'một câu khác');
    expect(near(text)).toEqual(fresh);
  });
});
