import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { APP_ROOT } from '../lib/paths.js';
import { classifierMatches, classifierRefusal, prepareClassifier, type ClassifierModel } from './classifier.js';
import { matchLexicon, type CompiledLexicon, type SafetyMatch } from './matcher.js';

/** The trained model shipped with the code (`npm run train:safety` writes it). */
export const CLASSIFIER_MODEL_FILE = path.join(APP_ROOT, 'src', 'safety', 'classifier-model.json');

const modelSchema = z.object({
  version: z.literal(1),
  labels: z.array(z.string().min(1)).min(3),
  statuses: z.array(z.string().min(1)),
  bias: z.array(z.number()),
  weights: z.record(z.string(), z.array(z.number())),
  emergencyThreshold: z.number().gt(0).lte(1),
  refusalThreshold: z.number().gt(0).lte(1),
  refusalBeforeThreshold: z.number().gt(0).lte(1).default(1),
  trainedOn: z.object({ examples: z.number(), byLabel: z.record(z.string(), z.number()), hash: z.string() }),
}).refine((m) => m.bias.length === m.labels.length && m.statuses.length === m.labels.length && Object.values(m.weights).every((w) => w.length === m.labels.length), 'one weight per label');

let model: ClassifierModel | undefined;
/** The shipped model, read and validated once. */
export function bundledClassifier(): ClassifierModel {
  model ??= prepareClassifier(modelSchema.parse(JSON.parse(readFileSync(CLASSIFIER_MODEL_FILE, 'utf8'))) as ClassifierModel);
  return model;
}

/**
 * What the safety step acts on: the lexicon's matches, or when it has none, the emergency the
 * classifier reads in the message, or else a refusal it reads surely enough to give before retrieval
 * (it only adds recall behind the lexicon's precision).
 */
export function safetyMatches(lexicon: CompiledLexicon, text: string, classifier: ClassifierModel | null = bundledClassifier()): SafetyMatch[] {
  const matches = matchLexicon(lexicon, text);
  if (matches.length > 0 || !classifier) return matches;
  const emergency = classifierMatches(classifier, lexicon, text);
  return emergency.length > 0 ? emergency : classifierRefusal(classifier, lexicon, text, 'before');
}

