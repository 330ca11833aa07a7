import type { Chat } from './context.js';
import { append, h, icon, ICONS } from './dom.js';
import { callLink, endChat } from './handoff.js';
import { openCard } from './requests.js';
import { format } from './strings.js';

/**
 * "Thêm": the actions a citizen needs now and then, written out in words: reading answers aloud, a
 * góp ý or phản ánh, looking one up by its code, ending the conversation, a new conversation (a phone
 * shared in the family or at the commune office), and how to reach a person (hours and hotline).
 */
export class Menu {
  constructor(
    private readonly chat: Chat,
    private readonly actions: { newConversation(): void },
  ) {}

  /** The languages the server has catalogues for, when there is a choice: pressing one asks the server to speak it. */
  private languages(): HTMLElement | undefined {
    const { chat } = this;
    const { session } = chat;
    const languages = session.state.languages ?? [];
    if (languages.length < 2) return undefined;
    const current = session.state.lang ?? 'vi';
    return h(
      'div',
      { class: 'langs', role: 'group', 'aria-label': chat.strings.language },
      h('span', { 'aria-hidden': 'true', text: chat.strings.language }),
      ...languages.map((l) =>
        h('button', {
          class: 'act',
          type: 'button',
          lang: l.code,
          'aria-pressed': String(l.code === current),
          text: l.name,
          onclick: () => {
            session.prefs.lang = l.code;
            session.savePrefs();
            session.conn.rehello();
          },
        }),
      ),
    );
  }

  /** Fills the menu (again when the strings or the support details change). */
  render(): void {
    const { chat } = this;
    const s = chat.strings;
    const item = (label: string, paths: string[], onclick: () => void) => h('button', { class: 'mitem', type: 'button', onclick }, icon(paths), h('span', { text: label }));
    const support = chat.session.state.support;
    chat.ui.menu.replaceChildren();
    append(
      chat.ui.menu,
      ...[
        chat.settings.autoReadButton(),
        item(s.requestOpen, ICONS.chat, () => openCard(chat, 'request')),
        item(s.lookupOpen, ICONS.link, () => openCard(chat, 'lookup')),
        item(s.endChat, ICONS.close, () => endChat(chat)),
        item(s.newChat, ICONS.plus, () => this.actions.newConversation()),
        this.languages(),
        support ? h('p', { class: 'support' }, h('span', { text: format(s.supportHours, { hours: support.hours }) }), callLink(chat, support.hotline)) : undefined,
      ],
    );
  }
}
