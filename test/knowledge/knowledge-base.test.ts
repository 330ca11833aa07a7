import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { retrieve } from '../../src/retrieval/hybrid.js';
import { fixtureKnowledgeBase, tempKnowledge } from '../helpers/fixtures.js';
import { TEST_RETRIEVAL } from '../helpers/retrieval.js';

describe('KnowledgeBase', () => {
  it('saves the built index and loads it back unchanged after a restart', async () => {
    const dirs = tempKnowledge();
    const first = fixtureKnowledgeBase(dirs);
    const built = await first.refresh();
    expect(built.source).toBe('built');
    expect(readdirSync(path.join(dirs.dataDir, 'index'))).toEqual([built.key]);
    const before = await retrieve(first.snapshot, 'lam the can cuoc o dau', TEST_RETRIEVAL);

    const second = fixtureKnowledgeBase(dirs);
    const loaded = await second.refresh();
    expect(loaded).toMatchObject({ source: 'cache', key: built.key, docs: 4 });
    const after = await retrieve(second.snapshot, 'lam the can cuoc o dau', TEST_RETRIEVAL);
    expect(after.documents.map((d) => [d.docId, d.score.toFixed(6)])).toEqual(before.documents.map((d) => [d.docId, d.score.toFixed(6)]));
    expect(after.coverage).toBe(before.coverage);
  });

  it('rebuilds when the cached index is unreadable', async () => {
    const dirs = tempKnowledge();
    const built = await fixtureKnowledgeBase(dirs).refresh();
    writeFileSync(path.join(dirs.dataDir, 'index', built.key, 'snapshot.json'), '{not json');
    const again = await fixtureKnowledgeBase(dirs).refresh();
    expect(again.source).toBe('built');
  });

  it('a changed document gives a new key; a document that turns invalid keeps its last good version', async () => {
    const dirs = tempKnowledge();
    const kb = fixtureKnowledgeBase(dirs);
    const first = await kb.refresh();
    const file = path.join(dirs.knowledgeDir, 'thu-tuc', 'the-can-cuoc.md');
    const { readFileSync } = await import('node:fs');
    const original = readFileSync(file, 'utf8');

    writeFileSync(file, original.replace('khoảng 7 ngày làm việc', 'khoảng 5 ngày làm việc'));
    const changed = await kb.refresh();
    expect(changed.key).not.toBe(first.key);
    expect(kb.snapshot.docById.get('the-can-cuoc')!.sections.find((s) => s.heading === 'Thời hạn và lệ phí')!.text).toContain('5 ngày');

    writeFileSync(file, original.replace(/official_url:.*\n/, ''));
    const broken = await kb.refresh();
    expect(broken.errors).toEqual([expect.objectContaining({ file: 'thu-tuc/the-can-cuoc.md', field: 'official_url' })]);
    expect(kb.snapshot.docById.get('the-can-cuoc')!.sections.find((s) => s.heading === 'Thời hạn và lệ phí')!.text).toContain('5 ngày');
  });
});
