import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

export const QUESTION_TYPES = [
  'fee', 'time', 'deadline', 'papers', 'where', 'steps', 'who', 'yesno', 'definition', 'comparison', 'online', 'other',
] as const;

/**
 * One question: a plain string (no answer key yet) or an object.
 * - `key`: regular expression(s) that must match the first 400 visible characters of the answer;
 *   both key and answer are compared accent-folded and lower-cased, so write keys without diacritics
 *   ("60 ngay", "mien phi|0 dong"). Several keys must all match (e.g. one per topic of a two-topic question).
 * - `decline: true`: the expected document is the topic, but it does not say what is asked;
 *   the answer must say so instead of pasting a neighbouring part.
 * - `also`: a second document a two-topic question must cite.
 */
const questionSchema = z.union([
  z.string().min(1),
  z.strictObject({
    q: z.string().min(1),
    key: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
    type: z.union([z.enum(QUESTION_TYPES), z.array(z.enum(QUESTION_TYPES)).min(1)]).optional(),
    decline: z.boolean().optional(),
    also: z.array(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)).optional(),
  }),
]);

/** A case file: `test/eval/cases/*.yaml`, `{expect, split?, questions}`; `expect: none` = must decline. */
const caseFileSchema = z.strictObject({
  expect: z.string().regex(/^(none|[a-z0-9]+(-[a-z0-9]+)*)$/),
  /** `holdout` files are never used to tune anything; the eval reports them separately. */
  split: z.enum(['dev', 'holdout']).default('dev'),
  questions: z.array(questionSchema).min(1),
});

export interface EvalCase {
  question: string;
  expect: string;
  file: string;
  split: 'dev' | 'holdout';
  keys: string[];
  types: string[];
  decline: boolean;
  also: string[];
}

export const EVAL_DIR = path.join(path.dirname(new URL(import.meta.url).pathname), 'cases');

export async function loadEvalCases(dir = EVAL_DIR): Promise<EvalCase[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.yaml')).sort();
  const cases: EvalCase[] = [];
  for (const file of files) {
    const parsed = caseFileSchema.parse(parse(await readFile(path.join(dir, file), 'utf8')));
    for (const item of parsed.questions) {
      const q = typeof item === 'string' ? { q: item } : item;
      cases.push({
        question: q.q,
        expect: parsed.expect,
        file,
        split: parsed.split,
        keys: q.key === undefined ? [] : Array.isArray(q.key) ? q.key : [q.key],
        types: q.type === undefined ? [] : Array.isArray(q.type) ? q.type : [q.type],
        decline: q.decline ?? false,
        also: q.also ?? [],
      });
    }
  }
  return cases;
}
