import type { Chat } from './context.js';
import { h } from './dom.js';
import { commentField, formRow, sendForm, sentNote, withComment } from './forms.js';
import { newId } from './ids.js';
import type { Message } from './store.js';
import { format } from './strings.js';

/** Answers before the survey may come on its own, and how long the end of the latest one must have been on screen. */
const SURVEY_AFTER_ANSWERS = 2;
const READ_MS = 5000;

let lastAnswerAt = 0;
let readTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * Adds the satisfaction question to the end of the conversation, once per session, as a quiet card:
 * the view does not move (it never scrolls away from an answer), unless the citizen asked for it
 * (`reveal`: "Kết thúc trò chuyện").
 */
export function offerSurvey(chat: Chat, reveal = false): void {
  const state = chat.session.state;
  if (state.surveyOffered) {
    if (reveal) chat.list.reveal(chat.list.view(chat.session.last((m) => m.kind === 'survey')?.id ?? '')?.el, true);
    return;
  }
  state.surveyOffered = true;
  const view = chat.list.add({ id: newId(), kind: 'survey', text: '' }, 'none');
  if (reveal) chat.list.reveal(view.el, true);
  chat.session.save();
}

/** A bot answer has arrived: the survey may follow once it has been read. */
export function answerArrived(chat: Chat): void {
  lastAnswerAt = Date.now();
  surveyWhenRead(chat);
}

/**
 * The survey comes on its own after a few answers, once the citizen has read the latest one: its end
 * has been on screen for a few seconds and nothing is being asked. Checked on scrolling and on a timer.
 */
export function surveyWhenRead(chat: Chat): void {
  const { session, list, ui } = chat;
  const state = session.state;
  clearTimeout(readTimer);
  if (state.surveyOffered || (state.answered ?? 0) < SURVEY_AFTER_ANSWERS || state.pending.length > 0 || ui.panel.hidden) return;
  const last = session.last((m) => m.kind === 'bot' && !m.streaming);
  const el = last && list.view(last.id)?.el;
  if (!el) return;
  const logBox = ui.log.getBoundingClientRect();
  const endSeen = el.getBoundingClientRect().bottom <= logBox.bottom + 1;
  if (!endSeen) return;
  const wait = lastAnswerAt + READ_MS - Date.now();
  if (wait > 0) readTimer = setTimeout(() => surveyWhenRead(chat), wait);
  else offerSurvey(chat);
}

/** "Bà con có hài lòng không?" 1–5 with an optional comment → a `survey` frame. */
export function fillSurvey(chat: Chat, m: Message, body: HTMLElement): void {
  const s = chat.strings;
  if (m.done) {
    body.appendChild(sentNote(m, m.code ? `${s.surveyThanks} ${format(s.trackingCode, { code: m.code })}` : s.surveyThanks, s.sending));
    return;
  }
  let score = 0;
  const fieldId = `dvc-sv-${m.id}`;
  const buttons: HTMLButtonElement[] = [];
  const scale = h('div', { class: 'scale', role: 'group', 'aria-labelledby': `${fieldId}-q`, 'aria-describedby': `${fieldId}-d` });
  for (let n = 1; n <= 5; n++) {
    const b = h('button', {
      class: 'act score',
      type: 'button',
      'aria-pressed': 'false',
      'aria-label': s.surveyScore.replace('{n}', String(n)),
      text: String(n),
      onclick: () => {
        score = n;
        buttons.forEach((x, i) => x.setAttribute('aria-pressed', String(i + 1 === n)));
        send.disabled = false;
      },
    });
    buttons.push(b);
    scale.appendChild(b);
  }
  const comment = commentField(fieldId, s.commentLabel);
  const send = h('button', { class: 'act', type: 'submit', disabled: true, text: s.surveySend });
  const submit = (ev: Event) => {
    ev.preventDefault();
    if (score) sendForm(chat, m, withComment({ type: 'survey', score }, comment.value()));
  };
  body.appendChild(
    h(
      'form',
      { class: 'survey-form', onsubmit: submit },
      h('p', { class: 'survey-q', id: `${fieldId}-q`, text: s.surveyQuestion }),
      h('p', { class: 'survey-d', id: `${fieldId}-d`, text: s.surveyScale }),
      scale,
      comment.label,
      comment.box,
      formRow(send),
    ),
  );
}
