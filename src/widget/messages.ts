import type { Chat } from './context.js';
import { append, h } from './dom.js';
import { feedbackButtons } from './feedback.js';
import { callbackForm, callLink, hotlineIn } from './handoff.js';
import { newId } from './ids.js';
import { markdownDom } from './markdown.js';
import { announce } from './panel.js';
import { renderFacts } from './facts.js';
import { renderSources } from './sources.js';
import type { Message } from './store.js';
import { fillLookup, fillRequest } from './requests.js';
import { fillSurvey } from './survey.js';

/** One message on screen, and the parts of it that change after it is shown. */
export interface View {
  el: HTMLElement;
  body: HTMLElement;
  up?: HTMLButtonElement;
  down?: HTMLButtonElement;
  read?: HTMLButtonElement;
  form?: HTMLFormElement;
  thanks?: HTMLElement;
  note?: HTMLElement;
}

/**
 * The transcript in the log: citizen questions (plain text, never parsed), bot and staff answers
 * (markdown, with sources, read-aloud and feedback), notices and the survey. Keeps the view of every
 * message shown so later frames can update it.
 */
export class MessageList {
  private readonly views = new Map<string, View>();
  /** The answer whose beginning is kept at the top of the log while it grows (until the citizen scrolls). */
  private anchor?: HTMLElement;
  /** Where the log was when the panel was closed (a hidden log forgets it). */
  savedScroll?: number;

  constructor(private readonly chat: Chat) {}

  view(id: string): View | undefined {
    return this.views.get(id);
  }

  /** Forgets every view (the panel is being built again). */
  clear(): void {
    this.views.clear();
  }

  /** The DOM of a message; `interactive: false` leaves out its controls (the greeting). */
  render(m: Message, interactive = true): View {
    const { strings: s, asks } = this.chat;
    const body = h('div', { class: 'body' });
    const view: View = { el: body, body };
    if (m.kind === 'user') {
      body.textContent = m.text;
      view.note = h('p', { class: 'note', hidden: !asks.showQueued(m), text: s.queued });
      view.el = h('div', { class: 'msg user' }, h('p', { class: 'who', text: s.you }), body, view.note);
    } else if (m.kind === 'notice') {
      body.className = 'notice';
      body.textContent = m.text;
    } else if (m.kind === 'survey' || m.kind === 'request' || m.kind === 'lookup') {
      view.el = h('div', { class: `msg card ${m.kind}` }, body);
      (m.kind === 'survey' ? fillSurvey : m.kind === 'request' ? fillRequest : fillLookup)(this.chat, m, body);
    } else {
      this.renderReply(m, view, interactive);
    }
    if (m.id !== 'greeting') this.views.set(m.id, view);
    return view;
  }

  /** A bot or staff message: its text, then (once complete) call-back form, sources and actions. */
  private renderReply(m: Message, view: View, interactive: boolean): void {
    const { strings: s, settings } = this.chat;
    const card = m.facts && m.facts.length > 0 ? renderFacts(s, m.facts) : null;
    if (card) view.body.appendChild(card);
    view.body.appendChild(markdownDom(m.text, s.newTab));
    const who = m.kind === 'staff' ? m.name || s.desk : s.bot;
    view.el = h('div', { class: `msg ${m.kind}${m.streaming ? ' streaming' : ''}`, 'aria-busy': m.streaming ? 'true' : null }, h('p', { class: 'who', text: who }), view.body);
    if (!interactive || m.streaming) return;
    const hotline = m.hotline ?? hotlineIn(this.chat, m.text);
    if (hotline) view.el.appendChild(callLink(this.chat, hotline));
    if (m.callback) view.el.appendChild(callbackForm(this.chat, m));
    if (m.sources && m.sources.length > 0) view.el.appendChild(renderSources(s, m.sources));
    const actions = h('div', { class: 'actions' });
    view.read = settings.readButton(m);
    append(actions, view.read, ...feedbackButtons(this.chat, m, view));
    if (actions.childNodes.length > 0) view.el.appendChild(actions);
    if (view.thanks) view.el.appendChild(view.thanks);
  }

  /**
   * Adds a message at the end. The view follows the citizen's own messages to the end; a reply from
   * the bot or the desk is shown from its beginning ('start'); a quiet card leaves the view alone ('none').
   */
  add(m: Message, scroll: 'end' | 'start' | 'none' = m.kind === 'bot' || m.kind === 'staff' ? 'start' : 'end'): View {
    this.chat.session.state.messages.push(m);
    const view = this.render(m);
    this.chat.ui.list.appendChild(view.el);
    if (scroll === 'end') {
      this.anchor = undefined;
      this.scrollToEnd(true);
    } else if (scroll === 'start') {
      this.anchor = view.el;
      this.keepAnchor();
    }
    return view;
  }

  replace(m: Message): void {
    const old = this.views.get(m.id);
    const view = this.render(m);
    if (this.anchor && this.anchor === old?.el) this.anchor = view.el;
    if (old) old.el.replaceWith(view.el);
    else this.chat.ui.list.appendChild(view.el);
    this.keepAnchor();
  }

  remove(id: string): void {
    const { state } = this.chat.session;
    state.messages = state.messages.filter((m) => m.id !== id);
    this.views.get(id)?.el.remove();
    this.views.delete(id);
  }

  /** A line from the widget itself (errors), not repeated when it is already the last message. */
  notice(text: string): void {
    const messages = this.chat.session.state.messages;
    const last = messages[messages.length - 1];
    if (last && last.kind === 'notice' && last.text === text) return;
    this.add({ id: newId(), kind: 'notice', text });
    announce(this.chat, text);
  }

  /** Scrolls so `el` begins near the top of the log, with a line of what came before it (the question). */
  reveal(el: HTMLElement | undefined, always = false): void {
    const { panel, log } = this.chat.ui;
    if (!el || panel.hidden) return;
    const top = el.offsetTop - log.offsetTop - 48;
    if (always || top > log.scrollTop) log.scrollTop = top;
  }

  /** While an answer grows (streaming, then its sources), its beginning moves up to the top and stays there. */
  keepAnchor(): void {
    if (this.anchor?.isConnected) this.reveal(this.anchor);
  }

  /** The citizen scrolled or moved in the log: stop moving the view for them. */
  releaseAnchor(): void {
    this.anchor = undefined;
  }

  /** Scrolls to the end when forced or when the citizen was reading near the end already. */
  scrollToEnd(force: boolean): void {
    const log = this.chat.ui.log;
    const near = log.scrollHeight - log.scrollTop - log.clientHeight < 120;
    if (force || near) log.scrollTop = log.scrollHeight;
  }
}
