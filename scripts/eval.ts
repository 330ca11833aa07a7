/**
 * Answer quality on the evaluation set: `npm run eval [-- --verbose] [-- --json]`.
 * Every question of `test/eval/cases/*.yaml` and every conversation of `test/eval/conversations/*.yaml`
 * runs through the real pipeline. Figures are printed for the dev split and, separately, for the
 * holdout split (kept out of all tuning), and on their own for the files written outside the project:
 * `independent-*.yaml` (a tuning set since session 4), `fresh-*.yaml` (a tuning set since session 5),
 * `blind-*.yaml` and `blind2-*.yaml` (never read while tuning). `--verbose` lists the dev, independent and fresh misses; holdout
 * misses are printed only with `--holdout-misses`, for a final report, never while tuning; blind and blind2
 * misses are never printed.
 */
import { visibleText } from '../src/answer/visible.js';
import { runEval, type Row, type SplitReport } from '../test/eval/run.js';

const args = new Set(process.argv.slice(2));
const report = await runEval();

if (args.has('--json')) {
  console.log(JSON.stringify({ dev: report.dev, holdout: report.holdout, independent: report.independent, fresh: report.fresh, blind: report.blind, blind2: report.blind2 }, null, 2));
} else {
  const f = (x: number) => x.toFixed(3);
  const named = Object.entries({ dev: report.dev, holdout: report.holdout, independent: report.independent, fresh: report.fresh, blind: report.blind, blind2: report.blind2 }).filter(
    ([name, s]) => name === 'dev' || name === 'holdout' || s.questions > 0,
  );
  const splits = named.map(([, s]) => s);
  const line = (label: string, pick: (s: SplitReport) => string) => console.log(`${label.padEnd(28)}${splits.map((s) => pick(s).padEnd(20)).join('')}`.trimEnd());
  console.log(`Eval: ${report.rows.length} questions, ${report.turns.length} follow-up turns`);
  console.log(`${''.padEnd(28)}${named.map(([n]) => n.padEnd(20)).join('')}`.trimEnd());
  line('questions', (s) => `${s.questions} (${s.inScope} in scope)`);
  line('key@400', (s) => `${f(s.keyAt400)} of ${s.withKey}`);
  line('doc@1', (s) => f(s.docAt1));
  line('topic@1 (declines too)', (s) => f(s.topicAt1));
  line('both topics cited', (s) => `${f(s.bothTopics)} of ${s.twoTopicQuestions}`);
  line('declined-when-should', (s) => `${f(s.declinedWhenShould)} of ${s.declineQuestions}`);
  line('out-of-scope refused', (s) => `${f(s.outOfScopeRefused)} of ${s.outOfScope}`);
  line('answered-when-should-not', (s) => f(s.answeredWhenShouldNot));
  line('declined-when-should-not', (s) => f(s.declinedWhenShouldNot));
  line('follow-up accuracy', (s) => `${f(s.followUpAccuracy)} of ${s.followUpTurns}`);
  line('median visible chars', (s) => String(s.medianVisible));
  line('hit@1 / hit@3 / MRR@10', (s) => `${s.hitAt1.toFixed(2)}/${s.hitAt3.toFixed(2)}/${s.mrr10.toFixed(2)}`);
  line('in-scope answered', (s) => f(s.inScopeAnswered));
  console.log('\nkey@400 by question type (dev):');
  for (const [type, t] of Object.entries(report.dev.byType).sort()) console.log(`  ${type.padEnd(12)} ${f(t.keyAt400)} of ${t.n}`);
}

const show = (r: Row) => {
  const text = visibleText(r.answer).replace(/\s+/g, ' ').slice(0, 260);
  const why = r.case.expect === 'none' || r.case.decline ? 'should decline' : r.answered ? `key ${r.case.keys.join(' & ')}` : 'declined';
  console.log(`  [${r.status} rank ${r.rank || '-'} cov ${r.coverage.toFixed(2)} ${why}] ${r.case.question}\n      → ${r.sources.join(',') || '-'} | ${text}`);
};
const missed = (r: Row) =>
  r.case.expect === 'none' || r.case.decline ? !r.declined : r.case.keys.length > 0 ? !r.keyHit : !r.answered || r.sources[0] !== r.case.expect;
if (args.has('--verbose')) {
  console.log('\nDev misses:');
  for (const r of report.rows.filter((r) => r.case.split === 'dev' && missed(r))) show(r);
  console.log('\nIndependent misses (a tuning set since session 4):');
  for (const r of report.rows.filter((r) => r.case.split === 'independent' && missed(r))) show(r);
  console.log('\nFresh misses (a tuning set since session 5):');
  for (const r of report.rows.filter((r) => r.case.split === 'fresh' && missed(r))) show(r);
  console.log('\nDev follow-up misses:');
  for (const t of report.turns.filter((t) => t.split === 'dev' && !t.ok)) {
    console.log(`  [${t.status}] #${t.conversation}.${t.turn} ${t.question} → want ${t.expect}, got ${t.sources.join(',') || '-'} | ${visibleText(t.answer).replace(/\s+/g, ' ').slice(0, 200)}`);
  }
}
if (args.has('--holdout-misses')) {
  console.log('\nHoldout misses (for the final report only; never tune on these):');
  for (const r of report.rows.filter((r) => r.case.split === 'holdout' && missed(r))) show(r);
}
