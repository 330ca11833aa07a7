import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import {
  frontMatterSchema,
  suggestionsFileSchema,
  synonymsFileSchema,
  type KnowledgeDoc,
  type LoadError,
  type Section,
} from './schema.js';

export interface LoadedKnowledge {
  docs: KnowledgeDoc[];
  errors: LoadError[];
  synonyms: string[][];
  suggestions: string[];
  /** Hash of every file read: the cache key of the built index. */
  contentHash: string;
}

const SYNONYMS_FILE = '_synonyms.yaml';
const SUGGESTIONS_FILE = '_suggestions.yaml';

/** Size limits: a larger file is rejected without being read (KNOWLEDGE_MAX_FILE_BYTES, KNOWLEDGE_MAX_TOTAL_BYTES). */
export interface KnowledgeLimits {
  maxFileBytes: number;
  maxTotalBytes: number;
}

export const DEFAULT_KNOWLEDGE_LIMITS: KnowledgeLimits = { maxFileBytes: 8 * 1024 * 1024, maxTotalBytes: 256 * 1024 * 1024 };

/** The limits set by KNOWLEDGE_MAX_FILE_BYTES and KNOWLEDGE_MAX_TOTAL_BYTES. */
export function knowledgeLimits(config: { KNOWLEDGE_MAX_FILE_BYTES: number; KNOWLEDGE_MAX_TOTAL_BYTES: number }): KnowledgeLimits {
  return { maxFileBytes: config.KNOWLEDGE_MAX_FILE_BYTES, maxTotalBytes: config.KNOWLEDGE_MAX_TOTAL_BYTES };
}

/**
 * Reads every `*.md` document under the knowledge folder (files starting with `_` and README.md
 * are not documents). A file that fails validation is reported and skipped; the rest still load.
 * Files over the size limits are reported and skipped before they are read.
 */
export async function loadKnowledge(dir: string, limits: KnowledgeLimits = DEFAULT_KNOWLEDGE_LIMITS): Promise<LoadedKnowledge> {
  const read = await readKnowledgeFiles(dir, limits);
  const docs: KnowledgeDoc[] = [];
  const errors = [...read.errors];
  const seen = new Map<string, string>();
  for (const { rel, bytes } of read.documents) {
    const result = parseDocument(rel, bytes.toString('utf8'));
    if ('error' in result) {
      errors.push(result.error);
      continue;
    }
    const previous = seen.get(result.doc.id);
    if (previous) {
      errors.push({ file: rel, field: 'id', reason: `duplicate id, already used by ${previous}` });
      continue;
    }
    seen.set(result.doc.id, rel);
    docs.push(result.doc);
  }
  const synonyms = parseSideFile(SYNONYMS_FILE, read.sideFiles.get(SYNONYMS_FILE), synonymsFileSchema, errors);
  const suggestions = parseSideFile(SUGGESTIONS_FILE, read.sideFiles.get(SUGGESTIONS_FILE), suggestionsFileSchema, errors);
  return {
    docs,
    errors,
    synonyms: synonyms?.groups ?? [],
    suggestions: suggestions?.suggestions ?? [],
    contentHash: read.contentHash,
  };
}

/** The `contentHash` that `loadKnowledge` would give, from reading the files without parsing them. */
export async function knowledgeContentHash(dir: string, limits: KnowledgeLimits = DEFAULT_KNOWLEDGE_LIMITS): Promise<string> {
  return (await readKnowledgeFiles(dir, limits)).contentHash;
}

interface KnowledgeFiles {
  documents: Array<{ rel: string; bytes: Buffer }>;
  sideFiles: Map<string, Buffer>;
  /** Files rejected for their size. */
  errors: LoadError[];
  contentHash: string;
}

const READ_CONCURRENCY = 16;

/**
 * Reads the documents and side files, after checking their sizes against the limits (an oversized
 * file is never read), and hashes what was read, in file-name order.
 */
async function readKnowledgeFiles(dir: string, limits: KnowledgeLimits): Promise<KnowledgeFiles> {
  const docFiles = (await listFiles(dir))
    .map((file) => ({ file, rel: path.relative(dir, file).split(path.sep).join('/') }))
    .filter(({ file }) => {
      const base = path.basename(file);
      return base.endsWith('.md') && !base.startsWith('_') && base.toLowerCase() !== 'readme.md';
    })
    .sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  const sideFiles = [SYNONYMS_FILE, SUGGESTIONS_FILE].map((name) => ({ file: path.join(dir, name), rel: name }));
  const all = [...docFiles, ...sideFiles];
  const sizes = await mapLimited(all, ({ file }) => stat(file).then((s) => s.size, () => undefined));
  const errors: LoadError[] = [];
  let total = 0;
  const accepted = all.map(({ rel }, i) => {
    const size = sizes[i];
    if (size === undefined) return false;
    const reason = sizeProblem(size, total, limits);
    if (reason) errors.push({ file: rel, field: 'file', reason });
    else total += size;
    return !reason;
  });
  const contents = await mapLimited(all, ({ file }, i) => (accepted[i] ? readFile(file) : Promise.resolve(undefined)));
  const hash = createHash('sha256');
  const documents: KnowledgeFiles['documents'] = [];
  const side = new Map<string, Buffer>();
  all.forEach(({ rel }, i) => {
    const bytes = contents[i];
    if (sizes[i] === undefined) return;
    // A rejected file counts by its size, so the cached index (with its error) changes when the file does.
    hash.update(rel).update('\0').update(bytes ?? `rejected:${sizes[i]}`).update('\0');
    if (!bytes) return;
    if (i < docFiles.length) documents.push({ rel, bytes });
    else side.set(rel, bytes);
  });
  return { documents, sideFiles: side, errors, contentHash: hash.digest('hex') };
}

function sizeProblem(size: number, totalSoFar: number, { maxFileBytes, maxTotalBytes }: KnowledgeLimits): string | undefined {
  if (size > maxFileBytes) return `file is ${megabytes(size)}, over the limit of ${megabytes(maxFileBytes)} per file (KNOWLEDGE_MAX_FILE_BYTES)`;
  if (totalSoFar + size > maxTotalBytes) {
    return `the knowledge folder is over its total limit of ${megabytes(maxTotalBytes)} (KNOWLEDGE_MAX_TOTAL_BYTES); this file was not loaded`;
  }
  return undefined;
}

function megabytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${bytes} bytes`;
}

/** `Promise.all(items.map(fn))` with at most READ_CONCURRENCY calls at a time. */
async function mapLimited<T, R>(items: readonly T[], fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const run = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, items.length) }, run));
  return out;
}

/** Parses one markdown document with YAML front matter. */
export function parseDocument(file: string, raw: string): { doc: KnowledgeDoc } | { error: LoadError } {
  const text = raw.normalize('NFC').replace(/\r\n?/g, '\n');
  const match = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(text);
  if (!match) return { error: { file, field: 'front matter', reason: 'missing --- front matter block at the top' } };
  let data: unknown;
  try {
    data = parseYaml(match[1]);
  } catch (err) {
    return { error: { file, field: 'front matter', reason: `YAML: ${(err as Error).message.split('\n')[0]}` } };
  }
  const parsed = frontMatterSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { error: { file, field: issue.path.join('.') || 'front matter', reason: issue.message } };
  }
  const expectedId = path.basename(file, '.md');
  if (parsed.data.id !== expectedId) {
    return { error: { file, field: 'id', reason: `id "${parsed.data.id}" must match the file name "${expectedId}"` } };
  }
  const sections = splitSections(stripComments(match[2]));
  if (!sections.some((s) => s.text.length > 0)) {
    return { error: { file, field: 'body', reason: 'the document has no text' } };
  }
  return { doc: { ...parsed.data, file, sections } };
}

/** HTML comments hold notes for staff (e.g. why a figure is unverified); citizens never see them. */
function stripComments(body: string): string {
  return body.replace(/<!--[\s\S]*?-->/g, '');
}

/** Splits a markdown body at `## ` headings; the `# ` title line is dropped. */
function splitSections(body: string): Section[] {
  const sections: Section[] = [{ heading: '', text: '' }];
  const lines: string[][] = [[]];
  for (const line of body.split('\n')) {
    const h2 = /^##\s+(.+?)\s*#*\s*$/.exec(line);
    if (h2 && !line.startsWith('###')) {
      sections.push({ heading: h2[1], text: '' });
      lines.push([]);
    } else if (!/^#\s/.test(line)) {
      lines[lines.length - 1].push(line);
    }
  }
  sections.forEach((s, i) => (s.text = lines[i].join('\n').trim()));
  return sections.filter((s) => s.heading !== '' || s.text !== '');
}

function parseSideFile<S extends z.ZodType>(name: string, bytes: Buffer | undefined, schema: S, errors: LoadError[]): z.infer<S> | undefined {
  if (bytes === undefined) return undefined;
  try {
    const parsed = schema.safeParse(parseYaml(bytes.toString('utf8').normalize('NFC')));
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    errors.push({ file: name, field: issue.path.join('.') || 'file', reason: issue.message });
  } catch (err) {
    errors.push({ file: name, field: 'file', reason: `YAML: ${(err as Error).message.split('\n')[0]}` });
  }
  return undefined;
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && !entry.name.startsWith('.')) out.push(...(await listFiles(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}
