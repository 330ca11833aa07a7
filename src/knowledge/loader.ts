import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
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

/**
 * Reads every `*.md` document under the knowledge folder (files starting with `_` and README.md
 * are not documents). A file that fails validation is reported and skipped; the rest still load.
 */
export async function loadKnowledge(dir: string): Promise<LoadedKnowledge> {
  const files = (await listFiles(dir)).sort();
  const hash = createHash('sha256');
  const docs: KnowledgeDoc[] = [];
  const errors: LoadError[] = [];
  const seen = new Map<string, string>();

  for (const file of files) {
    const rel = path.relative(dir, file).split(path.sep).join('/');
    const base = path.basename(file);
    if (!base.endsWith('.md') || base.startsWith('_') || base.toLowerCase() === 'readme.md') continue;
    const raw = await readFile(file, 'utf8');
    hash.update(rel).update('\0').update(raw).update('\0');
    const result = parseDocument(rel, raw);
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

  const synonyms = await readSideFile(dir, SYNONYMS_FILE, synonymsFileSchema, errors, hash);
  const suggestions = await readSideFile(dir, SUGGESTIONS_FILE, suggestionsFileSchema, errors, hash);
  return {
    docs,
    errors,
    synonyms: synonyms?.groups ?? [],
    suggestions: suggestions?.suggestions ?? [],
    contentHash: hash.digest('hex'),
  };
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

async function readSideFile<S extends z.ZodType>(
  dir: string,
  name: string,
  schema: S,
  errors: LoadError[],
  hash: ReturnType<typeof createHash>,
): Promise<z.infer<S> | undefined> {
  let raw: string;
  try {
    raw = await readFile(path.join(dir, name), 'utf8');
  } catch {
    return undefined;
  }
  hash.update(name).update('\0').update(raw).update('\0');
  try {
    const parsed = schema.safeParse(parseYaml(raw.normalize('NFC')));
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
