import path from 'node:path';
import type { Logger } from 'pino';
import { createAnswerService, type AnswerService } from './answer/answer-service.js';
import { loadPrompts } from './answer/prompts.js';
import { loadAccounts } from './auth/accounts.js';
import { createStaffAuth, type StaffAuth } from './auth/staff-auth.js';
import { createConversationService, type ConversationService } from './chat/conversation.js';
import type { Config } from './config.js';
import { HandoffDesk } from './handoff/desk.js';
import { parseOfficeHours } from './handoff/office-hours.js';
import { Metrics } from './http/metrics.js';
import { KnowledgeBase } from './knowledge/knowledge-base.js';
import { openAIChatModel, type ChatModel } from './llm/chat-model.js';
import { openAIClient } from './llm/client.js';
import type { RetrievalOptions } from './retrieval/hybrid.js';
import { embedderFromConfig } from './retrieval/index-store.js';
import { retrievalOptions } from './retrieval/options.js';
import { openSqliteStore } from './store/sqlite-store.js';
import type { Store } from './store/store.js';

/** Everything the routes use, built once per app so two apps can live side by side in a test. */
export interface Services {
  config: Config;
  kb: KnowledgeBase;
  store: Store;
  answers: AnswerService;
  conversations: ConversationService;
  desk: HandoffDesk;
  auth: StaffAuth;
  metrics: Metrics;
  retrieval: RetrievalOptions;
  /** Stops timers and closes the database. */
  close(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}

export interface ServiceOverrides {
  llm?: ChatModel;
}

const DAY_MS = 86_400_000;

export function createServices(config: Config, logger: Logger, overrides: ServiceOverrides = {}): Services {
  const accounts = loadAccounts(config);
  const officeHours = parseOfficeHours(config.OFFICE_HOURS, config.TIMEZONE);
  const kb = new KnowledgeBase({
    knowledgeDir: config.KNOWLEDGE_DIR,
    dataDir: config.DATA_DIR,
    embedder: embedderFromConfig(config),
    logger,
  });
  const store = openSqliteStore(path.join(config.DATA_DIR, 'dvc.sqlite'));
  const llm = overrides.llm ?? (config.llmEnabled ? openAIChatModel(openAIClient(config), config.CHAT_MODEL) : undefined);
  const retrieval = retrievalOptions(config);
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
    logger,
  );
  const desk = new HandoffDesk({
    store,
    logger,
    enabled: accounts.length > 0,
    officeHours,
    waitSeconds: config.HANDOFF_WAIT_SECONDS,
    hotline: config.SUPPORT_HOTLINE,
    nameOf: (username) => accounts.find((a) => a.username === username)?.name ?? username,
  });

  const purge = () => {
    const removed = store.purgeOlderThan(config.RETENTION_DAYS);
    if (removed) logger.info({ removed, retentionDays: config.RETENTION_DAYS }, 'old conversations deleted');
  };
  purge();
  const retention = setInterval(purge, DAY_MS);
  retention.unref();

  return {
    config,
    kb,
    store,
    answers,
    conversations: createConversationService({ store, answers, desk, historyTurns: config.HISTORY_TURNS, logger }),
    desk,
    auth: createStaffAuth(accounts, store, config.STAFF_SESSION_HOURS),
    metrics: new Metrics(),
    retrieval,
    async close() {
      clearInterval(retention);
      desk.close();
      await kb.close();
      store.close();
    },
  };
}
