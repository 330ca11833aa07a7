import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import type { KnowledgeDoc } from '../../src/knowledge/schema.js';
import { REPO_ROOT } from '../helpers/server.js';
import { factProblems, GOV_VN, GOVERNMENT_PORTAL, hasSourceNote, isHomePage, officialUrlProblem, sharedProcedurePages } from './official-sources.js';

// The rules themselves are described in ./official-sources.ts.
const KNOWLEDGE = path.join(REPO_ROOT, 'knowledge');
let docs: KnowledgeDoc[];
let procedures: KnowledgeDoc[];
const raw = new Map<string, string>();

beforeAll(async () => {
  docs = (await loadKnowledge(KNOWLEDGE)).docs;
  procedures = docs.filter((d) => d.kind === 'thu-tuc');
  for (const d of docs) raw.set(d.id, await readFile(path.join(KNOWLEDGE, d.file), 'utf8'));
});

describe('procedure documents: official source and facts', () => {
  it('every official_url is the procedure’s own official page (or, with a staff note, the legal text on chinhphu.vn)', () => {
    const bad = procedures.map((d) => [d.id, officialUrlProblem({ ...d, raw: raw.get(d.id) })]).filter(([, p]) => p);
    expect(bad).toEqual([]);
  });

  it('no two procedure documents share a procedure page, unless the borrower says so to the citizen', () => {
    expect(sharedProcedurePages(procedures)).toEqual([]);
  });

  it('every procedure has fee, where, online and time or deadline facts, and the body says every number of them', () => {
    const bad = procedures.map((d) => [d.id, factProblems(d)] as const).filter(([, p]) => p.length > 0);
    expect(bad).toEqual([]);
  });

  it('every document was verified on a real date, not in the future; guides name their references', () => {
    const today = new Date().toISOString().slice(0, 10);
    for (const d of docs) {
      expect(d.verified <= today, `${d.id} verified ${d.verified}`).toBe(true);
      if (d.kind === 'huong-dan') expect(d.references.length, `${d.id} has no references`).toBeGreaterThan(0);
    }
  });

  it('guides point to an official page too (gov.vn or chinhphu.vn), never a home page', () => {
    for (const d of docs.filter((x) => x.kind === 'huong-dan')) {
      const u = new URL(d.official_url);
      expect(GOV_VN.test(u.hostname) || GOVERNMENT_PORTAL.test(u.hostname), `${d.id}: ${u.hostname}`).toBe(true);
      expect(isHomePage(u), `${d.id}: home page`).toBe(false);
    }
  });
});

describe('the rules bite', () => {
  const section = (text: string) => [{ heading: 'Thời hạn và lệ phí', text }];
  const doc = (official_url: string, opts: { text?: string; code?: string; raw?: string } = {}) => ({
    official_url,
    procedure_code: opts.code,
    sections: section(opts.text ?? 'Lệ phí 25.000 đồng.'),
    raw: opts.raw ?? '',
  });

  it('refuses a home page, another host, a portal page naming no procedure, and a code mismatch; accepts their near misses', () => {
    expect(officialUrlProblem(doc('https://dichvucong.gov.vn/'))).toMatch(/home page/);
    expect(officialUrlProblem(doc('https://dichvucong.gov.vn/p/home/dvc-gioi-thieu.html'))).toMatch(/names no procedure/);
    expect(officialUrlProblem(doc('https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc=1.001193'))).toBeNull();
    expect(officialUrlProblem(doc('https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7'))).toBeNull();
    expect(officialUrlProblem(doc('https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc=1.011607', { code: '1.001193' }))).toMatch(/1\.011607/);
    expect(officialUrlProblem(doc('https://dichvucong.bocongan.gov.vn/bocongan/trangchu'))).toMatch(/names no procedure/);
    expect(officialUrlProblem(doc('https://dichvucong.bocongan.gov.vn/bocongan/bothutuc/tthc?matt=26356'))).toBeNull();
    expect(officialUrlProblem(doc('https://thuvienphapluat.vn/van-ban/x.aspx'))).toMatch(/not gov\.vn/);
    expect(officialUrlProblem(doc('https://gov.vn.example.com/thu-tuc'))).toMatch(/not gov\.vn/);
    expect(officialUrlProblem(doc('https://sonla.gov.vn/'))).toMatch(/home page/);
    expect(officialUrlProblem(doc('https://sonla.gov.vn/tin-tuc/thu-tuc-x'))).toBeNull();
    expect(officialUrlProblem(doc('https://vbsp.org.vn/bo-thu-tuc.html'))).toBeNull();
    expect(officialUrlProblem(doc('https://vbsp.org.vn.example.com/bo-thu-tuc.html'))).toMatch(/not gov\.vn/);
  });

  it('takes a chinhphu.vn legal text only without a procedure code and with a staff note saying why', () => {
    const legal = 'https://vanban.chinhphu.vn/?pageid=27160&docid=215169';
    const note = 'official_url: https://x\n# official_url: chưa tìm được trang thủ tục\n';
    expect(officialUrlProblem(doc(legal))).toMatch(/no staff note/);
    expect(officialUrlProblem(doc(legal, { raw: 'official_url: https://vanban.chinhphu.vn/x\n' }))).toMatch(/no staff note/);
    expect(officialUrlProblem(doc(legal, { raw: note }))).toBeNull();
    expect(officialUrlProblem(doc(legal, { raw: '<!-- official_url: văn bản vì chưa có trang -->' }))).toBeNull();
    expect(officialUrlProblem(doc(legal, { raw: note, code: '1.001193' }))).toMatch(/has a code/);
    expect(officialUrlProblem(doc('https://chinhphu.vn/'))).toMatch(/home page/);
    expect(hasSourceNote('<!-- chưa xác minh --> official_url')).toBe(false);
  });

  it('finds a shared procedure page, but not a shared legal text or a page the borrower owns up to', () => {
    const page = 'https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc=1.011607';
    const d = (id: string, url: string, text = 'Nộp ở xã.') => ({ id, official_url: url, sections: section(text) });
    expect(sharedProcedurePages([d('a', page), d('b', page)])).toEqual([['a', 'b']]);
    expect(sharedProcedurePages([d('a', 'https://vanban.chinhphu.vn/?docid=1'), d('b', 'https://vanban.chinhphu.vn/?docid=1')])).toEqual([]);
    const owned = 'Chưa tìm được trang chính thức riêng về việc này. Trang dẫn nguồn của bài là thủ tục công nhận hộ nghèo.';
    expect(sharedProcedurePages([d('a', page), d('b', page, owned)])).toEqual([]);
  });

  it('finds a fact number, a fee amount or an end date the body does not say', () => {
    const facts = {
      fee: { text: 'Lệ phí 25.000 đồng đến hết 31/12/2026', amount: 25000, valid_until: '2026-12-31' },
      where: { text: 'Công an xã' },
      online: { text: 'Có' },
      time: { text: 'Trong 3 ngày làm việc' },
    };
    expect(factProblems({ facts, sections: section('Lệ phí 25.000 đồng đến hết 31/12/2026; trả kết quả trong 3 ngày làm việc.') })).toEqual([]);
    expect(factProblems({ facts, sections: section('Lệ phí 25.000 đồng đến hết năm; trả kết quả trong 3 ngày làm việc.') })).toEqual([
      'fee: "31/12/2026" is not in the body',
      'fee: valid until 2026-12-31, a date the body does not say',
    ]);
    expect(factProblems({ facts: { ...facts, fee: { text: 'Có lệ phí', amount: 50000 } }, sections: section('trong 3 ngày') })).toEqual([
      'fee 50.000 đồng is not in the body',
    ]);
    expect(factProblems({ facts: { ...facts, fee: { text: 'Không mất tiền', amount: 0 } }, sections: section('trong 3 ngày') })).toEqual([
      'fee 0, but the body never says it is free',
    ]);
    expect(factProblems({ facts: { ...facts, fee: { text: 'Không mất tiền', amount: 0 } }, sections: section('Không mất lệ phí; trong 3 ngày') })).toEqual([]);
    expect(factProblems({ facts: { fee: facts.fee }, sections: section('Lệ phí 25.000 đồng đến hết 31/12/2026') })).toEqual([
      'no where fact',
      'no online fact',
      'no time or deadline fact',
    ]);
  });
});
