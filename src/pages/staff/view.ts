import type { Handoff, TranscriptEntry } from '../console/api-types.js';
import { $, append, el, type Child } from '../console/dom.js';
import { renderTranscript, transcriptList } from '../console/transcript.js';

export { transcriptList };

/**
 * The desk's building blocks: a conversation (transcript) led by the citizen's question and the reason
 * for the request, inline errors, counters, screen reader announcements, and keeping one DOM node per
 * handoff across updates. Citizen and staff text stays text; only the bot's answers go through the
 * markdown renderer.
 */

/**
 * The citizen's question a request is about: their last message up to the time of the request
 * (`before`, ISO; later ones are the chat with staff), or their last one at all; null when none.
 */
export function citizenQuestion(messages: Pick<TranscriptEntry, 'role' | 'text' | 'at'>[], before?: string | null): string | null {
  const limit = before ? Date.parse(before) : Number.NaN;
  let latest: string | null = null;
  for (const m of messages) {
    const text = m.role === 'citizen' ? String(m.text ?? '').trim() : '';
    if (!text) continue;
    if (!Number.isNaN(limit) && Date.parse(m.at) > limit) break;
    latest = text;
  }
  return latest;
}

/** Why the citizen asked for a person, as the desk reads it; "không ghi lý do" only when there is none. */
export function reasonText(reason: string | null | undefined): string {
  const r = String(reason ?? '').trim();
  if (!r) return 'Người dân muốn gặp cán bộ (không ghi lý do).';
  if (r === 'callback') return 'Người dân để lại số điện thoại để được gọi lại.';
  return r;
}

/** "Đang mở trò chuyện" / "Đã rời trang" when the server says (`citizenOnline`), '' otherwise. */
export function presenceText(h: Pick<Handoff, 'citizenOnline'>): string {
  if (typeof h.citizenOnline !== 'boolean') return '';
  return h.citizenOnline ? 'Người dân đang mở trò chuyện' : 'Người dân đã rời trang: tin nhắn sẽ đến khi họ mở lại';
}

/** The short code staff and citizen use for a conversation: "Người dân 3FA9C1". */
export function shortId(h: Pick<Handoff, 'sessionId' | 'id'>): string {
  return String(h.sessionId || h.id || '')
    .replace(/[^0-9a-zA-Z]/g, '')
    .slice(0, 6)
    .toUpperCase();
}

/** Says text in the page's polite live region (emptied first so a repeat is said again). */
export function announce(text: string): void {
  const node = $('announce');
  node.textContent = '';
  window.setTimeout(() => {
    node.textContent = text;
  }, 50);
}

/** What every list item of the desk has: its root, the conversation, and an error line. */
export interface ConversationNode {
  root: HTMLElement;
  reason: HTMLElement;
  list: HTMLOListElement;
  error: HTMLParagraphElement;
  /** The messages last drawn (see showConversation). */
  sig?: string;
}

/** <details> with a summary around list. */
export function folded(list: HTMLOListElement, summary: string, open: boolean): HTMLDetailsElement {
  const details = el('details');
  details.open = open;
  return append(details, el('summary', null, summary), list);
}

export interface ItemParts {
  root: HTMLLIElement;
  hint: HTMLParagraphElement;
  reason: HTMLDivElement;
  list: HTMLOListElement;
  error: HTMLParagraphElement;
}

/**
 * A queue or call-back item <li class=className>: a head of headParts, the hint, the reason, the
 * folded transcript ([label, summary, open]), an error line and the actions.
 */
export function handoffItem(className: string, headParts: Child[], fold: [string, string, boolean], ...buttons: HTMLElement[]): ItemParts {
  const root = el('li', className);
  const hint = el('p', 'hint');
  const reason = el('div');
  const list = transcriptList(fold[0]);
  const error = inlineError();
  append(root, append(el('div', 'item-head'), ...headParts), hint, reason, folded(list, fold[1], fold[2]), error, actions(...buttons));
  return { root, hint, reason, list, error };
}

function transcriptSig(messages: TranscriptEntry[]): string {
  const last = messages[messages.length - 1];
  const delivered = messages.map((m) => (m.delivered === undefined ? '' : m.delivered ? 1 : 0)).join('');
  return `${messages.length}|${last ? last.at + last.text : ''}|${delivered}`;
}

/** "Câu hỏi: “…”" (when the citizen wrote one) and "Lý do: …". */
function requestLines(h: Pick<Handoff, 'reason' | 'createdAt'>, messages: TranscriptEntry[]): HTMLParagraphElement[] {
  const question = citizenQuestion(messages, h.createdAt);
  const lines = [append(el('p', 'reason'), el('b', null, 'Lý do: '), reasonText(h.reason))];
  if (question) lines.unshift(append(el('p', 'question'), el('b', null, 'Câu hỏi: '), `“${question}”`));
  return lines;
}

/** Fills node.reason and node.list for handoff h; the list is rebuilt only when the messages changed. */
export function showConversation(node: Pick<ConversationNode, 'reason' | 'list' | 'sig'>, h: Handoff, messages: TranscriptEntry[]): void {
  node.reason.replaceChildren(...requestLines(h, messages));
  const sig = transcriptSig(messages);
  if (sig !== node.sig) {
    renderTranscript(node.list, messages);
    node.sig = sig;
  }
}

export function inlineError(): HTMLParagraphElement {
  const p = el('p', 'error');
  p.setAttribute('role', 'alert');
  p.hidden = true;
  return p;
}

export function showError(node: { error: HTMLElement }, message: string): void {
  node.error.textContent = message;
  node.error.hidden = false;
}

/** <div class="actions"> with the given buttons. */
export function actions(...buttons: HTMLElement[]): HTMLDivElement {
  return append(el('div', 'actions'), ...buttons);
}

/** Keeps one DOM node per item id, in order, reusing nodes so focus and drafts survive updates. */
export function syncList<N extends { root: HTMLElement }>(
  container: HTMLElement,
  nodes: Map<string, N>,
  items: Handoff[],
  create: (item: Handoff) => N,
  update: (node: N, item: Handoff) => void,
): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const key = String(item.id);
    seen.add(key);
    let node = nodes.get(key);
    if (!node) {
      node = create(item);
      nodes.set(key, node);
    }
    update(node, item);
    const at = container.children[index];
    if (at !== node.root) container.insertBefore(node.root, at ?? null);
  });
  for (const [key, node] of nodes) {
    if (seen.has(key)) continue;
    node.root.remove();
    nodes.delete(key);
  }
}

export function setCount(id: string, n: number): void {
  const node = $(id);
  node.textContent = String(n);
  node.className = `count${n ? '' : ' zero'}`;
}
