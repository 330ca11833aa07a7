import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { PublicFeedback } from '../chat/protocol.js';
import type { Clock } from '../lib/clock.js';
import { stored } from '../lib/errors.js';
import { redact } from '../privacy/redact.js';
import type { FeedbackItem, FeedbackItemFilter, FeedbackItemKind, FeedbackItemStatus, NewFeedbackItem, Store } from '../store/store.js';
import { newTrackingCode, normaliseTrackingCode } from './codes.js';

const DAY_MS = 86_400_000;

/** Who changes an item: a signed-in staff member or admin. */
export interface QueueActor {
  username: string;
  role: 'staff' | 'admin';
}

export class QueueError extends Error {
  constructor(
    readonly code: 'not_found' | 'forbidden' | 'not_yours' | 'unknown_assignee' | 'already_answered',
    message: string,
  ) {
    super(message);
  }
}

export type FeedbackQueue = ReturnType<typeof createFeedbackQueue>;

export interface FeedbackQueueDeps {
  store: Pick<Store, 'feedbackQueue' | 'audit'>;
  clock: Clock;
  logger: Pick<Logger, 'info'>;
  /** Days to answer a new item. */
  dueDays: number;
  /** Whether a username belongs to an account (assignees must). */
  accountExists(username: string): boolean;
}

/**
 * The feedback queue: góp ý and phản ánh from citizens, thumbs-down and survey comments, call-back
 * requests. Each item gets an unguessable tracking code, a due date and the status mới → đang xử lý
 * → đã trả lời; staff assign, move and answer items (every change audited); anyone holding the code
 * reads the status and the reply, never the citizen's text or contact. Citizen text is redacted
 * before it is stored; contacts are stored (the desk needs them) but never logged or audited.
 */
export function createFeedbackQueue(deps: FeedbackQueueDeps) {
  const { store, clock, logger, dueDays } = deps;
  const queue = store.feedbackQueue;

  async function add(item: Omit<NewFeedbackItem, 'id' | 'code' | 'dueAt'>): Promise<FeedbackItem> {
    const full = { ...item, id: randomUUID(), code: newTrackingCode(), text: redact(item.text), dueAt: new Date(clock.now() + dueDays * DAY_MS).toISOString() };
    const added = await stored(queue.add(full));
    logger.info({ event: 'feedback_item_received', itemId: added.id, kind: added.kind }, 'feedback item received');
    return added;
  }

  async function existing(id: string): Promise<FeedbackItem> {
    const item = await queue.get(id);
    if (!item) throw new QueueError('not_found', 'Không tìm thấy góp ý này.');
    return item;
  }

  /** Staff may work on items that are unassigned or theirs; admins on any. */
  function mayWork(item: FeedbackItem, actor: QueueActor): void {
    if (actor.role !== 'admin' && item.assignee && item.assignee !== actor.username) {
      throw new QueueError('not_yours', 'Góp ý này do cán bộ khác phụ trách.');
    }
  }

  return {
    /** A góp ý or phản ánh sent by a citizen (widget or HTTP). */
    submit: (r: { kind: 'suggestion' | 'complaint'; text: string; contact?: string; sessionId?: string }) =>
      add({ kind: r.kind, text: r.text, contact: r.contact, sessionId: r.sessionId }),

    /** The comment of a thumbs-down rating. */
    fromRating: (r: { sessionId: string; answerId: string; comment: string }) => add({ kind: 'rating', text: r.comment, sessionId: r.sessionId, answerId: r.answerId }),

    /** The comment of a satisfaction survey. */
    fromSurvey: (r: { sessionId: string; score: number; comment: string }) => add({ kind: 'survey', text: r.comment, sessionId: r.sessionId, score: r.score }),

    /** A call-back request (the number stays on its handoff). */
    fromCallback: (r: { sessionId: string; handoffId: string }) => add({ kind: 'callback', text: 'Đề nghị cán bộ gọi lại.', sessionId: r.sessionId, handoffId: r.handoffId }),

    /** What the holder of a code may read; undefined for a malformed or unknown code. */
    async lookup(code: string): Promise<PublicFeedback | undefined> {
      const normal = normaliseTrackingCode(code);
      const item = normal ? await queue.byCode(normal) : undefined;
      return item && publicView(item);
    },

    list: (filter: FeedbackItemFilter = {}, limit = 500) => queue.list(filter, limit),

    get: existing,

    /**
     * Changes status, assignee or due date. Staff assign items to themselves (or give back their
     * own); admins assign anyone and change due dates. An answered item changes only by a new reply.
     */
    async change(id: string, change: { status?: Exclude<FeedbackItemStatus, 'answered'>; assignee?: string | null; dueAt?: string }, actor: QueueActor): Promise<FeedbackItem> {
      const item = await existing(id);
      if (change.dueAt !== undefined && actor.role !== 'admin') throw new QueueError('forbidden', 'Chỉ quản trị viên được đổi hạn trả lời.');
      if (change.assignee !== undefined) {
        if (change.assignee !== null && !deps.accountExists(change.assignee)) throw new QueueError('unknown_assignee', 'Không có tài khoản cán bộ này.');
        if (actor.role !== 'admin' && change.assignee !== null && change.assignee !== actor.username) {
          throw new QueueError('forbidden', 'Cán bộ chỉ tự nhận góp ý cho mình; quản trị viên giao cho người khác.');
        }
      }
      mayWork(item, actor);
      if (change.status && item.status === 'answered') throw new QueueError('already_answered', 'Góp ý này đã được trả lời; muốn sửa thì gửi lại câu trả lời.');
      const updated = (await queue.update(id, change))!;
      const audit = (action: string, detail: string) => store.audit.record(actor.username, action, `${item.code} ${detail}`);
      if (change.status && change.status !== item.status) await audit('feedback_status', `${item.status} → ${change.status}`);
      if (change.assignee !== undefined && change.assignee !== item.assignee) await audit('feedback_assigned', `→ ${change.assignee ?? '(không ai)'}`);
      if (change.dueAt !== undefined && change.dueAt !== item.dueAt) await audit('feedback_due', `→ ${change.dueAt}`);
      return updated;
    },

    /** Answers an item (or corrects the answer); it becomes `answered` and the citizen can read the reply by code. */
    async reply(id: string, text: string, actor: QueueActor): Promise<FeedbackItem> {
      const item = await existing(id);
      mayWork(item, actor);
      const replied = (await queue.reply(id, { text, by: actor.username }))!;
      await store.audit.record(actor.username, item.reply ? 'feedback_reply_corrected' : 'feedback_replied', item.code);
      return replied;
    },
  };
}

export function publicView(item: FeedbackItem): PublicFeedback {
  return {
    code: item.code,
    kind: item.kind as FeedbackItemKind,
    status: item.status,
    receivedAt: item.createdAt,
    dueAt: item.dueAt,
    answeredAt: item.answeredAt,
    reply: item.status === 'answered' ? item.reply : null,
  };
}
