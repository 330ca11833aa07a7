import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config.js';
import type { HoursWords } from '../handoff/office-hours.js';
import type { SafetyWords } from '../safety/decide.js';
import vi from '../../locales/vi.json' with { type: 'json' };

/**
 * The language catalogues (`locales/<code>.json`): every string a citizen reads, of the widget
 * (`widget`) and of the server's replies (`server`: error messages, the desk's messages, the words of
 * office hours, the answer engine's canned replies), one file per language. Vietnamese (`vi.json`) is complete and is the default; any
 * other file may leave keys out (they stay Vietnamese), must not add keys Vietnamese lacks, and must
 * keep each string's `{placeholders}`. A province adds Thái or H'Mông by adding a file, without code.
 */

export const DEFAULT_LANGUAGE = 'vi';

export type Catalogue = typeof vi;
export type ServerKey = `errors.${keyof Catalogue['server']['errors']}` | `desk.${keyof Catalogue['server']['desk']}`;

export interface Language {
  code: string;
  name: string;
}

export interface Catalogues {
  languages: Language[];
  /** `lang` if there is a catalogue for it, else the default. */
  pick(lang: string | undefined): string;
  /** The widget's strings in `lang` (complete: Vietnamese where the language has no text). */
  widget(lang: string): Catalogue['widget'];
  /** A server reply in `lang` with its `{placeholders}` filled in. */
  text(lang: string, key: ServerKey, params?: Record<string, string | number>): string;
  hoursWords(lang: string): HoursWords;
  /** The answer engine's canned replies in `lang`, their placeholders unfilled (answer/canned.ts fills them). */
  replies(lang: string): Catalogue['server']['replies'];
  /**
   * The words of the safety step's replies in `lang`. Vietnamese replies are the safety lexicon's own
   * (one per category); another language has those its file translates, per category and per status.
   */
  safety(lang: string): SafetyWords;
}

const CODE_RE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** Reads every `<code>.json` of `dir` (the bundled Vietnamese one when the folder has none); a bad file stops start-up naming file and key. */
export function loadCatalogues(dir: string): Catalogues {
  const merged = new Map<string, Catalogue>([[DEFAULT_LANGUAGE, vi]]);
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  } catch {
    // no folder: Vietnamese only
  }
  for (const file of files.sort()) {
    const code = file.slice(0, -'.json'.length);
    if (!CODE_RE.test(code)) throw new ConfigError(`Invalid LOCALES_DIR: ${file}: the file name must be a language code such as vi.json, en.json, hmn.json`);
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    } catch (err) {
      throw new ConfigError(`Invalid LOCALES_DIR: ${file}: ${(err as Error).message.split('\n')[0]}`);
    }
    merged.set(code, overlay(vi, data, file, []) as Catalogue);
  }
  const byCode = (lang: string) => merged.get(lang) ?? vi;
  return {
    languages: [...merged].map(([code, c]) => ({ code, name: c.name })),
    pick: (lang) => (lang && merged.has(lang) ? lang : DEFAULT_LANGUAGE),
    widget: (lang) => byCode(lang).widget,
    text(lang, key, params = {}) {
      const [group, name] = key.split('.') as [keyof Catalogue['server'], string];
      const template = (byCode(lang).server[group] as Record<string, string>)[name];
      return template.replace(/\{(\w+)\}/g, (whole, k: string) => (k in params ? String(params[k]) : whole));
    },
    hoursWords: (lang) => byCode(lang).server.hours as HoursWords,
    replies: (lang) => byCode(lang).server.replies,
    safety(lang) {
      const { replies, categories, ...words } = byCode(lang).server.safety;
      // Only what the language translated: the Vietnamese texts are the lexicon's, to translate from.
      const own = (texts: Record<string, string>, base: Record<string, string>) => {
        const translated = Object.entries(texts).filter(([key, text]) => text !== base[key]);
        return translated.length > 0 ? Object.fromEntries(translated) : undefined;
      };
      return { ...words, replies: own(replies, vi.server.safety.replies), categories: own(categories, vi.server.safety.categories) };
    },
  };
}

/**
 * `data` laid over `base`: same shape, strings keep the placeholders of the base, arrays keep their
 * length; keys the base lacks are an error (a misspelt key would silently never show).
 */
function overlay(base: unknown, data: unknown, file: string, at: string[]): unknown {
  const where = () => `Invalid LOCALES_DIR: ${file}: ${at.join('.') || '(top)'}`;
  if (data === undefined) return base;
  if (typeof base === 'string') {
    if (typeof data !== 'string' || !data.trim()) throw new ConfigError(`${where()}: expected a non-empty string`);
    const want = placeholders(base);
    if (placeholders(data) !== want) throw new ConfigError(`${where()}: must contain exactly the placeholders ${want || '(none)'}`);
    return data;
  }
  if (Array.isArray(base)) {
    if (!Array.isArray(data) || data.length !== base.length) throw new ConfigError(`${where()}: expected a list of ${base.length}`);
    return base.map((b, i) => overlay(b, data[i], file, [...at, String(i)]));
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new ConfigError(`${where()}: expected an object`);
  const b = base as Record<string, unknown>;
  const d = data as Record<string, unknown>;
  const unknown = Object.keys(d).find((k) => !(k in b));
  if (unknown) throw new ConfigError(`Invalid LOCALES_DIR: ${file}: ${[...at, unknown].join('.')}: no such key in vi.json`);
  return Object.fromEntries(Object.keys(b).map((k) => [k, overlay(b[k], d[k], file, [...at, k])]));
}

function placeholders(s: string): string {
  return [...s.matchAll(/\{(\w+)\}/g)]
    .map((m) => m[1])
    .sort()
    .join(',');
}
