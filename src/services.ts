import type { Logger } from 'pino';
import { createAnswerService, type AnswerService } from './answer/answer-service.js';
import { loadPrompts } from './answer/prompts.js';
import { createLoggingFeedbackDesk, type FeedbackDesk } from './chat/feedback.js';
import { createMemorySessionStore, type SessionStore } from './chat/sessions.js';
import type { Config } from './config.js';
import { Metrics } from './http/metrics.js';
import { KnowledgeBase } from './knowledge/knowledge-base.js';
import { openAIChatModel, type ChatModel } from './llm/chat-model.js';
import { openAIClient } from './llm/client.js';
import type { RetrievalOptions } from './retrieval/hybrid.js';
import { embedderFromConfig } from './retrieval/index-store.js';
import { retrievalOptions } from './retrieval/options.js';

/** Everything the routes use, built once per app so two apps can live side by side in a test. */
export interface Services {
  config: Config;
  kb: KnowledgeBase;
  sessions: SessionStore;
  answers: AnswerService;
  feedback: FeedbackDesk;
  metrics: Metrics;
  retrieval: RetrievalOptions;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}

export interface ServiceOverrides {
  llm?: ChatModel;
  feedback?: FeedbackDesk;
}

export function createServices(config: Config, logger: Logger, overrides: ServiceOverrides = {}): Services {
  const kb = new KnowledgeBase({
    knowledgeDir: config.KNOWLEDGE_DIR,
    dataDir: config.DATA_DIR,
    embedder: embedderFromConfig(config),
    logger,
  });
  const llm = overrides.llm ?? (config.llmEnabled ? openAIChatModel(openAIClient(config), config.CHAT_MODEL) : undefined);
  const retrieval = retrievalOptions(config);
  const sessions = createMemorySessionStore({ maxTurns: config.HISTORY_TURNS });
  const answers = createAnswerService(
    {
      snapshot: () => kb.snapshot,
      retrieval,
      maxQuestionChars: config.MAX_QUESTION_CHARS,
      maxSources: config.RETRIEVAL_MAX_SOURCES,
      dossierGuideDocId: config.DOSSIER_GUIDE_DOC_ID,
      llm,
      llmTimeoutMs: config.LLM_TIMEOUT_MS,
      prompts: llm ? loadPrompts(config.PROMPTS_DIR) : undefined,
      logger,
    },
    sessions,
    logger,
  );
  return {
    config,
    kb,
    sessions,
    answers,
    feedback: overrides.feedback ?? createLoggingFeedbackDesk(logger),
    metrics: new Metrics(),
    retrieval,
  };
}
