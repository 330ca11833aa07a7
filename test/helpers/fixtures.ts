import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { localEmbedderChoice } from '../../src/retrieval/index-store.js';
import { FIXTURE_KNOWLEDGE } from './app.js';

export { FIXTURE_KNOWLEDGE };

/** A writable copy of a knowledge folder (the fixture one by default) and an empty data folder. */
export function tempKnowledge(source = FIXTURE_KNOWLEDGE): { knowledgeDir: string; dataDir: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'dvc-kb-'));
  const knowledgeDir = path.join(root, 'knowledge');
  cpSync(source, knowledgeDir, { recursive: true });
  return { knowledgeDir, dataDir: path.join(root, 'data') };
}

export function fixtureKnowledgeBase(dirs = tempKnowledge()): KnowledgeBase {
  return new KnowledgeBase({ ...dirs, embedder: localEmbedderChoice(512), logger: pino({ level: 'silent' }) });
}
