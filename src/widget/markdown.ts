/**
 * The small markdown subset of answer text, rendered safely. `parseMarkdown` is a pure function that
 * turns text into a tiny node tree (paragraphs, numbered and bulleted lists, bold, italic, line breaks,
 * http/https links; the inline part is `inline.ts`); `renderMarkdown` (`markdown-render.ts`) builds DOM
 * nodes from that tree with `createElement` and text nodes only. Nothing is ever parsed as HTML:
 * `<img onerror=…>` stays the literal text it is, and a link whose target is not http(s) (javascript:,
 * data:, relative…) is shown as its plain label.
 */

import { parseInline } from './inline.js';
import { plainText, renderMarkdown } from './markdown-render.js';

export { parseInline } from './inline.js';
export { safeHref } from './links.js';
export { plainText, renderMarkdown } from './markdown-render.js';

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

/** Answer text as DOM nodes (links say `newTabHint` to screen readers). */
export function markdownDom(text: string, newTabHint: string): DocumentFragment {
  return renderMarkdown(parseMarkdown(text), document, newTabHint);
}

/** Answer text as plain text, for speech synthesis and the live region. */
export function markdownText(text: string): string {
  return plainText(parseMarkdown(text));
}
