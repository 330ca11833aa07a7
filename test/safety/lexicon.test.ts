import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { decide } from '../../src/safety/decide.js';
import { safetyFileSchema } from '../../src/safety/lexicon-schema.js';
import { BUNDLED_SAFETY_FILE, bundledLexicon, SafetyLexicon } from '../../src/safety/lexicon.js';
import { matchLexicon } from '../../src/safety/matcher.js';
import { safetyMatches } from '../../src/safety/safety-matches.js';
import { loadEvalCases } from '../eval/cases.js';

const bundled = () => parse(readFileSync(BUNDLED_SAFETY_FILE, 'utf8'));
const firstIssue = (data: unknown) => {
  const r = safetyFileSchema.safeParse(data);
  return r.success ? undefined : `${r.error.issues[0].path.join('.')}: ${r.error.issues[0].message}`;
};

describe('safety lexicon file', () => {
  it('the bundled file is valid', () => {
    expect(firstIssue(bundled())).toBeUndefined();
  });

  it('refuses a reply with a number that is not an official emergency number', () => {
    const data = bundled();
    data.categories[0].reply += ' Hoặc gọi 0912 345 678.';
    expect(firstIssue(data)).toMatch(/categories\.0\.reply: number 0912 345 678 is not an official emergency number/);
  });

  it('refuses emergency numbers outside the official list, an emergency without numbers, unknown sets and bad phrases', () => {
    const withNumbers = (numbers: unknown) => ({ ...bundled(), categories: [{ ...bundled().categories[0], numbers }] });
    expect(firstIssue(withNumbers(['116']))).toMatch(/numbers\.0/);
    expect(firstIssue(withNumbers(undefined))).toMatch(/needs `numbers`/);
    const data = bundled();
    data.categories[1].rules[0] = { any: ['$khong_co'] };
    expect(firstIssue(data)).toMatch(/unknown set "\$khong_co"/);
    data.categories[1].rules[0] = { any: ['làm (giả)'] };
    expect(firstIssue(data)).toMatch(/a phrase is words/);
  });

  it('a bad edit is reported and the last good lexicon keeps working; a fixed file is picked up', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dvc-safety-'));
    const file = path.join(dir, '_safety.yaml');
    copyFileSync(BUNDLED_SAFETY_FILE, file);
    const safety = new SafetyLexicon(dir);
    expect(safety.errors).toEqual([]);
    const fires = () => matchLexicon(safety.current(), 'nhà tôi đang cháy').map((m) => m.category.id);
    expect(fires()).toContain('fire');

    writeFileSync(file, readFileSync(BUNDLED_SAFETY_FILE, 'utf8').replace('version: 1', 'version: 2'));
    expect(safety.reload()).toEqual([{ file: '_safety.yaml', field: 'version', reason: expect.any(String) }]);
    expect(fires()).toContain('fire');

    // an admin adds a word: it works as soon as the file is valid again
    writeFileSync(file, readFileSync(BUNDLED_SAFETY_FILE, 'utf8').replace('hỏa hoạn,', 'hỏa hoạn, cháy bếp to,'));
    expect(safety.reload()).toEqual([]);
    expect(matchLexicon(safety.current(), 'cháy bếp to quá').map((m) => m.category.id)).toContain('fire');
  });

  it('a knowledge folder without a lexicon, or with a broken one from the start, uses the bundled lexicon', () => {
    const empty = new SafetyLexicon(mkdtempSync(path.join(tmpdir(), 'dvc-safety-')));
    expect(empty.errors).toEqual([]);
    expect(matchLexicon(empty.current(), 'đảng nào tốt hơn')).toHaveLength(1);
    const dir = mkdtempSync(path.join(tmpdir(), 'dvc-safety-'));
    writeFileSync(path.join(dir, '_safety.yaml'), 'version: 1\ncategories: [oops');
    const broken = new SafetyLexicon(dir);
    expect(broken.errors[0]).toMatchObject({ file: '_safety.yaml', field: 'file', reason: expect.stringMatching(/^YAML/) });
    expect(matchLexicon(broken.current(), 'đảng nào tốt hơn')).toHaveLength(1);
  });

  // The held-out answer questions are measured by `npm run eval:safety` (reported apart), never tuned on.
  it('stops no in-scope dev question of the answer evaluation set, the classifier included (an emergency the documents may answer lets it through)', async () => {
    const stopped = (await loadEvalCases())
      .filter((c) => c.expect !== 'none' && c.split === 'dev')
      .filter((c) => {
        const d = decide(safetyMatches(bundledLexicon(), c.question), '18001096');
        return d !== undefined && !d.thenAnswer;
      })
      .map((c) => c.question);
    expect(stopped).toEqual([]);
  });
});

describe('decide', () => {
  const match = (text: string) => matchLexicon(bundledLexicon(), text);

  it('puts every matching emergency’s numbers in the first line, the advice below', () => {
    const d = decide(match('nhà tôi đang cháy, có người bất tỉnh'), '18001096')!;
    expect(d.status).toBe('emergency');
    const [first, ...rest] = d.reply.split('\n');
    expect(first).toMatch(/114/);
    expect(first).toMatch(/115/);
    expect(rest.join('\n')).toMatch(/Ra khỏi nhà/);
  });

  it('lets the documents answer after the numbers line only when every matching emergency allows it', () => {
    const report = decide(match('bị bạo lực gia đình thì báo ở đâu'), '18001096')!;
    expect(report).toMatchObject({ status: 'emergency', thenAnswer: true });
    expect(report.line).toMatch(/^Gọi ngay \*\*113\*\*/);
    expect(decide(match('chồng tôi đang đánh tôi'), '18001096')!.thenAnswer).toBe(false);
    expect(decide(match('nhà tôi đang cháy'), '18001096')!.thenAnswer).toBe(false);
  });

  it('an emergency wins over a refusal; a refusal’s reply fills the hotline', () => {
    expect(decide(match('chồng tôi say rượu cầm dao dọa giết, tôi muốn mua súng'), '18001096')!.status).toBe('emergency');
    const d = decide(match('cán bộ xã ngu như bò'), '1900 1234')!;
    expect(d.status).toBe('refused_abusive');
    expect(d.reply).toContain('tổng đài 1900 1234');
    expect(decide([], '18001096')).toBeUndefined();
  });
});
