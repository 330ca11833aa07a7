import type { FactKind, KnowledgeDoc } from '../knowledge/schema.js';
import type { QuestionType } from './question-types.js';
import { statesDate, viDate } from '../text/vi-date.js';

/** A short checked answer shown first and, in the widget, as a small answer card. */
export interface AnswerFact {
  kind: FactKind;
  text: string;
  /** ISO date the figure holds until (a temporary reduction). */
  validUntil?: string;
}

const LABEL: Record<FactKind, string> = {
  fee: 'Lệ phí',
  time: 'Thời gian giải quyết',
  deadline: 'Thời hạn',
  where: 'Nơi làm',
  online: 'Làm trực tuyến',
};

const KIND_FOR: Partial<Record<QuestionType, FactKind>> = {
  fee: 'fee',
  time: 'time',
  deadline: 'deadline',
  where: 'where',
  online: 'online',
};

const ONLINE_LEVEL: Record<KnowledgeDoc['online'], string> = {
  'toan-trinh': 'Làm được hoàn toàn trực tuyến, không phải đến cơ quan',
  'mot-phan': 'Nộp được trực tuyến, nhưng vẫn phải đến cơ quan ít nhất một lần',
  'truc-tiep': 'Thủ tục này làm trực tiếp tại cơ quan',
};

/**
 * The fact that answers a kind of question, from the document's front matter: its `facts`, or for a
 * procedure its `agency` (where) and `online` level. Undefined when the front matter does not say.
 */
export function factFor(doc: KnowledgeDoc, type: QuestionType): AnswerFact | undefined {
  const kind = KIND_FOR[type];
  if (!kind) return undefined;
  const fact = doc.facts?.[kind];
  if (fact) return { kind, text: fact.text, validUntil: fact.valid_until };
  if (doc.kind !== 'thu-tuc') return undefined;
  if (kind === 'where') return { kind, text: doc.agency };
  if (kind === 'online') return { kind, text: ONLINE_LEVEL[doc.online] };
  return undefined;
}


/**
 * The fact as the first line of an answer: "**Lệ phí:** 15.000 đồng (áp dụng đến 31/12/2026)". After
 * its last day the figure is not repeated as current: the citizen is told it may have changed.
 */
export function factLine(fact: AnswerFact, doc: KnowledgeDoc, today: string): string {
  const label = `**${LABEL[fact.kind]}:**`;
  const text = fact.text.replace(/[.;]\s*$/, '');
  if (!fact.validUntil) return `${label} ${text}.`;
  if (today <= fact.validUntil && statesDate(text, fact.validUntil)) return `${label} ${text}.`;
  if (today <= fact.validUntil) return `${label} ${text} (áp dụng đến ${viDate(fact.validUntil)}).`;
  return `${label} hướng dẫn ghi "${text}", áp dụng đến ${viDate(fact.validUntil)}; nay mức này có thể đã thay đổi, bà con hỏi lại ${officeOf(doc)} trước khi đi.`;
}

/** The office that handles the procedure, for "ask there" lines. */
export function officeOf(doc: KnowledgeDoc): string {
  return doc.facts?.where?.text ?? doc.agency;
}
