import { safeHref } from './links.js';
import type { Inline } from './markdown.js';

/**
 * The inline part of the markdown subset (see `markdown.ts`): emphasis, links and escapes within one
 * line. Links keep only http(s) targets; any other target leaves its label as plain text.
 */

const BARE_URL_RE = /^https?:\/\/[^\s<>()[\]{}"'`]+/i;
const WORD_CHAR_RE = /[\p{L}\p{N}]/u;

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
    if (ch === '*' || ch === '_') {
      // A doubled marker is bold, a single one italic.
      const len = src[i + 1] === ch ? 2 : 1;
      const close = findClose(src, i + len, ch.repeat(len));
      if (close > i + len && canOpen(src, i, len) && canClose(src, close, len)) {
        push({ t: len === 2 ? 'strong' : 'em', c: parseInline(src.slice(i + len, close), allowLinks) });
        i = close + len;
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
