import { contentTokens, normalize, plainFolded, syllables } from '../text/vietnamese.js';

/**
 * What part of a procedure a question asks about, from its wording. Each intent names the
 * shared section heading it maps to (matched on folded headings, see knowledge/README.md).
 */
export const SECTION_INTENTS = [
  { intent: 'papers', headings: ['giay to', 'ho so'], pattern: /\b(giay to|ho so gom|can (mang|chuan bi|nhung)|mang (theo|gi)|chuan bi|can gi|thanh phan|nhung gi|giay gi)\b/ },
  { intent: 'time_fee', headings: ['thoi han', 'le phi'], pattern: /\b(bao lau|may ngay|bao nhieu ngay|thoi han|thoi gian|khi nao (co|xong|lay)|le phi|phi|bao nhieu tien|het bao nhieu|mat tien|mat bao nhieu|ton (bao nhieu|tien)|mien phi|tra tien|gia bao nhieu)\b/ },
  { intent: 'where', headings: ['o dau', 'ai ho tro'], pattern: /\b(o dau|cho nao|noi nao|co quan nao|ai (giai quyet|lam|cap|ho tro)|nop tai|lam tai|den dau|xa nao|phuong nao|so dien thoai|goi cho ai)\b/ },
  { intent: 'steps', headings: ['cac buoc', 'truc tuyen'], pattern: /\b(cac buoc|the nao|nhu nao|cach|lam sao|ra sao|quy trinh|huong dan|online|truc tuyen|qua mang|tren mang|tren dien thoai|tai nha)\b/ },
  { intent: 'in_person', headings: ['truc tiep'], pattern: /\b(truc tiep|den noi|len xa|ra xa|ra phuong)\b/ },
  { intent: 'who', headings: ['ai can', 'ai duoc', 'doi tuong', 'dieu kien'], pattern: /\b(ai can|ai phai|ai duoc|dieu kien|doi tuong|co bat buoc|bat buoc)\b/ },
  { intent: 'legal', headings: ['can cu'], pattern: /\b(can cu|luat nao|nghi dinh|thong tu|van ban|quy dinh (nao|o dau))\b/ },
] as const;

export type SectionIntent = (typeof SECTION_INTENTS)[number]['intent'];

export function detectIntents(question: string): SectionIntent[] {
  const folded = plainFolded(question);
  return SECTION_INTENTS.filter((s) => s.pattern.test(folded)).map((s) => s.intent);
}

// Words that say what kind of thing is asked, not which procedure: with only these, the topic is missing.
const NON_TOPIC = new Set(
  (
    'thu tuc giay to ho so dang ki viec van de chut ti lam can giup nho hoi xin cach buoc cac le phi bao lau ' +
    'ngay tien mat het ton thoi gian han nop cho nao noi gom chuan bi mang theo truc tuyen online mang mien ' +
    'duoc ko khong the nao sao nhu vay thi dieu kien ai quy trinh huong dan tra gia nhieu bat buoc co tai'
  ).split(' '),
);

/**
 * Content words that name a topic (a procedure, a thing), not just the kind of question. A leading
 * "còn" ("and what about…") is not a topic; typed without diacritics it cannot be told from "con"
 * (child), so it is dropped then too.
 */
export function topicTokens(question: string): string[] {
  const tokens = contentTokens(question).filter((t) => !NON_TOPIC.has(t));
  const first = syllables(question)[0];
  if (tokens[0] === 'con' && (first === 'còn' || first === 'con') && !/^con\s+(toi|tui|minh|em|chau|ba|bac|gai|trai)\b/.test(plainFolded(question))) {
    tokens.shift();
  }
  return tokens;
}

/** "còn…", "vậy thì…", "…thì sao": the question leans on what was said before. */
export function looksLikeFollowUp(question: string): boolean {
  const text = normalize(question).trim();
  return FOLLOW_UP_ACCENTED.test(text) || FOLLOW_UP_FOLDED.test(plainFolded(question)) || topicTokens(question).length === 0;
}

const FOLLOW_UP_ACCENTED = /^(còn|thế còn|vậy|vậy thì|thế thì|như vậy|nếu vậy|còn nếu)(\s|$)/u;
const FOLLOW_UP_FOLDED = /\b(thi sao|the nao nua|nua khong|nua ko|o tren|vua roi|vua noi|thu tuc (nay|do|tren)|viec (nay|do)|cai (nay|do))\b/;
