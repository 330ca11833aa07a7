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

/**
 * Drops an answer's own "Nguồn: [title](url)" line when every link on it is already listed as a
 * source below the answer, so the citizen does not see the same source twice. Other lines stay.
 */
export function withoutSourceLine(text: string, sources: Source[]): string {
  const urls = new Set(sources.map((s) => s.url));
  return text
    .split('\n')
    .filter((line) => {
      if (!/^\s*Nguồn\s*:/.test(line)) return true;
      const links = [...line.matchAll(/\]\((https?:\/\/[^)\s]+)\)/g)].map((m) => m[1]);
      return links.length === 0 || !links.every((u) => urls.has(u));
    })
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
