import { api, session } from '../console/api.js';
import { CannedReplies } from '../console/canned.js';
import type { Handoff, HandoffLists } from '../console/api-types.js';
import { $ } from '../console/dom.js';
import type { CallbackNode } from './callbacks.js';
import type { ChatNode, OtherNode } from './chats.js';
import type { QueueNode } from './queue.js';
import { DeskState } from './state.js';
import { announce } from './view.js';

export interface DeskNodes {
  queue: Map<string, QueueNode>;
  callbacks: Map<string, CallbackNode>;
  chats: Map<string, ChatNode>;
  others: Map<string, OtherNode>;
}

/** The live status line at the top of the desk. */
export function setConn(kind: 'ok' | 'warn' | 'bad', text: string): void {
  const node = $('conn');
  node.className = `status-line${kind === 'ok' ? '' : ` ${kind}`}`;
  node.textContent = text;
}

/**
 * The desk page's shared context: the model, one DOM node per handoff and list, drawing (set by the
 * page) and the calls that change handoffs.
 */
export class Desk {
  readonly state = new DeskState(() => session.user);
  readonly canned = new CannedReplies();
  nodes: DeskNodes = Desk.emptyNodes();
  /** Draws every list from the state (staff/index.ts). */
  render: () => void = () => undefined;

  static emptyNodes(): DeskNodes {
    return { queue: new Map(), callbacks: new Map(), chats: new Map(), others: new Map() };
  }

  /** The server's lists, from HTTP or a `queue` frame. */
  applySnapshot(lists: Partial<HandoffLists>): void {
    for (const text of this.state.applySnapshot(lists, Date.now())) announce(text);
    this.render();
  }

  async loadHandoffs(): Promise<void> {
    try {
      const data = await api<HandoffLists>('GET', '/api/staff/handoffs');
      if (session.running) this.applySnapshot(data);
    } catch (e) {
      const err = e as { status: number; message: string };
      if (err.status !== 401) setConn('bad', `Không tải được danh sách: ${err.message}`);
    }
  }

  /** POST /api/staff/handoffs/:id/:action, then shows the handoff as the server answers it. */
  async handoffAction(id: string, action: 'take' | 'close'): Promise<void> {
    const data = await api<{ handoff?: Handoff } | null>('POST', `/api/staff/handoffs/${encodeURIComponent(id)}/${action}`);
    if (data?.handoff) {
      this.state.upsert(data.handoff);
      this.render();
    } else void this.loadHandoffs();
  }

  /** The chat a passage goes into: the last one typed in, else the first. */
  targetChat(): ChatNode | null {
    const { chats } = this.nodes;
    const last = this.state.lastChatId;
    if (last !== null && chats.has(last)) return chats.get(last)!;
    return chats.values().next().value ?? null;
  }
}
