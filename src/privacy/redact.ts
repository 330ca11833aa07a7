import { redactBirthDates } from './birth-date.js';
import { normaliseText } from './normalise.js';
import { redactDigitRuns, redactLabelledNumbers } from './numbers.js';
import { redactShapes } from './shapes.js';

/**
 * Removes personal data citizens type into any free-text field (questions, comments, handoff
 * reasons…) before it is logged, stored or sent to a model. The text is normalised first
 * (see normaliseText), then replaced in the forms Vietnamese people write them:
 * - căn cước (12 digits) and CMND (9 digits), whole or grouped by spaces, dots or dashes
 *   (`001 099 001 203`, `001.099.001.203`), full-width or split by zero-width characters; passports (`C1234567`);
 *   any other unbroken number of 10 to 19 digits that is not a phone;
 * - phones `0912345678`, `0912 345 678`, `0912.345.678`, `(091) 234 5216`, `+84 912 345 678`,
 *   `+84 (0) 912…`, `0084…`, `84912345678`, landlines `0212 3852 123`, digits spaced one by one;
 * - tax codes after "MST"/"mã số thuế" (10, 12 or 13 digits) and any `0101234567-001`;
 * - social insurance codes and books after "BHXH"/"BHYT"/"sổ bảo hiểm" (10 digits), health-insurance cards
 *   by their shape (`DN 4 01 0123456789`);
 * - bank accounts after "STK"/"số tài khoản"/a bank's name (6 to 19 digits), card numbers (`4111 1111 1111 1111`);
 * - vehicle plates (`29A-123.45`, `26B1 234.56`, `29a12345`);
 * - a date of birth next to a name (`Lò Văn Minh, sinh ngày 12/03/1985`);
 * - emails, also written `ten (at) gmail.com`, `ten a còng gmail chấm com`, `ten @ gmail . com`;
 * - house addresses: `số nhà 12`, `ngõ 34/5`, `số 12 đường …`.
 * Hotlines (`1800 1096`, `113`), money (`200.000.000 đồng`), dates, procedure codes (`1.001193`), legal
 * references (`135/2025/QH15`) and dossier codes are left alone.
 */
export type PersonalDataKind =
  | 'id_number'
  | 'phone'
  | 'email'
  | 'address'
  | 'tax_code'
  | 'insurance_number'
  | 'bank_account'
  | 'vehicle_plate'
  | 'birth_date';

export const PLACEHOLDERS: Record<PersonalDataKind, string> = {
  id_number: '[số định danh]',
  phone: '[số điện thoại]',
  email: '[email]',
  address: '[địa chỉ]',
  tax_code: '[mã số thuế]',
  insurance_number: '[số bảo hiểm]',
  bank_account: '[số tài khoản]',
  vehicle_plate: '[biển số xe]',
  birth_date: '[ngày sinh]',
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

// One message is redacted three times on its way (stored text, input guard, logged question): the
// last few results are kept, so it is done once. Few enough that nothing lingers for long.
const recent = new Map<string, Redaction>();
const RECENT_MAX = 16;

export function redactPersonalData(input: string): Redaction {
  let redaction = recent.get(input);
  if (!redaction) {
    redaction = redactNow(input);
    if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value!);
    recent.set(input, redaction);
  }
  return { text: redaction.text, found: [...redaction.found] };
}

function redactNow(input: string): Redaction {
  const found = new Set<PersonalDataKind>();
  for (const [kind, placeholder] of Object.entries(PLACEHOLDERS) as Array<[PersonalDataKind, string]>) {
    if (input.includes(placeholder)) found.add(kind);
  }
  const replace = (kind: PersonalDataKind) => {
    found.add(kind);
    return PLACEHOLDERS[kind];
  };
  let text = normaliseText(input);
  // Emails and lettered shapes first: their digits are not runs of their own.
  text = text.replace(EMAIL_PATTERN, () => replace('email'));
  text = redactShapes(text, replace);
  text = redactBirthDates(text, () => replace('birth_date'));
  text = redactLabelledNumbers(text, replace);
  text = redactDigitRuns(text, replace);
  text = text.replace(ADDRESS, () => replace('address'));
  return { text, found: [...found] };
}

export function redact(text: string): string {
  return redactPersonalData(text).text;
}

/** The text without the placeholders: what the citizen asked about, not the numbers they gave. */
export function withoutPlaceholders(text: string): string {
  return Object.values(PLACEHOLDERS).reduce((t, p) => t.replaceAll(p, ' '), text);
}
