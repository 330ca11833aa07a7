import { describe, expect, it } from 'vitest';
import { contentTokens, coverageUnits, fold, foldSyllable, indexTerms, normalize, plainFolded, syllables } from '../../src/text/vietnamese.js';

describe('Vietnamese text', () => {
  it('merges old and new tone placement after NFC', () => {
    expect('hoà'.normalize('NFC')).not.toBe('hòa');
    expect(normalize('Hoà Bình')).toBe(normalize('hòa bình'));
    expect(normalize('thuỷ lợi')).toBe('thủy lợi');
    expect(normalize('khoẻ')).toBe('khỏe');
    // tone on "a" before a final consonant is the same in both styles and must not move
    expect(normalize('hoạch toán')).toBe('hoạch toán');
  });

  it('NFC-normalises decomposed input', () => {
    const decomposed = 'khai sinh'.normalize('NFD') + ' đăng ký'.normalize('NFD');
    expect(normalize(decomposed)).toBe('khai sinh đăng ký');
  });

  it('folds every diacritic including đ/Đ', () => {
    expect(fold('Đăng ký khai sinh ở đâu')).toBe('Dang ky khai sinh o dau');
    expect(plainFolded('Giấy phép lái xe (GPLX)?')).toBe('giay phep lai xe gplx');
  });

  it('merges y/i spelling variants in folded syllables', () => {
    expect(foldSyllable('ký')).toBe(foldSyllable('kí'));
    expect(foldSyllable('lý')).toBe('li');
    expect(foldSyllable('quy')).toBe('quy');
  });

  it('keeps alphanumeric runs together', () => {
    expect(syllables('Tài khoản VNeID mức 2, mẫu CT07')).toEqual(['tài', 'khoản', 'vneid', 'mức', '2', 'mẫu', 'ct07']);
  });

  it('produces syllables and bigrams without stopwords, same for accented and accentless text', () => {
    const accented = indexTerms('Tôi muốn đăng ký khai sinh cho con');
    expect(accented).toContain('khai_sinh');
    expect(accented).toContain('dang_ki');
    expect(accented).not.toContain('toi');
    expect(indexTerms('toi muon dang ky khai sinh cho con')).toEqual(accented);
  });

  it('content tokens drop chat filler', () => {
    expect(contentTokens('cho tôi với ạ, muốn làm khai sinh nhé')).toEqual(['khai', 'sinh']);
    // "hỏi" and "thẻ" fold to words that matter elsewhere ("hội", "thẻ"), so they stay
    expect(contentTokens('hỏi thẻ')).toEqual(['hoi', 'the']);
  });

  it('coverage units keep the accented form so "cười" is not "cưới"', () => {
    const units = coverageUnits('kể chuyện cười');
    expect(units.find((u) => u.folded === 'cuoi')?.accented).toBe('cười');
    expect(coverageUnits('ke chuyen cuoi').find((u) => u.folded === 'cuoi')?.accented).toBeUndefined();
  });
});
