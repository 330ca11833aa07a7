import { describe, expect, it } from 'vitest';
import { answerFixture } from '../helpers/answer-fixture.js';

// A guide whose steps are a numbered list that never says "bước" or "cách", under a heading that names the
// trouble; and a numbered list of warnings under a heading that names nothing asked. Joins the answer fixtures,
// so that retrieval has a corpus to weigh words against.
const { ask } = answerFixture('numbered-steps');

describe('a numbered list is a sequence of steps', () => {
  it('answers "how" with the numbered steps under the heading that names what is asked', async () => {
    const a = await ask('quên mật khẩu VNeID thì làm sao');
    expect(a.status).toBe('answered');
    expect(a.first).toContain('bam quen mat khau');
    // the whole list, in order: no step left out between the ones quoted
    const steps = ['bam quen mat khau', 'nhap so dinh danh', 'nhap ma otp', 'dat mat khau moi'].map((s) => a.first.indexOf(s));
    expect(steps.every((at, i) => at >= 0 && (i === 0 || at > steps[i - 1]))).toBe(true);
  });

  it('quotes the step asked about first when the question asks about one step, not the whole list', async () => {
    const a = await ask('mật khẩu mới của VNeID phải đặt thế nào');
    expect(a.status).toBe('answered');
    const asked = a.first.indexOf('dat mat khau moi');
    const firstStep = a.first.indexOf('bam quen mat khau');
    expect(asked).toBeGreaterThanOrEqual(0);
    expect(firstStep === -1 || asked < firstStep).toBe(true);
  });

  it('is no list of steps for what a heading does not name: the warnings list does not half-answer how to deal with a strange link', async () => {
    const a = await ask('nhận tin nhắn có đường link lạ về VNeID thì xử lý thế nào');
    expect(a.status).toBe('not_covered');
    expect(a.first).not.toContain('duong link la');
  });
});
