/* Shared: the small, safe text formatter for bot answers and guidance passages. Only the markdown subset
 * they use (headings, bullets, **bold**, [links](https://…)) becomes DOM, as text nodes, <strong> and <a>
 * with an http(s) address; everything else stays literal text. Plain ES2019; needs console-dom.js. */
(function (DVC) {
  'use strict';

  var el = DVC.el;

  /** The absolute http(s) address of url, or null for anything else (javascript:, data:, garbage). */
  function safeUrl(url) {
    try {
      var u = new URL(String(url), location.href);
      return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  /** <a> opening href (already checked with safeUrl) in a new tab, without access to this page. */
  function externalLink(text, href) {
    var a = el('a', null, text);
    a.href = href;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    return a;
  }

  /** Appends text to parent in the markdown subset. Lines stay lines (the CSS keeps them with pre-wrap). */
  function richText(parent, text) {
    var lines = String(text || '').split('\n');
    lines.forEach(function (raw, i) {
      if (i > 0) parent.appendChild(document.createTextNode('\n'));
      var line = raw;
      var heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
      if (heading) {
        parent.appendChild(el('strong', null, heading[1].replace(/\*\*/g, '')));
        return;
      }
      var bullet = /^(\s*)[-*+]\s+(.*)$/.exec(line);
      if (bullet) {
        parent.appendChild(document.createTextNode(bullet[1] + '• '));
        line = bullet[2];
      }
      inline(parent, line);
    });
  }

  function inline(parent, text) {
    var re = /\*\*([^*]+?)\*\*|\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g;
    var last = 0;
    var m;
    while ((m = re.exec(text))) {
      if (m.index > last) parent.appendChild(document.createTextNode(text.slice(last, m.index)));
      if (m[1] !== undefined) {
        parent.appendChild(el('strong', null, m[1]));
      } else {
        var href = safeUrl(m[3]);
        parent.appendChild(href ? externalLink(m[2], href) : document.createTextNode(m[2]));
      }
      last = re.lastIndex;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  DVC.expose(DVC, [safeUrl, externalLink, richText]);
})(window.DVC);
