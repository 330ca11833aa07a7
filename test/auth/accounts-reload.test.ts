import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/passwords.js';
import { buildTestApp } from '../helpers/app.js';
import { StaffHttp } from '../helpers/staff.js';

const yamlAccount = (username: string, role: string, hash: string) => `- username: ${username}\n  name: Cán bộ ${username}\n  role: ${role}\n  passwordHash: '${hash}'\n`;

/** Polls until `check` holds (the file is checked every second); fails after `ms`. */
async function eventually(check: () => Promise<boolean>, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the accounts file is read again without a restart', () => {
  it('turns the desk on when accounts appear, picks up new ones, drops removed ones, and keeps the old set when the file turns bad', async () => {
    const password = 'mat-khau-doc-lai-2026';
    const hash = await hashPassword(password);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'dvc-acc-')), 'accounts.yaml');
    writeFileSync(file, '[]\n');
    const logs: string[] = [];
    const server = await buildTestApp({ logs, env: { ACCOUNTS_FILE: file } });
    const login = async (user: string) => (await new StaffHttp(server).login(user, password)).status;

    // Wait for the reload itself, not by logging in: failed logins while waiting would count
    // towards the lock-out on a slow machine.
    const reloads = () => logs.filter((l) => l.includes('accounts_reloaded')).length;

    expect((await server.fetch('/staff')).status).toBe(503);
    writeFileSync(file, yamlAccount('hoa', 'staff', hash));
    await eventually(async () => reloads() === 1);
    expect(await login('hoa')).toBe(200);
    expect((await server.fetch('/staff')).status).toBe(200);

    writeFileSync(file, yamlAccount('thu', 'admin', hash));
    await eventually(async () => reloads() === 2);
    expect(await login('thu')).toBe(200);
    expect(await login('hoa')).toBe(401);

    writeFileSync(file, "- username: 'Khong Hop Le'\n");
    await eventually(async () => logs.some((l) => l.includes('accounts_invalid')));
    expect(await login('thu')).toBe(200);
    expect(logs.join('\n')).not.toContain(hash);
  }, 30_000);
});
