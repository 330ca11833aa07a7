import type { Catalogue } from '../i18n/catalogue.js';
import vi from '../../locales/vi.json' with { type: 'json' };

/**
 * Fixed replies for the outcomes that do not come from the documents. Their text lives in the
 * language catalogues (`locales/<code>.json`, `server.replies`), so a province translates them
 * without code; `CANNED` is the Vietnamese set, `cannedReplies` makes the set of any catalogue.
 */

/** The national public-service portal's hotline. */
export const HOTLINE = '18001096';

type RawReplies = Catalogue['server']['replies'];
export type CannedReplies = { readonly [K in keyof RawReplies]: string };

/**
 * The replies with the hotline line and the hotline number filled in. `{max}` stays for the step
 * that knows it.
 */
export function cannedReplies(raw: RawReplies): CannedReplies {
  const hotlineLine = raw.hotlineLine.replaceAll('{portalHotline}', HOTLINE);
  const fill = (text: string) => text.replaceAll('{hotlineLine}', hotlineLine).replaceAll('{portalHotline}', HOTLINE);
  return Object.fromEntries(Object.entries(raw).map(([key, text]) => [key, fill(text)])) as CannedReplies;
}

export const CANNED = cannedReplies(vi.server.replies);

export const HOTLINE_LINE = CANNED.hotlineLine;

/** A catalogue line with its `{placeholders}` filled in (an unknown one stays as it is). */
export function fill(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, k: string) => params[k] ?? whole);
}
