import { describe, expect, it } from 'vitest';
import { normalizeQuestion } from '../../src/text/question.js';

describe('normalizeQuestion', () => {
  it('carries every text form of one question', () => {
    const q = normalizeQuestion('  Đăng ký khai sinh ở đâu?  ');
    expect(q.original).toBe('Đăng ký khai sinh ở đâu?');
    expect(q.lower).toBe('đăng ký khai sinh ở đâu?');
    expect(q.folded).toBe('dang ky khai sinh o dau');
    expect(q.syllables).toEqual(['đăng', 'ký', 'khai', 'sinh', 'ở', 'đâu']);
    expect(q.foldedSyllables).toEqual(['dang', 'ki', 'khai', 'sinh', 'o', 'dau']);
    expect(q.content).toEqual(['ki', 'khai', 'sinh']); // "đang" (currently) folds to a stopword
    expect(q.topic).toEqual(['khai', 'sinh']);
    expect(q.terms).toContain('khai_sinh');
    expect(q.typedDiacritics).toBe(true);
    expect(q.units.find((u) => u.folded === 'khai')).toEqual({ folded: 'khai', accented: undefined, bigram: false });
  });

  it('merges tone placement styles and knows when no diacritics were typed', () => {
    expect(normalizeQuestion('hoà giải').lower).toBe(normalizeQuestion('hòa giải').lower);
    const plain = normalizeQuestion('lam khai sinh o dau');
    expect(plain.typedDiacritics).toBe(false);
    expect(plain.units.every((u) => u.accented === undefined)).toBe(true);
  });

  it('drops a leading "còn" from the topic but keeps "con tôi"', () => {
    expect(normalizeQuestion('còn lệ phí thì sao').topic).toEqual([]);
    expect(normalizeQuestion('con le phi thi sao').topic).toEqual([]);
    expect(normalizeQuestion('con tôi làm căn cước').topic).toContain('con');
  });

  it('"bằng gì", "bằng cách nào" ask by what means: that "bằng" is no topic, the licence still is', () => {
    expect(normalizeQuestion('trả bằng gì').topic).toEqual([]);
    expect(normalizeQuestion('nop tien bang cach nao').topic).toEqual([]);
    expect(normalizeQuestion('thanh toán bằng hình thức nào').topic).not.toContain('bang');
    // near-misses: "bằng" not asking for a means, and the licence asked about with other words
    expect(normalizeQuestion('đổi bằng ở đâu').topic).toEqual(['doi', 'bang']);
    expect(normalizeQuestion('bằng lái hạng gì').topic).toEqual(['bang', 'lai', 'hang']);
    expect(normalizeQuestion('mất bằng lái thì trả bằng gì').topic).toEqual(['bang', 'lai']);
  });
});
