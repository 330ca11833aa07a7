import { Asks } from './asks.js';
import { renderFollowUps, renderIntro } from './chips.js';
import type { Chat } from './context.js';
import { onFrame } from './frames.js';
import { renderHandoffBar, withPerson } from './handoff.js';
import { buildLayout } from './layout.js';
import { Menu } from './menu.js';
import { MessageList } from './messages.js';
import { bindPanelKeys, closePanel, openPanel, showPanel } from './panel.js';
import { Session } from './session.js';
import { Settings } from './settings.js';
import { emptyState } from './store.js';
import { DEFAULT_STRINGS, mergeStrings, type Strings } from './strings.js';
import { adoptStyles } from './stylesheet.js';
import { surveyWhenRead } from './survey.js';
import { voiceButton } from './voice.js';

/**
 * The chat widget: puts its parts together in the shadow root and offers the API of `window.DvcChat`.
 * Every node is built with createElement and text nodes; server and user text goes through
 * `markdown.ts` (answers) or straight into text nodes (questions), never through HTML parsing. The
 * parts and what each one does: README.md, "Files".
 */

export interface WidgetOptions {
  server: string;
  color?: string;
  position: 'left' | 'right';
  open: boolean;
  /** The nonce of the widget's <script>, put on the fallback <style> element for browsers without constructable stylesheets. */
  nonce?: string;
  /** The language to start in (`data-lang`); the citizen can choose another in "Thêm". */
  lang?: string;
  /** The portal's title for the panel (`data-title`), kept in every language. */
  title?: string;
}

export class ChatWidget {
  private readonly chat: Chat;
  /** The bundled Vietnamese strings with the portal's overrides (DvcChatStrings, setStrings). */
  private pageStrings: Strings;

  constructor(
    shadow: ShadowRoot,
    private readonly opts: WidgetOptions,
    strings: Strings,
  ) {
    const chat = { shadow, strings } as Chat;
    this.pageStrings = strings;
    chat.session = new Session(opts.server, { frame: (f) => onFrame(chat, f), state: (s) => chat.asks.onState(s) }, opts.lang);
    chat.useLanguage = (lang, catalogue) => this.useLanguage(lang, catalogue);
    chat.list = new MessageList(chat);
    chat.asks = new Asks(chat);
    chat.settings = new Settings(chat);
    chat.menu = new Menu(chat, { newConversation: () => this.newConversation() });
    this.chat = chat;
    const { state, conn } = chat.session;
    if (state.strings) chat.strings = this.stringsFor(state.strings); // the language of this conversation, before the server says it again
    adoptStyles(shadow, opts.color, opts.nonce);
    this.build();
    window.addEventListener('pagehide', () => {
      state.draft = chat.ui.input.value;
      chat.session.save();
    });
    // A conversation in progress (or a panel left open) reconnects at once; otherwise only when opened.
    if (state.open || opts.open) openPanel(chat, false);
    else if (state.pending.length > 0 || state.outbox.length > 0) conn.start();
  }

  open(focus = true): void {
    openPanel(this.chat, focus);
  }

  close(): void {
    closePanel(this.chat);
  }

  toggle(): void {
    if (this.chat.ui.panel.hidden) this.open();
    else this.close();
  }

  /** Asks a question as if typed (opens the panel). */
  ask(text: string): void {
    this.chat.asks.ask(text);
  }

  setStrings(override: unknown): void {
    this.pageStrings = mergeStrings(this.pageStrings, override);
    this.relabel(mergeStrings(this.chat.strings, override));
  }

  /** The server speaks `lang`: the widget's words follow, once per change (`catalogue`: the widget strings, none for Vietnamese). */
  private useLanguage(lang: string, catalogue: Record<string, unknown> | undefined): void {
    const state = this.chat.session.state;
    const changed = state.lang !== lang || JSON.stringify(state.strings ?? null) !== JSON.stringify(catalogue ?? null);
    state.lang = lang;
    state.strings = catalogue;
    if (changed) this.relabel(this.stringsFor(catalogue));
  }

  private stringsFor(catalogue: Record<string, unknown> | undefined): Strings {
    return catalogue ? mergeStrings(mergeStrings(DEFAULT_STRINGS, catalogue), { title: this.opts.title }) : this.pageStrings;
  }

  /** Builds the panel again in `strings`, keeping what is being typed. */
  private relabel(strings: Strings): void {
    const chat = this.chat;
    chat.strings = strings;
    const draft = chat.ui.input.value;
    const hadFocus = chat.shadow.activeElement === chat.ui.input;
    this.build();
    chat.ui.input.value = draft;
    if (hadFocus) chat.ui.input.focus();
  }

  /**
   * "Cuộc trò chuyện mới": for the next person on a shared phone. An open request for a person is
   * ended, the transcript and everything unsent is forgotten, and a new session starts (a `hello`
   * without the old id).
   */
  newConversation(): void {
    const { session } = this.chat;
    if (withPerson(this.chat)) session.send({ type: 'end' });
    const fresh = { ...emptyState(), open: true, suggestions: session.state.suggestions, support: session.state.support };
    for (const key of Object.keys(session.state)) delete (session.state as unknown as Record<string, unknown>)[key];
    Object.assign(session.state, fresh);
    this.chat.asks.reset();
    this.chat.list.savedScroll = undefined;
    session.save();
    this.build();
    session.conn.rehello();
    this.chat.ui.title.focus();
  }

  /** Builds (or builds again, in new strings) the panel and the transcript in it. */
  private build(): void {
    const chat = this.chat;
    const { session, list, asks } = chat;
    list.clear();
    chat.ui?.root.remove();
    const parts = { tools: [chat.settings.textSizeButton()], menuItems: [], composerTools: [voiceButton(chat)] };
    const ui = buildLayout(chat.strings, parts, {
      open: () => openPanel(chat),
      close: () => closePanel(chat),
      retry: () => session.conn.retryNow(),
      submit: () => asks.submit(),
      draft: (value) => {
        session.state.draft = value;
        session.saveSoon();
      },
    });
    chat.ui = ui;
    if (session.state.draft) ui.input.value = session.state.draft;
    bindPanelKeys(chat);
    chat.menu.render();
    renderHandoffBar(chat);
    // The citizen moving in the log: the view stops following a growing answer, and the survey may come once the answer is read.
    for (const type of ['wheel', 'touchstart', 'keydown']) ui.log.addEventListener(type, () => list.releaseAnchor(), { passive: true });
    ui.log.addEventListener('scroll', () => surveyWhenRead(chat), { passive: true });
    chat.settings.apply();
    if (this.opts.position === 'left') ui.root.classList.add('left');
    ui.root.setAttribute('lang', session.state.lang ?? 'vi'); // screen readers pronounce the words in their language
    chat.shadow.appendChild(ui.root);

    renderIntro(chat);
    for (const m of session.state.messages) ui.list.appendChild(list.render(m).el);
    renderFollowUps(chat);
    asks.onState(session.conn.state);
    if (session.state.open) showPanel(ui, true);
  }
}
