import { normalizeQuestion } from '../../text/question.js';
import { normaliseText } from '../../privacy/normalise.js';
import { redactPersonalData } from '../../privacy/redact.js';
import { AbortPipeline, type AnswerContext } from '../context.js';
import { CANNED } from '../canned.js';
import type { AnswerDeps } from '../deps.js';

// Unicode "tag" characters carry invisible instructions; nobody types them.
const TAG_CHARACTERS = /[\u{E0000}-\u{E007F}]/u;

const INJECTION_PATTERNS = [
  /\b(bo qua|quen|phot lo|vo hieu)\b.{0,30}\b(huong dan|chi dan|chi thi|lenh|quy tac|yeu cau)\b.{0,20}\b(truoc|tren|he thong|cua ban)/,
  /\bignore\b.{0,30}\b(instructions?|prompts?|rules)\b/,
  /\b(system prompt|prompt he thong|jailbreak|developer mode|che do nha phat trien)\b/,
  /\b(dong vai|nhap vai|gia vai|you are now|act as|pretend (to be|you))\b/,
  /\b(tiet lo|in ra|cho (toi|xem)) .{0,20}\b(prompt|chi dan he thong|huong dan he thong)\b/,
  /\btu (gio|bay gio|nay) ban (la|se)\b/,
];

/** Empty, too long, hidden characters, prompt injection; personal data is redacted and noted. */
export function guardInputStep(ctx: AnswerContext, deps: AnswerDeps): void {
  const raw = ctx.question;
  if (TAG_CHARACTERS.test(raw)) throw new AbortPipeline('guard_input_hidden_chars', CANNED.guard_input_hidden_chars);
  const text = normaliseText(raw).trim();
  if (!text) throw new AbortPipeline('guard_input_empty', CANNED.guard_input_empty);
  if ([...text].length > deps.maxQuestionChars) {
    throw new AbortPipeline('guard_input_too_long', CANNED.guard_input_too_long.replace('{max}', String(deps.maxQuestionChars)));
  }
  const redaction = redactPersonalData(text);
  ctx.question = redaction.text;
  ctx.q = normalizeQuestion(redaction.text);
  ctx.standalone = redaction.text;
  ctx.personalData = redaction.found;
  // Matched on the unredacted text, folded like every other cue.
  const { folded } = normalizeQuestion(text);
  if (INJECTION_PATTERNS.some((re) => re.test(folded))) {
    throw new AbortPipeline('guard_input_injection', CANNED.guard_input_injection);
  }
}
