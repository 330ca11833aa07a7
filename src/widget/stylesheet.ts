import { palette } from './color.js';
import { CSS, paletteCss } from './styles.js';

/**
 * Puts the widget's CSS (with the brand palette) in its shadow root: a constructable stylesheet, which
 * CSP does not govern, or else a `<style>` element carrying the nonce of the widget's script.
 */
export function adoptStyles(shadow: ShadowRoot, color: string | undefined, nonce: string | undefined): void {
  const css = CSS + paletteCss(palette(color));
  const sheetOk =
    'adoptedStyleSheets' in Document.prototype && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype;
  if (sheetOk) {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      shadow.adoptedStyleSheets = [sheet];
      return;
    } catch {
      /* fall through */
    }
  }
  const style = document.createElement('style');
  if (nonce) style.nonce = nonce;
  style.appendChild(document.createTextNode(css));
  shadow.appendChild(style);
}
