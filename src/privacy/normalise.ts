/**
 * Citizen text as every matcher (redaction, safety, the LLM output guard) should see it:
 * NFKC, so full-width and other compatibility digits and letters become plain ones ("０９１２" → "0912",
 * "＠" → "@"); invisible format characters removed (zero-width spaces and joiners, bidi controls, soft
 * hyphens, variation selectors), which people use to split a number or a word so filters miss it;
 * every space and dash variant unified to " " and "-". Unicode tag characters are kept: guard-input
 * refuses a text that carries them (they hide instructions).
 */

// Cf (format) characters other than the tag block, plus invisible marks and fillers that are not Cf.
const INVISIBLE = /(?![\u{E0000}-\u{E007F}])[\p{Cf}\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180D\u2800\u3164\uFE00-\uFE0F\uFFA0]/gu;
const SPACES = /[\p{Zs}\t\v\f]/gu;
const LINE_BREAKS = /\r\n?|[\u2028\u2029\u0085]/g;
const DASHES = /[\p{Pd}\u2212\u2043\uFE63\uFF0D]/gu;
const DOTS = /[\u00B7\u2027\u30FB\u3002\uFF61]/g;

export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(LINE_BREAKS, '\n')
    .replace(SPACES, ' ')
    .replace(DASHES, '-')
    .replace(DOTS, '.');
}
