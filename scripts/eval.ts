/**
 * Answer quality on the evaluation set (`test/eval/cases/*.yaml`): `npm run eval [-- --verbose] [-- --sweep]`.
 * Every question runs through the real pipeline (guard, route, retrieve, compose) with the
 * configured retrieval. Prints hit@1, hit@3 and MRR@10 over in-scope questions (rank of the
 * expected document), the share of in-scope questions answered, and the share of out-of-scope
 * questions declined.
 */
import pino from 'pino';
import { newAnswerContext } from '../src/answer/answer-service.js';
import { runPipeline } from '../src/answer/pipeline.js';
import { GROUNDED_STATUSES } from '../src/answer/statuses.js';
import { loadConfig } from '../src/config.js';
import { KnowledgeBase } from '../src/knowledge/knowledge-base.js';
import { embedderFromConfig } from '../src/retrieval/index-store.js';
import { retrievalOptions } from '../src/retrieval/options.js';
import { loadEvalCases } from '../test/eval/cases.js';

const args = new Set(process.argv.slice(2));
const config = loadConfig();
const logger = pino({ level: 'silent' });
const kb = new KnowledgeBase({ knowledgeDir: config.KNOWLEDGE_DIR, dataDir: config.DATA_DIR, embedder: embedderFromConfig(config), logger });
await kb.refresh();
const cases = await loadEvalCases();
const retrieval = retrievalOptions(config);
const deps = {
  snapshot: () => kb.snapshot,
  retrieval,
  maxQuestionChars: config.MAX_QUESTION_CHARS,
  maxSources: config.RETRIEVAL_MAX_SOURCES,
  dossierGuideDocId: config.DOSSIER_GUIDE_DOC_ID,
  llmTimeoutMs: config.LLM_TIMEOUT_MS,
  logger,
};

interface Row {
  q: string;
  expect: string;
  status: string;
  answered: boolean;
  rank: number;
  coverage: number;
  score: number;
  margin: number;
  /** Whether retrieval made the decision (not a route or guard step). */
  retrieved: boolean;
  top: string;
}
const rows: Row[] = [];
for (const c of cases) {
  const ctx = await runPipeline(newAnswerContext(c.question), deps);
  const docs = ctx.retrieval?.documents ?? [];
  rows.push({
    q: c.question,
    expect: c.expect,
    status: ctx.status ?? '',
    answered: GROUNDED_STATUSES.has(ctx.status!),
    rank: docs.findIndex((d) => d.docId === c.expect) + 1,
    coverage: ctx.retrieval?.coverage ?? 0,
    score: docs[0]?.score ?? 0,
    margin: (docs[0]?.score ?? 0) - (docs[1]?.score ?? 0),
    retrieved: ctx.status === 'answered' || ctx.status === 'unanswerable_no_content',
    top: docs.slice(0, 3).map((d) => `${d.docId}:${d.score.toFixed(2)}`).join(' '),
  });
}

const inScope = rows.filter((x) => x.expect !== 'none');
const outScope = rows.filter((x) => x.expect === 'none');
const share = (n: number, d: number) => (d ? n / d : 0).toFixed(3);
const hit = (k: number) => inScope.filter((x) => x.rank > 0 && x.rank <= k).length;
const mrr = inScope.reduce((s, x) => s + (x.rank > 0 && x.rank <= 10 ? 1 / x.rank : 0), 0) / Math.max(1, inScope.length);

console.log(`Eval: ${rows.length} questions: ${inScope.length} in scope over ${new Set(inScope.map((x) => x.expect)).size} documents, ${outScope.length} out of scope`);
console.log(`Retrieval: fusion=${retrieval.fusion} alpha=${retrieval.alpha} minCoverage=${retrieval.minCoverage} strongScore=${retrieval.strongScore}`);
console.log(`hit@1                      ${share(hit(1), inScope.length)}`);
console.log(`hit@3                      ${share(hit(3), inScope.length)}`);
console.log(`MRR@10                     ${mrr.toFixed(3)}`);
console.log(`in-scope answered          ${share(inScope.filter((x) => x.answered).length, inScope.length)}`);
console.log(`in-scope answered, right   ${share(inScope.filter((x) => x.answered && x.rank === 1).length, inScope.length)}`);
console.log(`out-of-scope refusal       ${share(outScope.filter((x) => !x.answered).length, outScope.length)}`);

if (args.has('--verbose')) {
  console.log('\nIn-scope misses (expected document not first, or declined):');
  for (const x of inScope.filter((x) => x.rank !== 1 || !x.answered)) {
    console.log(`  [rank ${x.rank || '-'} ${x.status} cov ${x.coverage.toFixed(2)}] ${x.q}  → want ${x.expect}; got ${x.top}`);
  }
  console.log('\nOut-of-scope questions answered:');
  for (const x of outScope.filter((x) => x.answered)) console.log(`  [cov ${x.coverage.toFixed(2)}] ${x.q} → ${x.top}`);
}
if (args.has('--sweep')) {
  // Grounding rule: coverage >= c, or (score >= s and margin >= m). Shows answered-in-scope / declined-out-of-scope.
  const decided = rows.filter((x) => x.retrieved);
  const ins = decided.filter((x) => x.expect !== 'none');
  const outs = decided.filter((x) => x.expect === 'none');
  const base = { ins: inScope.length - ins.length, outs: outScope.length - outs.length };
  console.log(`\nSweep over ${decided.length} retrieval-decided questions (route/guard decided ${base.ins} in-scope, ${base.outs} out-of-scope)`);
  for (const c of [0.4, 0.45, 0.5, 0.55, 0.6]) {
    for (const sc of [0.6, 0.65, 0.7, 0.75]) {
      const line: string[] = [];
      for (const m of [0, 0.05, 0.1, 0.15, 0.2]) {
        const ok = (x: Row) => x.coverage >= c || (x.score >= sc && x.margin >= m && x.coverage >= 0.15);
        line.push(`m${m}: ${share(ins.filter(ok).length, inScope.length)}/${share(outs.filter((x) => !ok(x)).length + base.outs, outScope.length)}`);
      }
      console.log(`  cov ${c} score ${sc}  ${line.join('  ')}`);
    }
  }
}
await kb.close();
