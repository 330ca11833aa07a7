/**
 * The small markdown subset of answer text, rendered safely. `parseMarkdown` is a pure function that
 * turns text into a tiny node tree (paragraphs, numbered and bulleted lists, bold, italic, line breaks,
 * http/https links); `renderMarkdown` builds DOM nodes from that tree with `createElement` and text
 * nodes only. Nothing is ever parsed as HTML: `<img onerror=…>` stays the literal text it is, and a link
 * whose target is not http(s) (javascript:, data:, relative…) is shown as its plain label.
 */

export type Inline =
  | { t: 'text'; v: string }
  | { t: 'br' }
  | { t: 'strong'; c: Inline[] }
  | { t: 'em'; c: Inline[] }
  | { t: 'link'; href: string; c: Inline[] };

export interface ListItem {
  c: Inline[];
  sub?: ListBlock;
}

export type ListBlock = { t: 'ul'; items: ListItem[] } | { t: 'ol'; start: number; items: ListItem[] };

export type Block = { t: 'p'; c: Inline[] } | ListBlock;

const BULLET_RE = /^( *)[-*+•]\s+(.*)$/;
const ORDERED_RE = /^( *)(\d{1,4})[.)]\s+(.*)$/;
const HEADING_RE = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/;
const BARE_URL_RE = /^https?:\/\/[^\s<>()[\]{}"'`]+/i;
const WORD_CHAR_RE = /[\p{L}\p{N}]/u;

/** An absolute http(s) URL, normalised; anything else (javascript:, data:, relative, malformed) → null. */
export function safeHref(raw: string): string | null {
  const s = raw.trim();
  // eslint-disable-next-line no-control-regex
  if (!/^https?:\/\//i.test(s) || /[\s\u0000-\u001f\u007f<>"`]/.test(s)) return null;
  try {
    const url = new URL(s);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Parses answer text into blocks. Pure: no DOM, no HTML. */
export function parseMarkdown(text: string): Block[] {
  const lines = String(text ?? '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  const blocks: Block[] = [];
  let para: string[] = [];
  let list: { block: ListBlock; indent: number; last?: ListItem; lastLines: string[] } | undefined;

  const flushPara = () => {
    if (para.length > 0) blocks.push({ t: 'p', c: parseLines(para) });
    para = [];
  };
  const finishItem = () => {
    if (list?.last) list.last.c = parseLines(list.lastLines);
  };
  const flushList = () => {
    finishItem();
    list = undefined;
  };

  for (const line of lines) {
    if (!line.trim()) {
      // A blank line ends a paragraph; a list goes on if the next line is another item.
      flushPara();
      continue;
    }
    const bullet = BULLET_RE.exec(line);
    const ordered = bullet ? null : ORDERED_RE.exec(line);
    if (bullet || ordered) {
      flushPara();
      const indent = (bullet ?? ordered)![1].length;
      const content = bullet ? bullet[2] : ordered![3];
      const kind = bullet ? 'ul' : 'ol';
      if (list && indent >= list.indent + 2 && list.last) {
        // One level of nesting: an indented item goes into the current item's sub-list.
        const parent = list.last;
        if (!parent.sub || parent.sub.t !== kind) {
          parent.sub = kind === 'ul' ? { t: 'ul', items: [] } : { t: 'ol', start: Number(ordered![2]), items: [] };
        }
        parent.sub.items.push({ c: parseInline(content) });
        continue;
      }
      if (!list || list.block.t !== kind) {
        flushList();
        const block: ListBlock = kind === 'ul' ? { t: 'ul', items: [] } : { t: 'ol', start: Number(ordered![2]), items: [] };
        blocks.push(block);
        list = { block, indent, lastLines: [] };
      } else {
        finishItem();
      }
      const item: ListItem = { c: [] };
      list.block.items.push(item);
      list.last = item;
      list.lastLines = [content];
      continue;
    }
    if (list && /^\s{2,}\S/.test(line) && list.lastLines.length > 0) {
      // An indented line continues the current list item.
      list.lastLines.push(line.trim());
      continue;
    }
    flushList();
    const heading = HEADING_RE.exec(line);
    if (heading) {
      flushPara();
      if (heading[1]) blocks.push({ t: 'p', c: [{ t: 'strong', c: parseInline(heading[1]) }] });
      continue;
    }
    para.push(line.trim());
  }
  flushPara();
  flushList();
  return blocks;
}

function parseLines(lines: string[]): Inline[] {
  const out: Inline[] = [];
  lines.forEach((line, i) => {
    if (i > 0) out.push({ t: 'br' });
    out.push(...parseInline(line));
  });
  return out;
}

/** Inline markup of one line: `**bold**`, `__bold__`, `*italic*`, `_italic_`, `[label](https://…)`, bare URLs, `\` escapes. */
export function parseInline(src: string, allowLinks = true): Inline[] {
  const out: Inline[] = [];
  let buf = '';
  const text = (v: string) => {
    buf += v;
  };
  const push = (node: Inline) => {
    if (buf) out.push({ t: 'text', v: buf });
    buf = '';
    out.push(node);
  };

  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (ch === '\\' && i + 1 < src.length && /[\\`*_{}[\]()#+\-.!<>|~]/.test(src[i + 1])) {
      text(src[i + 1]);
      i += 2;
      continue;
    }
    if ((ch === '*' || ch === '_') && src[i + 1] === ch) {
      const close = findClose(src, i + 2, ch + ch);
      if (close > i + 2 && canOpen(src, i, 2) && canClose(src, close, 2)) {
        push({ t: 'strong', c: parseInline(src.slice(i + 2, close), allowLinks) });
        i = close + 2;
        continue;
      }
    } else if (ch === '*' || ch === '_') {
      const close = findClose(src, i + 1, ch);
      if (close > i + 1 && canOpen(src, i, 1) && canClose(src, close, 1)) {
        push({ t: 'em', c: parseInline(src.slice(i + 1, close), allowLinks) });
        i = close + 1;
        continue;
      }
    } else if (ch === '[') {
      const link = matchLink(src, i);
      if (link) {
        const label = parseInline(link.label, false);
        const href = allowLinks ? safeHref(link.url) : null;
        if (href) push({ t: 'link', href, c: label });
        else {
          for (const node of label) {
            if (node.t === 'text') text(node.v);
            else push(node);
          }
        }
        i = link.end;
        continue;
      }
    } else if (allowLinks && (ch === 'h' || ch === 'H') && (i === 0 || !WORD_CHAR_RE.test(src[i - 1]))) {
      const m = BARE_URL_RE.exec(src.slice(i));
      if (m) {
        const url = m[0].replace(/[.,;:!?]+$/, '');
        const href = safeHref(url);
        if (href) {
          push({ t: 'link', href, c: [{ t: 'text', v: url }] });
          i += url.length;
          continue;
        }
      }
    }
    text(ch);
    i++;
  }
  if (buf) out.push({ t: 'text', v: buf });
  return out;
}

function findClose(src: string, from: number, marker: string): number {
  for (let j = from; j <= src.length - marker.length; j++) {
    if (src[j] === '\\') {
      j++;
      continue;
    }
    if (src.startsWith(marker, j)) {
      // For a single marker, skip a doubled one (it belongs to a nested bold).
      if (marker.length === 1 && src[j + 1] === marker) {
        j++;
        continue;
      }
      return j;
    }
  }
  return -1;
}

/** A marker opens emphasis when followed by a non-space; `_` also needs a non-word character before it. */
function canOpen(src: string, at: number, len: number): boolean {
  const next = src[at + len];
  if (!next || /\s/.test(next)) return false;
  return src[at] !== '_' || at === 0 || !WORD_CHAR_RE.test(src[at - 1]);
}

function canClose(src: string, at: number, len: number): boolean {
  const prev = src[at - 1];
  if (!prev || /\s/.test(prev)) return false;
  const after = src[at + len];
  return src[at] !== '_' || !after || !WORD_CHAR_RE.test(after);
}

function matchLink(src: string, at: number): { label: string; url: string; end: number } | null {
  let depth = 0;
  let j = at;
  for (; j < src.length; j++) {
    if (src[j] === '\\') {
      j++;
      continue;
    }
    if (src[j] === '[') depth++;
    else if (src[j] === ']' && --depth === 0) break;
  }
  if (j >= src.length || src[j + 1] !== '(') return null;
  // The destination ends at the matching parenthesis: `(javascript:alert(1))` is one destination.
  let close = j + 2;
  for (let parens = 1; close < src.length; close++) {
    if (src[close] === '(') parens++;
    else if (src[close] === ')' && --parens === 0) break;
  }
  if (close >= src.length) return null;
  return { label: src.slice(at + 1, j), url: src.slice(j + 2, close), end: close + 1 };
}

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
      else if (n.t === 'link') {
        const a = doc.createElement('a');
        a.href = n.href;
        a.target = '_blank';
        a.rel = 'noopener noreferrer';
        inline(a, n.c);
        if (newTabHint) {
          const hint = doc.createElement('span');
          hint.className = 'sr-only';
          hint.textContent = ` ${newTabHint}`;
          a.appendChild(hint);
        }
        parent.appendChild(a);
      } else {
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
