/** Prints a password hash for STAFF_ACCOUNTS / ACCOUNTS_FILE: `npm run hash-password -- "mật khẩu"` (or from stdin). */
import { hashPassword } from '../src/auth/passwords.js';

let password = process.argv.slice(2).join(' ');
if (!password) {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  password = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}
if (password.length < 10) {
  console.error('Mật khẩu cần ít nhất 10 ký tự.');
  process.exit(2);
}
console.log(await hashPassword(password));
