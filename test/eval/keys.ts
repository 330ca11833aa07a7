import { visibleText } from '../../src/answer/visible.js';
import { fold, plainFolded } from '../../src/text/vietnamese.js';

/** The first this many visible characters must hold the answer key. */
export const KEY_WINDOW = 400;

/** A key as a pattern over folded text; a stray diacritic or comma in a key ("xa, phuong") is folded the same way. */
export function keyPattern(key: string): RegExp {
  return new RegExp(fold(key).toLowerCase().replace(/,\s*/g, ' '), 'i');
}

/** Whether every key matches the first KEY_WINDOW visible characters of an answer (accent-folded). */
export function keysMatch(keys: readonly string[], answer: string): boolean {
  if (keys.length === 0) return false;
  const window = plainFolded([...visibleText(answer)].slice(0, KEY_WINDOW).join(''));
  return keys.every((k) => keyPattern(k).test(window));
}
