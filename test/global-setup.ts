// @ts-expect-error plain JavaScript build script, no type declarations
import { buildAll } from '../scripts/build.mjs';
import { sharedKnowledge, testConfig } from './helpers/app.js';

/**
 * Once per `npm test`: build dist/ if a source changed (the widget bundle the server sends, the
 * compiled server the crash test starts), and the index of the repository's knowledge into the cache
 * every test app loads from.
 */
export default async function setup(): Promise<void> {
  await buildAll({ ifStale: true });
  const kb = await sharedKnowledge(testConfig('/nonexistent'));
  await kb?.close();
}
