/**
 * Synthetic knowledge folders for benchmarks, built from the real documents: document i is a
 * perturbed copy of real document i mod n (n = however many the folder holds), with its own id,
 * title, place name and shuffled, partly reworded text, so every document is distinct but reads
 * like the real ones. Not for citizens: figures in these copies are not checked.
 */
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { loadKnowledge } from '../src/knowledge/loader.js';
import type { KnowledgeDoc } from '../src/knowledge/schema.js';
import { seededRandom } from '../src/lib/seeded-random.js';

const SIDE_FILES = ['_synonyms.yaml', '_suggestions.yaml'];
const PLACE_SYLLABLES = ['Mường', 'Chiềng', 'Nà', 'Phiêng', 'Co', 'Huổi', 'Tà', 'Púng', 'Bó', 'Sốp', 'Long', 'Liệp', 'Ngọc', 'Tân', 'Hua', 'Lóng'];
const PLACE_SECOND = ['Sại', 'Ban', 'Khoa', 'Lay', 'Mằn', 'Pấc', 'Tè', 'Hồng', 'Cuông', 'Bú', 'Lầm', 'Xuân', 'Pha', 'Chăn', 'Sai', 'Mùn'];


/** Writes `count` documents derived from the real ones in `sourceDir` into `targetDir`. */
export async function writeSyntheticCorpus(sourceDir: string, targetDir: string, count: number): Promise<{ docs: number; bytes: number }> {
  const { docs } = await loadKnowledge(sourceDir);
  if (docs.length === 0) throw new Error(`no valid documents in ${sourceDir}`);
  mkdirSync(targetDir, { recursive: true });
  for (const f of SIDE_FILES) if (existsSync(path.join(sourceDir, f))) copyFileSync(path.join(sourceDir, f), path.join(targetDir, f));
  const words = vocabularyOf(docs);
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const base = docs[i % docs.length];
    const copy = Math.floor(i / docs.length);
    const doc = copy === 0 ? base : perturb(base, copy, words, seededRandom(i * 7919 + 17));
    const text = toMarkdown(doc);
    const dir = path.join(targetDir, doc.kind);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${doc.id}.md`), text);
    bytes += Buffer.byteLength(text);
  }
  return { docs: count, bytes };
}

/** One valid document of about `bytes` bytes, made of perturbed sections of the real documents. */
export async function bigDocumentMarkdown(sourceDir: string, id: string, bytes: number): Promise<string> {
  const { docs } = await loadKnowledge(sourceDir);
  const words = vocabularyOf(docs);
  const random = seededRandom(bytes);
  const base = docs[0];
  const sections: KnowledgeDoc['sections'] = [];
  let size = 0;
  for (let n = 0; size < bytes; n++) {
    const source = docs[n % docs.length].sections.filter((s) => s.text);
    const s = source[Math.floor(random() * source.length)];
    const text = reword(s.text, words, random, 0.1);
    sections.push({ heading: `${s.heading || 'Giới thiệu'} (phần ${n + 1})`, text });
    size += Buffer.byteLength(text) + s.heading.length + 20;
  }
  return toMarkdown({ ...base, id, file: `${id}.md`, title: `Tổng hợp hướng dẫn ${id}`, sections });
}

function perturb(base: KnowledgeDoc, copy: number, words: string[], random: () => number): KnowledgeDoc {
  const place = `${pick(PLACE_SYLLABLES, random)} ${pick(PLACE_SECOND, random)}`;
  const id = `${base.id}-${copy}`;
  const sections = base.sections.map((s) => {
    const lines = s.text.split('\n').filter((line) => line.trim() === '' || random() > 0.15);
    if (lines.every((l) => l.trim() === '')) lines.push(s.text.split('\n')[0]);
    return { heading: s.heading, text: `${reword(lines.join('\n'), words, random, 0.08)}\n\nÁp dụng tại xã ${place}.` };
  });
  return {
    ...base,
    id,
    file: `${base.kind}/${id}.md`,
    title: `${base.title} tại xã ${place}`.slice(0, 150),
    questions: base.questions.map((q) => `${reword(q, words, random, 0.1)} ở ${place}`.slice(0, 300)),
    sections,
  };
}

/** Replaces about `share` of the words with random words of the corpus. */
function reword(text: string, words: string[], random: () => number, share: number): string {
  return text.replace(/[\p{L}]{2,}/gu, (w) => (random() < share ? pick(words, random) : w));
}

function vocabularyOf(docs: readonly KnowledgeDoc[]): string[] {
  const set = new Set<string>();
  for (const d of docs) for (const s of d.sections) for (const w of s.text.toLowerCase().match(/[\p{L}]{2,}/gu) ?? []) set.add(w);
  return [...set].sort();
}

function pick<T>(xs: readonly T[], random: () => number): T {
  return xs[Math.floor(random() * xs.length)];
}

function toMarkdown(doc: KnowledgeDoc): string {
  const { file: _file, sections, ...front } = doc;
  const body = sections.map((s) => (s.heading ? `## ${s.heading}\n\n${s.text}` : s.text)).join('\n\n');
  return `---\n${stringify(front)}---\n# ${doc.title}\n\n${body}\n`;
}
