import type { Handoff, TranscriptEntry } from '../console/api-types.js';
import { $, append, clear, el, type Child } from '../console/dom.js';
import { formatTime } from '../console/format.js';
import { richText } from '../console/rich-text.js';

/**
 * The desk's building blocks: a conversation (transcript) with the reason for the request, inline
 * errors, counters, screen reader announcements, and keeping one DOM node per handoff across updates.
 * Citizen and staff text stays text; only the bot's answers go through the markdown renderer.
 */

const ROLE_LABEL: Record<TranscriptEntry['role'], string> = { citizen: 'Người dân', bot: 'Trợ lý', staff: 'Cán bộ', system: 'Hệ thống' };

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

/** An empty, focusable transcript list (filled by showConversation). */
export function transcriptList(label: string): HTMLOListElement {
  const list = el('ol', 'transcript');
  list.setAttribute('aria-label', label);
  list.tabIndex = 0;
  return list;
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

function renderTranscript(list: HTMLOListElement, messages: TranscriptEntry[]): void {
  const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  clear(list);
  if (!messages.length) list.appendChild(el('li', 'msg system', 'Chưa có tin nhắn.'));
  for (const m of messages) {
    const role = m.role in ROLE_LABEL ? m.role : 'system';
    const li = el('li', `msg ${role}`);
    if (role === 'system') {
      // Events (request, taken, phone left…): one compact line.
      li.textContent = (m.at ? `${formatTime(m.at)} · ` : '') + String(m.text ?? '');
    } else {
      const who = ROLE_LABEL[role] + (role === 'staff' && m.name ? ` ${m.name}` : '');
      li.appendChild(el('span', 'meta', who + (m.at ? ` · ${formatTime(m.at)}` : '')));
      // Citizen and staff text stays literal; the bot's answers are its markdown subset.
      if (role === 'bot') li.appendChild(richText(m.text));
      else li.appendChild(document.createTextNode(String(m.text ?? '')));
    }
    list.appendChild(li);
  }
  if (nearBottom || !list.dataset.filled) {
    list.scrollTop = list.scrollHeight;
    // A list built before it is in the page has no height yet: scroll once it is laid out.
    window.requestAnimationFrame(() => {
      list.scrollTop = list.scrollHeight;
    });
  }
  list.dataset.filled = '1';
}

function transcriptSig(messages: TranscriptEntry[]): string {
  const last = messages[messages.length - 1];
  return `${messages.length}|${last ? last.at + last.text : ''}`;
}

function reasonLine(h: Pick<Handoff, 'reason'>): HTMLParagraphElement {
  return append(el('p', 'reason'), el('b', null, 'Lý do: '), h.reason ? String(h.reason) : 'Người dân muốn gặp cán bộ (không ghi lý do).');
}

/** Fills node.reason and node.list for handoff h; the list is rebuilt only when the messages changed. */
export function showConversation(node: Pick<ConversationNode, 'reason' | 'list' | 'sig'>, h: Handoff, messages: TranscriptEntry[]): void {
  clear(node.reason);
  node.reason.appendChild(reasonLine(h));
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
