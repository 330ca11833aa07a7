/**
 * `npm run lint:safety`: phrases of `knowledge/_safety.yaml` that, typed without diacritics, read
 * as another word of the guidance documents ("bán" ~ "bạn", "đạn" ~ "dẫn"). Such a phrase also
 * matches that other word in a message typed with no diacritics at all; mark it "=" (diacritics
 * only) unless its context rules make that harmless. Advice for whoever extends the lexicon.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '../src/config.js';
import { fold, foldSyllable, normalize, syllables } from '../src/text/vietnamese.js';

const config = loadConfig();
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.md') ? [p] : [];
  });

// Every accented 1–3-word sequence of the documents, by its unaccented form.
const seen = new Map<string, Set<string>>();
for (const file of files(config.KNOWLEDGE_DIR)) {
  for (const line of readFileSync(file, 'utf8').split(/[\n.,;:!?()]/)) {
    const words = syllables(line);
    for (let n = 1; n <= 3; n++) {
      for (let i = 0; i + n <= words.length; i++) {
        const key = words.slice(i, i + n).map(foldSyllable).join(' ');
        if (!seen.has(key)) seen.set(key, new Set());
        seen.get(key)!.add(words.slice(i, i + n).join(' '));
      }
    }
  }
}

const lexicon = parse(readFileSync(path.join(config.KNOWLEDGE_DIR, '_safety.yaml'), 'utf8'));
const phrases = new Set<string>();
const collect = (v: unknown): void => {
  if (typeof v === 'string') phrases.add(v);
  else if (Array.isArray(v)) v.forEach(collect);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (!['reply', 'id', 'status', 'numbers'].includes(k)) collect(x);
};
collect(lexicon.sets);
collect(lexicon.categories);

let count = 0;
for (const p of [...phrases].sort()) {
  if (p.startsWith('=') || p.startsWith('$') || p.endsWith('*')) continue;
  const words = normalize(p).split(/\s+/).join(' ');
  if (fold(words) === words) continue; // written without diacritics: meant for unaccented messages
  const others = [...(seen.get(words.split(' ').map(foldSyllable).join(' ')) ?? [])].filter((w) => w !== words && fold(w) !== w);
  if (others.length === 0) continue;
  count++;
  console.log(`${p.padEnd(28)} also reads as: ${others.slice(0, 6).join(', ')}`);
}
console.log(`\n${count} phrases to review (mark "=" where the other reading is common and the rule has no context to tell them apart).`);
