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
  });

  it('is no list of steps for what a heading does not name: the warnings list does not half-answer how to deal with a strange link', async () => {
    const a = await ask('nhận tin nhắn có đường link lạ về VNeID thì xử lý thế nào');
    expect(a.status).toBe('not_covered');
    expect(a.first).not.toContain('duong link la');
  });
});
