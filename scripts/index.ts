/** Builds (or verifies) the index ahead of time: `npm run index`. */
import pino from 'pino';
import { loadConfig } from '../src/config.js';
import { KnowledgeBase } from '../src/knowledge/knowledge-base.js';
import { knowledgeLimits } from '../src/knowledge/loader.js';
import { embedderFromConfig } from '../src/retrieval/index-store.js';

const config = loadConfig();
const kb = new KnowledgeBase({
  knowledgeDir: config.KNOWLEDGE_DIR,
  dataDir: config.DATA_DIR,
  embedder: embedderFromConfig(config),
  logger: pino({ level: 'silent' }),
  limits: knowledgeLimits(config),
});
const report = await kb.refresh();
const snapshot = kb.snapshot;
console.log(`Knowledge: ${config.KNOWLEDGE_DIR}`);
console.log(`Documents loaded: ${report.docs}; rejected: ${report.errors.length}; chunks: ${snapshot.chunks.length}; synonym groups: ${snapshot.synonyms.groupCount}; suggestions: ${snapshot.suggestions.length}`);
for (const e of report.errors) console.log(`  REJECTED ${e.file}: ${e.field}: ${e.reason}`);
console.log(`Index ${report.key} (${report.source}) in ${report.ms.toFixed(0)} ms, stored under ${config.DATA_DIR}/index`);
process.exitCode = report.errors.length > 0 ? 1 : 0;
