/**
 * Sums of money in Vietnamese text, as numbers of đồng: "500.000đ", "500.000 VNĐ", "500k",
 * "1,5 triệu", "2 tr", "năm trăm nghìn đồng", "hai triệu rưỡi". Used to check that a model's answer
 * states no amount its passages do not.
 */

const UNIT_WORDS: Record<string, number> = {
  'đồng': 1, 'đ': 1, 'vnđ': 1, 'vnd': 1, 'dong': 1, 'd': 1,
  'k': 1_000, 'nghìn': 1_000, 'ngàn': 1_000, 'nghin': 1_000, 'ngan': 1_000,
  'triệu': 1_000_000, 'trieu': 1_000_000, 'tr': 1_000_000, 'củ': 1_000_000,
  'tỷ': 1_000_000_000, 'tỉ': 1_000_000_000, 'ty': 1_000_000_000,
};
const CURRENCY = String.raw`(?:đồng|vnđ|vnd|đ)`;
const MAGNITUDE = String.raw`(?:k|nghìn|ngàn|triệu|tr|củ|tỷ|tỉ)`;
const DIGIT_AMOUNT = new RegExp(String.raw`(?<![\p{L}\p{N}.,])(\d+(?:[.,]\d+)*)\s*(${MAGNITUDE}|${CURRENCY})(?![\p{L}\p{N}])(?:\s*(\d{1,3})(?![\p{L}\p{N}.,]))?`, 'giu');

const DIGIT_WORDS: Record<string, number> = {
  'không': 0, 'một': 1, 'mốt': 1, 'hai': 2, 'ba': 3, 'bốn': 4, 'tư': 4, 'năm': 5, 'lăm': 5, 'nhăm': 5,
  'sáu': 6, 'bảy': 7, 'bẩy': 7, 'tám': 8, 'chín': 9,
};
const WORD = String.raw`(?:không|một|mốt|hai|ba|bốn|tư|năm|lăm|nhăm|sáu|bảy|bẩy|tám|chín|mười|mươi|trăm|linh|lẻ|nghìn|ngàn|triệu|tỷ|tỉ|rưỡi)`;
const FIRST_WORD = String.raw`(?:không|một|hai|ba|bốn|năm|sáu|bảy|bẩy|tám|chín|mười|trăm)`;
const WORD_AMOUNT = new RegExp(String.raw`(?<![\p{L}\p{N}])${FIRST_WORD}(?:\s+${WORD})*(?:\s+${CURRENCY})?(?![\p{L}\p{N}])`, 'giu');

/** Every amount of money in a text, in đồng. */
export function moneyAmounts(text: string): number[] {
  const lower = text.toLowerCase();
  const out: number[] = [];
  for (const m of lower.matchAll(DIGIT_AMOUNT)) {
    const unit = UNIT_WORDS[m[2]] ?? 1;
    const value = parseDigits(m[1], unit);
    // "2 triệu 500" means 2,500,000.
    const tail = m[3] && unit >= 1_000_000 ? Number(m[3]) * (unit / 1000) : 0;
    if (value !== undefined) out.push(Math.round(value * unit + tail));
  }
  for (const m of lower.matchAll(WORD_AMOUNT)) {
    const words = m[0].split(/\s+/);
    const hasUnit = words.some((w) => w in UNIT_WORDS && UNIT_WORDS[w] >= 1000) || new RegExp(`${CURRENCY}$`).test(m[0]);
    if (!hasUnit) continue; // "hai năm" is two years, not money
    const value = parseWords(words.filter((w) => !(w in UNIT_WORDS) || UNIT_WORDS[w] > 1));
    if (value !== undefined) out.push(value);
  }
  return out;
}

/** "500.000" → 500000; "1,5" with a magnitude → 1.5; "20.000.000" → 20000000. */
function parseDigits(raw: string, unit: number): number | undefined {
  const groups = raw.split(/[.,]/);
  if (groups.length === 1) return Number(raw);
  const thousands = groups.slice(1).every((g) => g.length === 3) && (unit === 1 || groups.length > 2 || raw.includes('.'));
  if (thousands && !(unit > 1 && groups.length === 2 && raw.includes(','))) return Number(groups.join(''));
  if (groups.length === 2) return Number(`${groups[0]}.${groups[1]}`);
  return undefined;
}

function parseWords(words: string[]): number | undefined {
  let total = 0;
  let group = 0;
  let current = 0;
  let lastMagnitude = 0;
  let seen = false;
  for (const w of words) {
    if (w in DIGIT_WORDS) {
      current += DIGIT_WORDS[w];
      seen = true;
    } else if (w === 'mười') {
      current += 10;
      seen = true;
    } else if (w === 'mươi') current *= 10;
    else if (w === 'trăm') {
      group += (current || 1) * 100;
      current = 0;
    } else if (w === 'linh' || w === 'lẻ') continue;
    else if (w === 'rưỡi') total += lastMagnitude / 2;
    else if (w in UNIT_WORDS) {
      const magnitude = UNIT_WORDS[w];
      total += ((group + current) || 1) * magnitude;
      group = 0;
      current = 0;
      lastMagnitude = magnitude;
      seen = true;
    }
  }
  return seen ? total + group + current : undefined;
}
