/**
 * Runs the evaluation set through the real answer pipeline and measures answers, not only documents.
 * Used by `npm run eval` (scripts/eval.ts) and by the key@400 floor test.
 */
import pino from 'pino';
import { newAnswerContext } from '../../src/answer/answer-service.js';
import type { AnswerContext, Turn } from '../../src/answer/context.js';
import type { AnswerDeps } from '../../src/answer/deps.js';
import { runPipeline } from '../../src/answer/pipeline.js';
import { GROUNDED_STATUSES } from '../../src/answer/statuses.js';
import { visibleText } from '../../src/answer/visible.js';
import { loadConfig, type Config } from '../../src/config.js';
import { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { embedderFromConfig } from '../../src/retrieval/index-store.js';
import { retrievalOptions } from '../../src/retrieval/options.js';
import { loadEvalCases, loadEvalConversations, type EvalCase, type EvalSplit } from './cases.js';
import { keysMatch } from './keys.js';


export interface Row {
  case: EvalCase;
  status: string;
  /** Answered from the documents (not declined, not a canned reply). */
  answered: boolean;
  /** Said it cannot answer: a refusal status, or an honest "the guidance does not say". */
  declined: boolean;
  /** Rank of the expected document in retrieval (0 = absent). */
  rank: number;
  sources: string[];
  /** The document(s) the answer is about, answered or declined as not covered (empty when no document was chosen). */
  topics: string[];
  keyHit: boolean;
  visibleLength: number;
  answer: string;
  coverage: number;
  top: string;
}

export interface TurnRow {
  conversation: number;
  turn: number;
  question: string;
  expect: string;
  ok: boolean;
  status: string;
  sources: string[];
  answer: string;
}

export interface SplitReport {
  questions: number;
  inScope: number;
  withKey: number;
  keyAt400: number;
  docAt1: number;
  /**
   * The first document the answer is about is the expected one, whether it answered or said honestly
   * that the guidance does not cover what is asked: the topic choice alone, apart from the completeness check.
   */
  topicAt1: number;
  bothTopics: number;
  twoTopicQuestions: number;
  hitAt1: number;
  hitAt3: number;
  mrr10: number;
  inScopeAnswered: number;
  declineQuestions: number;
  declinedWhenShould: number;
  outOfScope: number;
  outOfScopeRefused: number;
  answeredWhenShouldNot: number;
  declinedWhenShouldNot: number;
  followUpTurns: number;
  followUpAccuracy: number;
  medianVisible: number;
  byType: Record<string, { n: number; keyAt400: number }>;
}

export interface EvalReport {
  dev: SplitReport;
  holdout: SplitReport;
  /** The `independent-*.yaml` files (written outside the project; tuned on since session 4). */
  independent: SplitReport;
  /** The `fresh-*.yaml` files (written outside the project after the independent ones; tuned on since session 5). */
  fresh: SplitReport;
  /** The `blind-*.yaml` files (written outside the project in session 4; never tuned on). */
  blind: SplitReport;
  /** The `blind2-*.yaml` files (written outside the project in session 5; never tuned on). */
  blind2: SplitReport;
  rows: Row[];
  turns: Array<TurnRow & { split: string }>;
}

/** Declined: a refusal, a clarifying question, or an honest "the guidance does not say" (`not_covered`). */
export function isDeclined(status: string): boolean {
  return !GROUNDED_STATUSES.has(status as never);
}

export function evalDeps(config: Config, kb: KnowledgeBase): AnswerDeps {
  return {
    snapshot: () => kb.snapshot,
    retrieval: retrievalOptions(config),
    maxQuestionChars: config.MAX_QUESTION_CHARS,
    maxSources: retrievalOptions(config).maxSources,
    dossierGuideDocId: config.DOSSIER_GUIDE_DOC_ID,
    llmTimeoutMs: config.LLM_TIMEOUT_MS,
    logger: pino({ level: 'silent' }),
  };
}

/** The turn as the store keeps it for the next question's history. */
function turnOf(ctx: AnswerContext): Turn {
  const grounded = GROUNDED_STATUSES.has(ctx.status!) && ctx.sources.length > 0;
  return { question: ctx.question, answer: ctx.answer, docId: grounded ? ctx.sources[0]?.id : undefined };
}

export async function runEval(config: Config = loadConfig()): Promise<EvalReport> {
  const kb = new KnowledgeBase({ knowledgeDir: config.KNOWLEDGE_DIR, dataDir: config.DATA_DIR, embedder: embedderFromConfig(config), logger: pino({ level: 'silent' }) });
  await kb.refresh();
  try {
    const deps = evalDeps(config, kb);
    const rows: Row[] = [];
    for (const c of await loadEvalCases()) {
      const ctx = await runPipeline(newAnswerContext(c.question), deps);
      const docs = ctx.retrieval?.documents ?? [];
      const status = ctx.status ?? '';
      const declined = isDeclined(status);
      rows.push({
        case: c,
        status,
        answered: !declined,
        declined,
        rank: docs.findIndex((d) => d.docId === c.expect) + 1,
        sources: ctx.sources.map((s) => s.id),
        topics: ctx.topics?.topics.map((t) => t.docId) ?? [],
        keyHit: !declined && keysMatch(c.keys, ctx.answer),
        visibleLength: [...visibleText(ctx.answer)].length,
        answer: ctx.answer,
        coverage: ctx.retrieval?.coverage ?? 0,
        top: docs.slice(0, 3).map((d) => `${d.docId}:${d.score.toFixed(2)}`).join(' '),
      });
    }
    const turns: Array<TurnRow & { split: string }> = [];
    const conversations = await loadEvalConversations();
    for (const [n, conv] of conversations.entries()) {
      const history: Turn[] = [];
      for (const [i, t] of conv.turns.entries()) {
        const ctx = await runPipeline(newAnswerContext(t.question, [...history]), deps);
        const status = ctx.status ?? '';
        const declined = isDeclined(status);
        const sources = ctx.sources.map((s) => s.id);
        const ok =
          t.expect === 'none' || t.decline
            ? declined
            : !declined && sources[0] === t.expect && (t.keys.length === 0 || keysMatch(t.keys, ctx.answer));
        if (i > 0) turns.push({ conversation: n, turn: i, question: t.question, expect: t.expect, ok, status, sources, answer: ctx.answer, split: conv.split });
        history.push(turnOf(ctx));
      }
    }
    return { dev: summarise(rows, turns, 'dev'), holdout: summarise(rows, turns, 'holdout'), independent: summarise(rows, turns, 'independent'), fresh: summarise(rows, turns, 'fresh'), blind: summarise(rows, turns, 'blind'), blind2: summarise(rows, turns, 'blind2'), rows, turns };
  } finally {
    await kb.close();
  }
}

function summarise(all: Row[], allTurns: Array<TurnRow & { split: string }>, split: EvalSplit): SplitReport {
  const rows = all.filter((r) => r.case.split === split);
  const share = (n: number, d: number) => (d ? n / d : 0);
  const inScope = rows.filter((r) => r.case.expect !== 'none');
  const answerable = inScope.filter((r) => !r.case.decline);
  const withKey = answerable.filter((r) => r.case.keys.length > 0);
  const declineQs = inScope.filter((r) => r.case.decline);
  const outOfScope = rows.filter((r) => r.case.expect === 'none');
  const shouldDecline = [...declineQs, ...outOfScope];
  const answered = rows.filter((r) => r.answered);
  const twoTopic = answerable.filter((r) => r.case.also.length > 0);
  const mrr = answerable.reduce((s, r) => s + (r.rank > 0 && r.rank <= 10 ? 1 / r.rank : 0), 0);
  const lengths = answerable.filter((r) => r.answered).map((r) => r.visibleLength).sort((a, b) => a - b);
  const turns = allTurns.filter((t) => t.split === split);
  const byType: SplitReport['byType'] = {};
  for (const r of withKey) {
    for (const t of r.case.types.length ? r.case.types : ['untyped']) {
      byType[t] ??= { n: 0, keyAt400: 0 };
      byType[t].n++;
      if (r.keyHit) byType[t].keyAt400++;
    }
  }
  for (const t of Object.values(byType)) t.keyAt400 = share(t.keyAt400, t.n);
  return {
    questions: rows.length,
    inScope: inScope.length,
    withKey: withKey.length,
    keyAt400: share(withKey.filter((r) => r.keyHit).length, withKey.length),
    docAt1: share(answerable.filter((r) => r.answered && (r.sources[0] === r.case.expect || (r.case.also.length > 0 && r.sources.includes(r.case.expect)))).length, answerable.length),
    topicAt1: share(answerable.filter((r) => r.topics[0] === r.case.expect || (r.case.also.length > 0 && r.topics.includes(r.case.expect))).length, answerable.length),
    twoTopicQuestions: twoTopic.length,
    bothTopics: share(twoTopic.filter((r) => r.answered && [r.case.expect, ...r.case.also].every((d) => r.sources.includes(d))).length, twoTopic.length),
    hitAt1: share(answerable.filter((r) => r.rank === 1).length, answerable.length),
    hitAt3: share(answerable.filter((r) => r.rank > 0 && r.rank <= 3).length, answerable.length),
    mrr10: share(mrr, answerable.length),
    inScopeAnswered: share(answerable.filter((r) => r.answered).length, answerable.length),
    declineQuestions: declineQs.length,
    declinedWhenShould: share(declineQs.filter((r) => r.declined).length, declineQs.length),
    outOfScope: outOfScope.length,
    outOfScopeRefused: share(outOfScope.filter((r) => r.declined).length, outOfScope.length),
    answeredWhenShouldNot: share(answered.filter((r) => shouldDecline.includes(r)).length, answered.length),
    declinedWhenShouldNot: share(answerable.filter((r) => r.declined).length, answerable.length),
    followUpTurns: turns.length,
    followUpAccuracy: share(turns.filter((t) => t.ok).length, turns.length),
    medianVisible: lengths.length ? lengths[Math.floor((lengths.length - 1) / 2)] : 0,
    byType,
  };
}
