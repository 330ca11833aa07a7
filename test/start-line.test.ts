import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript build script, no type declarations
import { buildServer } from '../scripts/build.mjs';
import { startLine } from '../src/start-line.js';
import { REPO_ROOT, SHARED_INDEX_DIR } from './helpers/app.js';

beforeAll(() => buildServer({ ifStale: true }), 120_000);

describe('the line a person reads on start', () => {
  it('says where to open the server and whether the desk pages are on', () => {
    expect(startLine({ host: '0.0.0.0', port: 3000, accounts: 0 })).toBe('Đang chạy: http://localhost:3000; /staff và /admin tắt vì chưa có tài khoản — xem README');
    expect(startLine({ host: '127.0.0.1', port: 8080, accounts: 2 })).toBe('Đang chạy: http://127.0.0.1:8080; /staff và /admin đã bật (2 tài khoản)');
    expect(startLine({ host: '::1', port: 3000, accounts: 0 })).toMatch(/^Đang chạy: http:\/\/\[::1\]:3000;/);
  });

  it('is printed by `npm start`’s server on standard error, while standard output stays JSON', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'dvc-start-'));
    cpSync(path.join(SHARED_INDEX_DIR, 'knowledge', 'index'), path.join(dataDir, 'index'), { recursive: true });
    const proc = spawn(process.execPath, ['dist/server.mjs'], {
      cwd: REPO_ROOT,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', STAFF_ACCOUNTS: '', ACCOUNTS_FILE: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const stdout: string[] = [];
      createInterface({ input: proc.stdout! }).on('line', (l) => stdout.push(l));
      let line = '';
      for await (const l of createInterface({ input: proc.stderr! })) {
        line = l;
        if (l.startsWith('Đang chạy')) break;
      }
      expect(line).toMatch(/^Đang chạy: http:\/\/127\.0\.0\.1:\d+; \/staff và \/admin tắt vì chưa có tài khoản — xem README$/);
      for (const l of stdout) expect(() => JSON.parse(l)).not.toThrow();
    } finally {
      proc.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('npm run hash-password', () => {
  const run = (args: string[], input: string) =>
    new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      const proc = spawn(process.execPath, ['--import', 'tsx', 'scripts/hash-password.ts', ...args], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      proc.stdout.on('data', (d) => (out += d));
      proc.stderr.on('data', (d) => (err += d));
      proc.on('close', (code) => resolve({ code, out, err }));
      proc.stdin.end(input);
    });

  it('reads the password from standard input and refuses one on the command line', async () => {
    const { verifyPassword } = await import('../src/auth/passwords.js');
    const ok = await run([], 'mat-khau-thu-nghiem-1\n');
    expect(ok.code).toBe(0);
    expect(await verifyPassword('mat-khau-thu-nghiem-1', ok.out.trim())).toBe(true);
    const argv = await run(['mat-khau-thu-nghiem-1'], '');
    expect(argv.code).toBe(2);
    expect(argv.out).toBe('');
    expect(argv.err).toContain('Không ghi mật khẩu trên dòng lệnh');
    expect((await run([], 'ngan\n')).code).toBe(2);
  }, 60_000);

  it('prints a whole account for the accounts file, which the server reads as it is', async () => {
    const { parse } = await import('yaml');
    const { accountSchema } = await import('../src/auth/accounts.js');
    const { out, code } = await run(['--user', 'motcua.chiengsinh', '--name', "Lò Thị O'Hoa", '--role', 'admin'], 'mat-khau-thu-nghiem-1\n');
    expect(code).toBe(0);
    const [account] = parse(out);
    expect(accountSchema.parse(account)).toMatchObject({ username: 'motcua.chiengsinh', name: "Lò Thị O'Hoa", role: 'admin' });
    expect(out).toMatch(/passwordHash: 'scrypt\$/);
    expect((await run(['--user', 'Không Hợp Lệ'], 'mat-khau-thu-nghiem-1\n')).code).toBe(2);
  }, 60_000);
});
