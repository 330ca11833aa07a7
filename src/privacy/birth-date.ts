import { fold } from '../text/vietnamese.js';

/**
 * A date of birth written next to a person's name ("Lò Văn Minh, sinh ngày 12/03/1985",
 * "NGUYỄN THỊ HOA (1990)", "Nguyen Van An ns 5.6.1979"): together they identify someone, so the date
 * is replaced and the name kept. A name is a common family name and one to three capitalised words.
 * A date with no name ("con tôi sinh ngày 10/11/2026") is left: the question may turn on it.
 */
const FAMILY_NAMES = [
  // the commonest Vietnamese family names
  'Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý',
  'Đào', 'Đoàn', 'Đinh', 'Lương', 'Trương', 'Mai', 'Cao', 'Hà', 'Triệu', 'Chu', 'Tạ', 'Tô', 'Lâm', 'Phùng', 'Kiều', 'Nông',
  'Lục', 'Lộc', 'Lại', 'Doãn', 'Bế', 'Hứa', 'Quách', 'Trịnh', 'Mạc', 'Châu', 'Đàm', 'Tống', 'Thân', 'Ninh', 'Giáp',
  'Nghiêm', 'Lưu', 'Vi', 'Tăng', 'Khổng', 'Âu',
  // Thái, Mông, Mường, Dao and other families of the northern mountain provinces
  'Lò', 'Cầm', 'Quàng', 'Lường', 'Tòng', 'Điêu', 'Vì', 'Lù', 'Bạc', 'Sầm', 'Giàng', 'Sùng', 'Thào', 'Vàng', 'Mùa', 'Lầu',
  'Hờ', 'Tráng', 'Sồng', 'Cứ', 'Mào', 'Khà', 'Chảo', 'Bàn', 'Đèo',
];
const forms = [...new Set(FAMILY_NAMES.flatMap((n) => [n, fold(n)]).flatMap((n) => [n, n.toUpperCase()]))].sort((a, b) => b.length - a.length);
const NAME = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${forms.join('|')})((?: \p{Lu}\p{Ll}*| \p{Lu}+){1,3})(?![\p{L}])`, 'gu');
// Place names that begin like a person's: "TP. Hồ Chí Minh, ngày 12/3/2025".
const PLACE_BEFORE = /(?:tp\.?|thành phố|thanh pho|tỉnh|tinh|đường|duong|phố|pho|xã|phường|huyện|quận|tại|ở)\s*$/iu;

const FULL_DATE = String.raw`\d{1,2} ?[/.-] ?\d{1,2} ?[/.-] ?(?:\d{4}|\d{2})(?![\d/.-]*\d)|(?:ngày|ngay) \d{1,2},? (?:tháng|thang) \d{1,2},? (?:năm|nam) \d{4}`;
const YEAR = String.raw`(?:(?:năm|nam) )?(?:19|20)\d{2}(?!\d)`;
const BIRTH = String.raw`(?:ngày tháng năm sinh|ngay thang nam sinh|sinh ngày|sinh ngay|sinh năm|sinh nam|ngày sinh|ngay sinh|năm sinh|nam sinh|sinh|ns|dob|date of birth|born)`;
// After the name: a birth word and a date or year; or, for a full name of three words or more, a date
// after a comma or in brackets.
const WITH_WORD = new RegExp(String.raw`^(\s*[,(:-]?\s*${BIRTH}\s*:?\s*)(${FULL_DATE}|\d{1,2} ?[/.-] ?\d{4}(?!\d)|${YEAR})`, 'iu');
const BARE = new RegExp(String.raw`^(\s*(?:,|\(|-)\s*)(${FULL_DATE}|(?:19|20)\d{2}(?=\s*\)))`, 'iu');

export function redactBirthDates(text: string, placeholder: () => string): string {
  const spans: Array<[number, number]> = [];
  for (const m of text.matchAll(NAME)) {
    if (PLACE_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
    const words = m[1].trim().split(' ');
    // The longest name first; a capitalised word after it may begin what follows ("Lò Văn Minh Sinh năm 1985").
    for (let n = words.length; n >= 1; n--) {
      const end = m.index + m[0].length - words.slice(n).reduce((len, w) => len + w.length + 1, 0);
      const after = text.slice(end);
      const date = after.match(WITH_WORD) ?? (n + 1 >= 3 ? after.match(BARE) : null);
      if (date) {
        const start = end + date[1].length;
        spans.push([start, start + date[2].length]);
        break;
      }
    }
  }
  for (const [start, end] of spans.reverse()) text = text.slice(0, start) + placeholder() + text.slice(end);
  return text;
}
