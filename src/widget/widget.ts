import { palette } from './color.js';
import { Connection, type ConnState } from './connection.js';
import { append, h, icon, ICONS } from './dom.js';
import { parseMarkdown, plainText, renderMarkdown } from './markdown.js';
import { speak, speechAvailable, stopSpeaking } from './speech.js';
import { Store, type HandoffState, type Message, type Prefs, type SavedState, type Source } from './store.js';
import { errorMessage, mergeStrings, type Strings } from './strings.js';
import { CSS, paletteCss } from './styles.js';

/**
 * The chat panel and the conversation logic. Every node is built with createElement and text nodes;
 * server and user text goes through `markdown.ts` (answers) or straight into text nodes (questions),
 * never through HTML parsing. Questions are kept in `state.pending` until their answer arrives, so a
 * question typed offline, or one whose answer was cut off by a lost connection, is (re)sent on
 * reconnect and survives a reload.
 */

export interface WidgetOptions {
  server: string;
  color?: string;
  position: 'left' | 'right';
  open: boolean;
  /** The nonce of the widget's <script>, put on the fallback <style> element for browsers without constructable stylesheets. */
  nonce?: string;
}

interface View {
  el: HTMLElement;
  body: HTMLElement;
  up?: HTMLButtonElement;
  down?: HTMLButtonElement;
  read?: HTMLButtonElement;
  form?: HTMLFormElement;
  thanks?: HTMLElement;
  note?: HTMLElement;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_QUESTION = 1000;
const RETRY_ASK_MS = 3000;
const RATE_WAIT_MS = 10_000;
/** After the server has stored a question, how long to wait for the bot before sending the next one. */
const ANSWER_GUARD_MS = 60_000;
const SURVEY_AFTER_ANSWERS = 3;
const PHONE_RE = /^\+?[0-9 .-]{8,20}$/;

function newId(): string {
  const bytes = new Uint8Array(6);
  if (typeof crypto !== 'undefined' && crypto.getRandomValues) crypto.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return 'q' + Date.now().toString(36) + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class ChatWidget {
  private strings: Strings;
  private state: SavedState;
  private prefs: Prefs;
  private readonly store: Store;
  private readonly conn: Connection;
  private readonly views = new Map<string, View>();
  /** The ask sent on the current connection and not answered yet. */
  private inflight?: string;
  private gotDelta = false;
  private helloPending = false;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private guardTimer?: ReturnType<typeof setTimeout>;
  /** Questions the server took but that went to a person (or waited too long): a late bot answer is still shown. */
  private readonly released = new Set<string>();
  private saveTimer?: ReturnType<typeof setTimeout>;
  private speakingId?: string;

  private root!: HTMLDivElement;
  private bubble!: HTMLButtonElement;
  private panel!: HTMLElement;
  private titleEl!: HTMLElement;
  private statusEl!: HTMLElement;
  private banner!: HTMLElement;
  private log!: HTMLElement;
  private list!: HTMLElement;
  private intro!: HTMLElement;
  private followWrap!: HTMLElement;
  private typing!: HTMLElement;
  private input!: HTMLTextAreaElement;
  private live!: HTMLElement;
  private largeBtn!: HTMLButtonElement;
  private autoBtn?: HTMLButtonElement;

  constructor(
    private readonly shadow: ShadowRoot,
    private readonly opts: WidgetOptions,
    strings: Strings,
  ) {
    this.strings = strings;
    this.store = new Store(`dvc-chat:v1:${opts.server}`);
    this.state = this.store.loadState();
    this.prefs = this.store.loadPrefs();
    for (const m of this.state.messages) if (m.kind === 'user') m.queued = this.state.pending.some((p) => p.id === m.id);
    this.conn = new Connection(opts.server, {
      hello: () => {
        this.helloPending = true;
        return this.state.sessionId && UUID_RE.test(this.state.sessionId) ? { type: 'hello', sessionId: this.state.sessionId } : { type: 'hello' };
      },
      frame: (f) => this.onFrame(f),
      state: (s) => this.onState(s),
    });
    this.adoptStyles();
    this.build();
    window.addEventListener('pagehide', () => this.saveNow());
    // A conversation in progress (or a panel left open) reconnects at once; otherwise only when opened.
    if (this.state.open || opts.open) this.open(false);
    else if (this.state.pending.length > 0 || this.state.outbox.length > 0) this.conn.start();
  }

  // ---- public API ---------------------------------------------------------------------------

  open(focus = true): void {
    this.state.open = true;
    this.panel.setAttribute('aria-modal', String(this.fullScreen()));
    this.panel.hidden = false;
    this.bubble.hidden = true;
    this.bubble.setAttribute('aria-expanded', 'true');
    this.conn.start();
    this.scrollToEnd(true);
    if (focus) {
      const coarse = typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches;
      // On a phone, focusing the input would pop the keyboard over the suggestions: focus the title.
      (coarse ? this.titleEl : this.input).focus();
    }
    this.save();
  }

  close(): void {
    if (this.panel.hidden) return;
    this.state.open = false;
    this.panel.hidden = true;
    this.bubble.hidden = false;
    this.bubble.setAttribute('aria-expanded', 'false');
    stopSpeaking();
    this.bubble.focus();
    this.save();
  }

  /** Below 480 px the panel covers the page: it behaves as a modal dialog and keeps Tab inside. */
  private fullScreen(): boolean {
    return typeof matchMedia === 'function' && matchMedia('(max-width: 479.98px)').matches;
  }

  private wrapFocus(ev: KeyboardEvent): void {
    const focusable = [...this.panel.querySelectorAll<HTMLElement>('button, textarea, input, a[href], [tabindex="0"]')].filter(
      (el) => !el.closest('[hidden]') && !(el as HTMLButtonElement).disabled,
    );
    if (focusable.length === 0) return;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    const active = this.shadow.activeElement;
    if (ev.shiftKey && (active === first || active === this.titleEl)) {
      ev.preventDefault();
      last.focus();
    } else if (!ev.shiftKey && active === last) {
      ev.preventDefault();
      first.focus();
    }
  }

  toggle(): void {
    if (this.panel.hidden) this.open();
    else this.close();
  }

  /** Asks a question as if typed (opens the panel). */
  ask(text: string): void {
    const question = String(text ?? '').trim();
    if (!question) return;
    if (this.panel.hidden) this.open(false);
    const id = newId();
    this.state.pending.push({ id, text: question });
    this.addMessage({ id, kind: 'user', text: question, queued: true });
    this.renderFollowUps();
    this.save();
    if (this.conn.state === 'reconnecting' || this.conn.state === 'connecting') this.conn.retryNow();
    else this.conn.start();
    this.pump();
  }

  setStrings(override: unknown): void {
    this.strings = mergeStrings(this.strings, override);
    const draft = this.input.value;
    const hadFocus = this.shadow.activeElement === this.input;
    this.build();
    this.input.value = draft;
    if (hadFocus) this.input.focus();
  }

  // ---- building -----------------------------------------------------------------------------

  private adoptStyles(): void {
    const css = CSS + paletteCss(palette(this.opts.color));
    const sheetOk =
      'adoptedStyleSheets' in Document.prototype && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype;
    if (sheetOk) {
      try {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        this.shadow.adoptedStyleSheets = [sheet];
        return;
      } catch {
        /* fall through */
      }
    }
    const style = document.createElement('style');
    if (this.opts.nonce) style.nonce = this.opts.nonce;
    style.appendChild(document.createTextNode(css));
    this.shadow.appendChild(style);
  }

  private build(): void {
    const s = this.strings;
    this.views.clear();
    this.root?.remove();

    this.bubble = h(
      'button',
      { class: 'bubble', type: 'button', 'aria-label': s.openChat, 'aria-expanded': 'false', 'aria-controls': 'dvc-panel', onclick: () => this.open() },
      icon(ICONS.chat),
      h('span', { 'aria-hidden': 'true', text: s.bubble }),
    );

    this.titleEl = h('h2', { class: 'title', id: 'dvc-title', tabindex: '-1', text: s.title });
    this.statusEl = h('p', { class: 'status', id: 'dvc-status', text: s.subtitle });
    this.largeBtn = h(
      'button',
      { class: 'hbtn', type: 'button', 'aria-label': s.largeText, title: s.largeText, 'aria-pressed': String(this.prefs.large), onclick: () => this.togglePref('large') },
      icon(ICONS.text),
    );
    this.autoBtn = speechAvailable()
      ? h(
          'button',
          { class: 'hbtn', type: 'button', 'aria-label': s.autoRead, title: s.autoRead, 'aria-pressed': String(this.prefs.autoRead), onclick: () => this.togglePref('autoRead') },
          icon(ICONS.speaker),
        )
      : undefined;
    const closeBtn = h(
      'button',
      { class: 'hbtn', type: 'button', 'aria-label': s.closeChat, title: s.closeChat, onclick: () => this.close() },
      icon(ICONS.close),
    );
    const head = h('div', { class: 'head' }, h('div', { class: 'head-text' }, this.titleEl, this.statusEl), this.largeBtn, this.autoBtn, closeBtn);

    this.banner = h(
      'div',
      { class: 'banner', hidden: true },
      h('b', { text: s.reconnecting }),
      h('button', { class: 'linkbtn', type: 'button', text: s.retryNow, onclick: () => this.conn.retryNow() }),
    );

    this.intro = h('div', { class: 'intro' });
    this.list = h('div', { class: 'list' });
    this.followWrap = h('div', { class: 'follow' });
    this.typing = h('p', { class: 'typing', hidden: true, text: s.thinking });
    this.log = h('div', { class: 'log', role: 'region', 'aria-label': s.log, tabindex: '0' }, this.intro, this.list, this.followWrap, this.typing);

    const handoff = h(
      'div',
      { class: 'handoff-bar' },
      h('button', { class: 'handoff', type: 'button', onclick: () => this.handoff() }, icon(ICONS.person), h('span', { text: s.handoff })),
    );

    this.input = h('textarea', {
      class: 'input',
      id: 'dvc-input',
      rows: 1,
      maxlength: MAX_QUESTION,
      placeholder: s.inputPlaceholder,
      'aria-label': s.inputLabel,
      autocomplete: 'off',
      enterkeyhint: 'send',
    });
    if (this.state.draft) this.input.value = this.state.draft;
    this.input.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing && ev.keyCode !== 229) {
        ev.preventDefault();
        this.submit();
      }
    });
    this.input.addEventListener('input', () => {
      this.state.draft = this.input.value;
      this.saveSoon();
    });
    const composer = h(
      'form',
      { class: 'composer', onsubmit: (ev: Event) => (ev.preventDefault(), this.submit()) },
      this.input,
      h('button', { class: 'send', type: 'submit', 'aria-label': s.send, title: s.send }, icon(ICONS.send)),
    );

    this.panel = h(
      'section',
      { class: 'panel', id: 'dvc-panel', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'dvc-title', 'aria-describedby': 'dvc-status', hidden: true },
      head,
      this.banner,
      this.log,
      handoff,
      composer,
      h('p', { class: 'privacy', text: s.privacy }),
    );
    this.panel.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape') {
        ev.preventDefault();
        this.close();
      } else if (ev.key === 'Tab' && this.fullScreen()) this.wrapFocus(ev);
    });

    this.live = h('div', { class: 'sr-only', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    this.root = h('div', { class: 'root' }, this.bubble, this.panel, this.live);
    this.applyPrefs();
    if (this.opts.position === 'left') this.root.classList.add('left');
    this.shadow.appendChild(this.root);

    this.renderIntro();
    for (const m of this.state.messages) this.list.appendChild(this.renderMessage(m).el);
    this.renderFollowUps();
    this.onState(this.conn.state);
    if (this.state.open) {
      this.panel.hidden = false;
      this.bubble.hidden = true;
      this.bubble.setAttribute('aria-expanded', 'true');
    }
  }

  private renderIntro(): void {
    const s = this.strings;
    this.intro.replaceChildren(this.renderMessage({ id: 'greeting', kind: 'bot', text: s.greeting }, false).el);
    if (this.state.suggestions.length > 0) this.intro.appendChild(this.chips(s.suggestions, this.state.suggestions));
  }

  private chips(label: string, items: string[]): HTMLElement {
    const group = h('div', { class: 'chips', role: 'group', 'aria-label': label }, h('p', { class: 'chips-label', 'aria-hidden': 'true', text: label }));
    for (const text of items.slice(0, 8)) {
      group.appendChild(h('button', { class: 'chip', type: 'button', text, onclick: () => this.ask(text) }));
    }
    return group;
  }

  /** Follow-up chips after the latest answer, if nothing has been asked since. */
  private renderFollowUps(): void {
    const last = [...this.state.messages].reverse().find((m) => m.kind !== 'survey' && m.kind !== 'notice');
    this.followWrap.replaceChildren();
    if (last && last.kind === 'bot' && !last.streaming && last.followUps && last.followUps.length > 0 && this.state.pending.length === 0) {
      this.followWrap.appendChild(this.chips(this.strings.followUps, last.followUps));
    }
  }

  private renderMessage(m: Message, interactive = true): View {
    const s = this.strings;
    const body = h('div', { class: 'body' });
    const view: View = { el: body, body };
    if (m.kind === 'user') {
      body.textContent = m.text;
      view.note = h('p', { class: 'note', hidden: !this.showQueued(m), text: s.queued });
      view.el = h('div', { class: 'msg user' }, h('p', { class: 'who', text: s.you }), body, view.note);
      return this.remember(m, view);
    }
    if (m.kind === 'notice') {
      body.className = 'notice';
      body.textContent = m.text;
      view.el = body;
      return this.remember(m, view);
    }
    if (m.kind === 'survey') {
      view.el = h('div', { class: 'msg survey' }, body);
      this.fillSurvey(m, body);
      return this.remember(m, view);
    }
    body.appendChild(renderMarkdown(parseMarkdown(m.text), document, s.newTab));
    const who = m.kind === 'staff' ? m.name || s.desk : s.bot;
    view.el = h('div', { class: `msg ${m.kind}${m.streaming ? ' streaming' : ''}`, 'aria-busy': m.streaming ? 'true' : null }, h('p', { class: 'who', text: who }), body);
    if (!interactive || m.streaming) return this.remember(m, view);
    if (m.callback) view.el.appendChild(this.callbackForm(m));

    if (m.sources && m.sources.length > 0) view.el.appendChild(this.renderSources(m.sources));
    const actions = h('div', { class: 'actions' });
    if (speechAvailable()) {
      view.read = h('button', { class: 'act', type: 'button', 'aria-pressed': 'false', onclick: () => this.readAloud(m) }, icon(ICONS.speaker), h('span', { text: s.readAloud }));
      actions.appendChild(view.read);
    }
    if (m.kind === 'bot' && m.answerId) {
      view.up = h('button', { class: 'act', type: 'button', 'aria-label': s.thumbsUp, title: s.thumbsUp, 'aria-pressed': String(m.rating === 'up'), onclick: () => this.rate(m, 'up') }, icon(ICONS.up));
      view.down = h('button', { class: 'act', type: 'button', 'aria-label': s.thumbsDown, title: s.thumbsDown, 'aria-pressed': String(m.rating === 'down'), onclick: () => this.rate(m, 'down') }, icon(ICONS.down));
      append(actions, view.up, view.down);
      view.thanks = h('p', { class: 'thanks', hidden: !m.acked, text: s.thanks });
    }
    if (actions.childNodes.length > 0) view.el.appendChild(actions);
    if (view.thanks) view.el.appendChild(view.thanks);
    return this.remember(m, view);
  }

  private remember(m: Message, view: View): View {
    if (m.id !== 'greeting') this.views.set(m.id, view);
    return view;
  }

  private renderSources(sources: Source[]): HTMLElement {
    const s = this.strings;
    const ul = h('ul');
    for (const src of sources) {
      const href = safeSourceUrl(src.url);
      const title = String(src.title || src.url || '');
      const label = href
        ? h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, title, h('span', { class: 'sr-only', text: ` ${s.newTab}` }))
        : h('span', { text: title });
      ul.appendChild(h('li', {}, label, src.section ? h('span', { class: 'sec', text: ` · ${src.section}` }) : null));
    }
    return h('div', { class: 'sources' }, h('h3', { text: s.sources }), ul);
  }

  private addMessage(m: Message): View {
    this.state.messages.push(m);
    const view = this.renderMessage(m);
    this.list.appendChild(view.el);
    this.scrollToEnd(true);
    return view;
  }

  private replaceMessage(m: Message): void {
    const old = this.views.get(m.id);
    const view = this.renderMessage(m);
    if (old) old.el.replaceWith(view.el);
    else this.list.appendChild(view.el);
  }

  private removeMessage(id: string): void {
    this.state.messages = this.state.messages.filter((m) => m.id !== id);
    this.views.get(id)?.el.remove();
    this.views.delete(id);
  }

  private notice(text: string): void {
    const last = this.state.messages[this.state.messages.length - 1];
    if (last && last.kind === 'notice' && last.text === text) return;
    this.addMessage({ id: newId(), kind: 'notice', text });
    this.announce(text);
  }

  // ---- conversation -------------------------------------------------------------------------

  private submit(): void {
    const text = this.input.value.trim();
    if (!text) return;
    this.input.value = '';
    this.state.draft = '';
    this.ask(text);
  }

  /** Sends the oldest unanswered question if the connection is ready and nothing is in flight. */
  private pump(): void {
    if (this.inflight || this.conn.state !== 'ready') return this.updateTyping();
    const next = this.state.pending[0];
    if (!next) return this.updateTyping();
    if (this.conn.send({ type: 'ask', id: next.id, text: next.text })) {
      this.inflight = next.id;
      this.gotDelta = false;
      this.setQueued(next.id, false);
    }
    this.updateTyping();
  }

  private setQueued(id: string, queued: boolean): void {
    const m = this.state.messages.find((x) => x.id === id);
    if (m) m.queued = queued;
    this.refreshNotes();
  }

  /** "Not sent yet" shows on unsent questions only while there is no connection. */
  private showQueued(m: Message): boolean {
    return !!m.queued && this.conn.state !== 'ready';
  }

  private refreshNotes(): void {
    for (const m of this.state.messages) {
      const note = m.kind === 'user' ? this.views.get(m.id)?.note : undefined;
      if (note) note.hidden = !this.showQueued(m);
    }
  }

  private updateTyping(): void {
    this.typing.hidden = !(this.inflight && !this.gotDelta);
    if (!this.typing.hidden) this.scrollToEnd(false);
  }

  private onState(state: ConnState): void {
    const s = this.strings;
    this.banner.hidden = state !== 'reconnecting';
    this.statusEl.textContent = state === 'connecting' ? s.connecting : state === 'reconnecting' ? s.reconnecting : this.handoffStatus();
    this.refreshNotes();
    if (state === 'ready') return;
    clearTimeout(this.guardTimer);
    // The answer in flight is lost with the connection: it will be asked again.
    if (this.inflight) {
      this.removeMessage('a:' + this.inflight);
      this.inflight = undefined;
    }
    for (const p of this.state.pending) this.setQueued(p.id, true);
    this.updateTyping();
  }

  private onFrame(f: { type: string } & Record<string, unknown>): void {
    switch (f.type) {
      case 'ready':
        return this.onReady(f);
      case 'delta':
        return this.onDelta(String(f.id ?? ''), typeof f.text === 'string' ? f.text : '');
      case 'answer':
        return this.onAnswer(f);
      case 'ack':
        return this.onAck(typeof f.ref === 'string' ? f.ref : '');
      case 'handoff':
        return this.onHandoff(f);
      case 'staff': {
        const text = typeof f.text === 'string' ? f.text : '';
        const name = typeof f.name === 'string' && f.name ? f.name : this.strings.desk;
        this.addMessage({ id: newId(), kind: 'staff', name, text });
        this.renderFollowUps();
        this.announce(this.strings.staffAnnounce.replace('{name}', name) + plainText(parseMarkdown(text)));
        return this.save();
      }
      case 'error':
        return this.onError(typeof f.id === 'string' ? f.id : undefined, f.code);
    }
  }

  private onReady(f: Record<string, unknown>): void {
    this.helloPending = false;
    if (typeof f.sessionId === 'string') this.state.sessionId = f.sessionId;
    if (Array.isArray(f.suggestions)) {
      const suggestions = f.suggestions.filter((x): x is string => typeof x === 'string');
      if (suggestions.join('\n') !== this.state.suggestions.join('\n')) {
        this.state.suggestions = suggestions;
        this.renderIntro();
      }
    }
    const outbox = this.state.outbox;
    this.state.outbox = [];
    for (const frame of outbox) if (!this.conn.send(frame)) this.state.outbox.push(frame);
    this.save();
    this.pump();
  }

  private onDelta(id: string, text: string): void {
    if (!id || id !== this.inflight) return;
    this.gotDelta = true;
    const mid = 'a:' + id;
    let m = this.state.messages.find((x) => x.id === mid);
    if (!m) {
      m = { id: mid, kind: 'bot', text: '', streaming: true };
      this.addMessage(m);
    }
    const first = !m.text;
    m.text += text;
    const view = this.views.get(mid);
    if (view) view.body.replaceChildren(renderMarkdown(parseMarkdown(m.text), document, this.strings.newTab));
    this.updateTyping();
    if (first && view) this.reveal(view.el);
  }

  private onAnswer(f: Record<string, unknown>): void {
    const id = String(f.id ?? '');
    if (!this.state.pending.some((p) => p.id === id) && !this.released.delete(id)) return;
    this.state.pending = this.state.pending.filter((p) => p.id !== id);
    if (this.inflight === id) {
      this.inflight = undefined;
      clearTimeout(this.guardTimer);
    }
    this.setQueued(id, false);
    const mid = 'a:' + id;
    const fields: Message = {
      id: mid,
      kind: 'bot',
      text: typeof f.text === 'string' ? f.text : '',
      answerId: typeof f.answerId === 'string' ? f.answerId : undefined,
      sources: Array.isArray(f.sources)
        ? f.sources
            .filter((x): x is Source => !!x && typeof x === 'object' && typeof (x as Source).url === 'string')
            .map((x) => ({ id: String(x.id ?? ''), title: String(x.title ?? ''), url: x.url, section: String(x.section ?? '') }))
        : [],
      followUps: Array.isArray(f.followUps) ? f.followUps.filter((x): x is string => typeof x === 'string') : [],
    };
    const existing = this.state.messages.find((x) => x.id === mid);
    if (existing) {
      for (const key of Object.keys(existing) as Array<keyof Message>) delete existing[key];
      Object.assign(existing, fields);
      this.replaceMessage(existing);
    } else {
      this.addMessage(fields);
    }
    this.renderFollowUps();
    if (!existing) this.reveal(this.views.get(mid)?.el);
    const spoken = plainText(parseMarkdown(fields.text));
    this.announce(this.strings.answerAnnounce + spoken);
    if (this.prefs.autoRead && !this.panel.hidden) this.readAloud(existing ?? fields);
    this.state.answered = (this.state.answered ?? 0) + 1;
    if (this.state.answered >= SURVEY_AFTER_ANSWERS) this.offerSurvey();
    this.save();
    this.pump();
  }

  private onError(id: string | undefined, code: unknown): void {
    const s = this.strings;
    if (this.helloPending && !id) {
      // The server refused our hello (e.g. a stored session id it cannot read): start a new session.
      this.state.sessionId = undefined;
      this.helloPending = false;
      this.conn.rehello();
      return;
    }
    const pendingAsk = id ? this.state.pending.find((p) => p.id === id) : undefined;
    if (pendingAsk) {
      if (this.inflight === id) this.inflight = undefined;
      this.removeMessage('a:' + pendingAsk.id);
      if (code === 'not_ready' || code === 'busy') {
        // Keep the question; try again shortly.
        this.notice(errorMessage(s, code));
        this.retryLater(RETRY_ASK_MS);
      } else {
        this.state.pending = this.state.pending.filter((p) => p.id !== id);
        this.setQueued(pendingAsk.id, false);
        if (code === 'too_long' && !this.input.value) {
          // Give the question back so the citizen can shorten it instead of retyping.
          this.input.value = pendingAsk.text;
          this.state.draft = pendingAsk.text;
        }
        this.notice(errorMessage(s, code));
        this.pump();
      }
    } else {
      this.notice(errorMessage(s, code));
      if (code === 'rate_limited' && this.inflight && !this.gotDelta) {
        // Our question may have been dropped by the limiter: send it again after the window.
        this.inflight = undefined;
        this.retryLater(RATE_WAIT_MS);
      }
    }
    this.renderFollowUps();
    this.updateTyping();
    this.save();
  }

  private retryLater(ms: number): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.pump(), ms);
  }

  private onAck(ref: string): void {
    const s = this.strings;
    if (ref === 'survey' || ref === 'callback') {
      const m = [...this.state.messages].reverse().find((x) => (ref === 'survey' ? x.kind === 'survey' : !!x.callback) && x.done && !x.acked);
      if (!m) return;
      m.acked = true;
      this.replaceMessage(m);
      this.announce(ref === 'survey' ? s.surveyThanks : s.callbackThanks);
      return this.save();
    }
    if (ref && ref === this.inflight) return this.onAskStored(ref);
    const m = this.state.messages.find((x) => x.answerId && x.answerId === ref);
    if (!m) return;
    m.acked = true;
    const thanks = this.views.get(m.id)?.thanks;
    if (thanks) thanks.hidden = false;
    this.announce(s.thanks);
    this.save();
  }

  /**
   * The server has stored the question. While a person has taken the conversation it goes to them and
   * no bot answer follows; otherwise the answer is awaited, but never forever: after a while the next
   * question is sent anyway (a late answer is still shown).
   */
  private onAskStored(id: string): void {
    clearTimeout(this.guardTimer);
    if (this.state.handoff === 'taken') return this.release(id);
    this.guardTimer = setTimeout(() => {
      if (this.inflight === id) this.release(id);
    }, ANSWER_GUARD_MS);
  }

  private release(id: string): void {
    clearTimeout(this.guardTimer);
    this.state.pending = this.state.pending.filter((p) => p.id !== id);
    if (this.inflight === id) this.inflight = undefined;
    this.released.add(id);
    this.setQueued(id, false);
    this.renderFollowUps();
    this.save();
    this.pump();
  }

  private onHandoff(f: Record<string, unknown>): void {
    const state = f.state as HandoffState;
    if (!['waiting', 'taken', 'closed', 'unavailable'].includes(state)) return;
    const name = typeof f.staffName === 'string' && f.staffName ? f.staffName : undefined;
    this.state.handoff = state;
    this.state.staffName = state === 'taken' ? name : undefined;
    const text = typeof f.message === 'string' ? f.message : '';
    if (text) {
      this.addMessage({ id: newId(), kind: 'staff', name: (state === 'taken' && name) || this.strings.desk, text, callback: f.callback === true });
      this.announce(this.strings.staffAnnounce.replace('{name}', (state === 'taken' && name) || this.strings.desk) + text);
    }
    this.onState(this.conn.state);
    this.renderFollowUps();
    if (state === 'closed') this.offerSurvey();
    this.save();
  }

  private handoffStatus(): string {
    const s = this.strings;
    if (this.state.handoff === 'waiting') return s.handoffWaiting;
    if (this.state.handoff === 'taken') return s.handoffTaken.replace('{name}', this.state.staffName || s.desk);
    return s.subtitle;
  }

  /** Leave a phone number for a call back (offered by the server when nobody can chat now). */
  private callbackForm(m: Message): HTMLElement {
    const s = this.strings;
    if (m.done) return h('p', { class: 'thanks', role: 'status', text: m.acked ? s.callbackThanks : s.sending });
    const fieldId = `dvc-cb-${m.id}`;
    const phone = h('input', { id: fieldId, class: 'field', type: 'tel', inputmode: 'tel', autocomplete: 'tel', maxlength: 20 });
    const error = h('p', { class: 'field-error', hidden: true, text: s.callbackInvalid });
    const form = h(
      'form',
      {
        class: 'fb',
        onsubmit: (ev: Event) => {
          ev.preventDefault();
          const value = phone.value.trim();
          const digits = value.replace(/\D/g, '').length;
          if (!PHONE_RE.test(value) || digits < 8 || digits > 15) {
            error.hidden = false;
            phone.setAttribute('aria-invalid', 'true');
            phone.focus();
            return;
          }
          m.done = true;
          this.sendOrQueue({ type: 'callback', phone: value });
          this.replaceMessage(m);
          this.save();
        },
      },
      h('label', { for: fieldId, text: s.callbackLabel }),
      phone,
      error,
      h('div', { class: 'fb-row' }, h('button', { class: 'act', type: 'submit', text: s.callbackSend })),
    );
    phone.setAttribute('aria-describedby', `${fieldId}-err`);
    error.id = `${fieldId}-err`;
    return form;
  }

  private offerSurvey(): void {
    if (this.state.surveyOffered) return;
    this.state.surveyOffered = true;
    this.addMessage({ id: newId(), kind: 'survey', text: '' });
  }

  /** "Bà con có hài lòng không?" 1–5 with an optional comment → a `survey` frame. */
  private fillSurvey(m: Message, body: HTMLElement): void {
    const s = this.strings;
    if (m.done) {
      body.appendChild(h('p', { class: 'thanks', text: m.acked ? s.surveyThanks : s.sending }));
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
    const comment = h('textarea', { id: fieldId, rows: 2, maxlength: 500 });
    const send = h('button', { class: 'act', type: 'submit', disabled: true, text: s.surveySend });
    body.appendChild(
      h(
        'form',
        {
          class: 'survey-form',
          onsubmit: (ev: Event) => {
            ev.preventDefault();
            if (!score) return;
            const text = comment.value.trim().slice(0, 500);
            m.done = true;
            this.sendOrQueue(text ? { type: 'survey', score, comment: text } : { type: 'survey', score });
            this.replaceMessage(m);
            this.save();
          },
        },
        h('p', { class: 'survey-q', id: `${fieldId}-q`, text: s.surveyQuestion }),
        h('p', { class: 'survey-d', id: `${fieldId}-d`, text: s.surveyScale }),
        scale,
        h('label', { for: fieldId, text: s.commentLabel }),
        comment,
        h('div', { class: 'fb-row' }, send),
      ),
    );
  }

  private sendOrQueue(frame: Record<string, unknown>): void {
    if (this.conn.send(frame)) return;
    this.state.outbox.push(frame);
    this.save();
    if (this.conn.state === 'idle') this.conn.start();
    else this.conn.retryNow();
  }

  private handoff(): void {
    this.addMessage({ id: newId(), kind: 'user', text: this.strings.handoffRequest });
    this.renderFollowUps();
    this.sendOrQueue({ type: 'handoff' });
    this.save();
  }

  private rate(m: Message, rating: 'up' | 'down'): void {
    const view = this.views.get(m.id);
    if (!view || !m.answerId) return;
    m.rating = rating;
    m.acked = false;
    view.up?.setAttribute('aria-pressed', String(rating === 'up'));
    view.down?.setAttribute('aria-pressed', String(rating === 'down'));
    if (view.thanks) view.thanks.hidden = true;
    view.form?.remove();
    view.form = undefined;
    if (rating === 'up') {
      this.sendOrQueue({ type: 'feedback', answerId: m.answerId, rating: 'up' });
      this.save();
      return;
    }
    const s = this.strings;
    const fieldId = `dvc-fb-${m.id.replace(/[^a-z0-9-]/gi, '')}`;
    const comment = h('textarea', { id: fieldId, rows: 2, maxlength: 500, placeholder: s.commentPlaceholder });
    const finish = (withComment: boolean) => {
      const text = withComment ? comment.value.trim().slice(0, 500) : '';
      this.sendOrQueue(text ? { type: 'feedback', answerId: m.answerId, rating: 'down', comment: text } : { type: 'feedback', answerId: m.answerId, rating: 'down' });
      form.remove();
      view.form = undefined;
      view.down?.focus();
      this.save();
    };
    const form: HTMLFormElement = h(
      'form',
      { class: 'fb', onsubmit: (ev: Event) => (ev.preventDefault(), finish(true)) },
      h('label', { for: fieldId, text: s.commentLabel }),
      comment,
      h(
        'div',
        { class: 'fb-row' },
        h('button', { class: 'act', type: 'submit', text: s.commentSend }),
        h('button', { class: 'act', type: 'button', text: s.commentSkip, onclick: () => finish(false) }),
      ),
    );
    comment.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing && ev.keyCode !== 229) {
        ev.preventDefault();
        finish(true);
      }
    });
    view.form = form;
    (view.thanks ?? view.el.lastChild)?.before(form);
    comment.focus();
    this.save();
  }

  private readAloud(m: Message): void {
    const s = this.strings;
    const wasThis = this.speakingId === m.id;
    stopSpeaking();
    if (wasThis) return;
    const button = this.views.get(m.id)?.read;
    const label = button?.lastChild;
    this.speakingId = m.id;
    button?.setAttribute('aria-pressed', 'true');
    if (label) label.textContent = s.stopReading;
    speak(plainText(parseMarkdown(m.text)), () => {
      if (this.speakingId === m.id) this.speakingId = undefined;
      button?.setAttribute('aria-pressed', 'false');
      if (label) label.textContent = s.readAloud;
    });
  }

  private togglePref(key: keyof Prefs): void {
    this.prefs[key] = !this.prefs[key];
    this.store.savePrefs(this.prefs);
    if (key === 'autoRead' && !this.prefs.autoRead) stopSpeaking();
    this.applyPrefs();
  }

  private applyPrefs(): void {
    this.root.classList.toggle('large', this.prefs.large);
    this.largeBtn.setAttribute('aria-pressed', String(this.prefs.large));
    this.autoBtn?.setAttribute('aria-pressed', String(this.prefs.autoRead));
  }

  // ---- helpers ------------------------------------------------------------------------------

  private announce(text: string): void {
    // Clear first so the same text is announced again; keep it short enough to be useful.
    this.live.textContent = '';
    const short = text.length > 600 ? text.slice(0, 600) + '…' : text;
    setTimeout(() => (this.live.textContent = short), 60);
  }

  /** Scrolls a new answer's beginning into view (with a line of the question above it), not its end. */
  private reveal(el: HTMLElement | undefined): void {
    if (!el || this.panel.hidden) return;
    const top = el.offsetTop - this.log.offsetTop - 48;
    if (top > this.log.scrollTop) this.log.scrollTop = top;
  }

  private scrollToEnd(force: boolean): void {
    const log = this.log;
    if (!log) return;
    const near = log.scrollHeight - log.scrollTop - log.clientHeight < 120;
    if (force || near) log.scrollTop = log.scrollHeight;
  }

  private save(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    this.store.saveState(this.state);
  }

  private saveSoon(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.save(), 300);
  }

  private saveNow(): void {
    this.state.draft = this.input.value;
    this.save();
  }
}

function safeSourceUrl(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}
