import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { REPO_ROOT } from '../helpers/server.js';
import { runEval } from './run.js';

const floor = JSON.parse(readFileSync(path.join(REPO_ROOT, 'test', 'eval', 'floor.json'), 'utf8')) as { keyAt400Dev: number; maxMedianVisibleChars: number };

// The project's own answer quality may not slip: the whole evaluation set through the real pipeline.
describe('answer quality floor (npm run eval, dev split)', () => {
  it(`key@400 stays at or above ${floor.keyAt400Dev}, median answer at or below ${floor.maxMedianVisibleChars} characters`, async () => {
    const config = loadConfig({ KNOWLEDGE_DIR: path.join(REPO_ROOT, 'knowledge'), DATA_DIR: mkdtempSync(path.join(tmpdir(), 'dvc-eval-')) });
    const report = await runEval(config);
    expect(report.dev.withKey).toBeGreaterThan(300);
    expect(report.dev.keyAt400).toBeGreaterThanOrEqual(floor.keyAt400Dev);
    expect(report.dev.medianVisible).toBeLessThanOrEqual(floor.maxMedianVisibleChars);
  }, 180_000);
});
