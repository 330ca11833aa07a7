import { append, h } from './dom.js';
import { httpHref, newTabLink } from './links.js';
import type { Source } from './store.js';
import type { Strings } from './strings.js';

/** The documents an answer is based on: http(s) ones as links opening in a new tab, others as plain titles. */
export function renderSources(s: Strings, sources: Source[]): HTMLElement {
  const ul = h('ul');
  for (const src of sources) {
    const href = httpHref(src.url);
    const title = String(src.title || src.url || '');
    const label = href ? newTabLink(document, href, (a) => append(a, title), s.newTab) : h('span', { text: title });
    ul.appendChild(h('li', {}, label, src.section ? h('span', { class: 'sec', text: ` · ${src.section}` }) : null));
  }
  return h('div', { class: 'sources' }, h('h3', { text: s.sources }), ul);
}
