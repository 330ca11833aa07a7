import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { retrieve } from '../../src/retrieval/hybrid.js';
import { closestTerm } from '../../src/retrieval/typo.js';
import { fixtureKnowledgeBase } from '../helpers/fixtures.js';
import { TEST_RETRIEVAL } from '../helpers/retrieval.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = fixtureKnowledgeBase();
  await kb.refresh();
});

const top = async (q: string, opts = TEST_RETRIEVAL) => {
  const r = await retrieve(kb.snapshot, q, opts);
  return { id: r.documents[0]?.docId, grounded: r.grounded, r };
};

describe('hybrid retrieval', () => {
  it.each([
    ['Đăng ký khai sinh cần giấy tờ gì?', 'dang-ky-khai-sinh'],
    ['dang ky khai sinh can giay to gi', 'dang-ky-khai-sinh'],
    ['làm CCCD ở đâu', 'the-can-cuoc'],
    ['quen mk vneid', 'vneid-su-co'],
    ['dang ky khai sin', 'dang-ky-khai-sinh'],
    ['thẻ căn cứơc bị gãy', 'the-can-cuoc'],
  ])('%s → %s', async (q, expected) => {
    const { id, grounded } = await top(q);
    expect(id).toBe(expected);
    expect(grounded).toBe(true);
  });

  it('declines questions the documents do not discuss', async () => {
    for (const q of ['thời tiết sơn la ngày mai', 'giá vàng hôm nay bao nhiêu', 'kể chuyện cười đi']) {
      expect((await top(q)).grounded, q).toBe(false);
    }
  });

  it('uses both indexes: each side alone still finds the document', async () => {
    const bm25Only = await top('dang ky khai sinh', { ...TEST_RETRIEVAL, alpha: 0 });
    const vectorOnly = await top('dang ky khai sinh', { ...TEST_RETRIEVAL, alpha: 1 });
    expect(bm25Only.id).toBe('dang-ky-khai-sinh');
    expect(vectorOnly.id).toBe('dang-ky-khai-sinh');
    const rrf = await top('dang ky khai sinh', { ...TEST_RETRIEVAL, fusion: 'rrf' });
    expect(rrf.id).toBe('dang-ky-khai-sinh');
  });

  it('returns the matching sections of the document, best first, without the profile chunk', async () => {
    const { r } = await top('tài khoản vneid bị khóa thì làm sao');
    expect(r.documents[0].docId).toBe('vneid-su-co');
    expect(r.documents[0].chunks[0].chunk.section).toBe('Tài khoản bị khóa');
    expect(r.documents[0].chunks.every((c) => !c.chunk.profile)).toBe(true);
  });

  it('corrects a one-letter typo against the corpus vocabulary', () => {
    expect(closestTerm('ngiep', ['nghiep', 'nghe'])).toBe('nghiep');
    expect(closestTerm('cuoc', ['cuoc'])).toBe('cuoc');
    expect(closestTerm('ab', ['abc'])).toBeUndefined();
  });
});
