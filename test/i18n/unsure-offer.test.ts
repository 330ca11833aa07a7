import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAnswerContext } from '../../src/answer/answer-service.js';
import { CANNED, cannedReplies } from '../../src/answer/canned.js';
import type { AnswerDeps } from '../../src/answer/deps.js';
import { runPipeline } from '../../src/answer/pipeline.js';
import { loadCatalogues } from '../../src/i18n/catalogue.js';
import { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { localEmbedderChoice } from '../../src/retrieval/index-store.js';
import { tuning } from '../../src/tuning.js';
import { REPO_ROOT } from '../helpers/server.js';
import { TEST_RETRIEVAL } from '../helpers/retrieval.js';

let kb: KnowledgeBase;
let deps: AnswerDeps;
beforeAll(async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'dvc-unsure-'));
  cpSync(path.join(REPO_ROOT, 'test', 'fixtures', 'answers'), path.join(root, 'knowledge'), { recursive: true });
  kb = new KnowledgeBase({ knowledgeDir: path.join(root, 'knowledge'), dataDir: path.join(root, 'data'), embedder: localEmbedderChoice(512), logger: pino({ level: 'silent' }) });
  await kb.refresh();
  // Every retrieval counts as unsure, so every document answer offers a person.
  deps = { snapshot: () => kb.snapshot, retrieval: TEST_RETRIEVAL, maxQuestionChars: 1000, maxSources: 3, llmTimeoutMs: 2000, logger: pino({ level: 'silent' }), answer: { ...tuning().answer, unsureCoverage: 1.01 } };
});
afterAll(() => kb.close());

describe('the offer of a person under an unsure answer', () => {
  it('is the catalogue’s, in the citizen’s language', async () => {
    const english = cannedReplies(loadCatalogues(path.join(REPO_ROOT, 'locales')).replies('en'));
    const question = 'làm thẻ căn cước cần giấy tờ gì';
    const vi = await runPipeline(newAnswerContext(question), deps);
    const en = await runPipeline(newAnswerContext(question, [], undefined, undefined, english), deps);
    expect(vi.status).toBe('answered');
    expect(vi.answer).toContain(CANNED.unsure_offer);
    expect(en.answer).toContain('If this is not what you need, ask again more precisely or press “Talk to an officer”.');
    expect(en.answer).not.toContain(CANNED.unsure_offer);
  });
});
