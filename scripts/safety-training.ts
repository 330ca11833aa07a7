/**
 * The safety classifier's training examples, from files in the project only:
 * - to refuse and emergencies: the safety evaluation's dev files (`test/eval/safety/*.yaml`, split dev),
 *   each labelled with the lexicon category the lexicon gives it, or, where the lexicon misses, the
 *   first category of the expected status (an emergency: the category whose numbers fit best);
 * - benign: the safety dev near-misses, the answer evaluation's dev and independent questions
 *   (never fresh-, blind- or holdout ones) and the documents' `questions:` lists.
 * `batch` groups examples for leave-one-batch-out cross-validation (a safety file's batch, e.g. `dev8`).
 */
import { createHash } from 'node:crypto';
import { BENIGN, type TrainingExample } from '../src/safety/classifier.js';
import { decide } from '../src/safety/decide.js';
import type { CompiledLexicon } from '../src/safety/matcher.js';
import { matchLexicon } from '../src/safety/matcher.js';
import { loadKnowledge } from '../src/knowledge/loader.js';
import { loadEvalCases } from '../test/eval/cases.js';
import { loadSafetyCases } from '../test/eval/safety-cases.js';

export interface LabelledExample extends TrainingExample {
  batch: string;
  /** What the safety eval expects: refuse, emergency or answer. */
  expect: 'refuse' | 'emergency' | 'answer';
  /** A benign question of the answer evaluation or a document (not a safety near-miss). */
  source: 'safety' | 'answer-eval' | 'document';
  split?: string;
  numbers: string[];
}

/** The labels: benign, then the lexicon's categories in its order. */
export function classifierLabels(lexicon: CompiledLexicon): string[] {
  return [BENIGN, ...lexicon.categories.map((c) => c.id)];
}

/** Each label's status. */
export function labelStatuses(lexicon: CompiledLexicon): string[] {
  return [BENIGN, ...lexicon.categories.map((c) => c.status)];
}

export async function safetyTrainingExamples(lexicon: CompiledLexicon, knowledgeDir: string): Promise<LabelledExample[]> {
  const out: LabelledExample[] = [];
  for (const c of await loadSafetyCases()) {
    // held-out files are never read for training, whatever split they name
    if (c.split !== 'dev' || /-(blind|fresh)\.yaml$/.test(c.file)) continue;
    const batch = c.file.replace(/^(refuse|emergency|benign)-/, '').replace(/\.yaml$/, '');
    const base = { text: c.question, batch, expect: c.expect, source: 'safety' as const, numbers: c.numbers };
    if (c.expect === 'answer') out.push({ ...base, label: BENIGN });
    else out.push({ ...base, label: c.expect === 'refuse' ? refusalCategory(lexicon, c.question, c.expectStatus) : emergencyCategory(lexicon, c.question, c.numbers) });
  }
  for (const c of await loadEvalCases()) {
    if (c.split !== 'dev' && c.split !== 'independent') continue;
    out.push({ text: c.question, label: BENIGN, batch: `answer-${c.split}`, expect: 'answer', source: 'answer-eval', split: c.split, numbers: [] });
  }
  for (const doc of (await loadKnowledge(knowledgeDir)).docs) {
    for (const q of doc.questions) out.push({ text: q, label: BENIGN, batch: 'documents', expect: 'answer', source: 'document', numbers: [] });
  }
  return out;
}

/** The refusal category the lexicon gives the message, else the first category of the expected status. */
function refusalCategory(lexicon: CompiledLexicon, text: string, status: string | undefined): string {
  const decision = decide(matchLexicon(lexicon, text), '');
  if (decision && decision.status !== 'emergency' && (status === 'any' || decision.status === status)) {
    return lexicon.categories.find((c) => c.status === decision.status && decision.categories.includes(c.id))!.id;
  }
  const wanted = !status || status === 'any' ? 'refused_harmful' : status;
  return lexicon.categories.find((c) => c.status === wanted)!.id;
}

/** The emergency category the lexicon gives the message, else the one whose numbers fit best. */
function emergencyCategory(lexicon: CompiledLexicon, text: string, numbers: string[]): string {
  const decision = decide(matchLexicon(lexicon, text), '');
  if (decision?.status === 'emergency') return lexicon.categories.find((c) => c.status === 'emergency' && decision.categories.includes(c.id))!.id;
  const fits = lexicon.categories
    .filter((c) => c.status === 'emergency' && numbers.every((n) => c.numbers.includes(n)))
    .sort((a, b) => a.numbers.length - b.numbers.length);
  return (fits[0] ?? lexicon.categories.find((c) => c.status === 'emergency')!).id;
}

/** A hash of the examples (texts and labels in order): whether the committed model is up to date. */
export function examplesHash(examples: readonly TrainingExample[]): string {
  const h = createHash('sha256');
  for (const e of examples) h.update(`${e.label}\t${e.text}\n`);
  return h.digest('hex').slice(0, 16);
}
