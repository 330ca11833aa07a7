import type { Config } from '../config.js';
import type { RetrievalOptions } from './hybrid.js';

export function retrievalOptions(config: Config): RetrievalOptions {
  return {
    topK: config.RETRIEVAL_TOP_K,
    fusion: config.FUSION,
    alpha: config.FUSION_ALPHA,
    minCoverage: config.GROUNDED_MIN_COVERAGE,
    strongScore: config.GROUNDED_STRONG_SCORE,
    strongMinCoverage: config.GROUNDED_STRONG_MIN_COVERAGE,
  };
}
