import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEvalCases } from './cases.js';

// Questions written outside the project are reported on their own, whatever split their file names,
// so they can never be mixed into the dev figures that are tuned on (or the holdout's).
describe('eval case files', () => {
  it('puts every question of an independent-*.yaml, fresh-*.yaml, blind-*.yaml or blind2-*.yaml file in its own split, and no other file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dvc-eval-cases-'));
    writeFileSync(path.join(dir, 'independent-ho-chieu.yaml'), 'expect: ho-chieu\nsplit: holdout\nquestions:\n  - lam ho chieu o dau\nholdout:\n  - ho chieu bao lau\n');
    writeFileSync(path.join(dir, 'ho-chieu.yaml'), 'expect: ho-chieu\nquestions:\n  - ho chieu can giay gi\nholdout:\n  - le phi ho chieu\n');
    writeFileSync(path.join(dir, 'fresh-ho-chieu.yaml'), 'expect: ho-chieu\nsplit: dev\nquestions:\n  - ho chieu het han lam lai\n');
    writeFileSync(path.join(dir, 'blind-ho-chieu.yaml'), 'expect: ho-chieu\nsplit: dev\nquestions:\n  - ho chieu lam o xa nao\n');
    writeFileSync(path.join(dir, 'blind2-ho-chieu.yaml'), 'expect: ho-chieu\nsplit: dev\nquestions:\n  - ho chieu mat bao lau\n');
    writeFileSync(path.join(dir, 'not-blind-ho-chieu.yaml'), 'expect: ho-chieu\nquestions:\n  - ho chieu gap\n');
    writeFileSync(path.join(dir, 'not-fresh-ho-chieu.yaml'), 'expect: ho-chieu\nquestions:\n  - ho chieu cho tre em\n');
    writeFileSync(path.join(dir, 'not-independent-ho-chieu.yaml'), 'expect: ho-chieu\nsplit: holdout\nquestions:\n  - ho chieu mat thi sao\n');
    const split = Object.fromEntries((await loadEvalCases(dir)).map((c) => [c.question, c.split]));
    expect(split).toEqual({
      'lam ho chieu o dau': 'independent',
      'ho chieu bao lau': 'independent',
      'ho chieu can giay gi': 'dev',
      'le phi ho chieu': 'holdout',
      'ho chieu mat thi sao': 'holdout',
      'ho chieu het han lam lai': 'fresh',
      'ho chieu cho tre em': 'dev',
      'ho chieu lam o xa nao': 'blind',
      'ho chieu mat bao lau': 'blind2',
      'ho chieu gap': 'dev',
    });
  });
});
