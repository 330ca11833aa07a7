/**
 * DOM helpers of the staff, admin and public pages. Server and citizen text is untrusted: elements are
 * built with createElement and textContent only, never from HTML strings.
 */

/** The element with this id; a page that lacks it is a bug in its HTML, so this throws. */
export function $<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing from the page`);
  return node as T;
}

/** <tag class="className">text</tag>, the text set as textContent. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string | null, text?: string | number | null): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

export type Child = Node | string | null | undefined | false;

/** Appends nodes and strings (as text nodes) to parent, skipping null, undefined and false. */
export function append<T extends Node>(parent: T, ...children: Child[]): T {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return parent;
}

export function clear(node: Node): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

/** x when it is an array, else an empty one (a field the server left out). */
export function arr<T>(x: T[] | null | undefined): T[] {
  return Array.isArray(x) ? x : [];
}

/** Runs fn once the document is parsed (at once for deferred scripts). */
export function ready(fn: () => void): void {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fn);
  else fn();
}

/** <button type="button"> calling onClick. */
export function button(className: string, text: string, onClick: () => void): HTMLButtonElement {
  const btn = el('button', className, text);
  btn.type = 'button';
  btn.addEventListener('click', onClick);
  return btn;
}
