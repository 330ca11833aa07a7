/**
 * Retrieval quality on the evaluation set: `npm run eval [-- --verbose] [-- --sweep]`.
 * hit@1, hit@3 and MRR@10 over in-scope questions (is the expected document ranked there?),
 * the share of in-scope questions answered as grounded, and the share of out-of-scope ones declined.
 */
import pino from 'pino';
import { loadConfig } from '../src/config.js';
import { KnowledgeBase } from '../src/knowledge/knowledge-base.js';
import { retrieve, type RetrievalResult } from '../src/retrieval/hybrid.js';
import { embedderFromConfig } from '../src/retrieval/index-store.js';
import { retrievalOptions } from '../src/retrieval/options.js';
import { loadEvalCases } from '../test/eval/cases.js';

const args = new Set(process.argv.slice(2));
const config = loadConfig();
const kb = new KnowledgeBase({
  knowledgeDir: config.KNOWLEDGE_DIR,
  dataDir: config.DATA_DIR,
  embedder: embedderFromConfig(config),
  logger: pino({ level: 'silent' }),
});
await kb.refresh();
const cases = await loadEvalCases();
const opts = retrievalOptions(config);

const rows: Array<{ q: string; expect: string; r: RetrievalResult; rank: number }> = [];
for (const c of cases) {
  const r = await retrieve(kb.snapshot, c.question, opts);
  const rank = r.documents.findIndex((d) => d.docId === c.expect) + 1;
  rows.push({ q: c.question, expect: c.expect, r, rank });
}
const inScope = rows.filter((x) => x.expect !== 'none');
const outScope = rows.filter((x) => x.expect === 'none');
const share = (n: number, d: number) => (d ? n / d : 0).toFixed(3);
const hit = (k: number) => inScope.filter((x) => x.rank > 0 && x.rank <= k).length;
const mrr = inScope.reduce((s, x) => s + (x.rank > 0 && x.rank <= 10 ? 1 / x.rank : 0), 0) / Math.max(1, inScope.length);

console.log(`Eval: ${rows.length} questions (${inScope.length} in scope over ${new Set(inScope.map((x) => x.expect)).size} documents, ${outScope.length} out of scope); fusion=${opts.fusion} alpha=${opts.alpha}`);
console.log(`hit@1   ${share(hit(1), inScope.length)}`);
console.log(`hit@3   ${share(hit(3), inScope.length)}`);
console.log(`MRR@10  ${mrr.toFixed(3)}`);
console.log(`in-scope answered (grounded)   ${share(inScope.filter((x) => x.r.grounded).length, inScope.length)}`);
console.log(`out-of-scope refusal           ${share(outScope.filter((x) => !x.r.grounded).length, outScope.length)}`);

if (args.has('--verbose')) {
  console.log('\nMisses (expected document not first, or not grounded):');
  for (const x of inScope.filter((x) => x.rank !== 1 || !x.r.grounded)) {
    const top = x.r.documents.slice(0, 3).map((d) => `${d.docId}:${d.score.toFixed(2)}`).join(' ');
    console.log(`  [rank ${x.rank || '-'}${x.r.grounded ? '' : ', declined'} cov ${x.r.coverage.toFixed(2)}] ${x.q}  → expected ${x.expect}; got ${top}`);
  }
  console.log('\nOut-of-scope questions answered:');
  for (const x of outScope.filter((x) => x.r.grounded)) {
    console.log(`  [cov ${x.r.coverage.toFixed(2)} score ${x.r.documents[0]?.score.toFixed(2)}] ${x.q} → ${x.r.documents[0]?.docId}`);
  }
}

if (args.has('--sweep')) {
  console.log('\nThreshold sweep (coverage × score): answered-in-scope / refused-out-of-scope');
  for (const cov of [0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7]) {
    const line: string[] = [];
    for (const sc of [0.1, 0.2, 0.3, 0.4, 0.5]) {
      const ok = (x: (typeof rows)[number]) => x.r.documents.length > 0 && x.r.coverage >= cov && x.r.documents[0].score >= sc;
      line.push(`${sc}: ${share(inScope.filter(ok).length, inScope.length)}/${share(outScope.filter((x) => !ok(x)).length, outScope.length)}`);
    }
    console.log(`  cov ${cov}  ${line.join('   ')}`);
  }
}
await kb.close();
