import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { chooseTopics } from '../../src/answer/plan.js';
import { pointersOf } from '../../src/answer/pointers.js';
import { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { loadKnowledge, type LoadedKnowledge } from '../../src/knowledge/loader.js';
import { retrieve } from '../../src/retrieval/hybrid.js';
import { localEmbedderChoice } from '../../src/retrieval/index-store.js';
import { normalizeQuestion } from '../../src/text/question.js';
import { tuning } from '../../src/tuning.js';
import { loadEvalCases } from '../eval/cases.js';
import { TEST_RETRIEVAL } from '../helpers/retrieval.js';
import { REPO_ROOT } from '../helpers/server.js';

const KNOWLEDGE = path.join(REPO_ROOT, 'knowledge');
let loaded: LoadedKnowledge;
let kb: KnowledgeBase;

beforeAll(async () => {
  loaded = await loadKnowledge(KNOWLEDGE);
  kb = new KnowledgeBase({
    knowledgeDir: KNOWLEDGE,
    dataDir: mkdtempSync(path.join(tmpdir(), 'dvc-real-')),
    embedder: localEmbedderChoice(2048),
    logger: pino({ level: 'silent' }),
  });
  await kb.refresh();
});

describe('the knowledge folder', () => {
  it('every document validates and ids are unique', () => {
    expect(loaded.errors).toEqual([]);
    const ids = loaded.docs.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(40);
  });

  it('every figure of a document’s structured facts is also stated in its body (the short answer never says more than the guidance)', () => {
    const unstated: string[] = [];
    let figures = 0;
    for (const d of loaded.docs) {
      const body = d.sections.map((s) => s.text).join('\n');
      for (const [kind, fact] of Object.entries(d.facts ?? {})) {
        for (const figure of fact?.text.match(/\d[\d.,/]*\d|\d/g) ?? []) {
          figures++;
          if (!body.includes(figure)) unstated.push(`${d.id} ${kind}: ${figure}`);
        }
      }
    }
    expect(figures).toBeGreaterThan(50);
    expect(unstated).toEqual([]);
  });

  it('every official_url, reference and portal_url is an absolute https URL', () => {
    for (const d of loaded.docs) {
      expect(new URL(d.official_url).protocol, d.id).toBe('https:');
      for (const r of d.references) expect(new URL(r).protocol, d.id).toBe('https:');
      if (d.portal_url) expect(new URL(d.portal_url).protocol, d.id).toBe('https:');
    }
  });

  it('procedures carry the shared sections the answerer picks from', () => {
    for (const d of loaded.docs.filter((x) => x.kind === 'thu-tuc')) {
      const headings = d.sections.map((s) => s.heading);
      for (const h of ['Ai cần làm', 'Giấy tờ cần chuẩn bị', 'Thời hạn và lệ phí', 'Nộp ở đâu, ai hỗ trợ', 'Căn cứ pháp lý']) {
        expect(headings, `${d.id} lacks "${h}"`).toContain(h);
      }
    }
  });

  it('no document sends anyone to a district office as if it still existed', () => {
    for (const d of loaded.docs) {
      const text = d.sections.map((s) => s.text).join('\n');
      for (const line of text.split('\n').filter((l) => /(^|[^\p{L}])huyện/iu.test(l))) {
        expect(line, d.id).toMatch(/không còn|đã bỏ|bỏ cấp huyện|không phải lên huyện|không gửi đơn lên huyện|cũ|trước/i);
      }
    }
  });

  it('every document is reachable: its own title as a question ranks it first', async () => {
    for (const d of loaded.docs) {
      const r = await retrieve(kb.snapshot, d.title, TEST_RETRIEVAL);
      expect(r.documents[0]?.docId, d.title).toBe(d.id);
      expect(r.grounded, d.title).toBe(true);
    }
  });

  it('a section whose heading names what is asked ranks its guide above a passing mention elsewhere', async () => {
    const ids = async (q: string, headingWeight = TEST_RETRIEVAL.headingWeight) =>
      (await retrieve(kb.snapshot, q, { ...TEST_RETRIEVAL, headingWeight })).documents.slice(0, 2).map((d) => d.docId);
    // The portal-login guide's password section says once that a forgotten VNeID password is recovered in VNeID;
    // the VNeID troubles guide has a section "Quên mật khẩu VNeID".
    expect(await ids('quen mk vneid lay lai the nao')).toEqual(['vneid-su-co', 'tai-khoan-dvcqg']);
    // near-misses: without the heading the passing mention wins; logging in with a password stays on the login guide
    expect(await ids('quen mk vneid lay lai the nao', 0)).toEqual(['tai-khoan-dvcqg', 'vneid-su-co']);
    expect((await ids('đăng nhập cổng dịch vụ công bằng mật khẩu thế nào'))[0]).toBe('tai-khoan-dvcqg');
  });

  it('a guide that sends the reader to another guide for what is asked hands the question to that guide', async () => {
    const choose = async (question: string) => {
      const q = normalizeQuestion(question);
      const retrieval = await retrieve(kb.snapshot, q, TEST_RETRIEVAL);
      return { first: retrieval.documents[0]?.docId, chosen: chooseTopics(kb.snapshot, q, retrieval, undefined, tuning().answer).topics[0]?.docId };
    };
    // The login guide mentions a forgotten password once and says "Quên mật khẩu, …: xem hướng dẫn "Sự cố tài khoản VNeID"".
    expect(pointersOf(kb.snapshot, 'tai-khoan-dvcqg').map((p) => p.to)).toEqual(expect.arrayContaining(['vneid-su-co', 'loi-thuong-gap']));
    expect(await choose('quen passcode vneid thi lam sao')).toEqual({ first: 'tai-khoan-dvcqg', chosen: 'vneid-su-co' });
    // near-misses: a question that names the login guide stays; so does one whose words only the other guide's title holds
    expect(await choose('đăng nhập dịch vụ công bằng mật khẩu vneid thế nào')).toEqual({ first: 'tai-khoan-dvcqg', chosen: 'tai-khoan-dvcqg' });
    expect(await choose('tài khoản định danh tổ chức đăng ký trên vneid thế nào')).toEqual({ first: 'tai-khoan-dvcqg', chosen: 'tai-khoan-dvcqg' });
  });

  it('local words: a licence by its class ("bằng B2"), "liệt giường", a bare "thẻ bảo hiểm", "bị gãy", "lĩnh tiền"', async () => {
    const found = async (q: string) => {
      const r = await retrieve(kb.snapshot, q, TEST_RETRIEVAL);
      return { first: r.documents[0]?.docId, covered: r.coverage >= 0.9 };
    };
    // without these words in _synonyms.yaml each covered under half of the question (0.36, 0.41)
    expect(await found('bằng b2 có thời hạn không')).toEqual({ first: 'giay-phep-lai-xe', covered: true });
    expect(await found('ông tôi nằm liệt giường thì ai đến nhà xác định khuyết tật')).toEqual({ first: 'xac-dinh-muc-do-khuyet-tat', covered: true });
    expect(kb.snapshot.synonyms.expand('quên thẻ bảo hiểm thì đi khám thế nào')).toContain('the bhyt');
    // a broken card is a damaged one; "lĩnh tiền" is "nhận tiền" (0.41 and 0.42 without them)
    expect(await found('thẻ căn cước của tôi bị gãy đôi thì làm lại ở đâu')).toEqual({ first: 'the-can-cuoc', covered: true });
    expect(await found('bố tôi lĩnh tiền trợ cấp ở đâu')).toEqual({ first: 'tro-cap-xa-hoi', covered: true });
    expect(kb.snapshot.synonyms.expand('lĩnh vực kinh doanh')).not.toContain('nhan tien');
    // near-misses: another "bằng" and another "bảo hiểm" paper are not these
    expect(kb.snapshot.synonyms.expand('bằng tốt nghiệp cấp 3 bị mất')).not.toContain('giay phep lai xe');
    expect(kb.snapshot.synonyms.expand('sổ bảo hiểm xã hội bị mất')).not.toContain('bhyt');
  });

  it('a clause that says why or when weighs less than what is asked', async () => {
    const first = async (q: string, asideWeight = TEST_RETRIEVAL.asideWeight) =>
      (await retrieve(kb.snapshot, q, { ...TEST_RETRIEVAL, asideWeight })).documents[0]?.docId;
    const child = 'làm giấy khai sinh cho cháu khi bố mẹ nó chưa đăng ký kết hôn';
    expect(await first(child)).toBe('dang-ky-khai-sinh');
    expect(await first(child, 1)).not.toBe('dang-ky-khai-sinh');
    // near-misses: the paper asked for keeps its place before a purpose; a leading condition naming the topic stays
    expect(await first('xin giấy xác nhận độc thân để đăng ký kết hôn')).toBe('xac-nhan-tinh-trang-hon-nhan');
    expect(await first('nếu mất thẻ bhyt thì cấp lại ở đâu')).toBe('bao-hiem-xa-hoi-y-te');
  });

  it('a copy of a civil-status paper ("bản sao khai sinh", "bản sao giấy kết hôn") is an extract, not the registration', async () => {
    const first = async (q: string) => (await retrieve(kb.snapshot, q, TEST_RETRIEVAL)).documents[0]?.docId;
    // "bản sao khai sinh" without "giấy" went to the birth registration guide
    expect(await first('bản sao khai sinh của con xin ở xã nào')).toBe('trich-luc-ho-tich');
    expect(await first('mất bản sao giấy kết hôn thì xin lại ở đâu')).toBe('trich-luc-ho-tich');
    // near-misses: registering the event itself stays on its guide
    expect(await first('làm giấy khai tử cho bố ở đâu')).toBe('dang-ky-khai-tu');
    expect(await first('đăng ký kết hôn ở đâu')).toBe('dang-ky-ket-hon');
  });

  it('has 6–8 suggestions and at least 60 synonym groups', () => {
    expect(loaded.suggestions.length).toBeGreaterThanOrEqual(6);
    expect(loaded.suggestions.length).toBeLessThanOrEqual(8);
    expect(loaded.synonyms.length).toBeGreaterThanOrEqual(60);
  });
});

describe('the evaluation set', () => {
  it('covers every document with at least 5 questions, 200+ in all, 25+ out of scope, a third without diacritics', async () => {
    const cases = await loadEvalCases();
    const ids = new Set(loaded.docs.map((d) => d.id));
    const perDoc = new Map<string, number>();
    for (const c of cases) {
      if (c.expect !== 'none') expect(ids.has(c.expect), `${c.file}: unknown id ${c.expect}`).toBe(true);
      perDoc.set(c.expect, (perDoc.get(c.expect) ?? 0) + 1);
    }
    for (const id of ids) expect(perDoc.get(id) ?? 0, id).toBeGreaterThanOrEqual(5);
    const inScope = cases.filter((c) => c.expect !== 'none');
    expect(inScope.length).toBeGreaterThanOrEqual(200);
    expect(perDoc.get('none') ?? 0).toBeGreaterThanOrEqual(25);
    const plain = inScope.filter((c) => c.question.normalize('NFD').replace(/[\u0300-\u036f]/g, '') === c.question && !/[đĐ]/.test(c.question));
    expect(plain.length / inScope.length).toBeGreaterThanOrEqual(1 / 3);
  });

  it('eval questions are not copies of the documents’ own questions', async () => {
    const own = new Set(loaded.docs.flatMap((d) => d.questions.map((q) => q.toLowerCase().trim())));
    for (const c of await loadEvalCases()) expect(own.has(c.question.toLowerCase().trim()), `${c.file}: ${c.question}`).toBe(false);
  });
});
