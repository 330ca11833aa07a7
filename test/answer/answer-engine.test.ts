import path from 'node:path';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { newAnswerContext } from '../../src/answer/answer-service.js';
import { cannedReplies } from '../../src/answer/canned.js';
import { loadCatalogues } from '../../src/i18n/catalogue.js';
import type { Turn } from '../../src/answer/context.js';
import type { AnswerDeps } from '../../src/answer/deps.js';
import { passagesFor } from '../../src/answer/llm-context.js';
import { runPipeline } from '../../src/answer/pipeline.js';
import { questionTypes } from '../../src/answer/question-types.js';
import { asksQuantity, clausesOf, countedBy, focusOf, jointCoverage, rankUnits, statesNumber } from '../../src/answer/rank.js';
import { statesFigureFor } from '../../src/answer/extractive.js';
import { unitsOf } from '../../src/answer/units.js';
import { visibleLength, visibleText } from '../../src/answer/visible.js';
import { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { normalizeQuestion } from '../../src/text/question.js';
import { plainFolded } from '../../src/text/vietnamese.js';
import { tuning } from '../../src/tuning.js';
import { REPO_ROOT } from '../helpers/server.js';
import { TEST_RETRIEVAL } from '../helpers/retrieval.js';
import { fixtureKnowledgeBase, tempKnowledge } from '../helpers/fixtures.js';

// Five real procedures (copied from knowledge/, the căn cước one with checked `facts`).
const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'answers');
const BEFORE_LAST_DAY = Date.parse('2026-11-29T08:00:00+07:00');
const AFTER_LAST_DAY = Date.parse('2027-01-05T08:00:00+07:00');

let kb: KnowledgeBase;
let deps: AnswerDeps;
beforeAll(async () => {
  kb = fixtureKnowledgeBase(tempKnowledge(FIXTURE));
  await kb.refresh();
  deps = {
    snapshot: () => kb.snapshot,
    retrieval: TEST_RETRIEVAL,
    maxQuestionChars: 1000,
    maxSources: 3,
    llmTimeoutMs: 2000,
    logger: pino({ level: 'silent' }),
    now: () => BEFORE_LAST_DAY,
  };
});

const ask = (question: string, history: Turn[] = [], extra: Partial<AnswerDeps> = {}) => runPipeline(newAnswerContext(question, history), { ...deps, ...extra });
const turn = async (question: string, history: Turn[]) => {
  const ctx = await ask(question, history);
  history.push({ question, answer: ctx.answer, docId: ['answered', 'partial'].includes(ctx.status!) ? ctx.sources[0]?.id : undefined });
  return ctx;
};

describe('units below sections', () => {
  it('splits a section into its items and sentences, each with its section; a long item into its sentences', () => {
    const doc = kb.snapshot.docById.get('the-can-cuoc')!;
    const units = unitsOf(doc);
    const fee = units.filter((u) => u.section === 'Thời hạn và lệ phí');
    expect(fee.length).toBeGreaterThanOrEqual(4);
    expect(fee.every((u) => u.kind === 'item' && u.marker === '-')).toBe(true);
    const child = units.find((u) => u.text.startsWith('**Từ 6 đến dưới 14 tuổi:**'))!;
    expect(child.section).toBe('Trẻ em dưới 6 tuổi và từ 6 đến dưới 14 tuổi');
    // "Cấp mới: … Trẻ dưới 14 tuổi làm khi gia đình có nhu cầu." is one bullet of two sentences, two parts.
    const parts = units.filter((u) => u.section === 'Ai cần làm' && u.item === 0);
    expect(parts.map((u) => u.part)).toEqual([0, 1]);
  });
});

describe('question types', () => {
  const types = (q: string) => questionTypes(normalizeQuestion(q)).types;
  it('reads the kind of question, several at once', () => {
    expect(types('làm căn cước mất bao lâu, lệ phí bao nhiêu')).toEqual(expect.arrayContaining(['fee', 'time']));
    expect(types('thẻ căn cước là gì')).toContain('definition');
    expect(types('tạm trú với thông báo lưu trú khác nhau thế nào')).toContain('comparison');
    expect(types('hạn cuối gia hạn tạm trú là khi nào')).toContain('deadline');
    // "tháng mấy" asks when; "kiểu gì" how; "ai quyết" who decides
    expect(types('tháng mấy thì đăng ký nghĩa vụ quân sự')).toContain('deadline');
    expect(types('mẹ không biết chữ thì ký kiểu gì')).toContain('steps');
    expect(types('ông bà nội với ông bà ngoại tranh nhau làm giám hộ thì ai quyết')).toContain('where');
    // near misses: "mấy tháng" asks how many, not which month; "kiểu gì" after a specific ask ("giấy tờ") is not the steps
    expect(types('thẻ dùng được mấy tháng')).not.toContain('steps');
    expect(questionTypes(normalizeQuestion('thẻ dùng được mấy tháng')).cueStarts.length).toBeGreaterThan(0);
    expect(types('ký giấy tờ kiểu gì')).not.toContain('steps');
    // "được trả tiền" is money received, not a fee; "phải trả tiền" is a fee
    expect(types('trợ cấp người già có được trả tiền truy lĩnh không')).not.toContain('fee');
    expect(types('làm căn cước có phải trả tiền không')).toContain('fee');
    // "là ai" asks who, not what a term means
    expect(types('người giám hộ đương nhiên là ai')).toContain('who');
    expect(types('người giám hộ đương nhiên là ai')).not.toContain('definition');
  });
  it('"phải <làm việc> trong mấy ngày / bao lâu" asks a deadline, not how long the office takes', () => {
    expect(types('làm mất giấy đi Lào thì phải trình báo trong mấy ngày')).toContain('deadline');
    expect(types('làm mất giấy đi Lào thì phải trình báo trong mấy ngày')).not.toContain('time');
    expect(types('bán xe rồi bắt buộc nộp lại giấy đăng ký trong vòng bao lâu')).toContain('deadline');
    // near misses: waiting or taking that long is the processing time; "mấy ngày" alone stays time
    expect(types('làm hộ chiếu phải chờ trong mấy ngày')).toContain('time');
    expect(types('làm hộ chiếu phải chờ trong mấy ngày')).not.toContain('deadline');
    expect(types('cấp giấy đi Lào phải mất trong bao lâu')).not.toContain('deadline');
    expect(types('nộp hồ sơ giấy đi Lào mấy ngày thì có')).toContain('time');
  });
  it('"bằng cách nào" asks for the steps; its "bằng" is not what is asked about', () => {
    const typed = questionTypes(normalizeQuestion('không dùng điện thoại thông minh thì báo lưu trú bằng cách nào'));
    expect(typed.types).toContain('steps');
    expect(typed.cueTokens.has('bang')).toBe(true);
    // near miss: "bằng" of what is asked about ("bằng tiếng Lào") stays a word of the question
    expect(questionTypes(normalizeQuestion('nộp giấy tờ bằng tiếng Lào được không')).cueTokens.has('bang')).toBe(false);
  });
  it('"thời hạn sử dụng bao lâu" asks how long a paper is valid, not how long it takes', () => {
    expect(types('bản sao trích lục có thời hạn sử dụng bao lâu')).toEqual(['deadline']);
    // near miss: how long the office takes
    expect(types('làm bản sao trích lục mất bao lâu')).toEqual(['time']);
  });
  it('"trước mấy giờ", "trước bao lâu" ask by when (a deadline)', () => {
    expect(types('báo lưu trú trước mấy giờ')).toContain('deadline');
    expect(types('gia hạn tạm trú phải làm trước bao lâu')).toContain('deadline');
    // "mấy ngày phải …" asks by when it must be done, not how long the office takes
    expect(types('thuê trọ thì mấy ngày phải đăng ký tạm trú')).toContain('deadline');
    expect(types('công chứng xong thì trong bao nhiêu ngày phải đi sang tên')).toContain('deadline');
    expect(types('đăng ký tạm trú mất mấy ngày thì có')).not.toContain('deadline');
    // "sáng nộp chiều lấy được không" asks how long it takes; "sáng mai đi nộp" alone does not
    expect(types('chứng thực sao y sáng nộp chiều lấy được không')).toContain('time');
    expect(types('sáng mai đi nộp chứng thực sao y được không')).not.toContain('time');
    // near misses: "mấy giờ" alone is when something is ready; "trước" of a past event asks nothing of a deadline
    expect(types('mấy giờ thì có kết quả')).not.toContain('deadline');
    expect(types('trước đây đã đăng ký tạm trú thì giờ làm gì')).not.toContain('deadline');
  });
  it('"như thế nào" is the steps only when nothing more specific is asked', () => {
    expect(types('đăng ký tạm trú như thế nào')).toEqual(['steps']);
    expect(types('cơ quan nào cấp hộ chiếu như thế nào')).toEqual(['where']);
  });
  it('"miễn phí" describing what is wanted is not a fee question; asked about, it is', () => {
    expect(types('tôi muốn tìm luật sư miễn phí')).not.toContain('fee');
    expect(types('làm căn cước có miễn phí không')).toContain('fee');
  });
  it('"bắt buộc" makes a yes/no question, not a question about who', () => {
    expect(types('có bắt buộc phải đưa cháu đi không')).toEqual(['yesno']);
  });
  it('"gồm những gì" asks for the papers; "nộp cho ai", "đăng ký với ai" for the place', () => {
    expect(types('hồ sơ chuyển trường gồm những gì')).toContain('papers');
    expect(types('làm đơn xin hỗ trợ nộp cho ai')).toContain('where');
    expect(types('hộ nghèo muốn làm nhà thì đăng ký với ai')).toContain('where');
    // near miss: "ai" as the subject asks who may do it, not where
    expect(types('ai được đăng ký tạm trú')).not.toContain('where');
  });
});

describe('what a question asks', () => {
  it('a question for a number is answered by a number, nothing to pay, or who sets the amount; not by a place', () => {
    expect(asksQuantity(normalizeQuestion('vốn tối thiểu bao nhiêu'))).toBe(true);
    expect(asksQuantity(normalizeQuestion('con bao nhiêu tuổi thì làm căn cước'))).toBe(false);
    const says = (text: string) => statesNumber(plainFolded(text));
    expect(says('Lệ phí 50.000 đồng')).toBe(true);
    expect(says('Được miễn lệ phí')).toBe(true);
    expect(says('Lệ phí do Bộ Tài chính quy định, mức cụ thể xem trên Cổng')).toBe(true);
    expect(says('Nộp hồ sơ tại UBND xã nơi cư trú')).toBe(false);
    expect(says('Làm theo quy định')).toBe(false);
    expect(says('Mức vay, lãi suất do NHCSXH công bố')).toBe(true);
  });
  it('an amount or a count written in words is a number; "một số ngày" is not', () => {
    const says = (text: string) => statesNumber(plainFolded(text));
    expect(says('Lệ phí một trăm nghìn đồng')).toBe(true);
    expect(says('Trong vòng mười lăm ngày')).toBe(true);
    expect(says('Mang hai bản sao')).toBe(true);
    expect(says('được nghỉ và hưởng một số ngày')).toBe(false);
    expect(says('lao động nam có vợ sinh con')).toBe(false);
  });
  it('chat shorthand ("lm", "cn", "bao nhiu") is not what is asked; "bao nhiu tiền" asks an amount', () => {
    const words = (question: string) => focusFor(question, 'the-can-cuoc').words.filter((w) => !w.hint).map((w) => w.folded);
    expect(words('lm the can cuoc cho be cn nhung giay to j')).not.toEqual(expect.arrayContaining(['lm']));
    expect(words('lm the can cuoc cho be cn nhung giay to j')).not.toEqual(expect.arrayContaining(['cn']));
    expect(asksQuantity(normalizeQuestion('lam cccd mat bao nhiu tien'))).toBe(true);
    expect(questionTypes(normalizeQuestion('lam cccd mat bao nhiu tien')).types).toContain('fee');
    // near miss: the words around the shorthand stay what is asked
    expect(words('lm the can cuoc o cong an xa nao')).toContain('cong');
  });
  it('unaccented "thi" of an exam ("thi lại", "điểm thi") starts no clause; "thi" between two clauses does', () => {
    const clauses = (s: string) => Math.max(...clausesOf(normalizeQuestion(s))) + 1;
    expect(clauses('thi lai bang lai xe may bi mat diem thi dang ky o dau')).toBe(1);
    expect(clauses('o tro thi co phai khai bao tam tru khong')).toBe(2);
  });
  it('"vì sao", "tại sao" and a "vì" clause\'s "vì" ask why: they are not what is asked about; "vi phạm" is', () => {
    const words = (question: string) => focusFor(question, 'the-can-cuoc').words.filter((w) => !w.hint).map((w) => w.folded);
    expect(words('the can cuoc bi thu hoi vi sao')).not.toContain('vi');
    expect(words('thẻ căn cước bị thu hồi tại sao')).not.toContain('tai');
    expect(words('xin cấp lại thẻ căn cước vì bị chuột cắn')).not.toContain('vi');
    expect(words('thẻ căn cước bị thu hồi do vi phạm gì')).toContain('vi');
  });
  it('the words that ask for a number ("mấy tháng", "bao nhiêu phần trăm") are not what is asked about; "xe máy" is', () => {
    const words = (question: string) => focusFor(question, 'the-can-cuoc').words.filter((w) => !w.hint).map((w) => w.folded);
    expect(words('làm căn cước được giảm bao nhiêu phần trăm')).not.toEqual(expect.arrayContaining(['phan']));
    expect(words('căn cước dùng được mấy tháng')).not.toContain('may');
    expect(words('bán xe máy có phải đổi căn cước không')).toContain('may');
  });
  it('a part that holds all that is asked answers a fee, time or deadline question by its figure, a date or what it depends on', () => {
    const states = (type: 'fee' | 'time' | 'deadline', text: string) => statesFigureFor(type, plainFolded(text));
    expect(states('deadline', 'Luật có hiệu lực từ ngày 1/1/2026.')).toBe(true);
    expect(states('time', 'Thời gian hoàn tiền tùy ngân hàng và cơ quan thu.')).toBe(true);
    expect(states('fee', 'Phí 8.000 đồng một bản.')).toBe(true);
    // near misses: a law's number is no date, a place no duration, "theo quy định" no amount
    expect(states('deadline', 'Trước đó theo Nghị định 13/2023/NĐ-CP.')).toBe(false);
    expect(states('time', 'Nộp ở UBND xã nơi cư trú.')).toBe(false);
    expect(states('fee', 'Mức đóng theo quy định.')).toBe(false);
  });
  it('chat words of two syllables ("hàng xóm", "công ty", "cây số") are not what is asked; "hàng" alone may be', () => {
    const words = (question: string) => focusFor(question, 'the-can-cuoc').words.map((w) => w.folded);
    expect(words('nhờ hàng xóm đi làm căn cước hộ được không')).not.toContain('hang');
    expect(words('làm căn cước ở công ty có được không')).not.toContain('ty');
    expect(words('căn cước có dùng ở ngân hàng được không')).toContain('hang');
  });
  it('a situation that lacks something ("chưa có …") lifts the part about it missing and lowers the part that assumes it ("đã có …")', () => {
    const doc = kb.snapshot.docById.get('ho-chieu')!;
    const rankedFor = (question: string) => {
      const q = normalizeQuestion(question);
      const typed = questionTypes(q);
      return rankUnits(kb.snapshot, q, doc, focusOf(kb.snapshot, q, typed, doc), typed.types);
    };
    const placeOf = (question: string, start: string) => rankedFor(question).findIndex((r) => r.unit.text.startsWith(start));
    const scoreOf = (question: string, start: string) => rankedFor(question).find((r) => r.unit.text.startsWith(start))!.score;
    const assumes = 'Ai đã có thẻ căn cước gắn chip';
    expect(scoreOf('chưa có thẻ căn cước gắn chip thì làm hộ chiếu ở đâu', assumes)).toBeLessThan(scoreOf('có thẻ căn cước gắn chip thì làm hộ chiếu ở đâu', assumes) - 0.5);
    expect(placeOf('có thẻ căn cước gắn chip thì làm hộ chiếu ở đâu', assumes)).toBe(0);
    const lacks = 'Trẻ chưa có số định danh';
    expect(placeOf('con tôi chưa có số định danh thì làm hộ chiếu cần giấy gì', lacks)).toBe(0);
    // near miss: the same words without "chưa" give the part no lift
    expect(scoreOf('con tôi chưa có số định danh thì làm hộ chiếu cần giấy gì', lacks)).toBeGreaterThan(scoreOf('con tôi có số định danh thì làm hộ chiếu cần giấy gì', lacks) + 0.5);
  });

  it('what is asked may be spread over two parts: they cover it together, an unrelated part adds nothing', () => {
    const q = normalizeQuestion('lấy vân tay rồi có phải trả cước bưu điện không');
    const doc = kb.snapshot.docById.get('the-can-cuoc')!;
    const typed = questionTypes(q);
    const focus = focusOf(kb.snapshot, q, typed, doc);
    const ranked = rankUnits(kb.snapshot, q, doc, focus, typed.types);
    const part = (re: RegExp) => ranked.find((r) => re.test(r.unit.text))!;
    const fingerprints = part(/lấy vân tay, mống mắt \(từ đủ 6 tuổi\)/);
    const post = part(/phải trả cước bưu điện/);
    const other = part(/Luật Căn cước số 26/);
    expect(jointCoverage(focus, [fingerprints])).toBeLessThan(tuning().answer.focusCovered);
    expect(jointCoverage(focus, [fingerprints, post])).toBeGreaterThan(0.9);
    expect(jointCoverage(focus, [fingerprints, other])).toBe(jointCoverage(focus, [fingerprints]));
  });
  const focusFor = (question: string, docId: string) => {
    const q = normalizeQuestion(question);
    const doc = kb.snapshot.docById.get(docId)!;
    return focusOf(kb.snapshot, q, questionTypes(q), doc);
  };
  it('the clauses before the one that asks tell the situation; the asking clause is what is asked', () => {
    const f = focusFor('bố mẹ cháu đi làm ăn xa, ông bà nuôi, muốn đăng ký tạm trú cho cháu thì cần giấy tờ gì', 'dang-ky-tam-tru');
    const ctx = f.words.filter((w) => w.context).map((w) => w.folded);
    expect(ctx).toEqual(expect.arrayContaining(['nuoi']));
    // near miss: one clause, nothing is mere situation
    expect(focusFor('ông bà nuôi cháu có đăng ký tạm trú cho cháu được không', 'dang-ky-tam-tru').words.some((w) => w.context)).toBe(false);
  });
});

describe('answers that answer', () => {
  it('puts the asked fact first, within the length budget, with the card and the source in its field', async () => {
    const r = await ask('đổi căn cước mất bao nhiêu tiền');
    expect(r.status).toBe('answered');
    const visible = visibleText(r.answer);
    expect(visible.slice(0, 120)).toContain('Lệ phí');
    expect(visible.slice(0, 200)).toContain('15.000 đồng');
    expect(r.answer).toContain('(áp dụng đến 31/12/2026)');
    expect(r.facts).toEqual([{ kind: 'fee', text: expect.stringContaining('15.000'), validUntil: '2026-12-31' }]);
    expect(visibleLength(r.answer)).toBeLessThanOrEqual(tuning().answer.maxChars);
    expect(r.answer).not.toMatch(/Nguồn\s*:/);
    expect(r.sources[0]).toMatchObject({ id: 'the-can-cuoc' });
  });

  it('after a figure’s last day, says it may have changed and where to ask instead of stating it', async () => {
    const r = await ask('đổi căn cước mất bao nhiêu tiền', [], { now: () => AFTER_LAST_DAY });
    expect(r.answer).toContain('nay mức này có thể đã thay đổi');
    expect(r.answer).toContain('Công an cấp xã');
    expect(r.facts).toEqual([]);
  });

  it('re-picks the part about the asked case (a child of 8 must be brought; under 6, not)', async () => {
    const eight = await ask('con tôi 8 tuổi làm căn cước có phải đưa cháu đi lấy vân tay không');
    expect(visibleText(eight.answer).slice(0, 400)).toMatch(/đưa cháu đến/);
    const five = await ask('làm căn cước cho con 5 tuổi có phải đưa cháu đi không');
    expect(visibleText(five.answer).slice(0, 400)).toMatch(/Không phải đưa cháu đi/);
  });

  it('a yes/no answer that differs by a case the question does not state gives each case and asks which one', async () => {
    const r = await ask('làm căn cước cho con có phải đưa cháu đi không');
    expect(r.status).toBe('answered');
    const text = visibleText(r.answer);
    expect(text).toMatch(/^Tùy trường hợp:/);
    expect(text).toMatch(/không phải đưa cháu đi/i);
    expect(text).toContain('cha, mẹ đưa cháu đến');
    expect(text).toMatch(/Bà con ở trường hợp nào: dưới 6 tuổi hay từ 6 đến dưới 14 tuổi\?/);
    expect(visibleLength(r.answer.split('\n\nNếu chưa đúng')[0])).toBeLessThanOrEqual(tuning().answer.firstBlockChars);
    // near misses: the age is stated (the part for that age answers), or the guidance itself says "Không"
    const eight = await ask('con tôi 8 tuổi làm căn cước có phải đưa cháu đi lấy vân tay không');
    expect(eight.answer).not.toMatch(/trường hợp nào/);
    const under6 = await ask('làm căn cước cho con dưới 6 tuổi có phải đưa cháu đi không');
    expect(under6.answer).not.toMatch(/trường hợp nào/);
  });

  it('says honestly when the guidance does not cover what is asked, with the office and hotline, and pastes nothing else', async () => {
    const r = await ask('làm căn cước có được làm vào thứ bảy chủ nhật không');
    expect(r.status).toBe('not_covered');
    expect(r.answer).toMatch(/^Hướng dẫn «Cấp, đổi, cấp lại thẻ căn cước \(kể cả cho trẻ em\)» chưa nói về «[^»]*chủ nhật»/);
    expect(r.answer).toContain('Công an cấp xã');
    expect(r.answer).toContain('18001096');
    expect(visibleLength(r.answer)).toBeLessThan(400);
    expect(r.sources[0].id).toBe('the-can-cuoc');
    expect(r.followUps.length).toBeGreaterThan(0);
  });

  it('a number must be stated about what is asked, not be any figure of the guidance', async () => {
    // The guidance says the data must be corrected first, but not how long that takes; its 7 days are the card's.
    const r = await ask('thông tin trong dữ liệu dân cư bị sai thì sửa mất mấy ngày');
    expect(r.status).toBe('not_covered');
    expect(r.answer).toMatch(/chưa nói về «[^»]*mấy ngày»/);
    // near miss: the card's own processing time
    const card = await ask('làm căn cước mất mấy ngày');
    expect(card.status).toBe('answered');
    expect(visibleText(card.answer).slice(0, 200)).toContain('7 ngày làm việc');
  });

  it('in an English session, "the guidance does not say" and where to ask come from the English catalogue', async () => {
    const english = cannedReplies(loadCatalogues(path.join(REPO_ROOT, 'locales')).replies('en'));
    const question = 'làm căn cước có được làm vào thứ bảy chủ nhật không';
    const en = await runPipeline(newAnswerContext(question, [], undefined, undefined, english), deps);
    expect(en.status).toBe('not_covered');
    expect(en.answer).toMatch(/^The guidance “Cấp, đổi, cấp lại thẻ căn cước \(kể cả cho trẻ em\)” does not say anything about “[^”]*chủ nhật”\./);
    expect(en.answer).toContain('Where to ask: Công an cấp xã');
    expect(en.answer).toContain('**18001096**');
    expect(en.answer).not.toMatch(/Hướng dẫn|Bà con hỏi/);
    // near miss: the Vietnamese session keeps the Vietnamese lines
    const vi = await ask(question);
    expect(vi.answer).toMatch(/^Hướng dẫn «/);
    expect(vi.answer).toContain('Nơi hỏi: Công an cấp xã');
  });

  it('in an English session, fact labels, verdicts and the online link line come from the English catalogue', async () => {
    const english = cannedReplies(loadCatalogues(path.join(REPO_ROOT, 'locales')).replies('en'));
    const askEn = (question: string) => runPipeline(newAnswerContext(question, [], undefined, undefined, english), deps);
    const fee = await askEn('đổi căn cước mất bao nhiêu tiền');
    expect(fee.answer).toMatch(/\*\*Fee:\*\* 15\.000 đồng[^\n]*\(until 31\/12\/2026\)\./);
    const online = await askEn('đăng ký hộ kinh doanh online được không');
    expect(online.answer).toMatch(/^Yes\./);
    const partly = await askEn('làm hộ chiếu online được không');
    expect(partly.answer).toMatch(/^Partly:/);
    expect(partly.answer).toContain('**Online:** Can be filed online, but you still have to go to the office at least once.');
    expect(partly.answer).toMatch(/Online at: \[/);
    expect(fee.answer + online.answer + partly.answer).not.toMatch(/Lệ phí:|Được|Làm trực tuyến/);
    // near miss: the Vietnamese session keeps the Vietnamese words
    const vi = await ask('làm hộ chiếu online được không');
    expect(vi.answer).toMatch(/^Được một phần:/);
    expect(vi.answer).toContain('**Làm trực tuyến:** Nộp được trực tuyến');
    expect((await ask('đổi căn cước mất bao nhiêu tiền')).answer).toMatch(/\*\*Lệ phí:\*\* 15\.000 đồng[^\n]*\(áp dụng đến 31\/12\/2026\)\./);
  });

  it('a number asked and none in the guidance is "not covered"; a number there is quoted', async () => {
    const none = await ask('đăng ký hộ kinh doanh thì vốn tối thiểu phải có bao nhiêu');
    expect(none.status).toBe('not_covered');
    expect(none.answer).toMatch(/chưa nói về «[^»]*bao nhiêu»/);
    // near miss: the fee is stated, with its figure
    const fee = await ask('làm hộ chiếu hết bao nhiêu tiền');
    expect(fee.status).toBe('answered');
    expect(visibleText(fee.answer).slice(0, 400)).toMatch(/\d/);
  });

  it('how long a paper stays valid is answered only by a part that says so, not by how long it takes to get', async () => {
    const none = await ask('giấy chứng nhận hộ kinh doanh có giá trị bao lâu');
    expect(none.status).toBe('not_covered');
    expect(none.answer).toMatch(/chưa nói về «có giá trị bao lâu»/);
    expect(none.answer).not.toContain('3 ngày làm việc');
    // near misses: a term stated ("thời hạn 10 năm", "dài nhất là 2 năm"), and how long it takes asked as such
    const passport = await ask('hộ chiếu có giá trị trong bao lâu');
    expect(visibleText(passport.answer)).toMatch(/^Hộ chiếu cho người từ đủ 14 tuổi có thời hạn 10 năm/);
    const stay = await ask('tạm trú dùng được bao lâu thì hết hạn');
    expect(visibleText(stay.answer)).toMatch(/^Thời hạn tạm trú dài nhất là 2 năm/);
    const takes = await ask('làm hộ kinh doanh mất bao lâu');
    expect(takes.status).toBe('answered');
    expect(visibleText(takes.answer).slice(0, 200)).toContain('3 ngày làm việc');
  });

  it('a number asked of the office that collects it is the fee: "công an xã thu bao nhiêu tiền"', async () => {
    // "công an xã" is the office that collects it, not in the fee's line
    const collector = await ask('công an xã thu bao nhiêu tiền khi đăng ký tạm trú');
    expect(collector.status).toBe('answered');
    expect(visibleText(collector.answer).slice(0, 400)).toMatch(/\d+\.000 đồng/);
    // near miss: another thing done, in its own clause, is still asked ("bị sai thì sửa")
    const fix = await ask('hộ chiếu bị sai thì sửa hết bao nhiêu tiền');
    expect(fix.status).toBe('not_covered');
    expect(fix.answer).toMatch(/chưa nói về «sửa hết bao nhiêu tiền»/);
    // "there is no minimum" answers "bao nhiêu"; a figure of another thing does not
    expect(statesNumber(plainFolded('số vốn (tự kê khai, không có mức tối thiểu)'))).toBe(true);
    expect(statesNumber(plainFolded('số vốn do chủ hộ tự kê khai'))).toBe(false);
  });

  it('what the asked number counts must be what the part states: "mấy ảnh", "bao nhiêu cán bộ" are not answered by any figure', async () => {
    // The passport's papers say "Ảnh 4x6 cm chụp không quá 6 tháng" but not how many photos.
    const photos = await ask('làm hộ chiếu cần mấy ảnh');
    expect(photos.status).toBe('not_covered');
    expect(photos.answer).toMatch(/chưa nói về «[^»]*mấy ảnh»/);
    const staff = await ask('công an xã có bao nhiêu cán bộ làm căn cước');
    expect(staff.status).toBe('not_covered');
    // near misses: days, money and a processing time in another unit are stated
    const days = await ask('làm hộ chiếu mất bao nhiêu ngày');
    expect(days.status).toBe('answered');
    expect(visibleText(days.answer).slice(0, 400)).toMatch(/8 ngày làm việc/);
    const money = await ask('làm căn cước cho con 15 tuổi bao nhiêu tiền');
    expect(visibleText(money.answer).slice(0, 400)).toMatch(/\d+\.000 đồng/);
    // how long it takes is the procedure's time, whatever words come before ("bị hỏng" is not in the time's line)
    const broken = await ask('cấp lại thẻ căn cước bị hỏng mất mấy ngày');
    expect(broken.status).toBe('answered');
    expect(visibleText(broken.answer).slice(0, 400)).toContain('7 ngày làm việc');
    const months = await ask('làm hộ chiếu mất mấy tháng');
    expect(months.status).toBe('answered');
    expect(visibleText(months.answer).slice(0, 400)).toMatch(/8 ngày làm việc/);
  });

  it('an amount of money asked and only who sets it in the guidance: "does not say", with that sentence and where to ask', async () => {
    const r = await ask('đăng ký hộ kinh doanh hết bao nhiêu tiền');
    expect(r.status).toBe('not_covered');
    const text = visibleText(r.answer);
    expect(text).toMatch(/^Hướng dẫn «Đăng ký thành lập hộ kinh doanh» chưa nói về «[^»]*bao nhiêu tiền»/);
    expect(text).toMatch(/Hội đồng nhân dân|có thể thay đổi/);
    expect(text).toContain('Nơi hỏi:');
    // near miss: an amount is stated
    const stated = await ask('đăng ký thường trú hết bao nhiêu tiền');
    expect(stated.status).toBe('answered');
    expect(visibleText(stated.answer).slice(0, 400)).toContain('20.000 đồng');
  });

  it('"X là gì" about the thing a guide is named after is answered by its first sentence; a term inside it is not', async () => {
    const card = await ask('thẻ căn cước là gì');
    expect(visibleText(card.answer)).toMatch(/^Thẻ căn cước là giấy tờ tùy thân/);
    const stay = await ask('tạm trú là gì');
    expect(stay.status).toBe('answered');
    expect(visibleText(stay.answer)).toMatch(/^Khi bà con đến ở một nơi khác/);
    // near miss: "lưu trú" is a term the temporary-residence guide explains further down
    const other = await ask('lưu trú là gì');
    expect(visibleText(other.answer)).not.toMatch(/^Khi bà con đến ở một nơi khác/);
    expect(visibleText(other.answer).slice(0, 400)).toContain('lưu trú');
  });

  it('a yes/no question one item of a list answers gets that item, not the whole list; "cần giấy tờ gì" gets the list', async () => {
    const one = await ask('làm hộ chiếu cho con có cần mang bản sao giấy khai sinh không');
    expect(visibleText(one.answer)).toMatch(/^Hồ sơ cấp hộ chiếu phổ thông:\s*4\. Trẻ chưa có số định danh cá nhân: bản sao giấy khai sinh\./);
    expect(visibleText(one.answer)).not.toContain('Tờ khai mẫu TK01');
    // the item comes whole: its first sentence names the paper, the next one the case asked about
    const lost = await ask('hộ chiếu cũ bị mất thì làm hộ chiếu mới có cần mang đơn báo mất không');
    expect(visibleText(lost.answer)).toMatch(/^Hồ sơ cấp hộ chiếu phổ thông:\s*3\. Hộ chiếu cũ \(nếu đã có\)\. Nếu hộ chiếu cũ bị mất: kèm đơn báo mất/);
    // near miss: the papers asked for as a whole
    const list = await ask('làm hộ chiếu cần giấy tờ gì');
    expect(visibleText(list.answer)).toMatch(/1\. Tờ khai mẫu TK01[^]*2\. Ảnh 4x6/);
  });

  it('the counted thing is read after "bao nhiêu" / "mấy", only in the clause that asks', () => {
    const counted = (s: string) => countedBy(normalizeQuestion(s), questionTypes(normalizeQuestion(s)).types);
    const f = (s: string) => plainFolded(s);
    expect(counted('giấy xác nhận độc thân xin được mấy bản')!.states(f('Xin để kết hôn thì xã chỉ cấp 1 bản.'), '')).toBe(true);
    expect(counted('giấy xác nhận độc thân xin được mấy bản')!.states(f('Giấy có giá trị 6 tháng.'), '')).toBe(false);
    expect(counted('học sinh bán trú được hỗ trợ bao nhiêu gạo')!.states(f('15 kg gạo mỗi tháng'), '')).toBe(true);
    expect(counted('nghỉ thai sản được mấy tháng')!.states(f('chậm nhất 45 ngày kể từ ngày hết thời gian nghỉ'), '')).toBe(false);
    expect(counted('nghỉ thai sản được mấy tháng')!.states(f('người nhận con nuôi dưới 6 tháng tuổi'), '')).toBe(false);
    expect(counted('giảm bao nhiêu phần trăm')!.states(f('giảm 50%'), 'giảm 50%')).toBe(true);
    expect(counted('trợ cấp được bao nhiêu tiền')!.states(f('mức 500.000 đồng/tháng'), '')).toBe(true);
    expect(counted('trợ cấp được bao nhiêu tiền')!.states(f('theo Điều 53 Luật BHXH 2024'), '')).toBe(false);
    // "15 năm đóng" (years paid in) is not "five đồng"; a share of a wage is an amount
    expect(counted('rút bảo hiểm được bao nhiêu tiền')!.states(f('chưa đủ 15 năm đóng'), 'chưa đủ 15 năm đóng')).toBe(false);
    expect(counted('lương hưu được bao nhiêu tiền')!.states(f('bằng 45% bình quân tiền lương'), 'bằng 45% bình quân tiền lương')).toBe(true);
    // near misses: nothing said of what is counted, two numbers asked, a number in the situation's clause
    expect(counted('lệ phí là bao nhiêu')).toBeUndefined();
    expect(counted('mất mấy ngày, bao nhiêu tiền')).toBeUndefined();
    expect(counted('ông bà để lại đất cho mấy anh em, giờ sang tên cần giấy gì')).toBeUndefined();
  });

  it('"làm online được không" gets its verdict from the procedure’s online level', async () => {
    const whole = await ask('đăng ký hộ kinh doanh online được không');
    expect(whole.answer).toMatch(/^Được\./);
    const part = await ask('làm hộ chiếu online được không');
    expect(part.answer).toMatch(/^Được một phần:/);
    expect(visibleText(part.answer).slice(0, 400)).toContain('phải đến');
    // near miss: a yes/no the guidance does not decide gets no verdict
    const other = await ask('làm hộ chiếu có cần mang theo ảnh không');
    expect(other.answer).not.toMatch(/^(Được|Không)/);
  });

  it('a detail of the citizen’s situation does not make a clear question "not covered"', async () => {
    const r = await ask('toi muon mo quan bun o cho thi phai dang ky ho kinh doanh o dau');
    expect(r.status).toBe('answered');
    expect(r.sources[0].id).toBe('dang-ky-ho-kinh-doanh');
    expect(visibleText(r.answer).slice(0, 400)).toMatch(/xã|phường/);
  });

  it('one word of the situation alone, before the clause that asks, does not make the question "not covered"', async () => {
    const r = await ask('vừa cắt khẩu ở quê, giờ đăng ký thường trú thế nào');
    expect(r.status).toBe('answered');
    expect(r.sources[0].id).toBe('dang-ky-thuong-tru');
    expect(visibleText(r.answer).slice(0, 400)).toContain('VNeID');
    // near miss: the same word in the clause that asks is what is asked, and the guide does not say it
    const asked = await ask('đăng ký thường trú khi cắt khẩu thế nào');
    expect(asked.status).toBe('not_covered');
    expect(asked.answer).toContain('«cắt»');
  });

  it('answers two procedures asked together in two short blocks, citing both', async () => {
    const r = await ask('lệ phí đăng ký thường trú và tạm trú là bao nhiêu');
    expect(r.sources.map((s) => s.id).sort()).toEqual(['dang-ky-tam-tru', 'dang-ky-thuong-tru']);
    const first400 = visibleText(r.answer).slice(0, 400);
    expect(first400).toContain('20.000 đồng');
    expect(first400).toMatch(/15\.000 đồng|7\.000 đồng/);
    // near miss: one procedure that mentions another in passing is one answer
    const single = await ask('đăng ký tạm trú có cần giấy tờ chứng minh chỗ ở không');
    expect(single.sources.map((s) => s.id)).toEqual(['dang-ky-tam-tru']);
  });

  it('answers an English question from the Vietnamese guidance, saying so in English', async () => {
    const r = await ask('How do I get a passport in Son La?');
    expect(r.status).toBe('answered');
    expect(r.answer.startsWith('I answer in Vietnamese.')).toBe(true);
    expect(r.sources[0].id).toBe('ho-chieu');
    expect((await ask('what is the capital of australia')).status).not.toBe('answered');
  });
});

describe('follow-ups', () => {
  it('a follow-up with content words but no procedure stays on the document', async () => {
    const history: Turn[] = [];
    await turn('làm căn cước cho con 5 tuổi thế nào', history);
    const r = await turn('có phải đưa cháu đi không', history);
    expect(r.status).toBe('answered');
    expect(r.sources[0].id).toBe('the-can-cuoc');
    // near miss: the same words with no earlier answer are searched alone
    expect((await ask('có phải đưa cháu đi không')).topics?.followUp ?? false).toBe(false);
  });

  it('a follow-up naming another procedure switches and carries the kind of question', async () => {
    const history: Turn[] = [];
    await turn('đăng ký tạm trú cần giấy tờ gì', history);
    const r = await turn('còn thường trú thì sao', history);
    expect(r.sources[0].id).toBe('dang-ky-thuong-tru');
    expect(visibleText(r.answer).slice(0, 400)).toContain('CT01');
  });

  it('a chip asks for its whole section (with or without the conversation); chips never offer the section just shown', async () => {
    const first = await ask('đổi căn cước ở đâu');
    const labels = first.followUps.map((f) => f.split(': ').at(-1));
    expect(first.followUps.every((f) => f.startsWith('Cấp, đổi, cấp lại thẻ căn cước (kể cả cho trẻ em): '))).toBe(true);
    expect(labels).not.toContain('Nộp ở đâu');
    const chip = first.followUps.find((f) => f.endsWith(': Giấy tờ cần chuẩn bị'))!;
    expect(chip).toBeDefined();
    const r = await ask(chip);
    expect(r.status).toBe('answered');
    expect(r.answer).toContain('**Giấy tờ cần chuẩn bị**');
    expect(r.answer).toContain('Phiếu thu nhận thông tin căn cước');
    expect(r.followUps.some((f) => f.endsWith(': Giấy tờ cần chuẩn bị'))).toBe(false);
    // the bare label, after an answer about the procedure, asks for the same section
    const history: Turn[] = [{ question: 'đổi căn cước ở đâu', answer: first.answer, docId: 'the-can-cuoc' }];
    expect((await ask('Giấy tờ cần chuẩn bị', history)).answer).toContain('Phiếu thu nhận thông tin căn cước');
  });
});

describe('LLM context', () => {
  it('gives the model the structured facts and the selected parts first', async () => {
    const ctx = await ask('đổi căn cước mất bao nhiêu tiền');
    const passages = passagesFor(ctx, kb.snapshot, 3);
    expect(passages[0]).toMatchObject({ n: 1, docId: 'the-can-cuoc', section: 'Thông tin chính' });
    expect(passages[0].text).toContain('15.000 đồng');
    expect(passages[1].text).toContain(ctx.fallback!.units[0].text);
  });
});
