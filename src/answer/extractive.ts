import type { KnowledgeDoc, Section } from '../knowledge/schema.js';
import type { Question } from '../text/question.js';
import type { Tuning } from '../tuning.js';
import { fold, plainFolded } from '../text/vietnamese.js';
import { CANNED, fill, type CannedReplies } from './canned.js';
import { caseSplit } from './cases.js';
import type { AnswerSource } from './context.js';
import { factFor, factLine, officeOf, type AnswerFact } from './facts.js';
import { QUANTITY, questionTypes, specOf, type QuestionType } from './question-types.js';
import { asksQuantity, clausesOf, countedBy, jointCoverage, saysWhatDecides, statesNumber, type Focus, type FocusWord, type RankedUnit } from './rank.js';
import { isSharedHeading, sectionLabel } from './sections.js';
import { firstSentence, unitsOf, type Unit } from './units.js';
import { verdictFor } from './verdict.js';
import { visibleLength } from './visible.js';

/** One procedure the answer is about, with the question's focus on it and its parts ranked. */
export interface TopicPlan {
  doc: KnowledgeDoc;
  score: number;
  focus: Focus;
  ranked: RankedUnit[];
}

/** What to answer: decided from the question, the retrieval and the conversation (see plan.ts). */
export interface AnswerPlan {
  q: Question;
  types: QuestionType[];
  topics: TopicPlan[];
  /** A whole section asked for by its follow-up chip. */
  section?: Section;
  /** Retrieval was weak: offer a person. */
  unsure: boolean;
  /** The kind-of-question cue words of the question (folded). */
  cueTokens: ReadonlySet<string>;
  /** Show the guide as it is (the citizen asked about their own dossier: how to look it up), no completeness check. */
  guide?: boolean;
  /** Today, ISO date (facts with a last day). */
  today: string;
  /** The fixed lines in the citizen's language (the catalogue's `server.replies`: the offer of a person, "the guidance does not say", where to ask); Vietnamese by default. */
  replies?: CannedReplies;
}

export type ComposedStatus = 'answered' | 'not_covered' | 'partial';

export interface ComposedAnswer {
  status: ComposedStatus;
  text: string;
  sources: AnswerSource[];
  followUps: string[];
  facts: AnswerFact[];
  /** The parts quoted, best first (also what a model is given first). */
  units: Unit[];
}

const FACT_TYPES: readonly QuestionType[] = ['fee', 'time', 'deadline', 'where', 'online'];
const LIST_TYPES: readonly QuestionType[] = ['papers', 'steps', 'who'];
// The figure a kind of question asks for: an amount or nothing to pay; a duration, a date or what it depends on.
const FIGURE_OF: Partial<Record<QuestionType, RegExp>> = {
  fee: /\b(\d+( \d{3})* (dong|trieu|nghin)|mien (phi|le phi)|khong (thu|mat) (tien|phi|le phi))\b/,
  time: /\b(\d+ (ngay|thang|nam|tuan|gio|phut)|tuy (theo|vao|ngan hang|noi|co quan))\b/,
  deadline: /\b(\d+ (ngay|thang|nam|tuan)|(ngay|tu|den) \d{1,2} \d{1,2}( \d{4})?|tuy (theo|vao))\b/,
};
// The part must hold all that is asked before its figure answers a kind of question its section does not name.
const STATED_COVERAGE = 1;
// A list of conditions (who) is quoted whole only when short.
const SHORT_LIST = 6;
const CHIP_ORDER = ['Giấy tờ cần chuẩn bị', 'Thời hạn, lệ phí', 'Lệ phí', 'Thời hạn', 'Các bước', 'Nộp ở đâu', 'Ai cần làm', 'Làm trực tiếp'];
const MAX_CHIPS = 3;
// What a kind of question is about, for "the guidance does not say …" (the catalogue's words).
const ASPECT_WORDS = {
  fee: 'aspect_fee',
  time: 'aspect_time',
  deadline: 'aspect_deadline',
  papers: 'aspect_papers',
  where: 'aspect_where',
  who: 'aspect_who',
  steps: 'aspect_steps',
  online: 'aspect_online',
  legal: 'aspect_legal',
} as const satisfies Partial<Record<QuestionType, keyof CannedReplies>>;

/** The catalogue's names of the kinds asked ("lệ phí, thời hạn"). */
function aspectsOf(plan: AnswerPlan, asked: readonly QuestionType[]): string {
  const words = asked.map((x) => (x in ASPECT_WORDS ? repliesOf(plan)[ASPECT_WORDS[x as keyof typeof ASPECT_WORDS]] : undefined));
  return words.filter(Boolean).join(', ');
}

/**
 * The extractive answer: the asked fact or verdict first, then the one to three parts of the document
 * that answer the question, within the length budget; or an honest "the guidance does not say" with
 * the office to ask. Full sections stay one tap away as follow-up chips.
 */
export function composeExtractive(plan: AnswerPlan, t: Tuning['answer']): ComposedAnswer {
  if (plan.topics.length > 1) return composeTwoTopics(plan, t);
  const topic = plan.topics[0];
  if (plan.section) return wholeSection(topic, plan.section, t);
  return composeOne(plan, topic, t);
}

function composeOne(plan: AnswerPlan, topic: TopicPlan, t: Tuning['answer']): ComposedAnswer {
  const { doc, focus, ranked } = topic;
  const asked = plan.types.filter((x) => x !== 'yesno');
  const specific = focus.weight >= t.focusMinWeight;
  // How well the document speaks to the focus: the best-covering of the top parts.
  const covering = ranked.slice(0, 3).reduce<RankedUnit | undefined>((b, r) => (!b || r.focusCoverage > b.focusCoverage ? r : b), undefined);
  // What is asked may be spread over two or three parts: they count together, and are all quoted.
  const joint = jointParts(focus, ranked, covering, t);
  const coverage = joint.coverage;
  // A fee, time or deadline is also answered by the parts that hold what is asked when they state a
  // figure, a date or what it depends on ("Thời gian hoàn tiền tùy ngân hàng").
  const statedHere = (type: QuestionType) => !!covering && covering.focusCoverage >= STATED_COVERAGE && statesFigureFor(type, covering.unit.folded);
  // "Tiền trợ cấp được trả vào ngày mấy mỗi tháng": a day of the month or week, not a number of days.
  const dayAsked = plan.guide ? undefined : asksDayOf(plan.q);
  const day = dayAsked ? ranked.slice(0, VALIDITY_RANKS).find((r) => DAY_OF_STATED.test(r.unit.folded)) : undefined;
  const answerable = asked.filter((type) => hasAnswerFor(topic, type) || statedHere(type) || (type === 'deadline' && !!day));
  let partialNote: string | undefined;
  if (specific && !plan.guide && coverage < t.focusCovered && !onlyOneSituationWord(focus)) {
    const covered = new Set(joint.parts.flatMap((p) => [...p.covered]));
    const missing = missingWords(plan.q, focus, covered);
    // "Mở quán bún thì đăng ký hộ kinh doanh ở đâu": the question word is about the procedure, "bún" is only the situation.
    const aboutProcedure = answerable.length > 0 && askedAbout(focus, covered, cuePositions(plan.q, plan.cueTokens)) === 'procedure';
    if (!aboutProcedure) {
      // Two things asked and one of them answered: say what is not covered, then answer the other.
      const otherAspect = answerable.length > 1 || (answerable.length === 1 && !plan.types.includes('yesno') && coverage >= t.partialCovered);
      if (!otherAspect) return notCovered(plan, topic, missing);
      partialNote = fill(repliesOf(plan).partial_note, { title: doc.title, missing });
    }
  }
  if (!plan.guide && asked.length > 0 && answerable.length === 0 && asked.some((x) => FACT_TYPES.includes(x))) {
    return notCovered(plan, topic, aspectsOf(plan, asked));
  }
  if (!specific && asked.length > 0 && answerable.length === 0) return notCovered(plan, topic, aspectsOf(plan, asked));
  // "Phiếu lý lịch tư pháp có giá trị trong bao lâu": how long a paper stays valid, not how long it takes to get;
  // only a part that says so answers ("có giá trị 6 tháng kể từ ngày cấp"), else the guidance does not say.
  const validityAsked = plan.guide || partialNote ? undefined : asksValidity(plan.q);
  const valid = validityAsked ? ranked.slice(0, VALIDITY_RANKS).find((r) => statesValidity(r.unit.folded)) : undefined;
  if (validityAsked && !valid) return notCovered(plan, topic, validityAsked);
  if (dayAsked && !day) return notCovered(plan, topic, dayAsked);
  // "Số điện thoại của Trung tâm … là số nào", "ở số nhà mấy, đường nào": only a part that gives a number or a street
  // answers; else the guidance does not say, with what it says about it ("Chưa biết số điện thoại …: hỏi cán bộ tư pháp").
  const contactAsked = plan.guide || partialNote ? undefined : asksContact(plan.q);
  // The number of what is asked ("tổng đài"), not any number near it (the national hotline for "bộ phận một cửa xã").
  const contact = contactAsked ? ranked.slice(0, CONTACT_RANKS).find((r) => statesContact(r.unit.text) && (!specific || r.focusCoverage >= t.focusCovered)) : undefined;
  if (contactAsked && !contact) {
    const said = ranked.slice(0, CONTACT_RANKS).find((r) => CONTACT_NAMED.test(r.unit.folded));
    return notCovered(plan, topic, contactAsked, said?.unit.text);
  }

  const facts: AnswerFact[] = [];
  const lines: string[] = [];
  const budget = new Budget(t.firstBlockChars);
  if (partialNote) budget.add(lines, partialNote);
  // A yes/no answer that differs by a case the question does not state (the child's age): each case in
  // brief and one clarifying question, no verdict (the first case's "Không phải …" is not the answer).
  const cases = plan.types.includes('yesno') && !partialNote && !plan.guide ? caseSplit(plan.q, doc, ranked, t) : undefined;
  const verdict = plan.types.includes('yesno') && !partialNote && !cases ? verdictFor(topic, plan.types, specific, repliesOf(plan)) : undefined;
  if (verdict) budget.add(lines, verdict);
  // Facts answer the procedure's own fee, time, place: first when nothing more specific is asked, else after the parts.
  const factLines: string[] = [];
  // "Trợ cấp … được bao nhiêu tiền": money received; what the procedure costs is not asked.
  const received = asksQuantity(plan.q) && !!countedBy(plan.q, plan.types)?.received;
  for (const type of answerable.filter((x) => FACT_TYPES.includes(x) && !(received && x === 'fee'))) {
    const fact = factFor(doc, type, repliesOf(plan));
    if (!fact) continue;
    // A processing time or a filing deadline is not how long the paper stays valid.
    if (validityAsked && (type === 'time' || type === 'deadline') && !statesValidity(plainFolded(fact.text))) continue;
    factLines.push(factLine(fact, doc, plan.today, repliesOf(plan)));
    if (!(fact.validUntil && plan.today > fact.validUntil)) facts.push(fact);
  }
  const aboutTerms = asked.includes('definition') || asked.includes('comparison');
  const ofCase = caseFigure(ranked, asked, specific, t);
  const factsFirst = !ofCase && !aboutTerms && (!specific || !(ranked[0] && ranked[0].focusCoverage >= t.focusCovered && asked.some((x) => FACT_TYPES.includes(x) && fitsType(ranked[0].unit, x))));
  if (factsFirst) for (const l of factLines) budget.add(lines, l);
  // "A và B khác nhau thế nào": what A is and what B is, side by side, before anything the ranking prefers.
  const compared = asked.includes('comparison') ? comparedUnits(plan.q, topic, t.firstBlockChars) : [];
  let quoted = compared.length > 0 ? compared : withParts(pickUnits(topic, asked, specific, t, plan.q), joint.parts.length > 1 ? joint.parts.map((p) => p.unit) : [], t.maxUnits);
  if (ofCase) quoted = [ofCase, ...quoted.filter((u) => u !== ofCase)].slice(0, t.maxUnits);
  if (valid) quoted = [valid.unit, ...quoted.filter((u) => u !== valid.unit)].slice(0, t.maxUnits);
  if (day) quoted = [day.unit, ...quoted.filter((u) => u !== day.unit)].slice(0, t.maxUnits);
  if (contact) quoted = [contact.unit, ...quoted.filter((u) => u !== contact.unit)].slice(0, t.maxUnits);
  // "Vốn điều lệ tối thiểu bao nhiêu": the answer is a number stated about what is asked (not any figure
  // in a quoted part: "nghỉ thai sản mấy tháng" is not answered by the 20 days of the pension); else the guidance does not say it.
  if (!plan.guide && !partialNote && asksQuantity(plan.q)) {
    // "mấy tháng" is not answered by "45 ngày", "bao nhiêu tiền" not by an article's number.
    const counted = countedBy(plan.q, plan.types);
    // Words the guidance never uses are the completeness check's business, not the number's. "Chứng thực hợp
    // đồng mua bán xe máy mất mấy ngày": how long the procedure takes is about the procedure, not the words before.
    // "Công an phường thu bao nhiêu tiền": the office that collects is the procedure's own, not what the money is for.
    const office = ` ${plainFolded(officeOf(doc))} `;
    const at = quantityStart(plan.q);
    const collects = COLLECTS.has(plan.q.foldedSyllables[at - 1]);
    const collector = (w: FocusWord) => collects && w.pos < at && office.includes(` ${w.folded} `);
    const around = quantitySubject(plan.q, focus);
    const asked = around.filter((w) => (specific || w.idf >= 1) && ranked.some((r) => r.unit.contains.has(w.folded)) && !collector(w));
    // "Cấp lại thẻ căn cước bị hỏng mất mấy ngày": words that go on from the procedure's name say which case of it, and
    // how long it takes is its time; "… bị sai thì sửa mất mấy ngày" asks how long another thing takes.
    const howLong = !!counted?.duration && plan.types.includes('time') && nameBefore(plan.q, focus, around);
    // "Trợ cấp mai táng BHXH được bao nhiêu tiền": money received is named before "bao nhiêu", often in the guide's
    // own words ("lương hưu" in the BHXH guide), and only a part naming it states its amount (not the sick pay's 75 %).
    const money = counted?.received ? moneyNamed(plan.q, focus) : undefined;
    const named = money ? money.words.filter((w) => ranked.some((r) => r.unit.contains.has(w.folded))) : [];
    // "trợ cấp cho thân nhân": the words after "trợ cấp", "hỗ trợ" say which; that word alone when nothing follows ("lương hưu").
    const which = named.filter((w) => money?.at !== undefined && w.pos >= money.at + 2);
    const received = which.length > 0 ? which : named;
    const subject = howLong ? [] : received.length > 0 ? received : asked;
    // How long the procedure itself takes is stated in parts that need not hold the words of its case.
    const onFocus = (u: Unit) => !specific || howLong || ranked.some((r) => r.unit === u && r.focusCoverage > 0);
    // An amount of money asked is not answered by who sets it ("theo nghị quyết của HĐND tỉnh"): that is said with "the guidance does not say".
    const decides = (folded: string) => !!counted?.decidable && saysWhatDecides(folded);
    const counts = (folded: string, text: string) =>
      counted ? counted.states(folded, text) || (!counted.money && decides(folded)) : statesNumber(folded);
    // A part (unlike the procedure's facts) answers how long it takes only with a length of time, not with what it depends on.
    const answers = (u: Unit) =>
      howLong ? counted!.states(u.folded, u.text) : received.length > 0 ? statesAbout(u.text, received, counts) : counts(u.folded, u.text) && carries(u, subject);
    const aboutProcedure = subject.length === 0;
    if (!quoted.some((u) => onFocus(u) && answers(u)) && !(aboutProcedure && factLines.some((l) => counts(plainFolded(l), l)))) {
      const near = ranked.slice(0, QUANTITY_RANKS).filter((r) => onFocus(r.unit));
      const elsewhere = (received.length > 0 ? ranked : near).find((r) => answers(r.unit)) ?? (counted?.thing ? thingCounted(ranked, counted.thing) : undefined);
      if (!elsewhere) {
        const setter = counted?.money ? near.find((r) => decides(r.unit.folded) && !NOTHING_TO_PAY.test(r.unit.folded) && MONEY_WORDS.test(r.unit.folded) && carries(r.unit, asked)) : undefined;
        return notCovered(plan, topic, quantityAsked(plan.q, money?.at), setter?.unit.text);
      }
      quoted = [elsewhere.unit, ...quoted.filter((u) => u !== elsewhere.unit)].slice(0, t.maxUnits);
    }
  }
  let clarifying: string | undefined;
  if (cases) {
    budget.add(lines, repliesOf(plan).depends_on);
    clarifying = fill(repliesOf(plan).which_case, { cases: cases.labels.join(repliesOf(plan).case_separator) });
    budget.used += visibleLength(clarifying) + 2;
    quoted = cases.units;
  }
  // A list's introducing line is shown once in an answer, even when its items are quoted apart.
  const introduced = new Set<string>();
  const firstBlock = renderUnits(quoted, budget, true, introduced);
  if (clarifying) firstBlock.lines.push(clarifying);
  if (!factsFirst && !aboutTerms) for (const l of factLines) budget.add(firstBlock.lines, l);
  const first = [...lines, ...firstBlock.lines].join('\n\n');
  const rest: string[] = [];
  const more = new Budget(t.maxChars - visibleLength(first));
  if (firstBlock.left.length > 0) renderUnits(firstBlock.left, more, false, introduced).lines.forEach((l) => rest.push(l));
  if ((asked.includes('online') || asked.includes('steps')) && doc.portal_url && doc.online !== 'truc-tiep') {
    more.add(rest, fill(repliesOf(plan).online_at, { link: `[${hostOf(doc.portal_url)}](${doc.portal_url})` }));
  }
  if (plan.unsure) more.add(rest, repliesOf(plan).unsure_offer);
  const shownUnits = firstBlock.shown.concat(firstBlock.left.filter((u) => rest.some((l) => l.includes(firstSentence(u.text)))));
  const shownSections = new Set(shownUnits.map((u) => u.section));
  return {
    status: partialNote ? 'partial' : 'answered',
    text: [first, ...rest].filter(Boolean).join('\n\n'),
    sources: [sourceFor(doc, [...shownSections], topic.score)],
    followUps: chips(doc, shownSections, facts),
    facts,
    units: shownUnits,
  };
}

/**
 * Nothing is asked beyond the guide's name and the kind of question but one word of the situation, in a
 * clause before the one that asks ("cắt khẩu ở quê rồi nhập khẩu lên chỗ con trai ở thì làm sao",
 * "bố đẻ muốn nhận con khi chưa cưới mẹ nó thì làm thủ tục gì"): the citizen's own word for their case,
 * too little to say the guide does not cover the question. The same word in the clause that asks still counts.
 */
function onlyOneSituationWord(focus: Focus): boolean {
  const asked = focus.words.filter((w) => !w.hint);
  return asked.length === 1 && !!asked[0].context;
}

// How far down the ranking a part that holds the rest of what is asked is looked for.
const JOINT_RANKS = 5;

/**
 * The best-covering part, and when it does not hold all that is asked, up to two more of the top-ranked
 * parts that hold the rest; with the share of the focus they cover together.
 */
function jointParts(focus: Focus, ranked: readonly RankedUnit[], covering: RankedUnit | undefined, t: Tuning['answer']): { parts: RankedUnit[]; coverage: number } {
  if (!covering) return { parts: [], coverage: 0 };
  const parts = [covering];
  let coverage = covering.focusCoverage;
  const pool = ranked.slice(0, JOINT_RANKS).filter((r) => r !== covering && r.focusCoverage > 0);
  while (coverage < t.focusCovered && parts.length < t.maxUnits) {
    let best: { r: RankedUnit; c: number } | undefined;
    for (const r of pool) {
      if (parts.includes(r)) continue;
      const c = jointCoverage(focus, [...parts, r]);
      if (c > coverage && (!best || c > best.c)) best = { r, c };
    }
    if (!best) break;
    parts.push(best.r);
    coverage = best.c;
  }
  return coverage >= t.focusCovered ? { parts, coverage } : { parts: [covering], coverage: covering.focusCoverage };
}

/** The picked parts, with the parts that hold what is asked between them in place of the last ones. */
function withParts(picked: Unit[], parts: Unit[], max: number): Unit[] {
  const missing = parts.filter((u) => !picked.includes(u));
  if (missing.length === 0) return picked;
  const keep = picked.filter((u) => parts.includes(u) || picked.indexOf(u) < Math.max(1, max - missing.length));
  return [...keep, ...missing];
}

/**
 * "Bố cháu là người Lào, muốn nhận con thì mất bao lâu": when the best part is in a section of the citizen's case
 * ("Nhận cha, mẹ, con với người nước ngoài") that states the asked fee, time or deadline itself, that figure comes
 * before the procedure's general one.
 */
function caseFigure(ranked: readonly RankedUnit[], asked: readonly QuestionType[], specific: boolean, t: Tuning['answer']): Unit | undefined {
  const top = ranked[0];
  if (!specific || !top || top.focusCoverage < t.focusCovered || !top.unit.section) return undefined;
  const types = asked.filter((x) => FIGURE_OF[x]);
  if (types.length === 0 || types.some((x) => specOf(x).headings.some((h) => top.unit.sectionFolded.includes(h)))) return undefined;
  return ranked.find((r) => r.unit.section === top.unit.section && types.some((x) => statesFigureFor(x, r.unit.folded)))?.unit;
}

// "có giá trị (trong) bao lâu", "dùng được mấy tháng", "thời hạn sử dụng bao lâu", "bao lâu thì hết hạn" (folded).
const VALIDITY_ASKED =
  /\b((co )?(gia tri|hieu luc)( su dung)?|(thoi )?han su dung|(su )?dung duoc)( (trong|duoc|toi da|la))? (bao lau|may (ngay|thang|nam|tuan))\b|\bbao lau (thi )?het han\b/;
// A part that says how long a paper stays valid: "có giá trị 6 tháng kể từ ngày cấp", "dùng được tối đa 12 tháng", "không có thời hạn".
// A term ("thời hạn tạm trú dài nhất là 2 năm", "khởi công trong 12 tháng; quá hạn thì xin gia hạn") counts in months or years, not working days.
const VALIDITY_STATED =
  /\b(gia tri|hieu luc|dung duoc|su dung|han dung)\b[^.;]{0,40}\b(\d+|mot|hai|ba|sau|muoi) (ngay|thang|nam|tuan)\b|\b(thoi han|het han|qua han|gia han|dai nhat|toi da)\b[^.;]{0,40}\b(\d+|mot|hai|ba|sau|muoi) (thang|nam)\b|\b\d+ (thang|nam)\b[^.;]{0,30}\b(het han|qua han|gia han)\b|\b(khong co thoi han|vo thoi han|khong thoi han|co gia tri (lau dai|vinh vien|den khi))\b/;
// How far down the ranking a part that says how long the paper stays valid is looked for.
const VALIDITY_RANKS = 8;

/** The question's words, as typed, that a pattern over its folded text matches. */
function typedMatch(q: Question, pattern: RegExp): string[] | undefined {
  const m = pattern.exec(q.folded);
  if (!m) return undefined;
  const start = q.folded.slice(0, m.index).split(' ').filter(Boolean).length;
  return q.syllables.slice(start, start + m[0].split(' ').length);
}

/** The words of a question asking how long a paper stays valid, as typed ("có giá trị trong bao lâu"). */
function asksValidity(q: Question): string | undefined {
  return typedMatch(q, VALIDITY_ASKED)?.join(' ');
}

// "số điện thoại … là số mấy", "xin số điện thoại, địa chỉ", "số nhà mấy", "đường nào" (folded): a phone number or an address asked.
const CONTACT_ASKED =
  /\b(so dien thoai|sdt|hotline|dia chi|so nha)\b.*\bso (may|nao)\b|\b(so dien thoai|sdt|dia chi)\b.* la (gi|bao nhieu)( [a-z]+)?$|\bso nha (may|bao nhieu)\b|\bduong nao\b|\bxin (so dien thoai|sdt|dia chi)\b/;
// A phone number ("0212 3852 xxx", "1800 1096") or a street address ("số 12 đường Tô Hiệu") in a part's text.
const CONTACT_STATED = /\b\d{3,4}[ .]?\d{3,4}[ .]?\d{2,4}\b|\b(số|ngõ|tổ) \d+[^.;]{0,20}\b(đường|phố|phường|ngõ)\b/i;
// A part that speaks of the phone or address without giving it, quoted with "the guidance does not say".
const CONTACT_NAMED = /\b(so dien thoai|dia chi)\b/;
const CONTACT_RANKS = 5;

/** The words of a question asking for a phone number or an address, as typed ("số điện thoại … là số nào"). */
export function asksContact(q: Question): string | undefined {
  const words = typedMatch(q, CONTACT_ASKED);
  if (!words) return undefined;
  return words.length > 6 ? [...words.slice(0, 3), '…', ...words.slice(-3)].join(' ') : words.join(' ');
}

/** Whether a part's text gives a phone number or a street address. */
function statesContact(text: string): boolean {
  return CONTACT_STATED.test(text);
}

// "ngày mấy mỗi tháng", "ngày nào trong tuần" (folded): which day of a month or week, and a part that names one.
const DAY_OF_ASKED = /\bngay (nao|may)( [a-z]+)? (trong|moi|hang) (thang|tuan)\b/;
const DAY_OF_STATED =
  /\b(thu (hai|ba|tu|nam|sau|bay)|chu nhat|ngay \d{1,2}( (hang|moi))? (thang|tuan)|(dau|cuoi|giua) (thang|tuan)|\d+ ngay (moi|mot|trong) tuan|(hang|moi) (thang|tuan) vao)\b/;

/** The words of a question asking which day of a month or week, as typed ("ngày mấy mỗi tháng"). */
function asksDayOf(q: Question): string | undefined {
  return typedMatch(q, DAY_OF_ASKED)?.join(' ');
}

/** Whether a part (folded) says how long a paper stays valid. */
export function statesValidity(folded: string): boolean {
  return VALIDITY_STATED.test(folded);
}

/** Whether a part (folded) states the figure a fee, time or deadline question asks for. */
export function statesFigureFor(type: QuestionType, folded: string): boolean {
  return FIGURE_OF[type]?.test(folded) ?? false;
}

/** Positions of the question's syllables that are cue words of its kinds. */
function cuePositions(q: Question, cueTokens: ReadonlySet<string>): Set<number> {
  const out = new Set<number>();
  q.foldedSyllables.forEach((f, i) => {
    if (cueTokens.has(f)) out.add(i);
  });
  return out;
}

/**
 * What the last question word ("ở đâu", "bao nhiêu tiền") is about: the nearest meaningful word before it
 * names the procedure, is a focus word the document covers, or one it does not ("xét nghiệm ADN làm ở đâu").
 */
function askedAbout(focus: Focus, covered: ReadonlySet<number>, cueTokens: ReadonlySet<number>): 'procedure' | 'missing' | 'unknown' {
  const start = focus.cueStarts[focus.cueStarts.length - 1];
  if (start === undefined) return 'unknown';
  const byPos = new Map(focus.words.map((w) => [w.pos, w]));
  // "… trực tuyến rồi có rút lại hồ sơ được không": what follows the last question word is asked too.
  if (focus.words.some((w) => !w.hint && w.pos > start && !cueTokens.has(w.pos) && !covered.has(w.pos))) return 'missing';
  let named = false;
  // The words just before the question word, back to the previous cue ("… hết hạn rồi đổi ở đâu").
  for (let pos = start - 1; pos >= Math.max(0, start - ASKED_SPAN); pos--) {
    if (cueTokens.has(pos)) break;
    if (focus.named.has(pos)) named = true;
    const w = byPos.get(pos);
    if (!w) continue;
    if (w.hint) named = true;
    else if (!covered.has(pos)) return 'missing';
  }
  return named ? 'procedure' : 'unknown';
}

const ASKED_SPAN = 5;

/** Whether the document has something for a kind of question: a fact, or a part whose section or wording fits. */
function hasAnswerFor(topic: TopicPlan, type: QuestionType): boolean {
  if (factFor(topic.doc, type)) return true;
  // "Tạm trú là gì": the guide's first sentence, ranked first, says what the thing it is named after is.
  const best = topic.ranked[0]?.unit;
  if (type === 'definition' && best && best.section === '' && best.indexInSection === 0) return true;
  return topic.ranked.some((r) => r.score - r.focusCoverage >= 0.2 && (fitsType(r.unit, type) || (type === 'steps' && isStepUnder(r.unit, topic.focus))));
}

// The first item of its list: a question the list answers from its start gets the whole list; one about a later
// step ("mật khẩu mới phải đặt thế nào") gets that step first.
function startsList(doc: KnowledgeDoc, unit: Unit): boolean {
  const list = unitsOf(doc).filter((u) => u.kind === 'item' && u.section === unit.section && u.sub === unit.sub && u.context === unit.context);
  return list.length > 0 && list[0].item === unit.item;
}

// A numbered list is a sequence of steps whatever its words ("1. Mở ứng dụng VNeID, bấm Quên mật khẩu"),
// when its section's heading holds a word of the question ("## Quên mật khẩu VNeID").
function isStepUnder(unit: Unit, focus: Focus): boolean {
  if (unit.kind !== 'item' || !/^\d/.test(unit.marker ?? '')) return false;
  const heading = ` ${unit.sectionFolded} `;
  return focus.words.some((w) => heading.includes(` ${w.folded} `));
}

function fitsType(unit: Unit, type: QuestionType): boolean {
  const spec = TYPE_FITS[type];
  return spec ? spec.test(unit.sectionFolded) || spec.test(unit.folded) : false;
}

// A part states a fact of this kind (folded heading or text).
const TYPE_FITS: Partial<Record<QuestionType, RegExp>> = {
  fee: /\b(le phi|\d[\d ]* dong|mien (le )?phi|khong (thu|mat) (le )?phi|khong mat tien|phi \d)\b/,
  time: /\b(thoi han|\d+ ngay lam viec|trong ngay|giay hen|ngay hen|giay bien nhan)\b/,
  deadline: /\b(trong (vong )?\d+ (ngay|thang|nam)|\d+ (ngay|thang|nam) (ke tu|truoc)|co gia tri|het han|hieu luc|qua han|thoi han \d)\b/,
  papers: /\b(giay to|ho so|to khai|chuan bi)\b/,
  where: /\b(o dau|nop tai|ubnd|cong an|bo phan mot cua|trung tam|co quan|phong|tong dai|ho tro)\b/,
  who: /\b(ai can|ai duoc|doi tuong|dieu kien|tuoi|nguoi)\b/,
  steps: /\b(cac buoc|truc tuyen|cach|buoc)\b/,
  online: /\b(truc tuyen|dichvucong|vneid|qua mang|tren mang)\b/,
  in_person: /\b(truc tiep)\b/,
  legal: /\b(can cu|luat|nghi dinh|thong tu)\b/,
  definition: /\b(la|nghia la|goi la)\b/,
  comparison: /\b(khac|con)\b/,
};

function isWhereUnit(r: RankedUnit): boolean {
  return fitsType(r.unit, 'where');
}

/** The parts to quote: a list answered item by item (papers, steps), or the best parts. */
function pickUnits(topic: TopicPlan, asked: QuestionType[], specific: boolean, t: Tuning['answer'], q?: Question): Unit[] {
  const { ranked } = topic;
  if (ranked.length === 0) return [];
  const best = ranked[0];
  const listType = asked.find((x) => LIST_TYPES.includes(x));
  // A yes/no, who or what-is question that one item answers ("có cần giấy ủy quyền không", "con 2 tuổi thì ai nuôi")
  // gets that item and the next best parts, not the whole list it belongs to (an age-led list keeps its cases).
  const oneItem =
    specific &&
    best.focusCoverage >= t.focusCovered &&
    !best.unit.ages &&
    !asked.includes('where') &&
    !asked.includes('steps') &&
    (asked.includes('who') || asked.includes('definition') || (!!q && questionTypes(q).types.includes('yesno')));
  if (listType && best.unit.kind === 'item' && (fitsType(best.unit, listType) || (listType === 'steps' && !specific && isStepUnder(best.unit, topic.focus) && startsList(topic.doc, best.unit))) && !oneItem) {
    // The whole list the best item belongs to, in order (each item in brief).
    const list = unitsOf(topic.doc).filter((u) => u.section === best.unit.section && u.kind === 'item' && u.context === best.unit.context && u.sub === best.unit.sub);
    if (listType === 'who' && new Set(list.map((u) => u.item)).size > SHORT_LIST) return [best.unit];
    // Each item in brief (its first sentence), and the sentence that answers when it is a later one.
    return list.filter((u) => u.part === 0 || u === best.unit);
  }
  // One item is one thought: its other sentences come with it ("Giấy chứng sinh … . Sinh ở nhà, không có giấy chứng sinh thì …").
  const sameItem = (u: Unit) => u.kind === 'item' && u.section === best.unit.section && u.sub === best.unit.sub && u.context === best.unit.context && u.item === best.unit.item;
  const picked = oneItem && best.unit.kind === 'item' ? unitsOf(topic.doc).filter(sameItem).slice(0, t.maxUnits) : [best.unit];
  for (const r of ranked.slice(1)) {
    if (picked.includes(r.unit)) continue;
    if (picked.length >= t.maxUnits) break;
    if (r.score < best.score * t.nextUnitRatio) break;
    if (specific && r.focusCoverage === 0) continue;
    picked.push(r.unit);
  }
  return picked;
}

// "A với B khác nhau thế nào", "A và B khác gì", "A hay B".
const COMPARED = /^(.*?)\b(voi|va|hay|hoac|so voi)\b(.*?)\b(khac|giong|phan biet|hay|khong)\b/;
// How far into a part the compared term may stand for the part to say what it is ("Phiếu số 2: ghi …").
const DEFINER_HEAD = 8;
// Room for the list markers and line breaks around the two compared items.
const COMPARED_MARGIN = 12;
// A list's introducing line longer than this is not shown with its items.
const MAX_INTRO = 160;
// A later sentence of a compared item is cut to fit only when at least this much of it can be shown.
const MIN_CUT = 60;

/**
 * For "A và B khác nhau thế nào": the part that says what A is and the one that says what B is, each with
 * the rest of its list item (the difference is often in a later sentence: "… nhưng vẫn phải đến cơ quan"),
 * the two sharing `chars` visible characters; none unless both are found.
 */
function comparedUnits(q: Question, topic: TopicPlan, chars: number): Unit[] {
  const m = COMPARED.exec(q.folded);
  if (!m) return [];
  const terms = [m[1], m[3]].map((x) => x.trim().split(' ').filter((w) => w.length > 0).slice(-3).join(' ')).filter(Boolean);
  if (terms.length !== 2) return [];
  const definers: Unit[] = [];
  for (const term of terms) {
    const tail = term.split(' ').slice(-2);
    // Where the term stands: a part that starts with it ("Mức 2: đăng ký tại Công an") says what it is better
    // than one that names it further in ("Công an xã/phường: đăng ký mức 2") or says what it "là".
    const at = (u: Unit): number => {
      const head = u.folded.split(' ').slice(0, DEFINER_HEAD);
      for (let i = 0; i + tail.length <= head.length; i++) if (tail.every((w, k) => head[i + k] === w)) return i;
      return new RegExp(`\\b${tail.join(' ')} (la|nghia la)\\b`).test(u.folded) ? DEFINER_HEAD : -1;
    };
    let best: { unit: Unit; at: number } | undefined;
    for (const r of topic.ranked) {
      if (r.unit.intro || definers.includes(r.unit)) continue;
      const pos = at(r.unit);
      if (pos >= 0 && (!best || pos < best.at)) best = { unit: r.unit, at: pos };
    }
    if (best) definers.push(best.unit);
  }
  if (definers.length !== 2) return [];
  const groups = definers.map((u) => restOfItem(topic.doc, u));
  const lengths = groups.map((g) => g.reduce((n, u) => n + visibleLength(u.text) + 1, 0));
  // The line that introduces a list ("… một trong 2 loại:") is shown with its items and takes its room.
  const intros = new Set(definers.map((u) => listIntro(u)).filter((x): x is string => !!x));
  const room = chars - COMPARED_MARGIN - [...intros].reduce((n, x) => n + visibleLength(x) + 1, 0);
  if (lengths[0] + lengths[1] <= room) return groups.flat();
  // The shorter item whole if it takes at most half, the longer one the rest.
  const short = lengths[0] <= lengths[1] ? 0 : 1;
  const shares = [0, 0];
  shares[short] = Math.min(lengths[short], Math.floor(room / 2));
  shares[1 - short] = room - shares[short];
  return groups.flatMap((g, i) => fitItem(g, shares[i]));
}

/** The line shown before a list item: its context when that introduces the list and is short. */
function listIntro(u: Unit): string | undefined {
  return u.kind === 'item' && u.context && /:\s*$/.test(u.context) && u.context.length <= MAX_INTRO ? u.context : undefined;
}

/** A part and, when it is a list item's sentence, the item's later sentences, in order. */
function restOfItem(doc: KnowledgeDoc, u: Unit): Unit[] {
  if (u.kind !== 'item') return [u];
  return unitsOf(doc).filter((v) => v.kind === 'item' && v.section === u.section && v.sub === u.sub && v.context === u.context && v.item === u.item && v.part >= u.part);
}

/** An item's sentences within `chars` (the first always), the last cut at a word boundary when enough of it fits. */
function fitItem(units: Unit[], chars: number): Unit[] {
  const out: Unit[] = [];
  let used = 0;
  for (const u of units) {
    const n = visibleLength(u.text) + 1;
    if (out.length === 0 || used + n <= chars) {
      out.push(u);
      used += n;
      continue;
    }
    if (chars - used >= MIN_CUT) out.push({ ...u, text: balancedBold(cutTo(u.text, chars - used - 1)) });
    break;
  }
  return out;
}

/** A cut text without a bold mark left open ("… **đến cơ quan…" → "… đến cơ quan…"). */
function balancedBold(text: string): string {
  const marks = text.split('**').length - 1;
  if (marks % 2 === 0) return text;
  const last = text.lastIndexOf('**');
  return text.slice(0, last) + text.slice(last + 2);
}

class Budget {
  used = 0;
  constructor(readonly limit: number) {}
  /** Adds a line (separated by a blank line) if it fits. */
  add(lines: string[], line: string): boolean {
    const n = visibleLength(line) + (lines.length > 0 ? 2 : 0);
    if (this.used + n > this.limit) return false;
    lines.push(line);
    this.used += n;
    return true;
  }
  get left(): number {
    return this.limit - this.used;
  }
}

/**
 * Renders parts as paragraphs and lists (items of one list together, with the line that introduces
 * them). In brief mode a long item is cut to its first sentence. Parts that do not fit are returned.
 */
function renderUnits(units: Unit[], budget: Budget, _brief: boolean, introduced = new Set<string>()): { lines: string[]; shown: Unit[]; left: Unit[] } {
  const lines: string[] = [];
  const shown: Unit[] = [];
  const left: Unit[] = [];
  let group: { key: string; lines: string[] } | undefined;
  const flush = () => {
    if (!group) return;
    lines.push(group.lines.join('\n'));
    group = undefined;
  };
  let lastItem: Unit | undefined;
  for (const u of units) {
    const sameItem = lastItem !== undefined && u.kind === 'item' && u.item === lastItem.item && u.section === lastItem.section && group !== undefined;
    const body = u.text;
    const line = u.kind === 'item' ? `${u.marker} ${body}` : body;
    const key = `${u.section}\0${u.sub ?? ''}\0${u.context ?? ''}\0${u.kind}`;
    const listed = listIntro(u);
    const intro = listed && !introduced.has(key) ? listed : undefined;
    // Items join one list only when they follow each other, so a numbered list keeps its numbers.
    const joining = group?.key === key && u.kind === 'item' && lastItem?.item !== undefined && u.item === lastItem.item + 1;
    const cost = sameItem ? visibleLength(body) + 1 : visibleLength(line) + (joining ? 1 : 2) + (!joining && intro ? visibleLength(intro) + 1 : 0);
    if (budget.used + cost > budget.limit) {
      // A part too long for the rest of the budget is cut at a word boundary when nothing was shown yet.
      if (shown.length === 0 && budget.left > 80) {
        const cut = cutTo(line, budget.left - 2);
        budget.used += visibleLength(cut) + 2;
        lines.push(cut);
        shown.push(u);
        continue;
      }
      left.push(u);
      continue;
    }
    budget.used += cost;
    shown.push(u);
    lastItem = u.kind === 'item' ? u : undefined;
    if (sameItem) group!.lines[group!.lines.length - 1] += ` ${body}`;
    else if (joining) group!.lines.push(line);
    else {
      flush();
      group = { key, lines: intro && u.kind === 'item' ? [intro, line] : [line] };
      if (intro) introduced.add(key);
    }
    if (u.kind !== 'item') flush();
  }
  flush();
  return { lines, shown, left };
}

function cutTo(text: string, chars: number): string {
  if (visibleLength(text) <= chars) return text;
  const cut = text.slice(0, Math.max(0, chars - 1));
  const space = cut.lastIndexOf(' ');
  return `${cut.slice(0, space > chars / 2 ? space : cut.length).replace(/[,;:(\s*]+$/, '')}…`;
}

/** A whole section, asked for by its chip. */
function wholeSection(topic: TopicPlan, section: Section, t: Tuning['answer']): ComposedAnswer {
  const { doc } = topic;
  const units = unitsOf(doc).filter((u) => u.section === section.heading);
  const budget = new Budget(t.sectionChars);
  const lines = [`**${section.heading}**`];
  budget.used = visibleLength(lines[0]);
  const body = renderUnits(units, budget, false);
  return {
    status: 'answered',
    text: [...lines, ...body.lines].join('\n\n'),
    sources: [sourceFor(doc, [section.heading], topic.score)],
    followUps: chips(doc, new Set([section.heading]), []),
    facts: [],
    units: body.shown,
  };
}

function repliesOf(plan: AnswerPlan): CannedReplies {
  return plan.replies ?? CANNED;
}


/** "The guidance on … does not say …", the office to ask and the hotline; no neighbouring part pasted. */
function notCovered(plan: AnswerPlan, topic: TopicPlan, missing: string, said?: string): ComposedAnswer {
  const { doc } = topic;
  const replies = repliesOf(plan);
  const text = [
    fill(missing ? replies.not_covered : replies.not_covered_unclear, { title: doc.title, missing }),
    // What the guidance does say about it: who sets the amount ("Mức trợ cấp do Chính phủ quy định theo từng thời kỳ").
    ...(said ? [cutTo(said, SAID_CHARS)] : []),
    fill(replies.ask_office, { office: officeOf(doc).replace(/[\s.,;:]+$/, '') }),
  ].join('\n\n');
  return {
    status: 'not_covered',
    text,
    sources: [sourceFor(doc, [], topic.score)],
    followUps: chips(doc, new Set(), []),
    facts: [],
    units: [],
  };
}

/** The words around the question's "bao nhiêu" / "mấy …", as typed, within its clause ("vốn điều lệ tối thiểu bao nhiêu"). */
function quantityAsked(q: Question, moneyAt?: number): string {
  const clause = clausesOf(q);
  const at = q.foldedSyllables.findIndex((f, i) => f === 'bao' && q.foldedSyllables[i + 1] === 'nhieu') ;
  const start = at >= 0 ? at : q.foldedSyllables.findIndex((f) => f === 'may' || f === 'toi');
  if (start < 0) return '';
  // "hỗ trợ mai táng ở xã được bao nhiêu tiền": from the name of the money received.
  const from = moneyAt !== undefined && moneyAt < start ? moneyAt : Math.max(0, start - QUANTITY_BEFORE);
  const to = Math.min(q.syllables.length, start + 2 + QUANTITY_AFTER);
  const words: string[] = [];
  for (let i = from; i < to; i++) if (clause[i] === clause[start]) words.push(q.syllables[i]);
  // "… thì được bao nhiêu tiền 1": not the frame words at either end.
  while (words.length > 1 && EDGE_WORDS.has(fold(words[0]))) words.shift();
  while (words.length > 1 && (EDGE_WORDS.has(fold(words[words.length - 1])) || /^\d+$/.test(words[words.length - 1]))) words.pop();
  return words.join(' ');
}

const EDGE_WORDS = new Set('thi la duoc dc co mat het phai can moi ma vay a ha nhi khong ko'.split(' '));

// The sentence that says who sets an amount (it names money), quoted with "the guidance does not say".
const MONEY_WORDS = /\b(phi|le phi|tien|gia|muc|luong|tro cap|lai suat|ho tro)\b/;
const NOTHING_TO_PAY = /\b(khong (mat|thu)|mien (phi|le phi))\b/;
const SAID_CHARS = 220;
const QUANTITY_BEFORE = 4;
const QUANTITY_AFTER = 2;
// How far down the ranking a part that states the asked number is looked for.
const QUANTITY_RANKS = 8;

// "… thu bao nhiêu", "… lấy bao nhiêu": the words before name who collects.
const COLLECTS = new Set(['thu', 'lay', 'doi']);

// Verbs that lead into a procedure's name ("… bao nhiêu tiền khi cấp giấy CT07").
const ISSUES = new Set(['cap', 'lam', 'xin', 'doi', 'nop']);

/** Syllable position where the question's "bao nhiêu" / "mấy …" starts (−1 when none). */
function quantityStart(q: Question): number {
  const m = new RegExp(QUANTITY.source).exec(q.folded);
  return m ? q.folded.slice(0, m.index).split(' ').filter(Boolean).length : -1;
}

/** The asked words (hints aside) the asked number is about: just before "bao nhiêu" / "mấy …" or just after it, in its clause ("nghỉ thai sản được mấy tháng"). */
function quantitySubject(q: Question, focus: Focus): FocusWord[] {
  const m = new RegExp(QUANTITY.source).exec(q.folded);
  if (!m) return [];
  const start = q.folded.slice(0, m.index).split(' ').filter(Boolean).length;
  const end = start + m[0].split(' ').length;
  const clause = clausesOf(q);
  // "… bao nhiêu tiền khi cấp giấy CT07": a verb after it that leads into the procedure's name is that name's.
  return focus.words.filter(
    (w) =>
      !w.hint &&
      clause[w.pos] === clause[start] &&
      ((w.pos < start && w.pos >= start - QUANTITY_BEFORE) || (w.pos >= end && w.pos < end + QUANTITY_AFTER && !(ISSUES.has(w.folded) && focus.named.has(w.pos + 1)))),
  );
}

// Words that name money received: what follows says which ("trợ cấp mai táng", "hỗ trợ xây nhà").
const MONEY_RECEIVED = new Set(['tro cap', 'ho tro', 'luong huu']);
const MONEY_NAME_SPAN = 5;

/**
 * The words naming the money a number is asked about, the guide's own name among them, in its clause before
 * "bao nhiêu": from "trợ cấp", "hỗ trợ", "lương hưu" on ("hỗ trợ xây nhà mới cho hộ nghèo được bao nhiêu": "hỗ trợ xây nhà").
 */
function moneyNamed(q: Question, focus: Focus): { words: FocusWord[]; at?: number } {
  const m = new RegExp(QUANTITY.source).exec(q.folded);
  if (!m) return { words: [] };
  const start = q.folded.slice(0, m.index).split(' ').filter(Boolean).length;
  const clause = clausesOf(q);
  const f = q.foldedSyllables;
  const at = f.findIndex((x, i) => i < start && clause[i] === clause[start] && MONEY_RECEIVED.has(`${x} ${f[i + 1]}`));
  const from = at >= 0 ? at : 0;
  const to = Math.min(at >= 0 ? at + MONEY_NAME_SPAN : start, start);
  const words = focus.words.filter((w) => (!w.hint || w.name) && w.pos >= from && w.pos < to && clause[w.pos] === clause[start]);
  return at >= 0 ? { words, at } : { words };
}

// How far before the words a number is asked about the procedure's name may end ("hợp đồng mua bán xe máy").
const NAME_BEFORE_SPAN = 3;

/** Whether the words a number is asked about follow the procedure's name, with only words of the case between (no question word). */
function nameBefore(q: Question, focus: Focus, words: readonly FocusWord[]): boolean {
  if (words.length === 0) return true;
  const cues = questionTypes(q).cueTokens;
  const clause = clausesOf(q);
  const first = Math.min(...words.map((w) => w.pos));
  for (let pos = first - 1; pos >= Math.max(0, first - NAME_BEFORE_SPAN) && clause[pos] === clause[first]; pos--) {
    if (focus.named.has(pos)) return true;
    if (cues.has(q.foldedSyllables[pos])) return false;
  }
  return false;
}

/**
 * "Cần mấy ảnh": the part that states a figure of the thing ("**2 ảnh 4x6 cm** mới chụp") answers however low it
 * ranks, in the lead or a section of the procedure's own (not "Giấy thông hành …" inside the passport guide).
 */
function thingCounted(ranked: readonly RankedUnit[], thing: string): RankedUnit | undefined {
  const stated = new RegExp(`\\b\\d+ ${thing}\\b`);
  return ranked.find((r) => stated.test(r.unit.folded) && (r.unit.section === '' || isSharedHeading(r.unit.section)));
}

/**
 * Whether one stretch of a part (between semicolons or sentence ends) states the number with a word it is asked
 * about: "Trợ cấp mai táng BHXH bằng 10 lần mức tham chiếu", not "… Điều 79 về giải quyết lương hưu; trợ cấp thai
 * sản 2.000.000 đồng" for the pension.
 */
function statesAbout(text: string, subject: readonly FocusWord[], counts: (folded: string, text: string) => boolean): boolean {
  const total = subject.reduce((s, w) => s + w.idf, 0);
  return text.split(/;|\.\s/).some((stretch) => {
    const folded = ` ${plainFolded(stretch)} `;
    const got = subject.filter((w) => folded.includes(` ${w.folded} `)).reduce((s, w) => s + w.idf, 0);
    return got >= total / 2 && counts(folded.trim(), stretch);
  });
}

/** Whether a part holds at least half (by IDF) of the words a number is asked about. */
function carries(u: Unit, subject: readonly FocusWord[]): boolean {
  const total = subject.reduce((s, w) => s + w.idf, 0);
  if (total === 0) return true;
  const got = subject.filter((w) => u.contains.has(w.folded)).reduce((s, w) => s + w.idf, 0);
  return got >= total / 2;
}

/** The focus words no quoted part covers, as typed, adjacent ones together ("đặt tên, bốn chữ"); the situation's words only when nothing else is missing. */
function missingWords(q: Question, focus: Focus, covered: ReadonlySet<number>): string {
  const uncovered = focus.words.filter((w) => !w.hint && !covered.has(w.pos));
  const asked = uncovered.filter((w) => !w.context);
  const missing = (asked.length > 0 ? asked : uncovered).map((w) => w.pos).sort((a, b) => a - b);
  const phrases: string[] = [];
  let current: string[] = [];
  let last = -2;
  for (const pos of missing) {
    if (pos !== last + 1 && current.length > 0) {
      phrases.push(current.join(' '));
      current = [];
    }
    current.push(q.syllables[pos]);
    last = pos;
  }
  if (current.length > 0) phrases.push(current.join(' '));
  return phrases.join(', ');
}

/** Two procedures in one message: one short block each. */
function composeTwoTopics(plan: AnswerPlan, t: Tuning['answer']): ComposedAnswer {
  const blocks: string[] = [];
  const sources: AnswerSource[] = [];
  const facts: AnswerFact[] = [];
  const units: Unit[] = [];
  const followUps: string[] = [];
  let status: ComposedStatus = 'answered';
  let answeredAny = false;
  for (const topic of plan.topics) {
    const one = composeOne({ ...plan, topics: [topic], unsure: false }, topic, {
      ...t,
      firstBlockChars: t.twoTopicBlockChars,
      maxChars: t.twoTopicBlockChars,
      maxUnits: 1,
    });
    if (one.status === 'not_covered') status = 'partial';
    else answeredAny = true;
    const body = one.text.replace(/\n\n/g, '\n');
    blocks.push(one.status === 'not_covered' ? body : `**${topic.doc.title}:**\n${body}`);
    sources.push(...one.sources);
    facts.push(...one.facts);
    units.push(...one.units);
  }
  if (!answeredAny) status = 'not_covered';
  return { status, text: blocks.join('\n\n'), sources, followUps, facts, units };
}

function sourceFor(doc: KnowledgeDoc, sections: string[], score: number): AnswerSource {
  return { id: doc.id, title: doc.title, url: doc.official_url, section: sections.filter(Boolean).join(' · '), score: Number(score.toFixed(4)) };
}

/** Chips for the sections not shown, by short label, most useful first. */
function chips(doc: KnowledgeDoc, shown: ReadonlySet<string>, facts: readonly AnswerFact[]): string[] {
  const labels: string[] = [];
  for (const s of doc.sections) {
    if (shown.has(s.heading)) continue;
    const label = sectionLabel(s);
    if (!label || labels.includes(label)) continue;
    if (facts.some((f) => f.kind === 'fee') && /lệ phí/i.test(label) && !/thời hạn/i.test(label)) continue;
    labels.push(label);
  }
  const rank = (l: string) => {
    const i = CHIP_ORDER.indexOf(l);
    return i === -1 ? CHIP_ORDER.length : i;
  };
  // "Title: label": the widget shows the title once, as the group's label, and asks the whole text,
  // which names the procedure, so the chip works without the conversation too.
  return labels.sort((a, b) => rank(a) - rank(b)).slice(0, MAX_CHIPS).map((l) => `${doc.title}: ${l}`);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

