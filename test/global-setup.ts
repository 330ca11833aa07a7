// @ts-expect-error plain JavaScript build script, no type declarations
import { buildBrowser } from '../scripts/build.mjs';
import { sharedKnowledge, testConfig } from './helpers/app.js';

/**
 * Once per `npm test`: build the widget and page bundles the server sends (dist/public) if one of its sources
 * changed, and the index of the repository's knowledge into the cache every test app loads from.
 * (The crash test builds the server bundle it starts.)
 */
export default async function setup(): Promise<void> {
  await buildBrowser({ ifStale: true });
  const kb = await sharedKnowledge(testConfig('/nonexistent'));
  await kb?.close();
}
