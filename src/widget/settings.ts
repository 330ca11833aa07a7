import type { Chat } from './context.js';
import { h, icon, ICONS } from './dom.js';
import { labelledButton } from './layout.js';
import { markdownText } from './markdown.js';
import { speak, speechAvailable, stopSpeaking } from './speech.js';
import type { Message } from './store.js';

/**
 * Display settings, kept per device: larger text (a labelled toggle in the header), reading answers
 * aloud (a toggle in the "Thêm" menu), and the "Đọc to" button of each answer.
 */
export class Settings {
  private largeBtn?: HTMLButtonElement;
  private autoBtn?: HTMLButtonElement;
  /** The message being read aloud. */
  private speakingId?: string;

  constructor(private readonly chat: Chat) {}

  /** The text-size toggle of the header, its name written on it. */
  textSizeButton(): HTMLButtonElement {
    const { strings: s, session } = this.chat;
    this.largeBtn = labelledButton(s.largeText, ICONS.text, () => this.toggle('large'), { 'aria-pressed': String(session.prefs.large) });
    return this.largeBtn;
  }

  /** The "read answers aloud" toggle of the menu, only where the browser can speak. */
  autoReadButton(): HTMLButtonElement | undefined {
    const { strings: s, session } = this.chat;
    if (!speechAvailable()) return undefined;
    this.autoBtn = h('button', { class: 'mitem', type: 'button', 'aria-pressed': String(session.prefs.autoRead), onclick: () => this.toggle('autoRead') }, icon(ICONS.speaker), h('span', { text: s.autoRead }));
    return this.autoBtn;
  }

  /** Shows the preferences on the panel and the toggles. */
  apply(): void {
    const prefs = this.chat.session.prefs;
    this.chat.ui.root.classList.toggle('large', prefs.large);
    this.largeBtn?.setAttribute('aria-pressed', String(prefs.large));
    this.autoBtn?.setAttribute('aria-pressed', String(prefs.autoRead));
  }

  private toggle(key: 'large' | 'autoRead'): void {
    const { session } = this.chat;
    session.prefs[key] = !session.prefs[key];
    session.savePrefs();
    if (key === 'autoRead' && !session.prefs.autoRead) stopSpeaking();
    this.apply();
  }

  /** "Đọc to" for an answer, where the browser can speak. */
  readButton(m: Message): HTMLButtonElement | undefined {
    if (!speechAvailable()) return undefined;
    const label = h('span', { text: this.chat.strings.readAloud });
    return h('button', { class: 'act', type: 'button', 'aria-pressed': 'false', onclick: () => this.readAloud(m) }, icon(ICONS.speaker), label);
  }

  /** Reads a message aloud, or stops when it is the one being read. */
  readAloud(m: Message): void {
    const s = this.chat.strings;
    const wasThis = this.speakingId === m.id;
    stopSpeaking();
    if (wasThis) return;
    const button = this.chat.list.view(m.id)?.read;
    const label = button?.lastChild;
    this.speakingId = m.id;
    button?.setAttribute('aria-pressed', 'true');
    if (label) label.textContent = s.stopReading;
    speak(markdownText(m.text), () => {
      if (this.speakingId === m.id) this.speakingId = undefined;
      button?.setAttribute('aria-pressed', 'false');
      if (label) label.textContent = s.readAloud;
    });
  }
}
