import type { RetrievalOptions } from '../../src/retrieval/hybrid.js';
import { retrievalOptions } from '../../src/retrieval/options.js';
import { loadConfig } from '../../src/config.js';

/** The default (calibrated) retrieval settings. */
export const TEST_RETRIEVAL: RetrievalOptions = retrievalOptions(loadConfig({}));
