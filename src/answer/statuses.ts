/** Every way a question can end; stored with the answer and counted in metrics. */
export const ANSWER_STATUSES = [
  'answered',
  /** Two things were asked; the guidance answers one and does not say the other. */
  'partial',
  /** The procedure was found, but its guidance does not say what was asked (an honest "chưa nói về"). */
  'not_covered',
  'clarification',
  'greeting',
  'out_of_scope',
  'unanswerable_no_content',
  'needs_personal_data',
  'emergency',
  'emergency_answered',
  'refused_harmful',
  'refused_personal_data',
  'refused_political',
  'refused_abusive',
  'guard_input_empty',
  'guard_input_too_long',
  'guard_input_hidden_chars',
  'guard_input_injection',
  'error_answer_service',
  'error_non_specific',
] as const;

export type AnswerStatus = (typeof ANSWER_STATUSES)[number];

/** Statuses whose reply is grounded in the knowledge documents. */
export const GROUNDED_STATUSES: ReadonlySet<AnswerStatus> = new Set(['answered', 'partial', 'needs_personal_data', 'emergency_answered']);
