import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

/** The evaluation question set: `test/eval/cases/*.yaml`, each `{expect, questions}`; `expect: none` = must decline. */
const caseFileSchema = z.strictObject({
  expect: z.string().regex(/^(none|[a-z0-9]+(-[a-z0-9]+)*)$/),
  questions: z.array(z.string().min(1)).min(1),
});

export interface EvalCase {
  question: string;
  expect: string;
  file: string;
}

export const EVAL_DIR = path.join(path.dirname(new URL(import.meta.url).pathname), 'cases');

export async function loadEvalCases(dir = EVAL_DIR): Promise<EvalCase[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.yaml')).sort();
  const cases: EvalCase[] = [];
  for (const file of files) {
    const parsed = caseFileSchema.parse(parse(await readFile(path.join(dir, file), 'utf8')));
    for (const question of parsed.questions) cases.push({ question, expect: parsed.expect, file });
  }
  return cases;
}
