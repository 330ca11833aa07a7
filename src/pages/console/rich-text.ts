import { markdownDom } from '../../widget/markdown.js';

/** Said to screen readers after a link that opens in a new tab. */
export const NEW_TAB_HINT = '(mở trong thẻ mới)';

/**
 * Bot answers and guidance passages as DOM, with the widget's markdown renderer (paragraphs, lists,
 * bold, italic, http(s) links only; nothing is parsed as HTML).
 */
export function richText(text: string | null | undefined): DocumentFragment {
  return markdownDom(String(text ?? ''), NEW_TAB_HINT);
}
