import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSafetyCases } from './safety-cases.js';

// The safety eval files are only read by `npm run eval:safety`; a malformed or repeated case would
// otherwise go unnoticed until someone runs it. Failures name the file, never a question (some files
// are holdout and must not be printed).
describe('safety eval case files', () => {
  it('every file in test/eval/safety is valid and repeats no question', async () => {
    const cases = await loadSafetyCases();
    expect(cases.length).toBeGreaterThan(0);
    const seen = new Map<string, Set<string>>();
    const repeated: string[] = [];
    for (const c of cases) {
      const inFile = seen.get(c.file) ?? new Set<string>();
      const key = c.question.trim().toLowerCase();
      if (inFile.has(key)) repeated.push(c.file);
      inFile.add(key);
      seen.set(c.file, inFile);
    }
    expect(repeated, 'files with a repeated question').toEqual([]);
  });

  it('rejects a refusal with an unknown status and an emergency with a number that is not official', async () => {
    const badStatus = mkdtempSync(path.join(tmpdir(), 'dvc-safety-cases-'));
    writeFileSync(path.join(badStatus, 'refuse-x.yaml'), 'split: dev\nexpect: refuse\ngroups:\n  - status: refused_rude\n    questions: [a]\n');
    await expect(loadSafetyCases(badStatus)).rejects.toThrow();
    const badNumber = mkdtempSync(path.join(tmpdir(), 'dvc-safety-cases-'));
    writeFileSync(path.join(badNumber, 'emergency-x.yaml'), "split: dev\nexpect: emergency\ngroups:\n  - numbers: ['116']\n    questions: [a]\n");
    await expect(loadSafetyCases(badNumber)).rejects.toThrow();
    const good = mkdtempSync(path.join(tmpdir(), 'dvc-safety-cases-'));
    writeFileSync(path.join(good, 'emergency-x.yaml'), "split: dev\nexpect: emergency\ngroups:\n  - numbers: ['115']\n    questions: [a]\n");
    expect(await loadSafetyCases(good)).toEqual([{ question: 'a', expect: 'emergency', split: 'dev', numbers: ['115'], file: 'emergency-x.yaml' }]);
  });
});
