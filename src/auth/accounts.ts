import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ConfigError, type Config } from '../config.js';

export const accountSchema = z.strictObject({
  username: z.string().regex(/^[a-z0-9._-]{2,40}$/, 'username: 2–40 lowercase letters, digits, . _ -'),
  name: z.string().trim().min(1).max(80),
  role: z.enum(['staff', 'admin']),
  passwordHash: z.string().regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/, 'passwordHash must come from npm run hash-password'),
});

export type Account = z.infer<typeof accountSchema>;

/** Staff and admin accounts from STAFF_ACCOUNTS (JSON) and/or ACCOUNTS_FILE (JSON or YAML). */
export function loadAccounts(config: Config): Account[] {
  const lists: Array<[string, unknown]> = [];
  if (config.STAFF_ACCOUNTS) lists.push(['STAFF_ACCOUNTS', parseOrThrow('STAFF_ACCOUNTS', () => JSON.parse(config.STAFF_ACCOUNTS!))]);
  if (config.ACCOUNTS_FILE) {
    const file = config.ACCOUNTS_FILE;
    lists.push(['ACCOUNTS_FILE', parseOrThrow('ACCOUNTS_FILE', () => parseYaml(readFileSync(file, 'utf8')))]);
  }
  const accounts: Account[] = [];
  for (const [name, data] of lists) {
    const parsed = z.array(accountSchema).safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ConfigError(`Invalid ${name}: ${issue.path.join('.')}: ${issue.message}`);
    }
    accounts.push(...parsed.data);
  }
  const names = accounts.map((a) => a.username);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new ConfigError(`Invalid STAFF_ACCOUNTS/ACCOUNTS_FILE: username "${dup}" appears twice`);
  return accounts;
}

function parseOrThrow(name: string, parse: () => unknown): unknown {
  try {
    return parse();
  } catch (err) {
    throw new ConfigError(`Invalid ${name}: ${(err as Error).message.split('\n')[0]}`);
  }
}
