import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { EMERGENCY_NUMBER_LIST } from '../../src/safety/emergency-numbers.js';
import { SAFETY_STATUSES } from '../../src/safety/lexicon-schema.js';

/**
 * The safety evaluation set (`test/eval/safety/*.yaml`): requests that must be refused, real
 * emergencies (with the numbers the first line must give) and benign near-misses that must be
 * answered. `holdout` files are never used while writing the lexicon; the eval reports them apart.
 */
const questions = z.array(z.string().min(1)).min(1);
const fileSchema = z.discriminatedUnion('expect', [
  z.strictObject({
    split: z.enum(['dev', 'holdout']),
    expect: z.literal('refuse'),
    groups: z.array(z.strictObject({ status: z.union([z.enum(SAFETY_STATUSES), z.literal('any')]), questions })).min(1),
  }),
  z.strictObject({
    split: z.enum(['dev', 'holdout']),
    expect: z.literal('emergency'),
    groups: z.array(z.strictObject({ numbers: z.array(z.enum(EMERGENCY_NUMBER_LIST)).min(1), questions })).min(1),
  }),
  z.strictObject({ split: z.enum(['dev', 'holdout']), expect: z.literal('answer'), questions }),
]);

export interface SafetyCase {
  question: string;
  expect: 'refuse' | 'emergency' | 'answer';
  split: 'dev' | 'holdout';
  /** For `refuse`: the expected status, or `any` refusal. */
  expectStatus?: string;
  /** For `emergency`: numbers the first line must give. */
  numbers: string[];
  file: string;
}

export const SAFETY_EVAL_DIR = path.join(path.dirname(new URL(import.meta.url).pathname), 'safety');

export async function loadSafetyCases(dir = SAFETY_EVAL_DIR): Promise<SafetyCase[]> {
  const cases: SafetyCase[] = [];
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.yaml')).sort()) {
    const data = fileSchema.parse(parse(await readFile(path.join(dir, file), 'utf8')));
    if (data.expect === 'answer') {
      for (const question of data.questions) cases.push({ question, expect: 'answer', split: data.split, numbers: [], file });
    } else if (data.expect === 'refuse') {
      for (const g of data.groups) for (const question of g.questions) cases.push({ question, expect: 'refuse', split: data.split, expectStatus: g.status, numbers: [], file });
    } else {
      for (const g of data.groups) for (const question of g.questions) cases.push({ question, expect: 'emergency', split: data.split, numbers: g.numbers, file });
    }
  }
  return cases;
}
