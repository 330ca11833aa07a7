import fp from 'fastify-plugin';
import type { Logger } from 'pino';
import { createAnswerService, type AnswerService } from '../../answer/answer-service.js';
import { cannedReplies } from '../../answer/canned.js';
import { loadPrompts } from '../../answer/prompts.js';
import { openAIChatModel, type ChatModel } from '../../llm/chat-model.js';
import { openAIClient } from '../../llm/client.js';
import { retrievalOptions } from '../../retrieval/options.js';
import { SafetyLexicon } from '../../safety/lexicon.js';
import { bundledClassifier } from '../../safety/safety-matches.js';

declare module 'fastify' {
  interface FastifyInstance {
    answers: AnswerService;
    /** The safety lexicon of the knowledge folder (`_safety.yaml`); its load errors show on /admin. */
    safety: SafetyLexicon;
  }
}

/**
 * `app.answers`: the answer pipeline over the current knowledge snapshot. The model is the
 * OpenAI-compatible one when configured, or the one a test passes to buildApp; without either,
 * answers are extractive.
 */
export default fp<{ llm?: ChatModel }>(
  async (app, opts) => {
    const { config, knowledge } = app;
    const logger = app.log as Logger;
    const { catalogues } = app;
    // The words of each language, made once.
    const words = new Map(catalogues.languages.map(({ code }) => [code, { replies: cannedReplies(catalogues.replies(code)), safety: catalogues.safety(code) }]));
    const inLanguage = (lang: string | undefined) => words.get(catalogues.pick(lang))!;
    const llm = opts.llm ?? (config.llmEnabled ? openAIChatModel(openAIClient(config), config.CHAT_MODEL) : undefined);
    const safety = new SafetyLexicon(config.KNOWLEDGE_DIR);
    // The safety classifier's model is read, validated and made ready at start (a broken file stops it
    // here, not at a citizen's first message, which would otherwise wait ~80 ms for it).
    bundledClassifier();
    for (const error of safety.errors) logger.warn({ knowledgeError: error }, 'safety lexicon rejected; the bundled one is used');
    const answers = createAnswerService(
      {
        snapshot: () => knowledge.snapshot,
        retrieval: retrievalOptions(config),
        maxQuestionChars: config.MAX_QUESTION_CHARS,
        maxSources: retrievalOptions(config).maxSources,
        dossierGuideDocId: config.DOSSIER_GUIDE_DOC_ID,
        llm,
        llmTimeoutMs: config.LLM_TIMEOUT_MS,
        llmIdleMs: config.LLM_IDLE_MS,
        llmMaxAnswerChars: config.LLM_MAX_ANSWER_CHARS,
        supportHotline: config.SUPPORT_HOTLINE,
        safety,
        prompts: llm ? loadPrompts(config.PROMPTS_DIR) : undefined,
        replies: (lang) => inLanguage(lang).replies,
        safetyWords: (lang) => inLanguage(lang).safety,
        logger,
      },
      logger,
    );
    app.decorate('answers', answers);
    app.decorate('safety', safety);
  },
  { name: 'answers', dependencies: ['config', 'knowledge', 'catalogues'] },
);
