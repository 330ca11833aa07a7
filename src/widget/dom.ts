/**
 * A tiny element builder: properties and attributes are set one by one, children are nodes or plain
 * strings (always text nodes). There is no way to pass HTML through it, and no `style` attribute.
 */

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | ((ev: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = String(value);
    else if (key === 'text') el.textContent = String(value);
    else if (key === 'style' || key.toLowerCase().startsWith('on')) throw new Error(`refusing attribute ${key}`);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

/** Enter (without Shift, and not while an input method is composing) runs `fn` instead of adding a line. */
export function onEnter(el: HTMLElement, fn: () => void): void {
  el.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing && ev.keyCode !== 229) {
      ev.preventDefault();
      fn();
    }
  });
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A 24×24 outline icon from fixed path data, hidden from screen readers (its button carries the label). */
export function icon(paths: string[]): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', 'ico');
  for (const d of paths) {
    const p = document.createElementNS(SVG_NS, 'path');
    p.setAttribute('d', d);
    svg.appendChild(p);
  }
  return svg;
}

export const ICONS = {
  chat: ['M4 5h16v11H9l-5 4z', 'M8 9h8', 'M8 12h5'],
  close: ['M6 6l12 12', 'M18 6L6 18'],
  send: ['M4 12l16-8-6 16-2-7z', 'M12 13l8-9'],
  person: ['M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8z', 'M4 21c0-4 4-6 8-6s8 2 8 6'],
  speaker: ['M4 9h4l5-4v14l-5-4H4z', 'M16 9c1.5 1.5 1.5 4.5 0 6', 'M18.5 6.5c3 3 3 8 0 11'],
  up: ['M7 11v9H4v-9z', 'M7 11l4-7c1.5 0 2.5 1 2 3l-1 3h6c1 0 2 1 1.7 2.2l-1.6 6c-.3 1-1 1.8-2.1 1.8H7'],
  down: ['M7 13V4H4v9z', 'M7 13l4 7c1.5 0 2.5-1 2-3l-1-3h6c1 0 2-1 1.7-2.2l-1.6-6C17.8 4.8 17.1 4 16 4H7'],
  text: ['M3 19l5-14 5 14', 'M4.8 14h6.4', 'M15 19l3-8 3 8', 'M16 16.5h4'],
  link: ['M10 14l10-10', 'M14 4h6v6', 'M19 14v5H5V5h5'],
  more: ['M4.5 12h1.5', 'M11.25 12h1.5', 'M18 12h1.5'],
  phone: ['M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2z'],
  plus: ['M12 5v14', 'M5 12h14'],
  mic: ['M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3z', 'M5 11a7 7 0 0 0 14 0', 'M12 18v3'],
};
