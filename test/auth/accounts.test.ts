import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAccounts } from '../../src/auth/accounts.js';
import { hashPassword, verifyPassword } from '../../src/auth/passwords.js';
import { loadConfig } from '../../src/config.js';

describe('accounts and passwords', () => {
  it('hashes with scrypt and verifies only the right password', async () => {
    const hash = await hashPassword('mot-mat-khau-dai');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword('mot-mat-khau-dai', hash)).toBe(true);
    expect(await verifyPassword('sai', hash)).toBe(false);
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
    expect(await hashPassword('mot-mat-khau-dai')).not.toBe(hash); // salted
  });

  it('reads accounts from STAFF_ACCOUNTS and a YAML ACCOUNTS_FILE; none means staff features off', async () => {
    const passwordHash = await hashPassword('mot-mat-khau-dai');
    expect(loadAccounts(loadConfig({}))).toEqual([]);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'dvc-acc-')), 'accounts.yaml');
    writeFileSync(file, `- username: quantri\n  name: Quản trị\n  role: admin\n  passwordHash: "${passwordHash}"\n`);
    const accounts = loadAccounts(
      loadConfig({ ACCOUNTS_FILE: file, STAFF_ACCOUNTS: JSON.stringify([{ username: 'canbo', name: 'Cán bộ', role: 'staff', passwordHash }]) }),
    );
    expect(accounts.map((a) => `${a.username}:${a.role}`)).toEqual(['canbo:staff', 'quantri:admin']);
  });

  it('rejects bad accounts with one line naming the setting', async () => {
    const passwordHash = await hashPassword('mot-mat-khau-dai');
    expect(() => loadAccounts(loadConfig({ STAFF_ACCOUNTS: 'not json' }))).toThrow(/^Invalid STAFF_ACCOUNTS/);
    expect(() => loadAccounts(loadConfig({ STAFF_ACCOUNTS: '[{"username":"a b"}]' }))).toThrow(/^Invalid STAFF_ACCOUNTS: 0\.username/);
    const plain = [{ username: 'canbo', name: 'X', role: 'staff', passwordHash: 'secret' }];
    expect(() => loadAccounts(loadConfig({ STAFF_ACCOUNTS: JSON.stringify(plain) }))).toThrow(/passwordHash/);
    const dup = [{ username: 'canbo', name: 'X', role: 'staff', passwordHash }, { username: 'canbo', name: 'Y', role: 'admin', passwordHash }];
    expect(() => loadAccounts(loadConfig({ STAFF_ACCOUNTS: JSON.stringify(dup) }))).toThrow(/appears twice/);
    expect(() => loadAccounts(loadConfig({ ACCOUNTS_FILE: '/khong/co/tep.yaml' }))).toThrow(/^Invalid ACCOUNTS_FILE/);
  });
});
