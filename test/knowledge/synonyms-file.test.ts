import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { createSynonymIndex, type SynonymIndex } from '../../src/knowledge/synonyms.js';
import { plainFolded } from '../../src/text/vietnamese.js';
import { REPO_ROOT } from '../helpers/server.js';

let groups: string[][];
let index: SynonymIndex;

beforeAll(async () => {
  groups = (await loadKnowledge(path.join(REPO_ROOT, 'knowledge'))).synonyms;
  index = createSynonymIndex(groups);
});

/** Terms (as matched: folded) that stand in more than one group, with the groups' first terms. */
export function termsInTwoGroups(list: readonly (readonly string[])[]): string[] {
  const where = new Map<string, Set<number>>();
  list.forEach((group, i) => {
    for (const term of group) {
      const key = plainFolded(term).trim();
      where.set(key, (where.get(key) ?? new Set()).add(i));
    }
  });
  return [...where].filter(([, at]) => at.size > 1).map(([term, at]) => `${term}: ${[...at].map((i) => list[i]![0]).join(' | ')}`);
}

describe('knowledge/_synonyms.yaml', () => {
  it('no term stands in two groups (a query would be expanded twice, into two meanings)', () => {
    expect(termsInTwoGroups(groups)).toEqual([]);
  });

  it('the check sees a term repeated across groups once folded, and lets a group repeat its own spelling variants', () => {
    expect(termsInTwoGroups([['thường trú', 'hộ khẩu'], ['thuong tru', 'thường chú']])).toEqual(['thuong tru: thường trú | thuong tru']);
    expect(termsInTwoGroups([['đăng ký', 'đk', 'dk'], ['kinh doanh', 'kd']])).toEqual([]);
  });

  it('a bare nationality is no synonym of marrying a foreigner: "người Lào" folds to "người lao" (động), a worker', () => {
    const marriage = /ket hon co yeu to nuoc ngoai/;
    expect(index.expand('lấy vợ người Lào thì đăng ký ở đâu')).toMatch(marriage);
    expect(index.expand('người lao động bị nghỉ việc được hưởng gì')).not.toMatch(marriage);
    expect(index.expand('người Lào sang thăm họ hàng cần giấy gì')).not.toMatch(marriage);
    expect(index.expand('lam giay di lao o dau')).toMatch(/giay thong hanh/);
  });

  it('how people say pregnant, and the upland fields of Sơn La, find the words the guidance uses; near-misses do not', () => {
    expect(index.expand('vợ đang mang thai chồng có được ly hôn không')).toMatch(/co thai/);
    expect(index.expand('vo dang co bau thi sao')).toMatch(/co thai/);
    expect(index.expand('đi bầu cử ở đâu')).not.toMatch(/thai/);
    expect(index.expand('ông bà để lại mảnh nương cho các con')).toMatch(/dat nong nghiep/);
    expect(index.expand('bố mẹ già về nương tựa con')).not.toMatch(/nong nghiep/);
    expect(index.expand('hỏi trưởng thôn ở đâu')).toMatch(/truong ban/);
  });

  it('"dky"/"dki" (folded alike), how people shorten "đăng ký" in chat, find it; a word that only starts the same does not', () => {
    expect(index.expand('dki o dau vay')).toMatch(/dang ki/);
    expect(index.expand('đky cho con ở đâu')).toMatch(/dang ki/);
    expect(index.expand('dkien bao lau thi xong')).not.toMatch(/dang ki/);
  });
});
