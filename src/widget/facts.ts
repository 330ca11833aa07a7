import { h } from './dom.js';
import type { Fact } from './store.js';
import type { Strings } from './strings.js';
import { statesDate, viDate } from '../text/vi-date.js';

const KINDS = new Set(['fee', 'time', 'deadline', 'where', 'online']);


/**
 * The answer card: one line per checked fact ("Lệ phí: 15.000 đồng (áp dụng đến 31/12/2026)"). A figure
 * whose last day has passed says it may have changed.
 */
export function factRows(s: Strings, facts: Fact[], today: string): Array<[label: string, text: string]> {
  return facts
    .filter((f) => KINDS.has(f.kind) && typeof f.text === 'string' && f.text)
    .map((f) => {
      const label = s.factLabels[f.kind as keyof Strings['factLabels']];
      if (!f.validUntil || !/^\d{4}-\d{2}-\d{2}$/.test(f.validUntil)) return [label, f.text];
      if (today <= f.validUntil && statesDate(f.text, f.validUntil)) return [label, f.text];
      const note = (today <= f.validUntil ? s.factValidUntil : s.factExpired).replace('{date}', viDate(f.validUntil));
      return [label, `${f.text} (${note})`];
    });
}

/** The card as DOM (a definition list), or null when there is nothing to show. */
export function renderFacts(s: Strings, facts: Fact[], today = new Date().toISOString().slice(0, 10)): HTMLElement | null {
  const rows = factRows(s, facts, today);
  if (rows.length === 0) return null;
  const dl = h('dl', { class: 'facts' });
  for (const [label, text] of rows) dl.append(h('dt', { text: label }), h('dd', { text }));
  return dl;
}
