/**
 * Personal codes that mix letters and digits, found by their printed shape:
 * - a health-insurance card: 2 letters, the benefit level, the province, the 10-digit social insurance code
 *   ("DN 4 01 0123456789", "DN4010123456789", "hn-2-01-01234-56789");
 * - a vehicle plate: province, series, number ("29A-123.45", "26B1 234.56", "29LD-12345"; an old four-digit
 *   "29A-1234" only without a space, so "lớp 12A 2025" is not one; in lower case only with the province and
 *   series written together, "29a12345", "26b1 234.56", so "cách 30 km 1200 m" is not one);
 * - a passport: one capital letter and 7 digits ("C1234567").
 */
export type ShapeKind = 'insurance_number' | 'vehicle_plate' | 'id_number';

const SEP = String.raw`[\s.-]?`;
const SHAPES: Array<{ kind: ShapeKind; pattern: RegExp }> = [
  { kind: 'insurance_number', pattern: new RegExp(String.raw`(?<![\p{L}\p{N}])[A-Za-z]{2}${SEP}[1-5](?:${SEP}\d){12}(?![\p{N}]|[.,-]\d)`, 'gu') },
  { kind: 'vehicle_plate', pattern: /(?<![\p{L}\p{N}./])\d{2} ?-? ?[A-Z]{1,2}\d?(?:-?\d{4}| ?[-.]? ?(?:\d{3}\.\d{2}|\d{5}))(?![\p{L}\p{N}]|[.,]\d)/gu },
  { kind: 'vehicle_plate', pattern: /(?<![\p{L}\p{N}./])\d{2}[a-z]{1,2}\d?(?:-?\d{4}|[-. ]?(?:\d{3}\.\d{2}|\d{5}))(?![\p{L}\p{N}]|[.,]\d)/gu },
  { kind: 'id_number', pattern: /(?<![\p{L}\p{N}])[A-Z]\d{7}(?![\p{L}\p{N}])/gu },
];

export function redactShapes(text: string, replace: (kind: ShapeKind) => string): string {
  for (const { kind, pattern } of SHAPES) text = text.replace(pattern, () => replace(kind));
  return text;
}
