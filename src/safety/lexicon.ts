import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { LoadError } from '../knowledge/schema.js';
import { APP_ROOT } from '../lib/paths.js';
import { safetyFileSchema } from './lexicon-schema.js';
import { compileLexicon, type CompiledLexicon } from './matcher.js';

export const SAFETY_FILE = '_safety.yaml';
/** The lexicon shipped with the code, used when a knowledge folder has none (or only a broken one). */
export const BUNDLED_SAFETY_FILE = path.join(APP_ROOT, 'knowledge', SAFETY_FILE);
const CHECK_EVERY_MS = 1000;

/** Reads and validates one lexicon file: the compiled lexicon, or the first problem (file, field, reason). */
export function loadLexiconFile(file: string): { lexicon: CompiledLexicon } | { error: LoadError } {
  const name = path.basename(file);
  let data: unknown;
  try {
    data = parseYaml(readFileSync(file, 'utf8').normalize('NFC'));
  } catch (err) {
    return { error: { file: name, field: 'file', reason: `YAML: ${(err as Error).message.split('\n')[0]}` } };
  }
  const parsed = safetyFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { error: { file: name, field: issue.path.join('.') || 'file', reason: issue.message } };
  }
  return { lexicon: compileLexicon(parsed.data) };
}

/**
 * The safety lexicon of a knowledge folder (`_safety.yaml`), which an admin may edit while the
 * server runs: a change is picked up within a second. A file that fails validation is reported in
 * `errors` (shown on /admin with the documents' errors) and the last good lexicon keeps working;
 * with no good version yet, the bundled one is used. A broken bundled file stops start-up.
 */
export class SafetyLexicon {
  private lexicon!: CompiledLexicon;
  private stamp = '';
  private checkedAt = 0;
  errors: LoadError[] = [];

  constructor(private readonly knowledgeDir: string) {
    this.reload();
  }

  /** The lexicon to match with (re-read first if the file changed). */
  current(): CompiledLexicon {
    if (Date.now() - this.checkedAt >= CHECK_EVERY_MS) {
      this.checkedAt = Date.now();
      if (this.fileStamp() !== this.stamp) this.reload();
    }
    return this.lexicon;
  }

  /** Reads the file again; returns the errors (empty when it loaded). */
  reload(): LoadError[] {
    const file = path.join(this.knowledgeDir, SAFETY_FILE);
    this.stamp = this.fileStamp();
    const own = this.stamp ? loadLexiconFile(file) : undefined;
    if (own && 'lexicon' in own) {
      this.lexicon = own.lexicon;
      this.errors = [];
      return this.errors;
    }
    this.errors = own ? [own.error] : [];
    if (this.lexicon) return this.errors;
    const bundled = loadLexiconFile(BUNDLED_SAFETY_FILE);
    if ('error' in bundled) throw new Error(`the bundled safety lexicon is invalid: ${bundled.error.field}: ${bundled.error.reason}`);
    this.lexicon = bundled.lexicon;
    return this.errors;
  }

  private fileStamp(): string {
    try {
      const s = statSync(path.join(this.knowledgeDir, SAFETY_FILE));
      return `${s.mtimeMs}:${s.size}`;
    } catch {
      return '';
    }
  }
}

let bundled: CompiledLexicon | undefined;
/** The bundled lexicon, for callers without a knowledge folder of their own (scripts, tests). */
export function bundledLexicon(): CompiledLexicon {
  if (!bundled) {
    const loaded = loadLexiconFile(BUNDLED_SAFETY_FILE);
    if ('error' in loaded) throw new Error(`the bundled safety lexicon is invalid: ${loaded.error.field}: ${loaded.error.reason}`);
    bundled = loaded.lexicon;
  }
  return bundled;
}
