import type { DocumentHit, RetrievalResult } from '../retrieval/hybrid.js';
import type { KnowledgeSnapshot } from '../retrieval/snapshot.js';
import type { Question } from '../text/question.js';
import type { Tuning } from '../tuning.js';
import type { AnswerPlan, TopicPlan } from './extractive.js';
import { pointedTo } from './pointers.js';
import { isPopulation, namesIn, procedureNames, type NameHit } from './procedure-names.js';
import { questionTypes, type QuestionType } from './question-types.js';
import { CLAUSE_GAP, focusOf, rankUnits } from './rank.js';
import { sectionByLabel, sectionChip } from './sections.js';

/** The procedure a previous answer was about, and what was asked then. */
export interface Previous {
  docId: string;
  types: QuestionType[];
}

export interface TopicChoice {
  docId: string;
  score: number;
}

export interface Topics {
  topics: TopicChoice[];
  /** The message leans on the previous answer (it names no other procedure). */
  followUp: boolean;
  /** The kinds of question carried over from the previous turn ("còn thường trú thì sao?" after "tạm trú cần giấy gì"). */
  carryTypes: QuestionType[];
}

const SECOND_TOPIC_MIN_SCORE = 0.35;
const SECOND_TOPIC_RANKS = 8;

/** The names in a question that name a procedure (not a group of people). */
function procedureHits(snapshot: KnowledgeSnapshot, q: Question): NameHit[] {
  return namesIn(q, procedureNames(snapshot)).filter((h) => !isPopulation(h.phrase));
}

/**
 * Which document(s) to answer from. A message that names no procedure leans on the previous answer:
 * it stays on that document when the document speaks to what is asked (a population switch such as
 * "thế còn người già?" re-picks parts of the same document). A message that names a new procedure
 * switches and carries the previous kind of question. When the message names two procedures that
 * retrieval ranks well, both are answered.
 */
export function chooseTopics(
  snapshot: KnowledgeSnapshot,
  q: Question,
  retrieval: RetrievalResult,
  previous: Previous | undefined,
  t: Tuning['answer'],
): Topics {
  const chip = sectionChip(snapshot.docs, q.original);
  if (chip) return { topics: [{ docId: chip.doc.id, score: 1 }], followUp: false, carryTypes: [] };
  const typed = questionTypes(q);
  const hits = procedureHits(snapshot, q);
  const top = retrieval.documents[0];
  const carry = (types: QuestionType[]) => (typed.types.length === 0 ? types : []);

  if (previous && snapshot.docById.has(previous.docId)) {
    const stay = (): Topics => ({
      topics: [{ docId: previous.docId, score: top?.docId === previous.docId ? top.score : 1 }],
      followUp: true,
      carryTypes: carry(previous.types),
    });
    const namesPrevious = hits.some((h) => h.docIds.has(previous.docId));
    const others = hits.filter((h) => !h.docIds.has(previous.docId));
    const namesProcedure = others.some((h) => [...h.docIds].some((id) => snapshot.docById.get(id)?.kind === 'thu-tuc'));
    // "bao lâu thì có bằng" after a driving-licence answer names that procedure again: it stays,
    // whatever retrieval ranks first for so short a message.
    if (namesPrevious && others.length === 0) return stay();
    if (!namesPrevious && !namesProcedure) {
      // Nothing but the kind of question ("trả bằng gì", "mất bao lâu"): it asks about the previous answer.
      if (q.topic.length === 0) return stay();
      const prevDoc = snapshot.docById.get(previous.docId)!;
      const focus = focusOf(snapshot, q, typed, prevDoc, hits.filter((h) => h.docIds.has(prevDoc.id)));
      const best = rankUnits(snapshot, q, prevDoc, focus, typed.types, t.focusMinWeight)[0];
      const stays =
        !retrieval.grounded || top?.docId === previous.docId || focus.weight < t.focusMinWeight || (best?.focusCoverage ?? 0) >= t.focusCovered;
      if (stays) return stay();
    } else if (!namesPrevious && retrieval.grounded) {
      // A switch goes to a procedure the message names ("còn thường trú thì sao?"), not to whatever
      // retrieval ranks first; when retrieval ranks none of them, the message leans on the previous answer.
      const named = retrieval.documents.slice(0, SECOND_TOPIC_RANKS).find((d) => hits.some((h) => h.docIds.has(d.docId)));
      if (!named) return stay();
      return { topics: twoTopics(snapshot, q, retrieval, hits, named), followUp: false, carryTypes: carry(previous.types) };
    }
  }
  if (!top) return { topics: [], followUp: false, carryTypes: [] };
  if (!retrieval.grounded) {
    // A message that names a procedure is about it even when most of its words are not in the guidance:
    // the completeness check then says what the guidance does not cover.
    const named = retrieval.documents.slice(0, 3).find((d) => hits.some((h) => h.docIds.has(d.docId) && h.end - h.start >= 2));
    return named ? { topics: [{ docId: named.docId, score: named.score }], followUp: false, carryTypes: [] } : { topics: [], followUp: false, carryTypes: [] };
  }
  const first = pointedTo(snapshot, q, retrieval, hits) ?? procedureAskedOnline(snapshot, retrieval, hits, typed.types);
  return { topics: twoTopics(snapshot, q, retrieval, hits, first), followUp: false, carryTypes: [] };
}

const ONLINE_RANKS = 3;

/**
 * Whether a procedure can be done online, or how, is the procedure's own answer (its `online:` line and
 * steps), not the portal guide's that retrieval may rank first for the words "online", "dịch vụ công":
 * a question of that kind that names a procedure retrieval ranks near the top goes to it.
 */
function procedureAskedOnline(snapshot: KnowledgeSnapshot, retrieval: RetrievalResult, hits: NameHit[], types: QuestionType[]): DocumentHit {
  const top = retrieval.documents[0];
  if (!types.includes('online') || snapshot.docById.get(top.docId)?.kind === 'thu-tuc') return top;
  if (hits.some((h) => h.docIds.has(top.docId))) return top;
  const named = retrieval.documents
    .slice(1, ONLINE_RANKS)
    .find((d) => snapshot.docById.get(d.docId)?.kind === 'thu-tuc' && hits.some((h) => h.docIds.has(d.docId) && h.end - h.start >= 2));
  return named ?? top;
}

/** The top document, and a second one when the message also names another procedure retrieval ranks well. */
function twoTopics(
  snapshot: KnowledgeSnapshot,
  q: Question,
  retrieval: RetrievalResult,
  hits: NameHit[],
  top: DocumentHit = retrieval.documents[0],
): TopicChoice[] {
  const first: TopicChoice = { docId: top.docId, score: top.score };
  const firstSpans = hits.filter((h) => h.docIds.has(top.docId));
  if (firstSpans.length === 0) return [first];
  const ranked = retrieval.documents.slice(0, SECOND_TOPIC_RANKS);
  for (const hit of hits) {
    // A name shared by the top document and others ("cận nghèo" names the poor-household and the
    // policy-loan guides) can name the second when another name is the top document's own.
    const shared = hit.docIds.has(top.docId);
    const second = ranked.find((d) => d.docId !== top.docId && hit.docIds.has(d.docId));
    if (!second) continue;
    const own = firstSpans.filter((f) => f !== hit && !f.docIds.has(second.docId));
    if (own.length === 0) continue;
    if (own.some((f) => f.start < hit.end && hit.start < f.end)) continue;
    // A shared name needs a word that joins ("và", "rồi …"); a comma may only start another clause about the same thing.
    if (!own.some((f) => coordinated(q, f, hit, !shared))) continue;
    if (situationOnly(q, hit, own)) continue;
    if (second.score >= top.score * SECOND_TOPIC_MIN_SCORE) return [first, { docId: second.docId, score: second.score }];
  }
  return [first];
}

// "và", "với", "hay", "hoặc", "cùng", "còn", "lẫn", a comma, "sau đó", or "rồi"/"xong" before a verb or the second name
// join two things asked about.
const COORDINATORS = new Set(['va', 'voi', 'hay', 'hoac', 'cung']);
// Folded, "lan" is also "lần" (times) and "con" a child: these count only typed with their diacritics.
const ACCENTED_COORDINATORS = new Set(['còn', 'lẫn']);
const THEN_WORDS = new Set(['roi', 'xong']);
const THEN_VERBS = new Set(['lam', 'xin', 'dang', 'doi', 'cap', 'nop', 'di', 'mua', 'ban', 'sang']);
const MAX_GAP = 8;

// Words that make a clause ask something ("… thì gửi ai", "… ở đâu", "… được không"), as typed with their
// diacritics (folded, "đâu" is also "dấu", "bao" "báo", "mấy" "máy") or typed without any.
const ASKING = new Set(['gì', 'nào', 'ai', 'đâu', 'sao', 'bao', 'mấy', 'không', 'chưa', 'ko', 'k', 'ntn', 'hông', 'hok']);
const ASKING_FOLDED = new Set(['gi', 'nao', 'ai', 'dau', 'sao', 'bao', 'may', 'khong', 'chua', 'ko', 'k', 'ntn', 'hong', 'hok']);

/**
 * "Em là người dân tộc ở xã đặc biệt khó khăn, ly hôn có được miễn án phí không": a name in a clause
 * before the one that names the first topic, a clause that asks nothing, tells who is asking, not a
 * second thing asked ("bị thu hồi đất muốn khiếu nại thì gửi ai, nhà nghèo có được trợ giúp … không" asks twice).
 */
function situationOnly(q: Question, second: NameHit, own: NameHit[]): boolean {
  const clauses = clauseIndex(q);
  const clause = clauses[second.start];
  if (clauses[second.end - 1] !== clause || !own.every((f) => clauses[f.start] > clause)) return false;
  const at = q.foldedSyllables.flatMap((_, i) => (clauses[i] === clause ? [i] : []));
  let end = at.length;
  while (end > 0 && PARTICLES.has(q.foldedSyllables[at[end - 1]])) end--;
  const asks = (i: number) => (q.typedDiacritics ? ASKING.has(q.syllables[i]) : ASKING_FOLDED.has(q.foldedSyllables[i]));
  // "không" asks only at the end of its clause ("có mất tiền không ạ"), not in "hẹn mãi không trả".
  return !at.some((i, k) => asks(i) && (q.foldedSyllables[i] !== 'khong' || k === end - 1));
}

// Polite and chat particles that may follow the question word at the end of a clause.
const PARTICLES = new Set(['a', 'vay', 'nhi', 'ha', 'nhe', 'the', 'day', 'chau', 'em', 'anh', 'chi', 'co', 'ban']);

/** Syllable position → the number of the clause it is in: clausesOf's punctuation, without its "thì" splits. */
function clauseIndex(q: Question): number[] {
  const index: number[] = [];
  let n = 0;
  for (let i = 0; i < q.foldedSyllables.length; i++) {
    index.push(n);
    if (CLAUSE_GAP.test(q.gaps[i] ?? '')) n++;
  }
  return index;
}

/** Whether two names in a question are joined as two things asked ("thường trú và tạm trú", "khai sinh rồi làm hộ chiếu"). */
function coordinated(q: Question, a: NameHit, b: NameHit, commas = true): boolean {
  const [left, right] = a.start < b.start ? [a, b] : [b, a];
  if (right.start - left.end > MAX_GAP) return false;
  for (let i = left.end; i < right.start; i++) {
    const w = q.foldedSyllables[i];
    if (COORDINATORS.has(w) || ACCENTED_COORDINATORS.has(q.syllables[i])) return true;
    if (THEN_WORDS.has(w)) {
      // "rồi làm …", "rồi vay vốn …" (the second name itself), "xong thì làm …": the next thing to do,
      // not something already had ("công chứng rồi thì sang tên" is one thing asked).
      const next = w === 'xong' && q.foldedSyllables[i + 1] === 'thi' ? i + 2 : i + 1;
      if (next === right.start || THEN_VERBS.has(q.foldedSyllables[next] ?? '')) return true;
    }
    if (w === 'sau' && q.foldedSyllables[i + 1] === 'do') return true;
  }
  if (commas) for (let i = left.end - 1; i < right.start; i++) if (/[,;]/.test(q.gaps[i] ?? '')) return true;
  return false;
}

/** Everything the composer needs: the kinds of question, and for each document the focus and its parts ranked. */
export function buildPlan(
  snapshot: KnowledgeSnapshot,
  q: Question,
  chosen: Topics,
  retrievalCoverage: number,
  today: string,
  t: Tuning['answer'],
): AnswerPlan {
  const typed = questionTypes(q);
  const types = typed.types.length > 0 ? typed.types : chosen.carryTypes;
  const hits = procedureHits(snapshot, q);
  const topicIds = chosen.topics.map((x) => x.docId);
  const topics: TopicPlan[] = chosen.topics.map(({ docId, score }) => {
    const doc = snapshot.docById.get(docId)!;
    const own = hits.filter((h) => h.docIds.has(docId));
    const others = chosen.topics.length > 1 ? hits.filter((h) => !h.docIds.has(docId) && topicIds.some((id) => h.docIds.has(id))) : [];
    const focus = focusOf(snapshot, q, typed, doc, own, others);
    return { doc, score, focus, ranked: rankUnits(snapshot, q, doc, focus, types, t.focusMinWeight) };
  });
  const chip = sectionChip(snapshot.docs, q.original);
  const section = topics.length !== 1 ? undefined : chip?.doc === topics[0].doc ? chip.section : chosen.followUp ? sectionByLabel(topics[0].doc, q.original) : undefined;
  return { q, types, topics, section, unsure: !chosen.followUp && retrievalCoverage < t.unsureCoverage, today, cueTokens: typed.cueTokens };
}

/** "còn…", "vậy thì…", "…thì sao", or no topic word: the question leans on what was said before. */
export function looksLikeFollowUp(q: Question): boolean {
  return FOLLOW_UP_ACCENTED.test(q.lower) || FOLLOW_UP_FOLDED.test(q.folded) || q.topic.length === 0;
}

const FOLLOW_UP_ACCENTED = /^(còn|thế còn|vậy|vậy thì|thế thì|như vậy|nếu vậy|còn nếu)(\s|$)/u;
const FOLLOW_UP_FOLDED = /\b(thi sao|the nao nua|nua khong|nua ko|o tren|vua roi|vua noi|thu tuc (nay|do|tren)|viec (nay|do)|cai (nay|do))\b/;
