import type { Chat } from './context.js';
import { h } from './dom.js';
import { commentField, formRow, sendForm, sentNote, withComment } from './forms.js';
import { newId } from './ids.js';
import type { Message } from './store.js';

/** Adds the satisfaction question to the conversation, once per session. */
export function offerSurvey(chat: Chat): void {
  const state = chat.session.state;
  if (state.surveyOffered) return;
  state.surveyOffered = true;
  chat.list.add({ id: newId(), kind: 'survey', text: '' });
}

/** "Bà con có hài lòng không?" 1–5 with an optional comment → a `survey` frame. */
export function fillSurvey(chat: Chat, m: Message, body: HTMLElement): void {
  const s = chat.strings;
  if (m.done) {
    body.appendChild(sentNote(m, s.surveyThanks, s.sending));
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
