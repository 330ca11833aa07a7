import type { Chat } from './context.js';
import { h } from './dom.js';
import { format } from './strings.js';

const MAX_CHIPS = 8;

/** A group of quick questions; pressing one asks it (its full text, whatever the chip shows). */
function chips(chat: Chat, label: string, items: Array<{ shown: string; asked: string }>): HTMLElement {
  const group = h('div', { class: 'chips', role: 'group', 'aria-label': label }, h('p', { class: 'chips-label', 'aria-hidden': 'true', text: label }));
  for (const { shown, asked } of items.slice(0, MAX_CHIPS)) {
    group.appendChild(h('button', { class: 'chip', type: 'button', text: shown, onclick: () => chat.asks.ask(asked) }));
  }
  return group;
}

/**
 * Short chip labels: when every follow-up starts with the same topic ("Đăng ký khai sinh: mất bao
 * lâu?", "Đăng ký khai sinh: ở đâu?"), the topic is said once in the group's label and each chip shows
 * only the rest. The question asked is still the full one.
 */
export function shortLabels(items: string[]): { topic?: string; items: Array<{ shown: string; asked: string }> } {
  const topicOf = (q: string) => /^(.{3,80}?):\s+\S/.exec(q)?.[1];
  const topic = items.length > 1 ? topicOf(items[0]) : undefined;
  if (!topic || !items.every((q) => topicOf(q) === topic)) return { items: items.map((q) => ({ shown: q, asked: q })) };
  return { topic, items: items.map((q) => ({ shown: q.slice(topic.length + 1).trim().replace(/^\p{Ll}/u, (c) => c.toUpperCase()), asked: q })) };
}

/** The greeting, the one-line notice that answers are automatic, and the server's suggested questions. */
export function renderIntro(chat: Chat): void {
  const { strings: s, ui } = chat;
  const suggestions = chat.session.state.suggestions;
  ui.intro.replaceChildren(chat.list.render({ id: 'greeting', kind: 'bot', text: s.greeting }, false).el, h('p', { class: 'auto-note', text: s.autoNote }));
  if (suggestions.length > 0) ui.intro.appendChild(chips(chat, s.suggestions, suggestions.map((q) => ({ shown: q, asked: q }))));
}

/** The `ready` frame's suggestions: shown again only when they changed. */
export function updateSuggestions(chat: Chat, suggestions: string[]): void {
  const state = chat.session.state;
  if (suggestions.join('\n') === state.suggestions.join('\n')) return;
  state.suggestions = suggestions;
  renderIntro(chat);
}

/** Follow-up chips after the latest answer, if nothing has been asked since. */
export function renderFollowUps(chat: Chat): void {
  const { session, ui } = chat;
  const last = session.last((m) => m.kind !== 'survey' && m.kind !== 'notice');
  ui.follow.replaceChildren();
  if (last && last.kind === 'bot' && !last.streaming && last.followUps && last.followUps.length > 0 && session.state.pending.length === 0) {
    const { topic, items } = shortLabels(last.followUps);
    ui.follow.appendChild(chips(chat, topic ? format(chat.strings.followUpsAbout, { topic }) : chat.strings.followUps, items));
  }
}
