import { cpSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { newAnswerContext } from '../../src/answer/answer-service.js';
import type { AnswerDeps } from '../../src/answer/deps.js';
import { runPipeline } from '../../src/answer/pipeline.js';
import { visibleText } from '../../src/answer/visible.js';
import { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { plainFolded } from '../../src/text/vietnamese.js';
import { fixtureKnowledgeBase, tempKnowledge } from '../helpers/fixtures.js';
import { TEST_RETRIEVAL } from '../helpers/retrieval.js';
import { REPO_ROOT } from '../helpers/server.js';

// A guide whose steps are a numbered list that never says "bước" or "cách", under a heading that names the
// trouble; and a numbered list of warnings under a heading that names nothing asked. Joins the answer fixtures,
// so that retrieval has a corpus to weigh words against.
const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'numbered-steps');
const ANSWERS = path.join(REPO_ROOT, 'test', 'fixtures', 'answers');

let deps: AnswerDeps;
beforeAll(async () => {
  const dirs = tempKnowledge(ANSWERS);
  cpSync(FIXTURE, dirs.knowledgeDir, { recursive: true });
  const kb: KnowledgeBase = fixtureKnowledgeBase(dirs);
  await kb.refresh();
  deps = { snapshot: () => kb.snapshot, retrieval: TEST_RETRIEVAL, maxQuestionChars: 1000, maxSources: 3, llmTimeoutMs: 2000, logger: pino({ level: 'silent' }) };
});

const ask = async (question: string) => {
  const ctx = await runPipeline(newAnswerContext(question), deps);
  return { status: ctx.status, first: plainFolded([...visibleText(ctx.answer)].slice(0, 400).join('')) };
};

describe('a numbered list is a sequence of steps', () => {
  it('answers "how" with the numbered steps under the heading that names what is asked', async () => {
    const a = await ask('quên mật khẩu VNeID thì làm sao');
    expect(a.status).toBe('answered');
    expect(a.first).toContain('bam quen mat khau');
  });

  it('is no list of steps for what a heading does not name: the warnings list does not half-answer how to deal with a strange link', async () => {
    const a = await ask('nhận tin nhắn có đường link lạ về VNeID thì xử lý thế nào');
    expect(a.status).toBe('not_covered');
    expect(a.first).not.toContain('duong link la');
  });
});
