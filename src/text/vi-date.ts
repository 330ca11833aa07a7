/** "2026-12-31" → "31/12/2026". */
export function viDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/**
 * Whether a text already gives this ISO date as a Vietnamese day/month/year ("31/12/2026", "1/4/2026"),
 * so a "(áp dụng đến …)" note would only repeat it, or sit next to another date of the same sentence.
 */
export function statesDate(text: string, iso: string): boolean {
  const [y, m, d] = iso.split('-').map(Number);
  return new RegExp(`(^|\\D)0?${d}/0?${m}/${y}(\\D|$)`).test(text);
}
