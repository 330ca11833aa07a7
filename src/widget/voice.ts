import type { Chat } from './context.js';
import { h, icon, ICONS } from './dom.js';

/**
 * Voice input for people who type with difficulty: the browser's speech recognition in Vietnamese
 * (`strings.speechLang`) writes what was said into the question box, to check and send. Browsers
 * without it (Firefox, many WebViews) get no button at all.
 */

interface Recognition {
  lang: string;
  interimResults: boolean;
  continuous: boolean;
  onresult: ((ev: { results: ArrayLike<ArrayLike<{ transcript: string }> & { isFinal: boolean }> }) => void) | null;
  onerror: ((ev: { error?: string }) => void) | null;
  onend: (() => void) | null;
  start(): void;
  stop(): void;
}

type RecognitionConstructor = new () => Recognition;

function recognitionClass(): RecognitionConstructor | undefined {
  const w = window as unknown as { SpeechRecognition?: RecognitionConstructor; webkitSpeechRecognition?: RecognitionConstructor };
  return w.SpeechRecognition ?? w.webkitSpeechRecognition;
}

/** The microphone button of the composer, or undefined where the browser cannot listen. */
export function voiceButton(chat: Chat): HTMLButtonElement | undefined {
  const Rec = recognitionClass();
  if (!Rec) return undefined;
  let rec: Recognition | undefined;
  const s = chat.strings;
  const button: HTMLButtonElement = h('button', { class: 'mic', type: 'button', 'aria-label': s.voiceStart, title: s.voiceStart, 'aria-pressed': 'false', onclick: () => (rec ? rec.stop() : listen()) }, icon(ICONS.mic));
  const listen = () => {
    const input = chat.ui.input;
    const before = input.value.trim();
    rec = new Rec();
    rec.lang = s.speechLang;
    rec.interimResults = true;
    rec.continuous = false;
    rec.onresult = (ev) => {
      const said = Array.from(ev.results, (r) => r[0]?.transcript ?? '').join(' ').trim();
      input.value = before ? `${before} ${said}` : said;
      input.dispatchEvent(new Event('input'));
    };
    rec.onerror = (ev) => {
      if (ev.error !== 'aborted') chat.list.notice(s.voiceError);
    };
    rec.onend = () => {
      rec = undefined;
      button.setAttribute('aria-pressed', 'false');
      chat.ui.input.focus();
    };
    button.setAttribute('aria-pressed', 'true');
    chat.ui.live.textContent = s.voiceListening;
    try {
      rec.start();
    } catch {
      rec = undefined;
      button.setAttribute('aria-pressed', 'false');
      chat.list.notice(s.voiceError);
    }
  };
  return button;
}
