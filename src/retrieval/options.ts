import type { Config } from '../config.js';
import { tuning, type Tuning } from '../tuning.js';
import type { RetrievalOptions } from './hybrid.js';

/** Retrieval and grounding knobs: config/tuning.yaml, with the environment's overrides. */
export function retrievalOptions(config: Config, t: Tuning = tuning()): RetrievalOptions {
  return {
    ...t.retrieval,
    topK: config.RETRIEVAL_TOP_K ?? t.retrieval.topK,
    maxSources: config.RETRIEVAL_MAX_SOURCES ?? t.retrieval.maxSources,
    fusion: config.FUSION ?? t.retrieval.fusion,
    alpha: config.FUSION_ALPHA ?? t.retrieval.alpha,
    grounding: {
      ...t.grounding,
      minCoverage: config.GROUNDED_MIN_COVERAGE ?? t.grounding.minCoverage,
      strongScore: config.GROUNDED_STRONG_SCORE ?? t.grounding.strongScore,
      strongMinCoverage: config.GROUNDED_STRONG_MIN_COVERAGE ?? t.grounding.strongMinCoverage,
    },
  };
}
