import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/app.js';

/** Runs `npm run soak` briefly (what CI can afford); the full run is 10 minutes, by hand. */
function shortSoak(): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/soak.ts', '--seconds', '40', '--citizens', '6', '--disk', 'inject'], {
      cwd: REPO_ROOT,
      env: { ...process.env, SOAK_VERBOSE: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('npm run soak (short)', () => {
  it('citizens, staff, a rebuild, a SIGKILL and a full disk: no acknowledged row lost, no staff message twice', async () => {
    const { code, out } = await shortSoak();
    // it did the work it reports on
    expect(out).toMatch(/Acknowledged: [1-9]\d* questions/);
    expect(out).toMatch(/Event: rebuild at \d+ s: 200/);
    expect(out).toMatch(/Event: SIGKILL at \d+ s, ready again/);
    expect(out).toMatch(/Event: disk full .*503 storage_unwritable/);
    // the per-minute report is printed; how many fall in minute 1 depends on how busy the machine is (0 at a load of 39)
    expect(out).toMatch(/minute +1: +\d+ answers/);
    // and lost nothing
    expect(out).toMatch(/Lost acknowledged rows: 0 \(/);
    expect(out).toMatch(/Staff messages delivered twice: 0;/);
    expect(code, out).toBe(0);
  }, 240_000);
});
