import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { containedTerms, containedTermsOf, contentTokens, coverageUnits, fold, foldSlowly, foldSyllable, indexTerms, indexTermsOf, normalize, plainFolded, syllables } from '../../src/text/vietnamese.js';

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

  it('folds letter by letter exactly as the full decomposition does', () => {
    // Every line of the knowledge folder, and text the letter-by-letter path must hand over whole:
    // combining marks (typed decomposed), other scripts, emoji, and the ends of the letter ranges.
    const dir = path.resolve(import.meta.dirname, '../../knowledge');
    const lines = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(md|ya?ml)$/.test(f))
      .flatMap((f) => readFileSync(path.join(dir, f), 'utf8').split('\n'));
    const samples = [
      ...lines,
      'Đăng ký'.normalize('NFD'),
      'hoà bình'.normalize('NFD') + ' hòa',
      'Ðiện ĐĐ đđ Ø ø Æ ß ı İ Ł ł ǅ ǈ Ǳ ȷ',
      'Việt Nam 🇻🇳 日本語 русский Ελληνικά 한국어 \u1100\u1161 ﬁ ½ ² ©',
      String.fromCharCode(0x7f, 0x80, 0xbf, 0xc0, 0x24f, 0x250, 0x1dff, 0x1e00, 0x1eff, 0x1f00),
      'e\u0301\u0323 a\u0306\u0300 \u1ea0\u0300',
    ];
    expect(lines.length).toBeGreaterThan(3000);
    for (const s of samples) expect(fold(s)).toBe(foldSlowly(s));
    // Every letter of the two Latin ranges the fast path folds one by one, next to each other.
    let all = '';
    for (let c = 0x80; c <= 0x24f; c++) all += String.fromCharCode(c);
    for (let c = 0x1e00; c <= 0x1eff; c++) all += String.fromCharCode(c);
    expect(fold(all)).toBe(foldSlowly(all));
    expect(fold(all + '\u0301')).toBe(foldSlowly(all + '\u0301'));
  });

  it('lower-cases plain ASCII without decomposing it', () => {
    expect(normalize('Lam CCCD o DAU?')).toBe('lam cccd o dau?');
    expect(fold('Lam CCCD o DAU?')).toBe('Lam CCCD o DAU?');
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

  it('splits lines apart: the terms of lines joined are those of their syllables taken line by line (units.ts relies on it)', () => {
    // Old-style tones at a line's end, capitals, đ, digits, a line that is empty or only punctuation.
    const lines = ['## Hồ sơ gồm', '', 'Giấy tờ chứng minh chỗ ở hợp pháp (bản sao hoà giải):', 'THUỶ', '- Đơn đề nghị mẫu CT01.', '…'];
    const joined = lines.join('\n');
    const byLine = lines.flatMap((line) => syllables(line));
    expect(byLine).toEqual(syllables(joined));
    expect(byLine).toContain('hòa');
    expect(indexTermsOf(byLine)).toEqual(indexTerms(joined));
    expect(containedTermsOf(byLine)).toEqual(containedTerms(joined));
    // Bigrams still run from one line into the next, as they do in the joined text.
    expect(indexTermsOf(byLine)).toContain('hop_phap');
    expect(indexTermsOf(byLine)).toContain('thuy_don');
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
