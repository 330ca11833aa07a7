/** "2026-11" → "Tháng 11/2026" ("Tháng này" for anything else). */
export function monthTitle(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(String(month ?? ''));
  return m ? `Tháng ${Number(m[2])}/${m[1]}` : 'Tháng này';
}
