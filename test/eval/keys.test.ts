import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge, type LoadedKnowledge } from '../../src/knowledge/loader.js';
import type { KnowledgeDoc } from '../../src/knowledge/schema.js';
import { plainFolded } from '../../src/text/vietnamese.js';
import { REPO_ROOT } from '../helpers/server.js';
import { loadEvalCases, loadEvalConversations } from './cases.js';
import { keyPattern } from './keys.js';

let docs: Map<string, string>;

function docText(d: KnowledgeDoc): string {
  const facts = Object.values(d.facts ?? {}).map((f) => f?.text ?? '');
  return plainFolded([d.title, d.agency, ...facts, ...d.sections.map((s) => `${s.heading}\n${s.text}`)].join('\n'));
}

beforeAll(async () => {
  const loaded: LoadedKnowledge = await loadKnowledge(path.join(REPO_ROOT, 'knowledge'));
  docs = new Map(loaded.docs.map((d) => [d.id, docText(d)]));
});

// Answer keys must be true to the documents, not to the engine: every key is found in the text of the
// document the question is about (or, for a two-topic question, in one of its documents).
describe('eval answer keys', () => {
  it('every key of a question is said by its document', async () => {
    const wrong: string[] = [];
    for (const c of await loadEvalCases()) {
      if (c.expect === 'none') continue;
      const texts = [c.expect, ...c.also].map((id) => docs.get(id) ?? '');
      for (const k of c.keys) if (!texts.some((t) => keyPattern(k).test(t))) wrong.push(`${c.file}: ${c.question} → ${k}`);
    }
    expect(wrong).toEqual([]);
  });

  it('every key of a conversation turn is said by its document', async () => {
    const wrong: string[] = [];
    for (const conv of await loadEvalConversations()) {
      for (const t of conv.turns) for (const k of t.keys) if (!keyPattern(k).test(docs.get(t.expect) ?? '')) wrong.push(`${conv.file}: ${t.question} → ${k}`);
    }
    expect(wrong).toEqual([]);
  });

  it('a key that no document says is caught', () => {
    expect(keyPattern('1900 0368').test(docs.get('vneid-su-co') ?? '')).toBe(false);
    expect(keyPattern('xa, phuong').test(plainFolded('UBND xã, phường'))).toBe(true);
  });
});
