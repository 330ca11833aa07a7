import { markdownText } from '../widget/markdown.js';

/** What the citizen sees of an answer: the widget's own markdown parse, as plain text (no `**`, link targets, list marks). */
export function visibleText(markdown: string): string {
  return markdownText(markdown);
}

/** Number of characters the citizen sees (code points). */
export function visibleLength(markdown: string): number {
  return [...visibleText(markdown)].length;
}
