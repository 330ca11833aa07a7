import { describe, expect, it } from 'vitest';
import { visibleText } from '../../src/answer/visible.js';
import { plainFolded } from '../../src/text/vietnamese.js';
import { answerFixture } from '../helpers/answer-fixture.js';

// Two guides whose compared terms each start a list item, with a part that names a term further in
// ("Công an xã/phường: đăng ký mức 2 …", ranked high for "mức 2") and a difference in an item's later sentence.
// A procedure whose count of photos is one item of its papers, ranked below parts about going to Laos.
// A procedure whose list of proofs has an introducing line and two items the question asks about apart.
// They join the answer fixtures, so that retrieval has a corpus to weigh words against.
const { ask } = answerFixture('quoted-parts');

describe('A và B khác nhau thế nào', () => {
  it('quotes the part that starts with each term, not one that names it further in', async () => {
    const { ctx, first, visible } = await ask('định danh mức 1 với mức 2 khác gì nhau');
    expect(ctx.status).toBe('answered');
    expect(ctx.sources[0]?.id).toBe('vneid-hai-muc');
    expect(first).toContain('muc 1 ba con tu dang ky tren dien thoai');
    expect(first).toContain('muc 2 dang ky tai cong an');
    expect(first).toContain('van tay');
    expect(visible).not.toContain('kích hoạt tài khoản mức 2');
  });

  it('two items that fit come whole, uncut (near-miss of the cut below)', async () => {
    const { visible } = await ask('định danh mức 1 với mức 2 khác gì nhau');
    expect(visible).toContain('Dùng được một số tiện ích.');
    expect(visible).toContain('nhiều thủ tục trực tuyến cần mức 2.');
    expect(visible).not.toContain('…');
  });

  it('the difference in an item’s later sentence is within the first block, the longer item cut to share it', async () => {
    const { ctx, first, visible } = await ask('toàn trình và một phần khác nhau thế nào');
    expect(ctx.sources[0]?.id).toBe('dvc-hai-loai');
    expect(first).toContain('deu lam tren mang');
    expect(first).toContain('van phai den co quan it nhat mot lan');
    expect([...visible].length).toBeLessThanOrEqual(400);
    // The list's introducing line once, and no bold mark left open by the cut.
    expect(ctx.answer.match(/một trong \*\*2 loại\*\*/g)).toHaveLength(1);
    expect((ctx.answer.match(/\*\*/g) ?? []).length % 2).toBe(0);
  });

  it('near-miss: a question that compares nothing still gets the part that names the term further in', async () => {
    const { first } = await ask('đăng ký định danh mức 2 ở đâu');
    expect(first).toContain('cong an xa phuong dang ky muc 2');
  });
});

describe('a thing counted ("cần mấy ảnh")', () => {
  it('is answered by the part that states that many of it, however low it ranks', async () => {
    const { ctx, first } = await ask('làm giấy thông hành biên giới sang Lào cần mấy ảnh');
    expect(ctx.status).toBe('answered');
    expect(ctx.sources[0]?.id).toBe('giay-di-lao');
    expect(first).toContain('2 anh 4x6');
  });

  it('near-miss: a guide that states no count of it still does not say, whatever other numbers it has', async () => {
    const { ctx } = await ask('đăng ký định danh mức 2 cần mấy ảnh');
    expect(ctx.status).toBe('not_covered');
  });
});

describe('a list quoted in parts', () => {
  it("shows a list's introducing line once when two of its items are quoted apart", async () => {
    const { ctx: r } = await ask('nhận con mà không có xét nghiệm ADN thì cần mấy người làm chứng');
    expect(r.sources[0].id).toBe('nhan-cha-me-con');
    const text = visibleText(r.answer);
    const intro = 'Chứng cứ chứng minh quan hệ cha, mẹ, con, một trong hai loại:';
    // near miss: the line is still shown, before the first of its items
    expect(text.split(intro).length - 1).toBe(1);
    expect(text.indexOf(intro)).toBeLessThan(text.indexOf('ADN'));
    expect(plainFolded(text.slice(0, 400))).toContain('hai nguoi lam chung');
  });
});
