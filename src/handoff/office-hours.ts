import { ConfigError } from '../config.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export interface OfficeHours {
  isOpen(at?: Date): boolean;
  /** The schedule as configured, for messages. */
  readonly text: string;
}

/**
 * Parses `Mon-Fri 07:30-11:30,13:30-17:00; Sat 07:30-11:30` (or `always`) in a time zone.
 * A bad value is a ConfigError naming OFFICE_HOURS.
 */
export function parseOfficeHours(spec: string, timeZone: string): OfficeHours {
  const text = spec.trim();
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  } catch {
    throw new ConfigError(`Invalid TIMEZONE: unknown time zone (got "${timeZone}")`);
  }
  if (text.toLowerCase() === 'always') return { text, isOpen: () => true };

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
    isOpen(at = new Date()) {
      const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
      const day = DAYS.indexOf(parts.weekday);
      const minute = Number(parts.hour) * 60 + Number(parts.minute);
      return open[day].some(([s, e]) => minute >= s && minute < e);
    },
  };
}

function bad(spec: string): ConfigError {
  return new ConfigError(`Invalid OFFICE_HOURS: expected like "Mon-Fri 07:30-11:30,13:30-17:00" or "always" (got "${spec}")`);
}
