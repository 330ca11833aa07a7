import { normalizeQuestion } from '../../text/question.js';
import { normaliseText } from '../../privacy/normalise.js';
import { redactPersonalData, withoutPlaceholders } from '../../privacy/redact.js';
import { AbortPipeline, type AnswerContext } from '../context.js';
import type { AnswerDeps } from '../deps.js';

// Unicode "tag" characters carry invisible instructions; nobody types them.
const TAG_CHARACTERS = /[\u{E0000}-\u{E007F}]/u;


/** Empty, too long, hidden characters; personal data is redacted and noted (prompt injection is the safety step's). */
export function guardInputStep(ctx: AnswerContext, deps: AnswerDeps): void {
  const raw = ctx.question;
  if (TAG_CHARACTERS.test(raw)) throw new AbortPipeline('guard_input_hidden_chars', ctx.replies.guard_input_hidden_chars);
  const text = normaliseText(raw).trim();
  if (!text) throw new AbortPipeline('guard_input_empty', ctx.replies.guard_input_empty);
  if ([...text].length > deps.maxQuestionChars) {
    throw new AbortPipeline('guard_input_too_long', ctx.replies.guard_input_too_long.replace('{max}', String(deps.maxQuestionChars)));
  }
  const redaction = redactPersonalData(text);
  ctx.question = redaction.text;
  // Documents are searched for what was asked, not for the placeholders' words ("[biển số xe]").
  const searched = withoutPlaceholders(redaction.text).replace(/ {2,}/g, ' ').trim() || redaction.text;
  // The question as received is already normalised; only a changed text is normalised again.
  ctx.q = searched === ctx.q.original ? ctx.q : normalizeQuestion(searched);
  ctx.search = ctx.q;
  ctx.standalone = redaction.text;
  ctx.personalData = redaction.found;
}
