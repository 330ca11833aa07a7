/**
 * Trains the safety classifier (`src/safety/classifier-model.json`) from the project's files and
 * their variants (`safety-augment.ts`): `npm run train:safety` (about 8 minutes on 2 shared cores:
 * cross-validation, then the final model). Deterministic: the same files give the same model.
 * `-- --check` only says whether the committed model was trained on today's examples (exit 1 when not).
 *
 * The thresholds are chosen by leave-one-batch-out cross-validation on dev only (each safety batch,
 * e.g. `dev8`, held out in turn with its variants, with a share of the benign questions), on the
 * messages the lexicon lets through:
 * - emergencies: the lowest threshold at which no held-out benign message becomes an emergency, plus 0.05;
 * - refusals after retrieval (only of questions the documents do not answer, as the pipeline applies
 *   them): the lowest threshold at which held-out near-misses refused stay within 0.25% of them and no
 *   benign question of the answer evaluation or the documents is refused;
 * - refusals before retrieval: the same, whatever the documents answer; never below the one after.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { newAnswerContext } from '../src/answer/answer-service.js';
import { runPipeline } from '../src/answer/pipeline.js';
import { GROUNDED_STATUSES } from '../src/answer/statuses.js';
import { loadConfig } from '../src/config.js';
import { KnowledgeBase } from '../src/knowledge/knowledge-base.js';
import { APP_ROOT } from '../src/lib/paths.js';
import { embedderFromConfig } from '../src/retrieval/index-store.js';
import { compactWeights, reading, trainClassifier, type ClassifierModel, type TrainingExample } from '../src/safety/classifier.js';
import { bundledLexicon } from '../src/safety/lexicon.js';
import { matchLexicon } from '../src/safety/matcher.js';
import { evalDeps } from '../test/eval/run.js';
import { seededRandom } from '../src/lib/seeded-random.js';
import { abbreviationsOf, augment, setPhrasesOf } from './safety-augment.js';
import { classifierLabels, examplesHash, labelStatuses, safetyTrainingExamples, type LabelledExample } from './safety-training.js';

export const MODEL_FILE = path.join(APP_ROOT, 'src', 'safety', 'classifier-model.json');
/** Near-misses written to look like abuse or an emergency count more than plain questions. */
const NEAR_MISS_WEIGHT = 3;
const GRID = [0.99, 0.98, 0.97, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6, 0.55, 0.5];
const EMERGENCY_MARGIN = 0.05;
const REFUSAL_BUDGET = 0.0025;
/** Each variant of an example (`safety-augment.ts`) counts this much of the example. */
const VARIANT_WEIGHT = 0.5;
/** With six variants per example, fewer passes than the default 25 see each message as often. */
const TRAINING = { epochs: 10 };
/** Features whose every weight is smaller are left out of the file (it is committed on every retraining). */
const LEAST_WEIGHT = 0.25;

const lexicon = bundledLexicon();
const labels = classifierLabels(lexicon);
const examples: Array<LabelledExample & TrainingExample> = (await safetyTrainingExamples(lexicon, path.join(APP_ROOT, 'knowledge'))).map((e) => ({
  ...e,
  weight: e.expect === 'answer' && e.source === 'safety' ? NEAR_MISS_WEIGHT : 1,
}));
const hash = examplesHash(examples);
// Each example's variants (unaccented, teencode, typos, hidden in a question, a set's phrase swapped), in the example's fold.
const augmentation = {
  abbreviations: abbreviationsOf(lexicon.aliases),
  questions: examples.filter((e) => e.source === 'document').map((e) => e.text),
  sets: setPhrasesOf(lexicon.sets),
  random: seededRandom(17),
};
const variants = examples.map((e, i) => augment(e.text, augmentation).map((text) => ({ ...e, text, weight: (e.weight ?? 1) * VARIANT_WEIGHT, origin: i })));
const withVariants = (keep: (e: LabelledExample, i: number) => boolean) => examples.flatMap((e, i) => (keep(e, i) ? [{ ...e, origin: i }, ...variants[i]] : []));

if (process.argv.includes('--check')) {
  const committed = JSON.parse(readFileSync(MODEL_FILE, 'utf8')) as ClassifierModel;
  const fresh = committed.trainedOn.hash === hash;
  console.log(fresh ? `the committed model was trained on today's ${examples.length} examples` : `the examples changed since the model was trained: run npm run train:safety`);
  process.exit(fresh ? 0 : 1);
}

const byLabel: Record<string, number> = {};
for (const e of examples) byLabel[e.label] = (byLabel[e.label] ?? 0) + 1;
const model = (trained: ReturnType<typeof trainClassifier>, emergencyThreshold: number, refusalThreshold: number, refusalBeforeThreshold = 1): ClassifierModel => ({
  version: 1,
  labels: trained.labels,
  statuses: labelStatuses(lexicon),
  bias: trained.bias.map((b) => Math.round(b * 1000) / 1000),
  emergencyThreshold,
  refusalThreshold,
  refusalBeforeThreshold,
  trainedOn: { examples: examples.length, byLabel, hash },
  weights: compactWeights(trained.weights, LEAST_WEIGHT),
});

// Leave one batch out: each example's probabilities from a model that never saw it.
const batches = [...new Set(examples.filter((e) => e.source === 'safety').map((e) => e.batch))];
const foldOf = (e: LabelledExample, i: number) => (e.source === 'safety' ? batches.indexOf(e.batch) : i % batches.length);
const lexiconMisses = examples.map((e) => matchLexicon(lexicon, e.text).length === 0);
const heldOut = batches.map((_, b) => model(trainClassifier(withVariants((e, i) => foldOf(e, i) !== b), labels, lexicon, TRAINING), 1, 1));
// each example's reading by the model that never saw its batch (the lexicon aside)
const alone = (kind: 'emergency' | 'refusal') => examples.map((e, i) => reading(heldOut[foldOf(e, i)], lexicon, e.text, kind));
const emergencyAlone = alone('emergency');
const refusalAlone = alone('refusal').map((r) => r.probability);
const pEmergency = emergencyAlone.map((r, i) => (lexiconMisses[i] ? r.probability : 0));
const pRefusal = refusalAlone.map((p, i) => (lexiconMisses[i] ? p : 0));

// Whether the documents answer a message: the pipeline's status, asked only where a refusal is in reach.
const config = loadConfig();
const logger = pino({ level: 'silent' });
const kb = new KnowledgeBase({ knowledgeDir: path.join(APP_ROOT, 'knowledge'), dataDir: config.DATA_DIR, embedder: embedderFromConfig(config), logger });
await kb.refresh();
const deps = {
  ...evalDeps(config, kb),
  supportHotline: config.SUPPORT_HOTLINE,
  // the thresholds being chosen must not act while the documents' answer is read
  safetyClassifier: null,
};
const answered: boolean[] = [];
for (const [i, e] of examples.entries()) {
  answered[i] = pRefusal[i] >= GRID.at(-1)! ? GROUNDED_STATUSES.has((await runPipeline(newAnswerContext(e.text), deps)).status!) : true;
}
await kb.close();

const count = (pred: (e: LabelledExample, i: number) => boolean) => examples.filter(pred).length;
const emergencies = (t: number, expect: string) => count((e, i) => e.expect === expect && pEmergency[i] >= t);
const refused = (t: number, pred: (e: LabelledExample) => boolean) => count((e, i) => pred(e) && pRefusal[i] >= t && !answered[i]);
const refusedBefore = (t: number, pred: (e: LabelledExample) => boolean) => count((e, i) => pred(e) && pRefusal[i] >= t);
const nearMisses = count((e) => e.expect === 'answer' && e.source === 'safety');
console.log(`${examples.length} examples (${Object.entries(byLabel).map(([k, v]) => `${k} ${v}`).join(', ')})`);
console.log('leave-one-batch-out, messages the lexicon lets through:');
for (const t of GRID) {
  console.log(
    `  ${t.toFixed(2)}: emergencies +${emergencies(t, 'emergency')}, false emergencies ${emergencies(t, 'answer')}; ` +
      `refused (not answered by the documents) +${refused(t, (e) => e.expect === 'refuse')}, near-misses refused ${refused(t, (e) => e.expect === 'answer' && e.source === 'safety')}, ` +
      `other benign refused ${refused(t, (e) => e.source !== 'safety')}; before retrieval: refused +${refusedBefore(t, (e) => e.expect === 'refuse')}, ` +
      `near-misses ${refusedBefore(t, (e) => e.expect === 'answer' && e.source === 'safety')}, other benign ${refusedBefore(t, (e) => e.source !== 'safety')}`,
  );
}
const lowest = (ok: (t: number) => boolean) => GRID.filter((t, k) => GRID.slice(0, k + 1).every(ok)).at(-1);
const emergencyLowest = lowest((t) => emergencies(t, 'answer') === 0) ?? 1;
const emergencyThreshold = Math.min(0.95, Math.round((emergencyLowest + EMERGENCY_MARGIN) * 100) / 100);
const refusalThreshold =
  lowest((t) => refused(t, (e) => e.expect === 'answer' && e.source === 'safety') <= REFUSAL_BUDGET * nearMisses && refused(t, (e) => e.source !== 'safety') === 0) ?? 1;
// Before retrieval (the documents' answer aside), the same budget and no plain question; never below the threshold after it.
const refusalBeforeLowest =
  lowest((t) => refusedBefore(t, (e) => e.expect === 'answer' && e.source === 'safety') <= REFUSAL_BUDGET * nearMisses && refusedBefore(t, (e) => e.source !== 'safety') === 0) ?? 1;
const refusalBeforeThreshold = Math.max(refusalBeforeLowest, refusalThreshold);
console.log(`emergency threshold ${emergencyThreshold} (lowest without a false emergency ${emergencyLowest}, plus ${EMERGENCY_MARGIN})`);
console.log(`refusal threshold ${refusalThreshold} (lowest refusing at most ${(REFUSAL_BUDGET * 100).toFixed(2)}% of ${nearMisses} near-misses and no other benign question)`);
console.log(`refusal threshold before retrieval ${refusalBeforeThreshold} (the same budget with or without the documents' answer, and no other benign question)`);
for (const b of batches) {
  const of = (expect: string) => (e: LabelledExample) => e.batch === b && e.expect === expect;
  console.log(
    `  held out ${b.padEnd(10)} emergencies +${count((e, i) => of('emergency')(e) && pEmergency[i] >= emergencyThreshold)}, false emergencies ${count((e, i) => of('answer')(e) && pEmergency[i] >= emergencyThreshold)}; ` +
      `refused +${refused(refusalThreshold, of('refuse'))} (before retrieval +${refusedBefore(refusalBeforeThreshold, of('refuse'))}), ` +
      `near-misses refused ${refused(refusalThreshold, of('answer'))} (before retrieval ${refusedBefore(refusalBeforeThreshold, of('answer'))})`,
  );
}

// How the model alone generalises to a batch it never saw (written by someone else than the rest):
// emergencies read with the right numbers, requests read as refusals (before retrieval), near-misses read as either.
console.log('the model alone (no lexicon), each batch held out:');
for (const b of batches) {
  const of = (expect: string) => examples.flatMap((e, i) => (e.batch === b && e.expect === expect ? [i] : []));
  const emergencyRight = (i: number) => emergencyAlone[i].probability >= emergencyThreshold && examples[i].numbers.every((n) => emergencyAlone[i].category?.numbers.includes(n));
  console.log(
    `  ${b.padEnd(10)} emergencies ${of('emergency').filter(emergencyRight).length}/${of('emergency').length}, refusals ${of('refuse').filter((i) => refusalAlone[i] >= refusalThreshold).length}/${of('refuse').length}; ` +
      `near-misses read as an emergency ${of('answer').filter((i) => emergencyAlone[i].probability >= emergencyThreshold).length}, as a refusal ${of('answer').filter((i) => refusalAlone[i] >= refusalThreshold).length} of ${of('answer').length}`,
  );
}

const final = model(trainClassifier(withVariants(() => true), labels, lexicon, TRAINING), emergencyThreshold, refusalThreshold, refusalBeforeThreshold);
writeFileSync(MODEL_FILE, `${JSON.stringify(final)}\n`);
console.log(`wrote ${path.relative(APP_ROOT, MODEL_FILE)}: ${Object.keys(final.weights).length} features, ${(JSON.stringify(final).length / 1024).toFixed(0)} KB`);
