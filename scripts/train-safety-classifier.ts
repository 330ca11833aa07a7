/**
 * Trains the safety classifier (`src/safety/classifier-model.json`) from the project's files:
 * `npm run train:safety` (about a minute: cross-validation, then the final model). Deterministic: the
 * same files give the same model. `-- --check` only says whether the committed model was trained on
 * today's examples (exit 1 when not).
 *
 * The emergency threshold is chosen by leave-one-batch-out cross-validation on dev only (each safety
 * batch, e.g. `dev8`, held out in turn, with a tenth of the benign questions): the lowest threshold at
 * which no held-out benign question the lexicon lets through becomes an emergency, plus a margin of 0.05.
 */
import { writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { APP_ROOT } from '../src/lib/paths.js';
import { compactWeights, emergencyReading, trainClassifier, type ClassifierModel, type TrainingExample } from '../src/safety/classifier.js';
import { bundledLexicon } from '../src/safety/lexicon.js';
import { matchLexicon } from '../src/safety/matcher.js';
import { classifierLabels, examplesHash, safetyTrainingExamples, type LabelledExample } from './safety-training.js';

export const MODEL_FILE = path.join(APP_ROOT, 'src', 'safety', 'classifier-model.json');
/** Near-misses written to look like abuse or an emergency count more than plain questions. */
const NEAR_MISS_WEIGHT = 3;
const GRID = [0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6, 0.55, 0.5];
const MARGIN = 0.05;

const lexicon = bundledLexicon();
const labels = classifierLabels(lexicon);
const examples: Array<LabelledExample & TrainingExample> = (await safetyTrainingExamples(lexicon, path.join(APP_ROOT, 'knowledge'))).map((e) => ({
  ...e,
  weight: e.expect === 'answer' && e.source === 'safety' ? NEAR_MISS_WEIGHT : 1,
}));
const hash = examplesHash(examples);

if (process.argv.includes('--check')) {
  const committed = JSON.parse(readFileSync(MODEL_FILE, 'utf8')) as ClassifierModel;
  const fresh = committed.trainedOn.hash === hash;
  console.log(fresh ? `the committed model was trained on today's ${examples.length} examples` : `the examples changed since the model was trained: run npm run train:safety`);
  process.exit(fresh ? 0 : 1);
}

const byLabel: Record<string, number> = {};
for (const e of examples) byLabel[e.label] = (byLabel[e.label] ?? 0) + 1;
const model = (trained: ReturnType<typeof trainClassifier>, threshold: number): ClassifierModel => ({
  version: 1,
  labels: trained.labels,
  bias: trained.bias.map((b) => Math.round(b * 1000) / 1000),
  emergencyThreshold: threshold,
  trainedOn: { examples: examples.length, byLabel, hash },
  weights: compactWeights(trained.weights),
});

// Leave one batch out: each example's emergency probability from a model that never saw it.
const batches = [...new Set(examples.filter((e) => e.source === 'safety').map((e) => e.batch))];
const foldOf = (e: LabelledExample, i: number) => (e.source === 'safety' ? batches.indexOf(e.batch) : i % batches.length);
const lexiconMisses = examples.map((e) => matchLexicon(lexicon, e.text).length === 0);
const heldOut: ClassifierModel[] = batches.map((_, b) => model(trainClassifier(examples.filter((e, i) => foldOf(e, i) !== b), labels, lexicon), 0));
const pEmergency = examples.map((e, i) => (lexiconMisses[i] ? emergencyReading(heldOut[foldOf(e, i)], lexicon, e.text).probability : 0));

const caught = (t: number, pred: (e: LabelledExample) => boolean) => examples.filter((e, i) => pred(e) && pEmergency[i] >= t).length;
console.log(`${examples.length} examples (${Object.entries(byLabel).map(([k, v]) => `${k} ${v}`).join(', ')})`);
console.log('leave-one-batch-out, messages the lexicon lets through: emergencies caught / benign made emergencies');
for (const t of GRID) console.log(`  ${t.toFixed(2)}: emergencies +${caught(t, (e) => e.expect === 'emergency')}, false emergencies ${caught(t, (e) => e.expect === 'answer')}`);
const safe = GRID.filter((t) => caught(t, (e) => e.expect === 'answer') === 0);
const lowest = GRID.filter((t, k) => GRID.slice(0, k + 1).every((u) => safe.includes(u))).at(-1) ?? 1;
const threshold = Math.min(0.95, Math.round((lowest + MARGIN) * 100) / 100);
console.log(`threshold ${threshold} (lowest without a false emergency ${lowest}, plus ${MARGIN})`);
for (const b of batches) {
  const of = (expect: string) => (e: LabelledExample) => e.batch === b && e.expect === expect;
  console.log(`  held out ${b.padEnd(10)} emergencies +${caught(threshold, of('emergency'))}, false emergencies ${caught(threshold, of('answer'))}`);
}

const final = model(trainClassifier(examples, labels, lexicon), threshold);
writeFileSync(MODEL_FILE, `${JSON.stringify(final)}\n`);
console.log(`wrote ${path.relative(APP_ROOT, MODEL_FILE)}: ${Object.keys(final.weights).length} features, ${(JSON.stringify(final).length / 1024).toFixed(0)} KB`);
