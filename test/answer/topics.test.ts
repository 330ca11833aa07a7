import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { chooseTopics, type Previous } from '../../src/answer/plan.js';
import { namesIn, procedureNames } from '../../src/answer/procedure-names.js';
import type { KnowledgeDoc } from '../../src/knowledge/schema.js';
import { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import type { RetrievalResult } from '../../src/retrieval/hybrid.js';
import { retrieve } from '../../src/retrieval/hybrid.js';
import { localEmbedderChoice } from '../../src/retrieval/index-store.js';
import type { KnowledgeSnapshot } from '../../src/retrieval/snapshot.js';
import { normalizeQuestion } from '../../src/text/question.js';
import { tuning } from '../../src/tuning.js';
import { TEST_RETRIEVAL } from '../helpers/retrieval.js';
import { REPO_ROOT } from '../helpers/server.js';

/** Only what procedure naming reads: titles, kinds and synonym groups. */
function namingSnapshot(titles: Record<string, string>, synonymGroups: string[][] = []): KnowledgeSnapshot {
  const docs = Object.entries(titles).map(([id, title]) => ({ id, title, kind: 'thu-tuc', sections: [] }) as unknown as KnowledgeDoc);
  return { docs, docById: new Map(docs.map((d) => [d.id, d])), synonymGroups } as unknown as KnowledgeSnapshot;
}

const named = (snapshot: KnowledgeSnapshot, question: string) =>
  namesIn(normalizeQuestion(question), procedureNames(snapshot)).map((h) => `${h.phrase}→${[...h.docIds].join(',')}`);

describe('how citizens name a procedure', () => {
  const snapshot = namingSnapshot(
    {
      'giay-phep-lai-xe': 'Đổi, cấp lại giấy phép lái xe (bằng lái)',
      'thay-doi-ho-tich': 'Thay đổi, cải chính, bổ sung thông tin hộ tịch',
      'ho-chieu': 'Làm hộ chiếu (passport) và báo mất hộ chiếu',
      'so-do': 'Cấp đổi, cấp lại sổ đỏ',
      'tra-cuu': 'Tra cứu hồ sơ đã nộp và nhận kết quả',
    },
    [['giấy phép lái xe', 'gplx', 'bằng lái', 'bằng lái xe']],
  );

  it('generic verbs are stripped with their diacritics, so a word that folds like one stays in the name', () => {
    // folded, "lái" is "lại", "sổ" is "số", "hộ" is "hỗ": the names used to lose them
    expect(named(snapshot, 'bằng lái hết hạn')).toEqual(['bang lai→giay-phep-lai-xe']);
    expect(named(snapshot, 'mất sổ đỏ')).toEqual(['so do→so-do']);
    expect(named(snapshot, 'làm hộ chiếu ở đâu')).toEqual(['ho chieu→ho-chieu']);
    // the generic verb itself still goes: "cấp lại" names nothing
    expect(named(snapshot, 'cấp lại ở đâu')).toEqual([]);
  });

  it('the document id is a name too: the short name its author chose for a long title', () => {
    expect(named(snapshot, 'tra cứu hồ sơ ở đâu')).toEqual(['tra cuu→tra-cuu']);
    const long = namingSnapshot({ 'tra-cuu-ho-so': 'Tra cứu hồ sơ đã nộp và nhận kết quả' });
    expect(named(long, 'tra cuu ho so va thanh toan')).toEqual(['tra cuu ho so→tra-cuu-ho-so']);
    // near-miss: part of the id is not a name
    expect(named(long, 'hồ sơ gồm những gì')).toEqual([]);
  });

  it('one everyday syllable left over from a longer title part names nothing', () => {
    expect(named(snapshot, 'bao lâu thì có bằng')).toEqual([]);
    expect(named(snapshot, 'bố mẹ làm thay được không')).toEqual([]);
    expect(named(snapshot, 'chiều nay có làm không')).toEqual([]);
    // near-misses: the whole parts still name their procedures
    expect(named(snapshot, 'cải chính ngày sinh')).toEqual(['cai chinh→thay-doi-ho-tich']);
    expect(named(snapshot, 'passport mất bao lâu')).toEqual(['passport→ho-chieu']);
  });
});

// Five real procedures (copied from knowledge/).
const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'answers');
let kb: KnowledgeBase;
beforeAll(async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'dvc-topics-'));
  cpSync(FIXTURE, path.join(root, 'knowledge'), { recursive: true });
  kb = new KnowledgeBase({ knowledgeDir: path.join(root, 'knowledge'), dataDir: path.join(root, 'data'), embedder: localEmbedderChoice(512), logger: pino({ level: 'silent' }) });
  await kb.refresh();
});

/** A retrieval result ranking the documents in this order (the rule under test, not the ranking, decides). */
function ranked(...ids: string[]): RetrievalResult {
  return {
    documents: ids.map((docId, i) => ({ docId, score: 0.9 - i * 0.1, chunks: [] })),
    grounded: true,
    coverage: 0.9,
    corrections: new Map(),
    timings: { lexicalMs: 0, vectorMs: 0, fuseMs: 0 },
  };
}

const choose = (question: string, retrieval: RetrievalResult, previous?: Previous) =>
  chooseTopics(kb.snapshot, normalizeQuestion(question), retrieval, previous, tuning().answer);

describe('which document a follow-up is about', () => {
  const afterCanCuoc: Previous = { docId: 'the-can-cuoc', types: ['where'] };
  const afterTamTru: Previous = { docId: 'dang-ky-tam-tru', types: ['papers'] };

  it('a message naming the previous procedure again stays on it, whatever retrieval ranks first', () => {
    const r = choose('đổi căn cước mất bao lâu', ranked('ho-chieu', 'the-can-cuoc'), afterCanCuoc);
    expect(r.topics.map((t) => t.docId)).toEqual(['the-can-cuoc']);
    expect(r.followUp).toBe(true);
    // near-miss: with no earlier answer the same ranking is followed
    expect(choose('đổi căn cước mất bao lâu', ranked('ho-chieu', 'the-can-cuoc')).topics[0].docId).toBe('ho-chieu');
  });

  it('a message naming a new procedure switches to that procedure, not to what retrieval ranks first, and carries the kind of question', () => {
    const r = choose('còn thường trú thì sao', ranked('the-can-cuoc', 'dang-ky-thuong-tru', 'dang-ky-tam-tru'), afterTamTru);
    expect(r.topics.map((t) => t.docId)).toEqual(['dang-ky-thuong-tru']);
    expect(r.followUp).toBe(false);
    expect(r.carryTypes).toEqual(['papers']);
  });

  it('a message with nothing but the kind of question stays on the previous answer, whatever retrieval ranks first', () => {
    // "bằng" asking by what means is not the licence: retrieval may rank another guide first for "trả bằng"
    for (const question of ['trả bằng gì', 'nộp tiền bằng cách nào']) {
      const r = choose(question, ranked('ho-chieu', 'the-can-cuoc'), afterCanCuoc);
      expect(r.topics.map((t) => t.docId)).toEqual(['the-can-cuoc']);
      expect(r.followUp).toBe(true);
    }
    // near-miss: a message about something else the previous guide does not cover goes where retrieval points
    expect(choose('bị mất ví ở chợ thì báo ai', ranked('ho-chieu', 'the-can-cuoc'), afterCanCuoc).topics[0].docId).toBe('ho-chieu');
  });

  it('a procedure retrieval does not rank at all is no switch: the message leans on the previous answer', () => {
    const r = choose('còn thường trú thì sao', ranked('the-can-cuoc', 'ho-chieu', 'dang-ky-ho-kinh-doanh'), afterTamTru);
    expect(r.topics.map((t) => t.docId)).toEqual(['dang-ky-tam-tru']);
    expect(r.followUp).toBe(true);
  });
});

describe('two procedures in one message', () => {
  const topicsOf = async (question: string) => {
    const q = normalizeQuestion(question);
    return choose(question, await retrieve(kb.snapshot, q, TEST_RETRIEVAL)).topics.map((t) => t.docId).sort();
  };

  it('"xong", "sau đó" and "lẫn" join two things asked, as "và" and "rồi" do', async () => {
    expect(await topicsOf('làm căn cước xong làm hộ chiếu cho con cần gì')).toEqual(['ho-chieu', 'the-can-cuoc']);
    expect(await topicsOf('đăng ký tạm trú sau đó làm hộ chiếu ở đâu')).toEqual(['dang-ky-tam-tru', 'ho-chieu']);
    expect(await topicsOf('căn cước lẫn hộ chiếu đều mất thì làm lại ở đâu')).toEqual(['ho-chieu', 'the-can-cuoc']);
  });

  it('"xong thì làm" is the next thing to do; "rồi thì" after something already had is not', async () => {
    expect(await topicsOf('làm căn cước cho con xong thì làm luôn hộ chiếu được không')).toEqual(['ho-chieu', 'the-can-cuoc']);
    expect(await topicsOf('có căn cước rồi thì làm hộ chiếu được không')).toEqual(['ho-chieu']);
  });

  it('a paper needed for the procedure is not a second thing asked; "lan" without diacritics is "lần", not "lẫn"', async () => {
    expect(await topicsOf('làm hộ chiếu có cần căn cước không')).toEqual(['ho-chieu']);
    expect(await topicsOf('ho chieu lan dau co can can cuoc khong')).toEqual(['ho-chieu']);
  });
});

describe('two procedures in one message: a name two documents share', () => {
  const snapshot = namingSnapshot(
    {
      'cong-nhan-ho-ngheo': 'Công nhận hộ nghèo, cận nghèo',
      'vay-von': 'Vay vốn ngân hàng chính sách (hộ nghèo, cận nghèo)',
      'khai-tu': 'Đăng ký khai tử',
      'mai-tang': 'Trợ cấp mai táng (khai tử)',
    },
    [['khai tử', 'giấy báo tử']],
  );
  const topicsOf = (question: string, retrieval: RetrievalResult) =>
    chooseTopics(snapshot, normalizeQuestion(question), retrieval, undefined, tuning().answer).topics.map((t) => t.docId);

  it('names the second procedure when another name is the first one\'s own and a word joins them', () => {
    // "cận nghèo" names both guides; "vay vốn ngân hàng chính sách" only the loan: "rồi" before it asks for both
    expect(topicsOf('làm sao để được công nhận cận nghèo rồi vay vốn ngân hàng chính sách', ranked('vay-von', 'cong-nhan-ho-ngheo'))).toEqual([
      'vay-von',
      'cong-nhan-ho-ngheo',
    ]);
  });

  it('not after a comma, nor after "rồi thì" (something already had), nor when every name also names the second', () => {
    expect(topicsOf('vay vốn ngân hàng chính sách, cận nghèo có được không', ranked('vay-von', 'cong-nhan-ho-ngheo'))).toEqual(['vay-von']);
    expect(topicsOf('được công nhận cận nghèo rồi thì vay vốn ngân hàng chính sách được không', ranked('vay-von', 'cong-nhan-ho-ngheo'))).toEqual([
      'vay-von',
    ]);
    expect(topicsOf('mẹ mất ở nhà không có giấy báo tử, giờ làm khai tử thế nào', ranked('khai-tu', 'mai-tang'))).toEqual(['khai-tu']);
  });
});

describe('a procedure asked about online, and the portal guide retrieval ranks first', () => {
  const snapshot = namingSnapshot({ 'dang-ky-ket-hon': 'Đăng ký kết hôn', 'ho-chieu': 'Làm hộ chiếu', 'nop-ho-so-truc-tuyen': 'Nộp hồ sơ trực tuyến' });
  (snapshot.docById.get('nop-ho-so-truc-tuyen') as { kind: string }).kind = 'huong-dan';
  const first = (question: string, retrieval: RetrievalResult) =>
    chooseTopics(snapshot, normalizeQuestion(question), retrieval, undefined, tuning().answer).topics[0]?.docId;

  it('goes to the procedure the question names when it asks about doing it online', () => {
    expect(first('đăng ký kết hôn trên dịch vụ công có được không', ranked('nop-ho-so-truc-tuyen', 'dang-ky-ket-hon'))).toBe('dang-ky-ket-hon');
    expect(first('lam ho chieu online duoc khong', ranked('nop-ho-so-truc-tuyen', 'ho-chieu'))).toBe('ho-chieu');
  });

  it('not for another kind of question, a procedure ranked past the third, or a guide the question names too', () => {
    expect(first('đăng ký kết hôn cần giấy gì', ranked('nop-ho-so-truc-tuyen', 'dang-ky-ket-hon'))).toBe('nop-ho-so-truc-tuyen');
    expect(first('lam ho chieu online duoc khong', ranked('nop-ho-so-truc-tuyen', 'dang-ky-ket-hon', 'x', 'ho-chieu'))).toBe('nop-ho-so-truc-tuyen');
    expect(first('nộp hồ sơ trực tuyến đăng ký kết hôn online thế nào', ranked('nop-ho-so-truc-tuyen', 'dang-ky-ket-hon'))).toBe('nop-ho-so-truc-tuyen');
  });
});

describe('two procedures in one message: a clause that only says who is asking', () => {
  const snapshot = namingSnapshot({ 'ly-hon': 'Ly hôn', 'the-bhyt': 'Thẻ BHYT miễn phí (dân tộc thiểu số, vùng khó khăn)' });
  const topicsOf = (question: string) =>
    chooseTopics(snapshot, normalizeQuestion(question), ranked('ly-hon', 'the-bhyt'), undefined, tuning().answer).topics.map((t) => t.docId);

  it('a name in an earlier clause that asks nothing is the situation, not a second thing asked', () => {
    expect(topicsOf('em là người dân tộc thiểu số ở xã khó khăn, ly hôn có được miễn án phí không')).toEqual(['ly-hon']);
    // folded, "dấu" is "đâu": typed with diacritics it asks nothing
    expect(topicsOf('tên trên thẻ bhyt miễn phí viết sai dấu, ly hôn có phải sửa không')).toEqual(['ly-hon']);
  });

  it('near-misses: an earlier clause that asks ("… không ạ", "… ở đâu") is a second question; so is a name in the same clause', () => {
    expect(topicsOf('dân tộc thiểu số có được thẻ bhyt miễn phí không ạ, ly hôn có mất án phí không')).toEqual(['ly-hon', 'the-bhyt']);
    expect(topicsOf('the bhyt mien phi lam o dau, ly hon thi sao')).toEqual(['ly-hon', 'the-bhyt']);
    expect(topicsOf('ly hôn và làm thẻ bhyt miễn phí ở đâu')).toEqual(['ly-hon', 'the-bhyt']);
  });
});
