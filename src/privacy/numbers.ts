import { fold } from '../text/vietnamese.js';

/**
 * Personal numbers inside runs of digits. A run is digit groups joined by short separators
 * ("+84 (0) 912.345-678", "001 099 001 203", "0 9 1 2 . 3 4 5"); every stretch of groups that forms
 * a number of a known shape is replaced. Numbers whose shape is shared (a 10-digit tax code, social
 * insurance code or bank account) are named by the words in front of them ("MST", "mã số BHXH", "STK").
 */
export type NumberKind = 'id_number' | 'phone' | 'tax_code' | 'insurance_number' | 'bank_account';

export const DIGIT_RUN = /(?:\+\s?|\(\s?\+?\s?)?\d+(?:(?:\s?[.-]\s?|\s|\s?\(\s?|\s?\)[ .-]?)\d+)*\)?/g;
export const MONEY_AFTER = /^\s*(?:đ(?![\p{L}])|đồng|vnđ|vnd|dong(?![\p{L}])|k(?![\p{L}])|nghìn|ngàn|nghin|ngan|triệu|trieu|tr(?![\p{L}])|tỷ|tỉ|ty(?![\p{L}])|usd|\$|%)/iu;
const MAX_GROUPS = 16;

type Replace = (kind: NumberKind) => string;

/** Words that name the number after them, with the digit counts that number may have. */
const LABELS: Array<{ kind: NumberKind; words: string[]; lengths: (n: number) => boolean }> = [
  {
    kind: 'tax_code',
    words: ['mã số thuế', 'mã số thuế cá nhân', 'mã thuế', 'mst', 'm.s.t', 'tax code', 'tax id'],
    // 10 digits, 13 for a branch ("0101234567-001"); an individual's code is now the 12-digit căn cước number
    lengths: (n) => n === 10 || n === 12 || n === 13,
  },
  {
    kind: 'insurance_number',
    words: ['bhxh', 'bhyt', 'bảo hiểm xã hội', 'bảo hiểm y tế', 'thẻ bảo hiểm', 'sổ bảo hiểm', 'mã số bảo hiểm', 'mã bảo hiểm', 'social insurance', 'health insurance'],
    // the social insurance code (10 digits, also the book's number), the card's 13 digits without its letters
    lengths: (n) => n === 10 || n === 13,
  },
  {
    kind: 'bank_account',
    words: [
      'số tài khoản', 'stk', 'số tk', 'tài khoản ngân hàng', 'tk ngân hàng', 'số thẻ atm', 'thẻ atm', 'số thẻ ngân hàng',
      'account number', 'account no', 'bank account', 'card number', 'vietcombank', 'vcb', 'vietinbank', 'bidv', 'agribank',
      'techcombank', 'mbbank', 'mb bank', 'acb', 'sacombank', 'vpbank', 'tpbank', 'shb', 'hdbank', 'ocb', 'seabank', 'vib',
      'msb', 'eximbank', 'lpbank', 'lienvietpostbank', 'abbank', 'pvcombank', 'kienlongbank', 'baovietbank', 'vietbank',
      'ngân hàng chính sách', 'nhcsxh',
    ],
    lengths: (n) => n >= 6 && n <= 19,
  },
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
const labelAlternatives = (words: string[]) => [...new Set(words.flatMap((w) => [w, fold(w)]))].sort((a, b) => b.length - a.length).map(escape).join('|');
// Other numbers' names: a labelled number stops looking when one comes before a number ("STK của tôi và sđt 0912…").
const OTHER_NUMBER = String.raw`(?:sđt|sdt|đt|điện thoại|dien thoai|zalo|hotline|cccd|cmnd|căn cước|can cuoc|năm|nam|ngày|ngay|tháng|thang)`;
const LABELLED = LABELS.map(({ kind, words, lengths }) => ({
  kind,
  lengths,
  pattern: new RegExp(
    String.raw`(?<![\p{L}\p{N}])(?:${labelAlternatives(words)})(?![\p{L}\p{N}])` +
      // up to four words between the name and the number ("STK Vietcombank của tôi là 0123…")
      String.raw`(?:[\s:,=()#-]+(?!${OTHER_NUMBER}(?![\p{L}]))\p{L}+){0,4}?[\s:,=()#-]*` +
      `(${DIGIT_RUN.source})`,
    'giu',
  ),
}));

/** Numbers named by the words in front of them. */
export function redactLabelledNumbers(text: string, replace: Replace): string {
  for (const { kind, lengths, pattern } of LABELLED) {
    text = text.replace(pattern, (match: string, run: string, offset: number, whole: string) => {
      const tail = whole.slice(offset + match.length);
      const groups = run.match(/\d+/g) ?? [];
      const digits = groups.join('').length;
      if (!lengths(digits) || MONEY_AFTER.test(tail) || moneyShaped(groups, run.split(/\d+/).slice(1, -1))) return match;
      return match.slice(0, match.length - run.length) + replace(kind);
    });
  }
  return text;
}

/** Every ID number, phone and shaped number in the runs of digits of `text`. */
export function redactDigitRuns(text: string, replace: Replace): string {
  return text.replace(DIGIT_RUN, (run, offset: number, whole: string) => redactRun(run, whole[offset - 1] ?? '', whole.slice(offset + run.length), replace));
}

/** Splits a digit run into groups and replaces every stretch of groups that forms a known number. */
function redactRun(run: string, before: string, after: string, replace: Replace): string {
  const groups = [...run.matchAll(/\d+/g)].map((m) => ({ digits: m[0], start: m.index!, end: m.index! + m[0].length }));
  const sepBefore = (k: number) => run.slice(k === 0 ? 0 : groups[k - 1].end, groups[k].start);
  // A run glued to a word ("H53-250101-0001", a dossier code) may not start a number with its first group.
  const gluedToWord = /\p{L}/u.test(before);
  const pieces: string[] = [];
  let cursor = 0;
  let i = 0;
  while (i < groups.length) {
    let matched: { kind: NumberKind; j: number } | undefined;
    const longest = gluedToWord && i === 0 ? 0 : Math.min(groups.length - 1, i + MAX_GROUPS - 1);
    for (let j = longest; j >= i && !matched; j--) {
      const span = groups.slice(i, j + 1);
      const seps = span.slice(1).map((_, k) => sepBefore(i + k + 1));
      const tail = j === groups.length - 1 ? after : run.slice(groups[j].end);
      const kind = classify(span.map((g) => g.digits), seps, sepBefore(i).includes('+'), tail);
      if (kind) matched = { kind, j };
    }
    if (!matched) {
      i++;
      continue;
    }
    // An opening "+" or "(" in front of the number goes into the placeholder too.
    const open = sepBefore(i).search(/[+(]/);
    const startAt = i === 0 ? 0 : open >= 0 ? groups[i - 1].end + open : groups[i].start;
    const endAt = matched.j === groups.length - 1 ? run.length : groups[matched.j].end;
    pieces.push(run.slice(cursor, startAt), replace(matched.kind));
    cursor = endAt;
    i = matched.j + 1;
  }
  pieces.push(run.slice(cursor));
  return pieces.join('');
}

function classify(groups: string[], seps: string[], plus: boolean, tail: string): NumberKind | undefined {
  if (MONEY_AFTER.test(tail)) return undefined;
  const digits = groups.join('');
  const national = nationalPhone(digits, plus);
  if (national && /^0[1-9]\d{8,9}$/.test(national)) return 'phone';
  if (plus) return undefined;
  // A company's branch: "0101234567-001".
  if (groups.length === 2 && groups[0].length === 10 && groups[1].length === 3 && seps[0].trim() === '-') return 'tax_code';
  // A payment card: four groups of four digits that pass the Luhn check.
  if (groups.length === 4 && groups.every((g) => g.length === 4) && luhn(digits)) return 'bank_account';
  // One unbroken long number is someone's code or account (a tax or insurance code, a card, an account).
  if (groups.length === 1 && digits.length >= 10 && digits.length <= 19) return 'id_number';
  if (digits.length !== 12 && digits.length !== 9) return undefined;
  // A căn cước number starts with its province code (001–096): "2021 2022 2023" is three years.
  if (digits.length === 12 && groups.length > 1 && !digits.startsWith('0')) return undefined;
  return moneyShaped(groups, seps) ? undefined : 'id_number';
}

/** "200.000.000": a sum of money, not an ID number. */
function moneyShaped(groups: string[], seps: string[]): boolean {
  return groups.length > 1 && seps.every((s) => s === '.') && /^[1-9]\d{0,2}$/.test(groups[0]) && groups.slice(1).every((g) => g.length === 3);
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let k = 0; k < digits.length; k++) {
    let d = Number(digits[digits.length - 1 - k]);
    if (k % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** The 0-prefixed national form of a phone number written with +84, 0084 or 84 in front. */
function nationalPhone(digits: string, plus: boolean): string | undefined {
  let rest: string | undefined;
  if (plus && digits.startsWith('84')) rest = digits.slice(2);
  else if (digits.startsWith('0084')) rest = digits.slice(4);
  else if (!plus && digits.startsWith('84') && digits.length === 11 && /^84[35789]/.test(digits)) rest = digits.slice(2);
  else if (!plus) return digits;
  if (rest === undefined) return undefined;
  return rest.startsWith('0') ? rest : `0${rest}`;
}
