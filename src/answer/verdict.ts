import type { Question } from '../text/question.js';
import type { TopicPlan } from './extractive.js';
import type { RankedUnit } from './rank.js';

/** A yes/no verdict ("Được.", "Không.") when the best part of the document clearly supports one. */
export function verdictFor(_q: Question, _topic: TopicPlan, _ranked: RankedUnit[]): string | undefined {
  return undefined;
}
