/** `url` if it is an absolute http(s) URL (normalised by the URL parser), otherwise null. */
export function httpHref(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

/** An absolute http(s) URL written out in full, normalised; anything else (javascript:, data:, relative, malformed) → null. */
export function safeHref(raw: string): string | null {
  const s = raw.trim();
  // eslint-disable-next-line no-control-regex
  if (!/^https?:\/\//i.test(s) || /[\s\u0000-\u001f\u007f<>"`]/.test(s)) return null;
  return httpHref(s);
}

/** A link that opens in a new tab without an opener: `fill` adds its content, then `hint` (for screen readers) follows. */
export function newTabLink(doc: Document, href: string, fill: (a: HTMLAnchorElement) => void, hint?: string): HTMLAnchorElement {
  const a = doc.createElement('a');
  a.href = href;
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  fill(a);
  if (hint) {
    const span = doc.createElement('span');
    span.className = 'sr-only';
    span.textContent = ` ${hint}`;
    a.appendChild(span);
  }
  return a;
}
