import { randomInt } from 'node:crypto';

/**
 * Tracking codes of the feedback queue: 12 characters of Crockford's base 32 (no I, L, O, U), shown
 * in three groups (`K7QM-4TZX-9HPA`): 60 random bits, so a code cannot be guessed, and easy to read
 * out over the phone. A citizen may type it in lower case, without dashes, with O for 0 or I/L for 1.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 12;

export function newTrackingCode(): string {
  let raw = '';
  for (let i = 0; i < LENGTH; i++) raw += ALPHABET[randomInt(ALPHABET.length)];
  return format(raw);
}

/** The code in its stored form, or null if `input` cannot be one. */
export function normaliseTrackingCode(input: string): string | null {
  const raw = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (raw.length !== LENGTH || [...raw].some((c) => !ALPHABET.includes(c))) return null;
  return format(raw);
}

function format(raw: string): string {
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
}
