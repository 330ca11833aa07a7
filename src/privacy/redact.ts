/**
 * Removes personal data citizens paste into chat before it is logged or stored:
 * 12-digit căn cước numbers (and old 9-digit CMND), phone numbers, emails.
 */
export type PersonalDataKind = 'id_number' | 'phone' | 'email';

const PATTERNS: Array<[PersonalDataKind, RegExp, string]> = [
  ['email', /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu, '[email]'],
  ['id_number', /(?<![\p{N}])\d{12}(?![\p{N}])/gu, '[số định danh]'],
  ['phone', /(?<![\p{N}+])(?:\+84|0084|84(?=[35789]\d{8}(?!\d))|0)(?:[\s.-]?\d){9,10}(?![\p{N}])/gu, '[số điện thoại]'],
  ['id_number', /(?<![\p{N}])\d{9}(?![\p{N}])/gu, '[số định danh]'],
];

export interface Redaction {
  text: string;
  found: PersonalDataKind[];
}

export function redactPersonalData(text: string): Redaction {
  const found = new Set<PersonalDataKind>();
  let out = text;
  for (const [kind, re, replacement] of PATTERNS) {
    out = out.replace(re, () => {
      found.add(kind);
      return replacement;
    });
  }
  return { text: out, found: [...found] };
}

export function redact(text: string): string {
  return redactPersonalData(text).text;
}
