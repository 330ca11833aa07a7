import vi from '../../locales/vi.json' with { type: 'json' };
import { ConfigError } from '../config.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export interface OfficeHours {
  isOpen(at?: Date): boolean;
  /** The schedule as configured (for logs and staff, never for citizens). */
  readonly text: string;
  /** The schedule in words for citizens: "thứ Hai đến thứ Sáu: sáng từ 7 giờ 30 đến 11 giờ 30, chiều từ 13 giờ 30 đến 17 giờ". */
  readonly words: string;
  /** The schedule in another language's words. */
  describe(words: HoursWords): string;
}

/** The words office hours are said in (Vietnamese by default; a language catalogue may give others). */
export interface HoursWords {
  /** Sunday first. */
  days: [string, string, string, string, string, string, string];
  /** "{from} đến {to}" for a run of days. */
  dayRange: string;
  /** "{days}: {times}" */
  schedule: string;
  /** "sáng từ {from} đến {to}", by the part of the day the range starts in. */
  morning: string;
  afternoon: string;
  evening: string;
  /** "{h} giờ" and "{h} giờ {m}". */
  hour: string;
  hourMinute: string;
  /** Joins time ranges of one day, then groups of days. */
  rangeSeparator: string;
  groupSeparator: string;
  always: string;
}

/** The Vietnamese words, from the language catalogue. */
export const VIETNAMESE_HOURS: HoursWords = vi.server.hours as HoursWords;

/**
 * Parses `Mon-Fri 07:30-11:30,13:30-17:00; Sat 07:30-11:30` (or `always`) in a time zone.
 * A bad value is a ConfigError naming OFFICE_HOURS.
 */
export function parseOfficeHours(spec: string, timeZone: string, words: HoursWords = VIETNAMESE_HOURS): OfficeHours {
  const text = spec.trim();
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  } catch {
    throw new ConfigError(`Invalid TIMEZONE: unknown time zone (got "${timeZone}")`);
  }
  if (text.toLowerCase() === 'always') return { text, words: words.always, describe: (w) => w.always, isOpen: () => true };

  const open: Array<Array<[number, number]>> = DAYS.map(() => []);
  for (const part of text.split(';').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([A-Z][a-z]{2})(?:-([A-Z][a-z]{2}))?\s+(.+)$/.exec(part);
    const from = m ? DAYS.indexOf(m[1]) : -1;
    const to = m?.[2] ? DAYS.indexOf(m[2]) : from;
    if (!m || from < 0 || to < 0) throw bad(spec);
    const ranges = m[3].split(',').map((r) => {
      const t = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(r.trim());
      if (!t) throw bad(spec);
      const start = Number(t[1]) * 60 + Number(t[2]);
      const end = Number(t[3]) * 60 + Number(t[4]);
      if (start >= end || end > 24 * 60) throw bad(spec);
      return [start, end] as [number, number];
    });
    for (let d = from; ; d = (d + 1) % 7) {
      open[d].push(...ranges);
      if (d === to) break;
    }
  }
  return {
    text,
    words: describe(open, words),
    describe: (w) => describe(open, w),
    isOpen(at = new Date()) {
      const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
      const day = DAYS.indexOf(parts.weekday);
      const minute = Number(parts.hour) * 60 + Number(parts.minute);
      return open[day].some(([s, e]) => minute >= s && minute < e);
    },
  };
}

const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');

/** Runs of days (Monday first) with the same hours, said in `words`. */
function describe(open: Array<Array<[number, number]>>, w: HoursWords): string {
  const time = (min: number) => {
    const h = String(Math.floor(min / 60));
    const m = min % 60;
    return m ? fill(w.hourMinute, { h, m: String(m).padStart(2, '0') }) : fill(w.hour, { h });
  };
  const times = (ranges: Array<[number, number]>) =>
    [...ranges]
      .sort((a, b) => a[0] - b[0])
      .map(([s, e]) => fill(s < 12 * 60 ? w.morning : s < 18 * 60 ? w.afternoon : w.evening, { from: time(s), to: time(e) }))
      .join(w.rangeSeparator);
  const order = [1, 2, 3, 4, 5, 6, 0];
  const groups: Array<{ first: number; last: number; key: string }> = [];
  for (const d of order) {
    if (open[d].length === 0) continue;
    const key = times(open[d]);
    const prev = groups[groups.length - 1];
    if (prev && prev.key === key && order.indexOf(prev.last) === order.indexOf(d) - 1) prev.last = d;
    else groups.push({ first: d, last: d, key });
  }
  return groups
    .map((g) => fill(w.schedule, { days: g.first === g.last ? w.days[g.first] : fill(w.dayRange, { from: w.days[g.first], to: w.days[g.last] }), times: g.key }))
    .join(w.groupSeparator);
}

function bad(spec: string): ConfigError {
  return new ConfigError(`Invalid OFFICE_HOURS: expected like "Mon-Fri 07:30-11:30,13:30-17:00" or "always" (got "${spec}")`);
}
