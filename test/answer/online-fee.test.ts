import { describe, expect, it } from 'vitest';
import { questionTypes } from '../../src/answer/question-types.js';
import { countedBy } from '../../src/answer/rank.js';
import { normalizeQuestion } from '../../src/text/question.js';
import { plainFolded } from '../../src/text/vietnamese.js';
import { answerFixture } from '../helpers/answer-fixture.js';

// Two real guides: the driving licence's fee is only "theo Thông tư 154/2025/TT-BTC" plus an exemption for
// "công dân số" doing it online; the residence confirmation (CT07) is free "cả nộp trực tiếp và trực tuyến".
const { ask } = answerFixture('online-fee');
const states = (question: string, text: string) => {
  const q = normalizeQuestion(question);
  return countedBy(q, questionTypes(q).types)!.states(plainFolded(text), text);
};

describe('an amount asked, and an exemption or cut only for doing it online', () => {
  it('the online exemption is not what it costs: "the guidance does not say", with who sets the fee', async () => {
    const { ctx, visible } = await ask('đổi bằng lái xe hết bao nhiêu tiền');
    expect(ctx.status).toBe('not_covered');
    expect(visible).toContain('chưa nói về «bằng lái xe hết bao nhiêu tiền»');
    expect(visible).toContain('theo Thông tư 154/2025/TT-BTC');
    expect(visible).not.toMatch(/được miễn/);
  });

  it('near miss: asked about doing it online, the exemption answers', async () => {
    const { ctx, first } = await ask('đổi bằng lái xe online hết bao nhiêu tiền');
    expect(ctx.status).toBe('answered');
    expect(first).toMatch(/^le phi le phi theo thong tu 154 2025 tt btc cong dan so doi cap lai truc tuyen duoc mien/);
  });

  it('near miss: free both in person and online is free', async () => {
    const { ctx, first } = await ask('làm giấy CT07 hết bao nhiêu tiền');
    expect(ctx.status).toBe('answered');
    expect(first).toMatch(/^le phi mien phi ca nop truc tiep va truc tuyen/);
  });

  it('each stretch on its own: an amount beside an online-only cut still counts', () => {
    const q = 'đổi căn cước hết bao nhiêu tiền';
    expect(states(q, 'Công dân số làm trực tuyến được miễn lệ phí.')).toBe(false);
    expect(states(q, 'Giảm 50% lệ phí khi nộp qua mạng.')).toBe(false);
    expect(states(q, 'Đổi 25.000 đồng; công dân số làm trực tuyến được miễn.')).toBe(true);
    expect(states(q, 'Miễn phí, cả nộp trực tiếp và trực tuyến.')).toBe(true);
    expect(states('đổi căn cước online hết bao nhiêu tiền', 'Công dân số làm trực tuyến được miễn lệ phí.')).toBe(true);
  });
});
