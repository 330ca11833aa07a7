import { newTabLink } from './links.js';
import type { Block, Inline, ListBlock } from './markdown.js';

/** The output side of the markdown subset (see `markdown.ts`): plain text, and DOM built without HTML parsing. */

/** The plain text of a tree (for speech synthesis and the live region). */
export function plainText(blocks: Block[]): string {
  const inline = (nodes: Inline[]): string =>
    nodes.map((n) => (n.t === 'text' ? n.v : n.t === 'br' ? '\n' : inline(n.c))).join('');
  const list = (b: ListBlock): string[] =>
    b.items.flatMap((item, k) => [(b.t === 'ol' ? `${b.start + k}. ` : '') + inline(item.c), ...(item.sub ? list(item.sub) : [])]);
  return blocks.map((b) => (b.t === 'p' ? inline(b.c) : list(b).join('\n'))).join('\n\n');
}

/** Builds DOM nodes for a tree: elements and text nodes only, links open in a new tab without an opener. */
export function renderMarkdown(blocks: Block[], doc: Document, newTabHint?: string): DocumentFragment {
  const frag = doc.createDocumentFragment();
  const inline = (parent: Node, nodes: Inline[]) => {
    for (const n of nodes) {
      if (n.t === 'text') parent.appendChild(doc.createTextNode(n.v));
      else if (n.t === 'br') parent.appendChild(doc.createElement('br'));
      else if (n.t === 'link') parent.appendChild(newTabLink(doc, n.href, (a) => inline(a, n.c), newTabHint));
      else {
        const el = doc.createElement(n.t);
        inline(el, n.c);
        parent.appendChild(el);
      }
    }
  };
  const list = (b: ListBlock): HTMLElement => {
    const el = doc.createElement(b.t);
    if (b.t === 'ol' && b.start !== 1) (el as HTMLOListElement).start = b.start;
    for (const item of b.items) {
      const li = doc.createElement('li');
      inline(li, item.c);
      if (item.sub) li.appendChild(list(item.sub));
      el.appendChild(li);
    }
    return el;
  };
  for (const b of blocks) {
    if (b.t === 'p') {
      const p = doc.createElement('p');
      inline(p, b.c);
      frag.appendChild(p);
    } else frag.appendChild(list(b));
  }
  return frag;
}
