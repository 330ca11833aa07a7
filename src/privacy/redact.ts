import { normaliseText } from './normalise.js';

/**
 * Removes personal data citizens type into any free-text field (questions, comments, handoff
 * reasons…) before it is logged, stored or sent to a model. The text is normalised first
 * (see normaliseText), then ID numbers, phone numbers, emails and house addresses are replaced
 * in the forms Vietnamese people write them:
 * - căn cước (12 digits) and CMND (9 digits), whole or grouped by spaces, dots or dashes
 *   (`001 099 001 203`, `001.099.001.203`), full-width or split by zero-width characters;
 * - phones `0912345678`, `0912 345 678`, `0912.345.678`, `(091) 234 5216`, `+84 912 345 678`,
 *   `+84 (0) 912…`, `0084…`, `84912345678`, landlines `0212 3852 123`, digits spaced one by one;
 * - emails, also written `ten (at) gmail.com`, `ten a còng gmail chấm com`, `ten @ gmail . com`;
 * - house addresses: `số nhà 12`, `ngõ 34/5`, `số 12 đường …`.
 * Hotlines (`1800 1096`, `113`), money (`200.000.000 đồng`), dates and dossier codes are left alone.
 */
export type PersonalDataKind = 'id_number' | 'phone' | 'email' | 'address';

export const PLACEHOLDERS: Record<PersonalDataKind, string> = {
  id_number: '[số định danh]',
  phone: '[số điện thoại]',
  email: '[email]',
  address: '[địa chỉ]',
};

export interface Redaction {
  text: string;
  /** Kinds found, including placeholders already in the text (redacted earlier at the boundary). */
  found: PersonalDataKind[];
}

const AT = String.raw`(?:\s*@\s*|\s*[([]\s*at\s*[)\]]\s*|\s+(?:a còng|a cong|a móc|a moc)\s+)`;
const DOT = String.raw`(?:\.|\s+\.\s+|\s*[([]\s*(?:dot|chấm|cham)\s*[)\]]\s*|\s+(?:chấm|cham|dot)\s+)`;
/** An email, also written with "(at)", "a còng", "chấm". */
export const EMAIL_PATTERN = new RegExp(String.raw`[\p{L}\p{N}._%+-]*[\p{L}\p{N}]${AT}[\p{L}\p{N}-]+(?:${DOT}[\p{L}\p{N}-]+)*${DOT}\p{L}{2,}(?![\p{L}\p{N}])`, 'giu');

const ADDRESS = new RegExp(
  [
    String.raw`(?<![\p{L}\p{N}])(?:số nhà|nhà số|so nha|nha so|sn)\s*:?\s*\d+[\p{L}\d/-]*`,
    String.raw`(?<![\p{L}\p{N}])(?:ngõ|ngách|hẻm|kiệt|ngo|ngach|hem|kiet)\s+(?:số\s+|so\s+)?\d+[\p{L}\d/-]*`,
    String.raw`(?<![\p{L}\p{N}])(?:số|so)\s+\d+[\p{L}\d/-]*(?=\s*,?\s*(?:đường|phố|duong|pho)\s)`,
  ].join('|'),
  'giu',
);

// A run of digit groups joined by short separators: "+84 (0) 912.345-678", "001 099 001 203", "0 9 1 2 . 3 4 5".
const DIGIT_RUN = /(?:\+\s?|\(\s?\+?\s?)?\d+(?:(?:\s?[.-]\s?|\s|\s?\(\s?|\s?\)[ .-]?)\d+)*\)?/g;
const MONEY_AFTER = /^\s*(?:đ(?![\p{L}])|đồng|vnđ|vnd|dong(?![\p{L}])|k(?![\p{L}])|nghìn|ngàn|nghin|ngan|triệu|trieu|tr(?![\p{L}])|tỷ|tỉ|ty(?![\p{L}])|usd|\$|%)/iu;
const MAX_GROUPS = 16;

type NumberKind = 'id_number' | 'phone';

export function redactPersonalData(input: string): Redaction {
  const found = new Set<PersonalDataKind>();
  for (const [kind, placeholder] of Object.entries(PLACEHOLDERS) as Array<[PersonalDataKind, string]>) {
    if (input.includes(placeholder)) found.add(kind);
  }
  let text = normaliseText(input);
  text = text.replace(EMAIL_PATTERN, () => {
    found.add('email');
    return PLACEHOLDERS.email;
  });
  text = text.replace(DIGIT_RUN, (run, offset: number, whole: string) => {
    const out = redactRun(run, whole[offset - 1] ?? '', whole.slice(offset + run.length));
    for (const k of out.kinds) found.add(k);
    return out.text;
  });
  text = text.replace(ADDRESS, () => {
    found.add('address');
    return PLACEHOLDERS.address;
  });
  return { text, found: [...found] };
}

export function redact(text: string): string {
  return redactPersonalData(text).text;
}

/** Splits a digit run into groups and replaces every stretch of groups that forms an ID or a phone. */
function redactRun(run: string, before: string, after: string): { text: string; kinds: NumberKind[] } {
  const groups = [...run.matchAll(/\d+/g)].map((m) => ({ digits: m[0], start: m.index!, end: m.index! + m[0].length }));
  const sepBefore = (k: number) => run.slice(k === 0 ? 0 : groups[k - 1].end, groups[k].start);
  // A run glued to a word ("H53-250101-0001", a dossier code) may not start a number with its first group.
  const gluedToWord = /\p{L}/u.test(before);
  const kinds: NumberKind[] = [];
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
    pieces.push(run.slice(cursor, startAt), PLACEHOLDERS[matched.kind]);
    cursor = endAt;
    kinds.push(matched.kind);
    i = matched.j + 1;
  }
  pieces.push(run.slice(cursor));
  return { text: pieces.join(''), kinds };
}

function classify(groups: string[], seps: string[], plus: boolean, tail: string): NumberKind | undefined {
  if (MONEY_AFTER.test(tail)) return undefined;
  const digits = groups.join('');
  const national = nationalPhone(digits, plus);
  if (national && /^0[1-9]\d{8,9}$/.test(national)) return 'phone';
  if (plus || (digits.length !== 12 && digits.length !== 9)) return undefined;
  // "200.000.000" is a sum of money, not an ID number.
  const moneyShaped = groups.length > 1 && seps.every((s) => s === '.') && /^[1-9]\d{0,2}$/.test(groups[0]) && groups.slice(1).every((g) => g.length === 3);
  return moneyShaped ? undefined : 'id_number';
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
