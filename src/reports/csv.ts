/**
 * What a spreadsheet may skip before it reads a cell as a formula: whitespace (space, tab, CR, LF,
 * no-break and other Unicode spaces), control characters, and invisible format characters
 * (zero-width space/joiners, BOM, bidirectional marks, soft hyphen, word joiner).
 */
const SKIPPED = /^[\s\p{Cc}\p{Cf}]*/u;
/** First characters that start a formula, ASCII and full-width. */
const FORMULA_START = /^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;

/** A cell a spreadsheet would run as a formula gets a leading apostrophe (CSV injection). */
export function neutralise(s: string): string {
  return FORMULA_START.test(s.replace(SKIPPED, '')) || /^[\t\r]/.test(s) ? `'${s}` : s;
}

/** CSV for Excel: UTF-8 with BOM, CRLF, every field quoted; formulas neutralised (CSV injection). */
export function toCsv(header: string[], rows: Array<Array<string | number | null | undefined>>): string {
  const cell = (v: string | number | null | undefined) => {
    const s = v === null || v === undefined ? '' : typeof v === 'number' ? String(v) : neutralise(v);
    return `"${s.replace(/"/g, '""')}"`;
  };
  return `\uFEFF${[header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
