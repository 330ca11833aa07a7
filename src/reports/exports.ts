import type { Store } from '../store/store.js';
import { toCsv } from './csv.js';

/** The admin's CSV downloads: every rating with its question, and every question the bot could not answer. */
export async function feedbackCsv(store: Pick<Store, 'reports'>, sinceIso: string): Promise<{ csv: string; rows: number }> {
  const rows = await store.reports.feedbackRows(sinceIso);
  const csv = toCsv(
    ['thời gian', 'đánh giá', 'góp ý', 'câu hỏi', 'kết quả', 'tài liệu'],
    rows.map((r) => [r.at, r.rating, r.comment, r.question, r.status, (JSON.parse(r.sources) as Array<{ id: string }>).map((x) => x.id).join(' ')]),
  );
  return { csv, rows: rows.length };
}

export async function unansweredCsv(store: Pick<Store, 'reports'>, sinceIso: string): Promise<{ csv: string; rows: number }> {
  const rows = await store.reports.unanswered(sinceIso, 100_000);
  return { csv: toCsv(['thời gian', 'câu hỏi', 'kết quả'], rows.map((r) => [r.at, r.question, r.status])), rows: rows.length };
}
