import { cpSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { beforeAll } from 'vitest';
import { newAnswerContext } from '../../src/answer/answer-service.js';
import type { AnswerDeps } from '../../src/answer/deps.js';
import { runPipeline } from '../../src/answer/pipeline.js';
import { visibleText } from '../../src/answer/visible.js';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { plainFolded } from '../../src/text/vietnamese.js';
import { fixtureKnowledgeBase, tempKnowledge } from './fixtures.js';
import { TEST_RETRIEVAL } from './retrieval.js';
import { REPO_ROOT } from './server.js';

const ANSWERS = path.join(REPO_ROOT, 'test', 'fixtures', 'answers');

/**
 * The answer fixtures joined by `test/fixtures/<folder>` (so that retrieval has a corpus to weigh words
 * against), indexed once before the file's tests; `ask` runs a question through the real pipeline and gives
 * its context, its visible text and the first 400 visible characters folded; `snapshot` is the index it answers from.
 */
export function answerFixture(folder: string) {
  let deps: AnswerDeps;
  let kb: KnowledgeBase;
  beforeAll(async () => {
    const dirs = tempKnowledge(ANSWERS);
    cpSync(path.join(REPO_ROOT, 'test', 'fixtures', folder), dirs.knowledgeDir, { recursive: true });
    kb = fixtureKnowledgeBase(dirs);
    await kb.refresh();
    deps = { snapshot: () => kb.snapshot, retrieval: TEST_RETRIEVAL, maxQuestionChars: 1000, maxSources: 3, llmTimeoutMs: 2000, logger: pino({ level: 'silent' }) };
  });
  const ask = async (question: string) => {
    const ctx = await runPipeline(newAnswerContext(question), deps);
    const visible = visibleText(ctx.answer);
    return { ctx, status: ctx.status, visible, first: plainFolded([...visible].slice(0, 400).join('')) };
  };
  return { ask, snapshot: () => kb.snapshot };
}
