/**
 * A fingerprint of every answer the engine gives to the evaluation questions (answer and safety sets), for
 * changes that must not change any answer (speed work, refactors): `npm run answer-hash [-- --passes N]`.
 * Questions run in sessions of 20 with their history, as in the chat. Prints one JSON line: the number of
 * questions, a hash over each answer's status, grounding, text, sources, follow-ups and facts, and the CPU ms
 * per answer of each pass (the first pass includes warming up). Compare the hash before and after a change.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createAnswerService } from '../src/answer/answer-service.js';
import type { Turn } from '../src/answer/context.js';
import { loadConfig } from '../src/config.js';
import { KnowledgeBase } from '../src/knowledge/knowledge-base.js';
import { embedderFromConfig } from '../src/retrieval/index-store.js';
import { SafetyLexicon } from '../src/safety/lexicon.js';
import { loadEvalCases } from '../test/eval/cases.js';
import { evalDeps } from '../test/eval/run.js';
import { loadSafetyCases } from '../test/eval/safety-cases.js';

const passesAt = process.argv.indexOf('--passes');
const passes = passesAt >= 0 ? Number(process.argv[passesAt + 1]) : 1;
const config = loadConfig({ ...process.env, DATA_DIR: mkdtempSync(path.join(tmpdir(), 'dvc-answer-hash-')), LOG_LEVEL: 'silent' });
const logger = pino({ level: 'silent' });
const kb = new KnowledgeBase({ knowledgeDir: config.KNOWLEDGE_DIR, dataDir: config.DATA_DIR, embedder: embedderFromConfig(config), logger });
await kb.refresh();
const service = createAnswerService(
  {
    ...evalDeps(config, kb),
    safety: new SafetyLexicon(config.KNOWLEDGE_DIR),
    supportHotline: config.SUPPORT_HOTLINE,
    // A fixed clock: answers that mention a fact's end date must not change with the day they are hashed.
    now: () => Date.parse('2026-11-29T09:00:00Z'),
  },
  logger,
);
const questions = [...(await loadEvalCases()).map((c) => c.question), ...(await loadSafetyCases()).map((c) => c.question)];

let hash = '';
const cpuMsPerAnswer: number[] = [];
for (let pass = 0; pass < passes; pass++) {
  const h = createHash('sha256');
  const started = process.cpuUsage();
  let history: Turn[] = [];
  for (let i = 0; i < questions.length; i++) {
    if (i % 20 === 0) history = [];
    const r = await service.ask({ question: questions[i], sessionId: `s${Math.floor(i / 20)}`, history: history.slice(-6) });
    h.update(JSON.stringify([r.status, r.grounded, r.answer, r.sources, r.followUps, r.facts, r.question]));
    history.push({ question: r.question, answer: r.answer, docId: r.grounded ? r.sources[0]?.id : undefined });
  }
  const used = process.cpuUsage(started);
  cpuMsPerAnswer.push(Number(((used.user + used.system) / 1000 / questions.length).toFixed(3)));
  hash = h.digest('hex').slice(0, 16);
}
console.log(JSON.stringify({ questions: questions.length, hash, cpuMsPerAnswer }));
await kb.close();
