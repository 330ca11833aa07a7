/* Trang quản trị (/admin), the pieces its sections are built from: KPI tiles, badges, bars (widths by the
 * .w-N classes of console.css, no inline styles) and table cells, all with textContent only.
 * First of the admin-*.js files: it creates DVC.admin, which they share. Plain ES2019; needs console-*.js. */
(function (DVC) {
  'use strict';

  var el = DVC.el, append = DVC.append;
  var admin = (DVC.admin = {});

  /** The province's satisfaction target: 90% of surveys rated 4–5 stars. */
  admin.TARGET = 0.9;

  function kpi(label, value, sub) {
    var li = el('li', 'kpi');
    append(li, el('span', 'label', label), el('span', 'value', value), sub ? el('span', 'sub', sub) : null);
    return li;
  }

  function bar(rate, kind, withTarget) {
    var wrap = el('span', 'bar');
    wrap.setAttribute('aria-hidden', 'true');
    var fill = el('span', 'bar-fill w-' + DVC.barWidth(rate) + (kind ? ' ' + kind : ''));
    wrap.appendChild(fill);
    if (withTarget) wrap.appendChild(el('span', 'bar-target'));
    return wrap;
  }

  function badge(kind, text) {
    return el('span', 'badge ' + kind, text);
  }

  /** Appends a <td> holding text (a string or number) or a node, with an optional class. */
  function cell(tr, text, className) {
    var td = el('td', className || null);
    if (text !== undefined && text !== null) {
      if (typeof text === 'string' || typeof text === 'number') td.textContent = String(text);
      else td.appendChild(text);
    }
    tr.appendChild(td);
    return td;
  }

  DVC.expose(admin, [kpi, bar, badge, cell]);
})(window.DVC);
