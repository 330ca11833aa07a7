import vi from '../../locales/vi.json' with { type: 'json' };
import type { ErrorCode } from '../chat/protocol.js';

/**
 * Every piece of text the widget shows or announces. They live in the language catalogues
 * (`locales/<code>.json`, the `widget` part; README "Languages"): Vietnamese is bundled here as the
 * default; the server sends another language's strings in `ready` when the widget asks for it
 * (`data-lang`, or the citizen's choice in "Thêm"). A portal can still override any subset without
 * touching code:
 *
 *   <script>window.DvcChatStrings = { send: '…', errors: { busy: '…' } };</script>   (before widget.js)
 *   window.DvcChat.setStrings({ send: '…' });                                         (any time later)
 *
 * Placeholders in braces (`{name}`, `{n}`, `{topic}`, `{hotline}`, `{hours}`, `{code}`, `{date}`) are filled in by the widget. Server `error` frames are never shown
 * raw: their `code` picks one of `errors` (unknown codes get `errors.fallback`).
 */
export const DEFAULT_STRINGS = vi.widget;

// Every error code the server can send has a message (checked by the compiler).
const ERRORS_COVERED: Record<ErrorCode | 'fallback', string> = DEFAULT_STRINGS.errors;
void ERRORS_COVERED;

export type Strings = typeof DEFAULT_STRINGS;
export type ErrorStrings = Strings['errors'];

/** Overrides known keys with non-empty strings only; anything else in `override` is ignored. */
export function mergeStrings(base: Strings, override: unknown): Strings {
  const out: Strings = { ...base, errors: { ...base.errors } };
  if (!override || typeof override !== 'object') return out;
  const o = override as Record<string, unknown>;
  for (const key of Object.keys(base) as Array<keyof Strings>) {
    if (key === 'errors') continue;
    const v = o[key];
    if (typeof v === 'string' && v) (out as Record<string, unknown>)[key] = v;
  }
  const errors = o.errors;
  if (errors && typeof errors === 'object') {
    for (const key of Object.keys(base.errors) as Array<keyof ErrorStrings>) {
      const v = (errors as Record<string, unknown>)[key];
      if (typeof v === 'string' && v) out.errors[key] = v;
    }
  }
  return out;
}

/** The friendly message for a server error code (never the code itself). */
export function errorMessage(strings: Strings, code: unknown): string {
  const errors = strings.errors as Record<string, string>;
  return typeof code === 'string' && code !== 'fallback' && Object.prototype.hasOwnProperty.call(errors, code) ? errors[code] : strings.errors.fallback;
}

/** `template` with each `{key}` replaced by its value (unknown keys are left as they are). */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
