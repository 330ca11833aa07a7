import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { decideGrounding, queryCoverage } from '../../src/retrieval/grounding.js';
import { retrieve } from '../../src/retrieval/hybrid.js';
import { closestTerm } from '../../src/retrieval/typo.js';
import { normalizeQuestion } from '../../src/text/question.js';
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

  it('a document that stands out clearly grounds a question in the citizen’s own words; a close second, a weaker score or too few shared words do not', () => {
    const q = normalizeQuestion('con tôi mới đẻ ở nhà, chưa có giấy gì, giờ đi làm giấy cho cháu thế nào');
    const coverage = queryCoverage(kb.snapshot, q, new Map(), 'dang-ky-khai-sinh', TEST_RETRIEVAL.grounding);
    expect(coverage).toBeGreaterThan(0.1);
    // only the clear-winner rule can ground here
    const opts = { ...TEST_RETRIEVAL.grounding, minCoverage: 1, strongScore: 10, clearScore: 0.7, clearMargin: 0.75, clearMinCoverage: coverage - 0.05 };
    const grounded = (top: number, second: number, o = opts) => decideGrounding(kb.snapshot, q, 'dang-ky-khai-sinh', top, second, new Map(), o).grounded;
    expect(grounded(0.72, 0.4)).toBe(true);
    expect(grounded(0.72, 0.6)).toBe(false);
    expect(grounded(0.65, 0.3)).toBe(false);
    expect(grounded(0.72, 0.4, { ...opts, clearMinCoverage: coverage + 0.05 })).toBe(false);
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
