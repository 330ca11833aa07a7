import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { retrievalOptions } from '../src/retrieval/options.js';
import { loadTuning, TUNING_FILE, TuningError } from '../src/tuning.js';

const dir = mkdtempSync(path.join(tmpdir(), 'dvc-tuning-'));
const withText = (name: string, text: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
};

describe('config/tuning.yaml', () => {
  it('the project file validates and gives the calibrated defaults', () => {
    const t = loadTuning();
    expect(t.retrieval.fusion).toBe('weighted');
    expect(t.answer.firstBlockChars).toBeLessThanOrEqual(t.answer.maxChars);
  });

  it('a bad value stops with one line naming it', () => {
    const text = readFileSync(TUNING_FILE, 'utf8').replace(/alpha: 0\.35/, 'alpha: 1.5');
    expect(() => loadTuning(withText('bad.yaml', text))).toThrow(/Invalid bad\.yaml retrieval\.alpha/);
    const unknown = readFileSync(TUNING_FILE, 'utf8').replace('retrieval:', 'retrieval:\n  alfa: 1');
    expect(() => loadTuning(withText('typo.yaml', unknown))).toThrow(TuningError);
    expect(() => loadTuning(path.join(dir, 'missing.yaml'))).toThrow(/Cannot read/);
  });

  it('environment variables override the file, and only when set', () => {
    const t = loadTuning();
    expect(retrievalOptions(loadConfig({}), t).alpha).toBe(t.retrieval.alpha);
    const o = retrievalOptions(loadConfig({ FUSION_ALPHA: '0.5', GROUNDED_MIN_COVERAGE: '0.6' }), t);
    expect(o.alpha).toBe(0.5);
    expect(o.grounding.minCoverage).toBe(0.6);
    expect(o.grounding.strongScore).toBe(t.grounding.strongScore);
  });
});
