/**
 * The portal's brand colour (data-color) made safe and readable: only #rgb/#rrggbb is accepted (so it
 * can be put into a stylesheet without any injection risk), the text on it is white or near-black,
 * whichever contrasts more, and the shade used for text and borders on white is darkened until it
 * reaches WCAG AA (4.5:1).
 */

export const DEFAULT_COLOR = '#b71c1c';

type Rgb = [number, number, number];

export function parseHex(value: string | null | undefined): Rgb | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec((value ?? '').trim());
  if (!m) return null;
  const h = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as Rgb;
}

export function toHex(rgb: Rgb): string {
  return '#' + rgb.map((c) => Math.round(Math.min(255, Math.max(0, c))).toString(16).padStart(2, '0')).join('');
}

function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const WHITE: Rgb = [255, 255, 255];
const INK: Rgb = [17, 17, 17];

export interface Palette {
  /** Background of the bubble, header and the user's messages. */
  brand: string;
  /** Text on `brand`. */
  onBrand: string;
  /** `brand`, darkened if needed, for links and outlines on white. */
  ink: string;
}

export function palette(value: string | null | undefined): Palette {
  const rgb = parseHex(value) ?? parseHex(DEFAULT_COLOR)!;
  const onBrand = contrast(rgb, WHITE) >= contrast(rgb, INK) ? WHITE : INK;
  let ink = rgb;
  for (let k = 0; k < 20 && contrast(ink, WHITE) < 4.6; k++) ink = ink.map((c) => c * 0.85) as Rgb;
  let brand = rgb;
  // If neither white nor ink reaches AA on the brand colour, darken it as well.
  for (let k = 0; k < 20 && contrast(brand, onBrand) < 4.6; k++) brand = brand.map((c) => (onBrand === WHITE ? c * 0.85 : c + (255 - c) * 0.15)) as Rgb;
  return { brand: toHex(brand), onBrand: toHex(onBrand), ink: toHex(ink) };
}
