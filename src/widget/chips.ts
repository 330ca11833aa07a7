import type { Chat } from './context.js';
import { h } from './dom.js';

const MAX_CHIPS = 8;

/** A group of quick questions; pressing one asks it. */
function chips(chat: Chat, label: string, items: string[]): HTMLElement {
  const group = h('div', { class: 'chips', role: 'group', 'aria-label': label }, h('p', { class: 'chips-label', 'aria-hidden': 'true', text: label }));
  for (const text of items.slice(0, MAX_CHIPS)) {
    group.appendChild(h('button', { class: 'chip', type: 'button', text, onclick: () => chat.asks.ask(text) }));
  }
  return group;
}

/** The greeting, and the server's suggested questions under it. */
export function renderIntro(chat: Chat): void {
  const { strings: s, ui } = chat;
  const suggestions = chat.session.state.suggestions;
  ui.intro.replaceChildren(chat.list.render({ id: 'greeting', kind: 'bot', text: s.greeting }, false).el);
  if (suggestions.length > 0) ui.intro.appendChild(chips(chat, s.suggestions, suggestions));
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
    ui.follow.appendChild(chips(chat, chat.strings.followUps, last.followUps));
  }
}
