import { describe, expect, it } from 'vitest';
import { questionTypes } from '../../src/answer/question-types.js';
import { countedBy } from '../../src/answer/rank.js';
import { asksContact } from '../../src/answer/extractive.js';
import { normalizeQuestion } from '../../src/text/question.js';
import { plainFolded } from '../../src/text/vietnamese.js';
import { answerFixture } from '../helpers/answer-fixture.js';

// A procedure that costs nothing ("không mất lệ phí") and pays money, named after the money (its name's words
// are then no part of what a question asks): one amount stated with its name, one only said to be set by the
// government, an amount of another benefit in its legal-basis line, and a case with a time of its own.
// It joins the answer fixtures, so that retrieval has a corpus to weigh words against.
const { ask } = answerFixture('received-money');
const counted = (s: string) => countedBy(normalizeQuestion(s), questionTypes(normalizeQuestion(s)).types);
const f = (s: string) => plainFolded(s);

describe('the figure of the citizen’s case', () => {
  it('comes before the procedure’s general one when the best part is in a section of that case', async () => {
    const { ctx, first } = await ask('bố tôi mất ở nước ngoài thì làm hỗ trợ mai táng mất bao lâu');
    expect(ctx.status).toBe('answered');
    expect(first).toMatch(/^truong hop nay xa tra ket qua sau 15 ngay/);
    // near miss: no case stated, the procedure's own time first
    const plain = await ask('làm hỗ trợ mai táng mất bao lâu');
    expect(plain.first).toMatch(/^thoi gian giai quyet 5 ngay lam viec/);
  });
});

describe('a phone number or an address asked', () => {
  it('is answered by a part that gives one, else "the guidance does not say" (not the office\'s name as if it were the number)', async () => {
    const stated = await ask('hỏi thêm về trợ cấp mai táng thì số điện thoại tổng đài là số mấy');
    expect(stated.ctx.status).toBe('answered');
    expect(stated.first).toMatch(/^hoi them qua tong dai cong dich vu cong quoc gia 18001096/);
    const none = await ask('số điện thoại của bộ phận một cửa xã làm hỗ trợ mai táng là số nào');
    expect(none.ctx.status).toBe('not_covered');
    expect(none.visible).toContain('chưa nói về «số điện thoại … là số nào»');
  });

  it('near misses: the citizen\'s own phone number or address is not a contact asked', () => {
    const asks = (s: string) => asksContact(normalizeQuestion(s));
    expect(asks('so dien thoai trung tam tro giup phap ly la so may')).toBeDefined();
    expect(asks('trung tâm ở số nhà mấy, đường nào')).toBeDefined();
    expect(asks('đổi số điện thoại trên VNeID thì làm gì')).toBeUndefined();
    expect(asks('số điện thoại đăng ký đã mất sim thì đổi số ở đâu')).toBeUndefined();
    expect(asks('thay đổi địa chỉ trên căn cước ở đâu')).toBeUndefined();
  });
});

describe('which day of a month or week ("ngày mấy mỗi tháng")', () => {
  it('is answered by a part naming the day, else "the guidance does not say", not by a number of days', async () => {
    const paid = await ask('trợ cấp cho thân nhân người mất được trả vào ngày mấy mỗi tháng');
    expect(paid.ctx.status).toBe('answered');
    expect(paid.first).toMatch(/^tro cap hang thang duoc xa chi tra vao dau thang/);
    const none = await ask('đăng ký tạm trú nộp vào ngày nào trong tuần');
    expect(none.ctx.status).toBe('not_covered');
    expect(none.visible).toContain('chưa nói về «ngày nào trong tuần»');
    expect(none.visible).not.toContain('3 ngày làm việc');
  });
});

describe('money received ("trợ cấp … được bao nhiêu tiền")', () => {
  it('is not answered by what the procedure costs', () => {
    const received = counted('trợ cấp mai táng được bao nhiêu tiền')!;
    expect(received.received).toBe(true);
    expect(received.states(f('Đề nghị hỗ trợ chi phí mai táng không mất lệ phí.'), '')).toBe(false);
    expect(received.states(f('bằng 10 lần mức tham chiếu'), '')).toBe(true);
    expect(received.states(f('giảm 70% học phí'), 'giảm 70% học phí')).toBe(false);
    expect(received.states(f('bằng 75% tiền lương'), 'bằng 75% tiền lương')).toBe(true);
    // near misses: money paid ("mất", "lệ phí") is answered by nothing to pay
    const paid = counted('làm hồ sơ mai táng mất bao nhiêu tiền')!;
    expect(paid.received).toBeFalsy();
    const free = 'Đề nghị hỗ trợ chi phí mai táng không mất lệ phí.';
    expect(paid.states(f(free), free)).toBe(true);
    expect(counted('được hỗ trợ nhưng lệ phí bao nhiêu tiền')!.received).toBeFalsy();
    expect(counted('được hỗ trợ thì mất bao nhiêu tiền')!.received).toBeFalsy();
    // "người mất" is who died, not what it costs
    expect(counted('thân nhân người mất được bao nhiêu tiền')!.received).toBe(true);
  });

  it('is answered by the part that states the amount with the name of the money, not the fee first', async () => {
    const { ctx, first } = await ask('trợ cấp mai táng BHXH được bao nhiêu tiền');
    expect(ctx.status).toBe('answered');
    expect(first).toContain('10 lan muc tham chieu');
    expect(first).not.toMatch(/^le phi/);
  });

  it('when only who sets it is stated, says the guidance does not say, with that sentence (not "không mất lệ phí")', async () => {
    const { ctx, visible } = await ask('trợ cấp cho thân nhân người mất được bao nhiêu tiền');
    expect(ctx.status).toBe('not_covered');
    expect(visible).toContain('do Chính phủ quy định');
    expect(visible).not.toContain('Lệ phí');
  });

  it('is not answered by another amount in a line that names it ("… lương hưu; trợ cấp thai sản 2.000.000 đồng")', async () => {
    const { ctx, visible } = await ask('lương hưu được bao nhiêu tiền');
    expect(ctx.status).toBe('not_covered');
    expect(visible).toContain('«lương hưu được bao nhiêu tiền»');
    expect(visible).not.toContain('2.000.000');
  });

  it('near-miss: money paid for the procedure is answered by its fee', async () => {
    const { ctx, first } = await ask('làm hồ sơ hỗ trợ mai táng mất bao nhiêu tiền');
    expect(ctx.status).toBe('answered');
    expect(first).toContain('khong mat le phi');
  });
});
