/**
 * Makes a password hash for STAFF_ACCOUNTS / ACCOUNTS_FILE. The password is read from standard input,
 * never from the command line (which shells keep in their history and other users see in `ps`):
 *
 *   npm run hash-password                                   # asks for it twice, without showing it
 *   npm run hash-password -- --user motcua.chiengsinh --name "Lò Thị Hoa" --role staff
 *                                                           # prints a whole account, ready to paste into accounts.yaml
 *   printf '%s\n' "$MAT_KHAU" | npm run --silent hash-password   # from a script
 */
import { parseArgs } from 'node:util';
import { accountSchema } from '../src/auth/accounts.js';
import { hashPassword } from '../src/auth/passwords.js';

const MIN_LENGTH = 10;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

let options: { user?: string; name?: string; role?: string };
try {
  const parsed = parseArgs({ options: { user: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', default: 'staff' } }, allowPositionals: true });
  if (parsed.positionals.length > 0) {
    fail('Không ghi mật khẩu trên dòng lệnh (lệnh sẽ nằm lại trong lịch sử). Chạy `npm run hash-password` rồi gõ mật khẩu khi được hỏi.');
  }
  options = parsed.values;
} catch (err) {
  fail((err as Error).message);
}

/** One line typed at a terminal, not echoed (each key shows as nothing; Backspace and Ctrl-C work). */
function askHidden(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let value = '';
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stderr.write('\n');
          return resolve(value);
        }
        if (ch === '\u0003') process.exit(130);
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) {
    const first = await askHidden(`Mật khẩu (ít nhất ${MIN_LENGTH} ký tự, không hiện khi gõ): `);
    const again = await askHidden('Gõ lại mật khẩu: ');
    if (first !== again) fail('Hai lần gõ không giống nhau. Chạy lại lệnh.');
    return first;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
}

const password = (await readPassword()).normalize('NFC');
if ([...password].length < MIN_LENGTH) fail(`Mật khẩu cần ít nhất ${MIN_LENGTH} ký tự.`);
const passwordHash = await hashPassword(password);

if (!options.user) {
  console.log(passwordHash);
} else {
  const account = accountSchema.safeParse({ username: options.user, name: options.name ?? options.user, role: options.role, passwordHash });
  if (!account.success) fail(`Tài khoản chưa đúng: ${account.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  // A YAML list item for ACCOUNTS_FILE, values in single quotes (YAML's: '' is a quote inside).
  const q = (v: string) => `'${v.replaceAll("'", "''")}'`;
  const a = account.data;
  console.log([`- username: ${q(a.username)}`, `  name: ${q(a.name)}`, `  role: ${q(a.role)}`, `  passwordHash: ${q(a.passwordHash)}`].join('\n'));
}
