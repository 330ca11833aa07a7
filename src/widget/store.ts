/**
 * What survives a reload. The conversation (transcript, session id, unsent questions) is kept in
 * sessionStorage: it lasts as long as the tab and is never shared with other tabs or kept after the
 * citizen closes it (public computers at the commune office). Display preferences (larger text,
 * reading answers aloud) are per device in localStorage. Storage that throws (private mode, disabled,
 * full) degrades to memory only.
 */

import type { AnswerFrameFact, ClientFrame, FrameSource, HandoffState, PublicFeedback, SupportInfo } from '../chat/protocol.js';

export type { HandoffState, PublicFeedback, SupportInfo };
export type Source = FrameSource;
export type Fact = AnswerFrameFact;

export interface Message {
  id: string;
  /** `request`: the góp ý form; `lookup`: the tracking-code look-up and its result. */
  kind: 'user' | 'bot' | 'staff' | 'notice' | 'survey' | 'request' | 'lookup';
  text: string;
  /** Sender shown on staff messages. */
  name?: string;
  sources?: Source[];
  /** Short checked facts shown as an answer card above the text. */
  facts?: Fact[];
  followUps?: string[];
  answerId?: string;
  rating?: 'up' | 'down';
  acked?: boolean;
  /** A bot message still receiving deltas. */
  streaming?: boolean;
  /** A user question not yet sent to the server. */
  queued?: boolean;
  /** A staff/desk message offering to leave a phone number for a call back. */
  callback?: boolean;
  /** The call-back number, survey, góp ý or look-up was sent (and acknowledged when `acked`). */
  done?: boolean;
  /** The tracking code the server gave (feedback queue). */
  code?: string;
  /** A hotline to offer as a tap-to-call link under the message. */
  hotline?: string;
  /** The result of a look-up. */
  item?: PublicFeedback;
}

export interface PendingAsk {
  id: string;
  text: string;
}

export interface SavedState {
  v: 1;
  sessionId?: string;
  messages: Message[];
  /** Questions not answered yet, oldest first. */
  pending: PendingAsk[];
  /** Feedback and handoff frames not sent yet. */
  outbox: ClientFrame[];
  open: boolean;
  suggestions: string[];
  draft?: string;
  /** The request for a person, as the server last reported it. */
  handoff?: HandoffState;
  staffName?: string;
  /** Bot answers received in this session (the satisfaction survey comes after a few). */
  answered?: number;
  surveyOffered?: boolean;
  /** A request for a person was sent and not answered yet (so it is not sent twice). */
  handoffAsked?: boolean;
  /** While waiting for a person: the place in the queue and the expected wait in minutes. */
  position?: number;
  waitMinutes?: number;
  /** The hotline and the desk's hours, from `ready`. */
  support?: SupportInfo;
  /** Tracking codes received in this conversation, newest last. */
  codes?: string[];
  /** The language the server speaks (from `ready`), its widget strings when not Vietnamese, and the languages to choose from. */
  lang?: string;
  strings?: Record<string, unknown>;
  languages?: Array<{ code: string; name: string }>;
}

export interface Prefs {
  large: boolean;
  autoRead: boolean;
  /** The language the citizen chose in the menu. */
  lang?: string;
}

const MAX_MESSAGES = 80;

function storage(kind: 'sessionStorage' | 'localStorage'): Storage | undefined {
  try {
    const s = window[kind];
    const probe = '__dvc_probe__';
    s.setItem(probe, '1');
    s.removeItem(probe);
    return s;
  } catch {
    return undefined;
  }
}

export function emptyState(): SavedState {
  return { v: 1, messages: [], pending: [], outbox: [], open: false, suggestions: [] };
}

export class Store {
  private readonly session = storage('sessionStorage');
  private readonly local = storage('localStorage');

  constructor(private readonly key: string) {}

  loadState(): SavedState {
    try {
      const raw = this.session?.getItem(this.key);
      const data = raw ? (JSON.parse(raw) as Partial<SavedState>) : undefined;
      if (!data || data.v !== 1 || !Array.isArray(data.messages)) return emptyState();
      return {
        ...emptyState(),
        ...data,
        // A reply that was still streaming when the page went away is asked again on reconnect.
        messages: data.messages.filter((m) => m && typeof m.text === 'string' && !m.streaming),
        pending: Array.isArray(data.pending) ? data.pending.filter((p) => p && typeof p.id === 'string' && typeof p.text === 'string') : [],
        outbox: Array.isArray(data.outbox) ? data.outbox : [],
        suggestions: Array.isArray(data.suggestions) ? data.suggestions.filter((s) => typeof s === 'string') : [],
      };
    } catch {
      return emptyState();
    }
  }

  saveState(state: SavedState): void {
    if (!this.session) return;
    const messages = state.messages.filter((m) => !m.streaming).slice(-MAX_MESSAGES);
    try {
      this.session.setItem(this.key, JSON.stringify({ ...state, messages }));
    } catch {
      /* quota: keep going in memory */
    }
  }

  loadPrefs(): Prefs {
    try {
      const p = JSON.parse(this.local?.getItem('dvc-chat:prefs') ?? '{}') as Partial<Prefs>;
      return { large: p.large === true, autoRead: p.autoRead === true, lang: typeof p.lang === 'string' && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(p.lang) ? p.lang : undefined };
    } catch {
      return { large: false, autoRead: false };
    }
  }

  savePrefs(prefs: Prefs): void {
    try {
      this.local?.setItem('dvc-chat:prefs', JSON.stringify(prefs));
    } catch {
      /* ignore */
    }
  }
}
