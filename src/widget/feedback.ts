import type { Chat } from './context.js';
import { h, icon, ICONS, onEnter } from './dom.js';
import { commentField, formRow, withComment } from './forms.js';
import type { View } from './messages.js';
import { announce } from './panel.js';
import type { Message } from './store.js';
import { format } from './strings.js';

type Rating = 'up' | 'down';

/** Thumbs up and down under a bot answer, and its (hidden) thanks line, kept in `view`; none for other messages. */
export function feedbackButtons(chat: Chat, m: Message, view: View): HTMLButtonElement[] {
  if (m.kind !== 'bot' || !m.answerId) return [];
  const s = chat.strings;
  view.up = thumb(chat, m, 'up', s.thumbsUp);
  view.down = thumb(chat, m, 'down', s.thumbsDown);
  view.thanks = h('p', { class: 'thanks', hidden: !m.acked, text: thanksText(chat, m) });
  return [view.up, view.down];
}

function thumb(chat: Chat, m: Message, rating: Rating, label: string): HTMLButtonElement {
  const pressed = String(m.rating === rating);
  return h('button', { class: 'act', type: 'button', 'aria-label': label, title: label, 'aria-pressed': pressed, onclick: () => rate(chat, m, rating) }, icon(ICONS[rating]));
}

/** Up is sent at once; down opens an optional comment, sent with it (or skipped). */
function rate(chat: Chat, m: Message, rating: Rating): void {
  const { session } = chat;
  const view = chat.list.view(m.id);
  if (!view || !m.answerId) return;
  const answerId = m.answerId;
  m.rating = rating;
  m.acked = false;
  m.code = undefined;
  view.up?.setAttribute('aria-pressed', String(rating === 'up'));
  view.down?.setAttribute('aria-pressed', String(rating === 'down'));
  if (view.thanks) view.thanks.hidden = true;
  view.form?.remove();
  view.form = undefined;
  if (rating === 'up') {
    session.send({ type: 'feedback', answerId, rating: 'up' });
    session.save();
    return;
  }
  const s = chat.strings;
  const comment = commentField(`dvc-fb-${m.id.replace(/[^a-z0-9-]/gi, '')}`, s.commentLabel, s.commentPlaceholder);
  const finish = (send: boolean) => {
    session.send(withComment({ type: 'feedback', answerId, rating: 'down' }, send ? comment.value() : ''));
    form.remove();
    view.form = undefined;
    view.down?.focus();
    session.save();
  };
  const form: HTMLFormElement = h(
    'form',
    { class: 'fb', onsubmit: (ev: Event) => (ev.preventDefault(), finish(true)) },
    comment.label,
    comment.box,
    formRow(
      h('button', { class: 'act', type: 'submit', text: s.commentSend }),
      h('button', { class: 'act', type: 'button', text: s.commentSkip, onclick: () => finish(false) }),
    ),
  );
  onEnter(comment.box, () => finish(true));
  view.form = form;
  (view.thanks ?? view.el.lastChild)?.before(form);
  comment.box.focus();
  session.save();
}

/** "Cảm ơn…", with the tracking code when the comment entered the feedback queue. */
function thanksText(chat: Chat, m: Message): string {
  return m.code ? `${chat.strings.thanks} ${format(chat.strings.trackingCode, { code: m.code })}` : chat.strings.thanks;
}

/** The server has the feedback on answer `answerId`: its thanks line shows (with the tracking code of a comment). */
export function ackFeedback(chat: Chat, answerId: string, code?: string): void {
  const m = chat.session.state.messages.find((x) => x.answerId && x.answerId === answerId);
  if (!m) return;
  m.acked = true;
  m.code = code;
  const thanks = chat.list.view(m.id)?.thanks;
  if (thanks) {
    thanks.textContent = thanksText(chat, m);
    thanks.hidden = false;
  }
  announce(chat, thanksText(chat, m));
  chat.session.save();
}
