/* Shared by the staff desk, the admin console and the public statistics page: DOM helpers.
 * Server and citizen text is untrusted: elements are built with createElement/textContent only, never innerHTML.
 * Plain ES2019, loaded before the page scripts (plain <script defer>); everything hangs off window.DVC. */
(function () {
  'use strict';

  var DVC = (window.DVC = window.DVC || {});

  function $(id) {
    return document.getElementById(id);
  }

  /** <tag class="className">text</tag>, the text set as textContent. */
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  /** Appends nodes and strings (as text nodes) to parent, skipping null, undefined and false. */
  function append(parent) {
    for (var i = 1; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined || child === false) continue;
      parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return parent;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function arr(x) {
    return Array.isArray(x) ? x : [];
  }

  /** Runs fn once the document is parsed (at once for deferred scripts). */
  function ready(fn) {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fn);
    else fn();
  }

  /** Puts the named functions fns on target (target.f = f): how the console scripts share their functions. */
  function expose(target, fns) {
    fns.forEach(function (fn) {
      target[fn.name] = fn;
    });
  }

  expose(DVC, [$, el, append, clear, arr, ready, expose]);
})();
