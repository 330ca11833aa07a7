/**
 * Numbers, percentages, dates and durations written the Vietnamese way ("1.234", "92,5%",
 * "14:05 03/11/2026", "3 phút 05 giây"). Pure functions (the clock is a parameter where it matters).
 */

export function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Milliseconds since the epoch, or null for anything that is not a time. */
export function parseTime(iso: string | null | undefined): number | null {
  const t = Date.parse(String(iso ?? ''));
  return Number.isNaN(t) ? null : t;
}

/** "14:05" today, "14:05 03/11" on another day (local time). */
export function formatTime(iso: string | null | undefined, now: Date = new Date()): string {
  const t = parseTime(iso);
  if (t === null) return '';
  const d = new Date(t);
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  if (d.toDateString() === now.toDateString()) return hm;
  return `${hm} ${pad(d.getDate())}/${pad(d.getMonth() + 1)}`;
}

/** "14:05 03/11/2026"; a value that is not a time is shown as it is, '—' when empty. */
export function formatDateTime(iso: string | null | undefined): string {
  const t = parseTime(iso);
  if (t === null) return iso ? String(iso) : '—';
  const d = new Date(t);
  return `${pad(d.getHours())}:${pad(d.getMinutes())} ${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`;
}

/** "2026-03-01" (a calendar date, no time zone shift) or an ISO time → "01/03/2026"; '—' when empty. */
export function formatDate(value: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value ?? ''));
  if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  return value ? String(value) : '—';
}

/** "45 giây", "3 phút 05 giây", "1 giờ 02 phút"; '—' when unknown. Rounds, or uses `rounding` (e.g. Math.floor). */
export function formatDuration(seconds: number | null | undefined, rounding: (x: number) => number = Math.round): string {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, rounding(seconds));
  if (s < 60) return `${s} giây`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} phút ${pad(s % 60)} giây`;
  return `${Math.floor(m / 60)} giờ ${pad(m % 60)} phút`;
}

/** 12345 → "12.345"; '—' when unknown. */
export function num(n: number | null | undefined): string {
  if (typeof n !== 'number' || !Number.isFinite(n)) return '—';
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** 0.925 → "92,5%"; '—' when unknown. */
export function percent(rate: number | null | undefined): string {
  if (typeof rate !== 'number' || !Number.isFinite(rate)) return '—';
  return `${String(Math.round(rate * 1000) / 10).replace('.', ',')}%`;
}

/** A rate (0–1) as the N of console.css's .w-N bar width classes (0 when unknown). */
export function barWidth(rate: number | null | undefined): number {
  return typeof rate === 'number' && Number.isFinite(rate) ? Math.max(0, Math.min(100, Math.round(rate * 100))) : 0;
}

/** "Cập nhật lúc 14:05:09" style clock time. */
export function clockTime(d: Date): string {
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
