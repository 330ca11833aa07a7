import type { TopicPlan } from './extractive.js';
import type { QuestionType } from './question-types.js';
import { CANNED, type CannedReplies } from './canned.js';

// Online levels that decide "làm online được không" (front matter `online`), as the catalogue's verdict words.
const ONLINE_VERDICT = {
  'toan-trinh': 'verdict_yes',
  'mot-phan': 'verdict_partly',
  'truc-tiep': 'verdict_no',
} as const satisfies Record<TopicPlan['doc']['online'], keyof CannedReplies>;
// The best part answers the question itself when it opens with the answer ("Không cần …", "Được …").
const OPENS_NO = /^(khong (can|phai|duoc|mat|bat buoc|thu|co)|chua (duoc|the))\b/;
const OPENS_YES = /^(duoc|co the|van (duoc|lam duoc))\b/;
// Share of the asked words the part must hold before its opening is taken as the answer.
const VERDICT_COVERAGE = 0.8;

/**
 * A yes/no verdict only where the guidance decides it: "làm trực tuyến được không" about a procedure
 * (nothing more specific asked) from its `online` level; otherwise from the best part when it holds
 * what is asked and itself opens with "Không …" or "Được …". Anything else: no verdict, the parts say
 * what it depends on.
 */
export function verdictFor(topic: TopicPlan, types: readonly QuestionType[], specific: boolean, replies: CannedReplies = CANNED): string | undefined {
  const { doc, ranked } = topic;
  if (types.includes('online') && !specific && doc.kind === 'thu-tuc') return replies[ONLINE_VERDICT[doc.online]];
  const best = ranked[0];
  if (!best || !specific || best.focusCoverage < VERDICT_COVERAGE) return undefined;
  const opening = best.unit.folded.replace(/^[^a-z0-9]+/, '');
  if (OPENS_NO.test(opening)) return replies.verdict_no;
  if (OPENS_YES.test(opening)) return replies.verdict_yes;
  return undefined;
}
