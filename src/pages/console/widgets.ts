import { append, el } from './dom.js';
import { barWidth } from './format.js';

/**
 * The pieces the console pages' sections are built from: KPI tiles, badges, bars (widths by the .w-N
 * classes of console.css, no inline styles) and table cells, all with textContent only.
 */

/** The province's satisfaction target: 90% of surveys rated 4–5 stars. */
export const TARGET = 0.9;

export type BadgeKind = 'good' | 'bad' | 'neutral' | 'stale';

/** A KPI tile; `note` makes the value a sentence ("chưa đủ số liệu (n = 4)") rather than a big figure. */
export function kpi(label: string, value: string, sub?: string | null, note = false): HTMLLIElement {
  return append(el('li', 'kpi'), el('span', 'label', label), el('span', note ? 'value note' : 'value', value), sub ? el('span', 'sub', sub) : null);
}

export function bar(rate: number | null, kind: string, withTarget: boolean): HTMLSpanElement {
  const wrap = el('span', 'bar');
  wrap.setAttribute('aria-hidden', 'true');
  wrap.appendChild(el('span', `bar-fill w-${barWidth(rate)}${kind ? ` ${kind}` : ''}`));
  if (withTarget) wrap.appendChild(el('span', 'bar-target'));
  return wrap;
}

export function badge(kind: BadgeKind, text: string): HTMLSpanElement {
  return el('span', `badge ${kind}`, text);
}

/** Appends a <td> holding text (a string or number) or a node, with an optional class. */
export function cell(tr: HTMLTableRowElement, content: string | number | Node | null, className?: string): HTMLTableCellElement {
  const td = el('td', className ?? null);
  if (content !== null && content !== undefined) {
    if (typeof content === 'string' || typeof content === 'number') td.textContent = String(content);
    else td.appendChild(content);
  }
  tr.appendChild(td);
  return td;
}

/** Fills list with item(x) for each of items; empty is shown when there are none. */
export function fillList<T>(list: HTMLElement, empty: HTMLElement, items: T[], item: (x: T) => Node): void {
  list.replaceChildren(...items.map(item));
  empty.hidden = items.length > 0;
}
