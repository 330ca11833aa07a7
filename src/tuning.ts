import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { APP_ROOT } from './lib/paths.js';

const share = z.number().min(0).max(1);
const positive = z.number().positive();
const count = (max: number) => z.number().int().min(1).max(max);

/** The knobs of retrieval, grounding and answer shaping; their meanings are in config/tuning.yaml. */
export const tuningSchema = z.strictObject({
  retrieval: z.strictObject({
    topK: count(200),
    maxSources: count(10),
    fusion: z.enum(['weighted', 'rrf']),
    alpha: share,
    rrfK: positive,
    lexicalFullScore: positive,
    synonymWeight: share,
    typoWeight: share,
    headingWeight: share,
    asideWeight: share,
    bm25: z.strictObject({ k1: z.number().min(0).max(5), b: share }),
  }),
  grounding: z.strictObject({
    minCoverage: share,
    strongScore: z.number().min(0).max(10),
    strongMinCoverage: share,
    clearScore: z.number().min(0).max(10),
    clearMargin: share,
    clearMinCoverage: share,
    bigramWeight: share,
    typoCredit: share,
    mistypedAccentCredit: share,
  }),
  answer: z.strictObject({
    firstBlockChars: count(2000),
    maxChars: count(5000),
    sectionChars: count(10000),
    twoTopicBlockChars: count(2000),
    maxUnits: count(10),
    nextUnitRatio: share,
    unsureCoverage: share,
    focusCovered: share,
    partialCovered: share,
    focusMinWeight: z.number().min(0).max(50),
    secondTopicCoverage: share,
  }),
});

export type Tuning = z.infer<typeof tuningSchema>;

export const TUNING_FILE = path.join(APP_ROOT, 'config', 'tuning.yaml');

export class TuningError extends Error {}

/** Reads and validates the tuning file; a bad value throws one line naming it. */
export function loadTuning(file = TUNING_FILE): Tuning {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new TuningError(`Cannot read ${file}: ${(err as Error).message}`);
  }
  const parsed = tuningSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TuningError(`Invalid ${path.basename(file)} ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

let cached: Tuning | undefined;

/** The project's tuning (config/tuning.yaml), read once. */
export function tuning(): Tuning {
  cached ??= loadTuning();
  return cached;
}
