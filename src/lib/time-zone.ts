/** Calendar arithmetic in the province's time zone (config TIMEZONE), on top of Intl. */

/** Minutes the time zone is ahead of UTC at that moment (420 for Vietnam). */
export function utcOffsetMinutes(at: Date, timeZone: string): number {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
      .formatToParts(at)
      .map((x) => [x.type, Number(x.value)]),
  );
  return Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** The calendar month of `now` in the time zone, as UTC ISO bounds and a `YYYY-MM` label. */
export function monthRange(now: Date, timeZone: string): { start: string; end: string; month: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(now).map((p) => [p.type, p.value]),
  );
  const year = Number(parts.year);
  const m = Number(parts.month);
  const offsetMs = utcOffsetMinutes(now, timeZone) * 60_000;
  const start = new Date(Date.UTC(year, m - 1, 1) - offsetMs).toISOString();
  const end = new Date(Date.UTC(m === 12 ? year + 1 : year, m === 12 ? 0 : m, 1) - offsetMs).toISOString();
  return { start, end, month: `${year}-${String(m).padStart(2, '0')}` };
}
