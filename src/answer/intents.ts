import type { Question } from '../text/question.js';

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

export function detectIntents(q: Question): SectionIntent[] {
  return SECTION_INTENTS.filter((s) => s.pattern.test(q.folded)).map((s) => s.intent);
}

/** "còn…", "vậy thì…", "…thì sao": the question leans on what was said before. */
export function looksLikeFollowUp(q: Question): boolean {
  return FOLLOW_UP_ACCENTED.test(q.lower) || FOLLOW_UP_FOLDED.test(q.folded) || q.topic.length === 0;
}

const FOLLOW_UP_ACCENTED = /^(còn|thế còn|vậy|vậy thì|thế thì|như vậy|nếu vậy|còn nếu)(\s|$)/u;
const FOLLOW_UP_FOLDED = /\b(thi sao|the nao nua|nua khong|nua ko|o tren|vua roi|vua noi|thu tuc (nay|do|tren)|viec (nay|do)|cai (nay|do))\b/;
