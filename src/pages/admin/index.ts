import { api, session, type ApiError } from '../console/api.js';
import type { Overview, StaffUser } from '../console/api-types.js';
import { bootConsole, enterApp, showOnly } from '../console/boot.js';
import { $ } from '../console/dom.js';
import { clockTime } from '../console/format.js';
import { CannedReplies } from '../console/canned.js';
import { mountFeedbackQueue } from '../feedback/queue-view.js';
import { loadAudit } from './audit.js';
import { CannedEditor } from './canned-editor.js';
import { renderFeedbackSummary } from './feedback-summary.js';
import { loadDocuments, onReindex } from './documents.js';
import { renderHandoffs } from './handoffs.js';
import { renderQuestions } from './questions.js';
import { renderStatuses } from './statuses.js';
import { renderSatisfaction } from './weeks.js';

/**
 * Trang quản trị (/admin): admins only (a staff account is politely refused); loads and refreshes the
 * sections. Contract: docs/staff-api.md.
 */

const TITLE = 'Quản trị – Trợ lý Dịch vụ công';

const canned = new CannedReplies();
const editor = new CannedEditor(canned);
let queue: ReturnType<typeof mountFeedbackQueue> | undefined;

function showForbidden(): void {
  session.running = false;
  showOnly('forbidden');
  document.title = `Không có quyền – ${TITLE}`;
  const title = $('forbidden-title');
  title.tabIndex = -1;
  title.focus();
}

function start(user: StaffUser, viaLogin: boolean): void {
  if (user.role !== 'admin') {
    showForbidden();
    return;
  }
  enterApp();
  void loadAll();
  if (viaLogin) $('noi-dung').focus();
}

function renderOverview(data: Overview): void {
  renderSatisfaction(data);
  renderFeedbackSummary(data);
  renderQuestions(data);
  renderHandoffs(data);
  renderStatuses(data);
}

async function loadAll(): Promise<void> {
  const errors: string[] = [];
  const refresh = $<HTMLButtonElement>('refresh');
  refresh.disabled = true;
  const guard = (promise: Promise<unknown>, what: string) =>
    promise.catch((e: ApiError) => {
      if (e.status !== 401 && e.status !== 403) errors.push(`${what}: ${e.message}`);
    });
  await Promise.all([
    guard(api<Overview>('GET', '/api/admin/overview').then(renderOverview), 'Số liệu tổng quan'),
    guard(loadDocuments(), 'Danh sách tài liệu'),
    guard(loadAudit(), 'Nhật ký thao tác'),
    guard(editor.load(), 'Câu trả lời mẫu'),
    guard((queue ??= mountFeedbackQueue('fq', canned)).load(), 'Góp ý, phản ánh'),
  ]);
  refresh.disabled = false;
  const box = $('load-error');
  box.textContent = errors.length ? `Không tải được ${errors.join('; ')}` : '';
  box.hidden = !errors.length;
  $('updated').textContent = `Cập nhật lúc ${clockTime(new Date())}`;
}

function init(): void {
  editor.init();
  $('refresh').addEventListener('click', () => void loadAll());
  $('reindex').addEventListener('click', () => void onReindex());
  // CSV downloads are audited: refresh the log shortly after one starts.
  $('muc-xuat').addEventListener('click', (ev) => {
    if ((ev.target as Element | null)?.closest?.('a')) {
      window.setTimeout(() => {
        if (session.running) loadAudit().catch(() => undefined);
      }, 1500);
    }
  });
}

bootConsole({
  title: TITLE,
  screens: ['boot', 'login', 'forbidden', 'app'],
  disabledText: 'Trang quản trị chưa được bật: chưa có tài khoản nào được cấu hình.',
  onScreen: (id) => {
    $('topnav').hidden = id !== 'app';
  },
  forbidden: showForbidden,
  init,
  start,
});
