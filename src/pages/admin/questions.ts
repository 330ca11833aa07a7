import type { Overview } from '../console/api-types.js';
import { $, append, el } from '../console/dom.js';
import { num } from '../console/format.js';
import { badge, fillList } from '../console/widgets.js';

/**
 * The questions: the most asked, those the assistant could not answer (grouped: the guidance to add)
 * and the answers citizens disliked (grouped, with their comments).
 */

function groupItem(g: { example: string; count: number }, countText: string): HTMLLIElement {
  return append(el('li'), el('q', null, String(g.example ?? '')), ' ', badge('bad', num(g.count) + countText));
}

function textList(texts: string[], quote: boolean): HTMLUListElement {
  return append(el('ul'), ...texts.map((t) => el('li', null, quote ? `“${String(t)}”` : String(t))));
}

function topItem(q: Overview['topQuestions'][number]): HTMLLIElement {
  return append(el('li'), String(q.question ?? ''), ' ', badge('neutral', `${num(q.count)} lần`));
}

function unansweredItem(g: Overview['unanswered'][number]): HTMLLIElement {
  const li = groupItem(g, ' lần');
  const questions = g.questions ?? [];
  if (questions.length > 1 || (questions.length === 1 && questions[0] !== g.example)) {
    li.appendChild(append(el('details'), el('summary', null, `Các câu hỏi tương tự (${questions.length})`), textList(questions, false)));
  }
  return li;
}

function downvotedItem(g: Overview['downvoted'][number]): HTMLLIElement {
  const li = groupItem(g, ' lượt chê');
  const comments = (g.comments ?? []).filter((c) => c && String(c).trim());
  if (comments.length) {
    const ul = textList(comments, true);
    ul.setAttribute('aria-label', 'Góp ý của người dân');
    li.appendChild(ul);
  } else li.appendChild(el('p', 'hint', 'Không có góp ý kèm theo.'));
  return li;
}

export function renderQuestions(data: Pick<Overview, 'topQuestions' | 'unanswered' | 'downvoted'>): void {
  fillList($('top-questions'), $('top-empty'), data.topQuestions ?? [], topItem);
  fillList($('unanswered'), $('unanswered-empty'), data.unanswered ?? [], unansweredItem);
  fillList($('downvoted'), $('downvoted-empty'), data.downvoted ?? [], downvotedItem);
}
