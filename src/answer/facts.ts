import type { FactKind, KnowledgeDoc } from '../knowledge/schema.js';
import type { QuestionType } from './question-types.js';
import { statesDate, viDate } from '../text/vi-date.js';
import { CANNED, fill, type CannedReplies } from './canned.js';

/** A short checked answer shown first and, in the widget, as a small answer card. */
export interface AnswerFact {
  kind: FactKind;
  text: string;
  /** ISO date the figure holds until (a temporary reduction). */
  validUntil?: string;
}

const KIND_FOR: Partial<Record<QuestionType, FactKind>> = {
  fee: 'fee',
  time: 'time',
  deadline: 'deadline',
  where: 'where',
  online: 'online',
};

/**
 * The fact that answers a kind of question, from the document's front matter: its `facts`, or for a
 * procedure its `agency` (where) and `online` level. Undefined when the front matter does not say.
 */
export function factFor(doc: KnowledgeDoc, type: QuestionType, replies: CannedReplies = CANNED): AnswerFact | undefined {
  const kind = KIND_FOR[type];
  if (!kind) return undefined;
  const fact = doc.facts?.[kind];
  if (fact) return { kind, text: fact.text, validUntil: fact.valid_until };
  if (doc.kind !== 'thu-tuc') return undefined;
  if (kind === 'where') return { kind, text: doc.agency };
  if (kind === 'online') return { kind, text: replies[ONLINE_LEVEL[doc.online]] };
  return undefined;
}


/**
 * The fact as the first line of an answer: "**Lệ phí:** 15.000 đồng (áp dụng đến 31/12/2026)". After
 * its last day the figure is not repeated as current: the citizen is told it may have changed.
 */
export function factLine(fact: AnswerFact, doc: KnowledgeDoc, today: string, replies: CannedReplies = CANNED): string {
  const label = `**${replies[LABEL[fact.kind]]}:**`;
  const text = fact.text.replace(/[.;]\s*$/, '');
  if (!fact.validUntil) return `${label} ${text}.`;
  if (today <= fact.validUntil && statesDate(text, fact.validUntil)) return `${label} ${text}.`;
  const date = viDate(fact.validUntil);
  if (today <= fact.validUntil) return `${label} ${fill(replies.fact_until, { text, date })}`;
  return `${label} ${fill(replies.fact_expired, { text, date, office: officeOf(doc) })}`;
}

// The catalogue's words for a fact's label and a procedure's online level (`server.replies`).
const LABEL = {
  fee: 'fact_label_fee',
  time: 'fact_label_time',
  deadline: 'fact_label_deadline',
  where: 'fact_label_where',
  online: 'fact_label_online',
} as const satisfies Record<FactKind, keyof CannedReplies>;

const ONLINE_LEVEL = {
  'toan-trinh': 'online_level_toan_trinh',
  'mot-phan': 'online_level_mot_phan',
  'truc-tiep': 'online_level_truc_tiep',
} as const satisfies Record<KnowledgeDoc['online'], keyof CannedReplies>;

/** The office that handles the procedure, for "ask there" lines. */
export function officeOf(doc: KnowledgeDoc): string {
  return doc.facts?.where?.text ?? doc.agency;
}
