/**
 * Ask one question from the command line: `npm run ask -- "câu hỏi"`, or with `--json` for the
 * same JSON as POST /api/ask. Uses the same configuration (and index cache) as the server.
 */
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const question = args.filter((a) => a !== '--json').join(' ').trim();
if (!question) {
  console.error('Cách dùng: npm run ask -- "câu hỏi" [--json]');
  process.exit(2);
}

const app = await buildApp({ config: loadConfig() });
await app.knowledge.refresh();
const sessionId = await app.store.conversations.openSession();
const result = await app.answers.ask({
  question,
  sessionId,
  history: [],
  onDelta: json ? undefined : (text) => process.stdout.write(text),
});
if (json) {
  const { answer, status, grounded, sources, followUps, answerId } = result;
  console.log(JSON.stringify({ answer, status, grounded, sources, followUps, sessionId, answerId }, null, 2));
} else {
  if (!result.answer.endsWith('\n')) process.stdout.write('\n');
  if (result.status !== 'answered') console.log(result.answer);
  console.log(`\n[${result.status}${result.grounded ? ', grounded' : ''}] ${result.sources.map((s) => `${s.id} (${s.section || 'toàn bài'})`).join('; ')}`);
}
await app.close();
