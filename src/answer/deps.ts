import type { Logger } from 'pino';
import type { ClassifierModel } from '../safety/classifier.js';
import type { ChatModel } from '../llm/chat-model.js';
import type { RetrievalOptions } from '../retrieval/hybrid.js';
import type { KnowledgeSnapshot } from '../retrieval/snapshot.js';
import type { CannedReplies } from './canned.js';
import type { Tuning } from '../tuning.js';
import type { Prompts } from './prompts.js';
import type { SafetyWords } from '../safety/decide.js';
import type { SafetyLexicon } from '../safety/lexicon.js';

/** What the answer steps need from the outside world. */
export interface AnswerDeps {
  snapshot: () => KnowledgeSnapshot;
  retrieval: RetrievalOptions;
  maxQuestionChars: number;
  maxSources: number;
  /** The guide shown when someone asks about their own dossier (e.g. `tra-cuu-ho-so`). */
  dossierGuideDocId?: string;
  /** Present when an OpenAI-compatible server is configured. */
  llm?: ChatModel;
  /** One deadline for all model calls of a turn (condense + answer, retries included). */
  llmTimeoutMs: number;
  /** No token for this long → the extractive answer (default 10 s). */
  llmIdleMs?: number;
  /** A longer model answer is abandoned for the extractive one (default 4000). */
  llmMaxAnswerChars?: number;
  /** The safety lexicon of the knowledge folder (the bundled one when absent). */
  safety?: SafetyLexicon;
  /** The classifier behind the lexicon (the shipped model when absent; `null`: none, as while it is trained). */
  safetyClassifier?: ClassifierModel | null;
  /** The hotline the model may mention besides the emergency numbers. */
  supportHotline?: string;
  prompts?: Prompts;
  /** The canned replies in a language (from the language catalogues); Vietnamese without it. */
  replies?: (lang: string | undefined) => CannedReplies;
  /** The words of the safety replies in a language (from the language catalogues); Vietnamese without it. */
  safetyWords?: (lang: string | undefined) => SafetyWords;
  logger: Logger;
  /** Answer-shaping knobs; config/tuning.yaml when absent. */
  answer?: Tuning['answer'];
  /** The time (for facts with a last day); the system clock when absent. */
  now?: () => number;
}
