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

  it('sets aside the words of a clause that says why or when, not those of what is asked', () => {
    const aside = (text: string) => [...normalizeQuestion(text).asideTerms].filter((t) => !t.includes('_')).sort();
    // a purpose clause, leading or trailing, typed with or without diacritics
    expect(aside('để đăng ký kết hôn thì xin xác nhận độc thân ở đâu')).toEqual(['hon', 'ket', 'ki']);
    expect(aside('xin ban sao dien tu co ky so de nop online thi lam the nao')).toEqual(['nop', 'online']);
    // a condition after the question's own words
    expect(aside('làm khai sinh cho cháu khi bố mẹ chưa đăng ký kết hôn')).toEqual(['bo', 'hon', 'ket', 'ki', 'me']);
    // near-misses: a leading condition may hold the topic; "để làm gì", "khi nào" ask; "giấy đẻ" is a birth
    expect(aside('nếu mất thẻ bhyt thì cấp lại ở đâu')).toEqual([]);
    expect(aside('mã định danh để làm gì')).toEqual([]);
    expect(aside('khai sinh khi nào thì xong')).toEqual([]);
    expect(aside('xin giay de cho con o dau')).toEqual([]);
    // a word the asking part repeats is not aside; nothing is when the rest names nothing
    expect(aside('đổi thẻ căn cước để làm thẻ ngân hàng')).toEqual(['hang', 'ngan']);
    expect(aside('để đăng ký kết hôn thì cần giấy tờ gì')).toEqual([]);
  });
});
