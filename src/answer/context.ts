import type { RetrievalResult } from '../retrieval/hybrid.js';
import type { LlmFallbackReason, TurnDeadline } from '../llm/deadline.js';
import type { PersonalDataKind } from '../privacy/redact.js';
import type { Question } from '../text/question.js';
import type { CannedReplies } from './canned.js';
import type { AnswerPlan, ComposedAnswer } from './extractive.js';
import type { AnswerFact } from './facts.js';
import type { Previous, Topics } from './plan.js';
import type { Passage } from './prompts.js';
import type { AnswerStatus } from './statuses.js';

export interface Turn {
  question: string;
  answer: string;
  docId?: string;
}

export interface AnswerSource {
  id: string;
  title: string;
  url: string;
  section: string;
  score: number;
}

/** The state one question carries through the pipeline steps. */
export interface AnswerContext {
  /** The question as typed (NFC, trimmed), redacted of personal data. */
  question: string;
  /** Every text form of `question` (folded, tokens, …), built once; steps read it instead of folding text. */
  q: Question;
  /** The question to search with; a follow-up becomes standalone in `rephrase` (with a model). */
  standalone: string;
  /** The text forms of what is searched and answered: `q`, or its Vietnamese rendering for an English question. */
  search: Question;
  /** Set by `rephrase` when the citizen wrote in English (the answer starts with a short English line). */
  english?: boolean;
  /** The document of the last answered turn and what was asked then (set by `rephrase`). */
  previous?: Previous;
  /** The document(s) to answer from, decided in `retrieve`. */
  topics?: Topics;
  /** What the composer answers (set by `compose`). */
  plan?: AnswerPlan;
  /** The extractive answer: the reply without a model, and the fallback when a model fails or invents. */
  fallback?: ComposedAnswer;
  /** Short checked facts (fee, time, place…) shown as an answer card. */
  facts: AnswerFact[];
  history: readonly Turn[];
  personalData: PersonalDataKind[];
  /** Set by `route` when the citizen asks about their own dossier or account. */
  aboutOwnDossier: boolean;
  retrieval?: RetrievalResult;
  /** The numbered passages given to the model (LLM mode). */
  passages?: Passage[];
  status?: AnswerStatus;
  answer: string;
  sources: AnswerSource[];
  followUps: string[];
  /** Which composer produced the answer. */
  composer?: 'extractive' | 'llm';
  /** Why an LLM answer was replaced by the extractive one. */
  llmFallback?: LlmFallbackReason;
  /** Set by `safety` for an emergency the documents may also answer: the numbers line, and the reply if they do not. */
  emergency?: { line: string; reply: string };
  /** LLM mode: the one deadline for condensing and answering (see turnDeadline). */
  deadline?: TurnDeadline;
  /** Milliseconds per step (and sub-step such as `retrieve.vector`). */
  metrics: Record<string, number>;
  /** The canned replies in the citizen's language (the language catalogue's `server.replies`). */
  replies: CannedReplies;
  /** The citizen's language (a catalogue code), for steps whose replies come from elsewhere (safety). */
  lang?: string;
  /** Receives pieces of the answer as they are produced. */
  onDelta: (text: string) => void;
  signal?: AbortSignal;
}

/** Thrown by a step to end the run with a status and a reply. */
export class AbortPipeline extends Error {
  constructor(
    readonly status: AnswerStatus,
    readonly reply: string,
  ) {
    super(status);
  }
}
