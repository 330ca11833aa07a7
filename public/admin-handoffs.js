/* Trang quản trị (/admin), "Chuyển cho cán bộ và thời gian chờ": handoff counts and waiting times, and the
 * recent requests with their outcome. Plain ES2019; needs console-*.js and admin-widgets.js. */
(function (DVC) {
  'use strict';

  var $ = DVC.$, el = DVC.el, append = DVC.append, clear = DVC.clear, arr = DVC.arr, num = DVC.num;
  var formatDateTime = DVC.formatDateTime, formatDuration = DVC.formatDuration;
  var admin = DVC.admin;
  var kpi = admin.kpi, badge = admin.badge, cell = admin.cell;

  var STATES = { waiting: ['neutral', 'Đang chờ'], taken: ['good', 'Đang hỗ trợ'], closed: ['neutral', 'Đã kết thúc'] };

  /** [badge kind, label] of a request's state; closed without anyone taking it is bad news. */
  function stateOf(x) {
    if (x.state === 'closed' && x.closedBy === 'timeout') return ['bad', 'Không ai nhận kịp'];
    if (x.state === 'closed' && x.closedBy === 'system') return ['bad', 'Ngoài giờ làm việc'];
    return STATES[x.state] || ['neutral', String(x.state || '')];
  }

  function handoffRow(x) {
    var tr = el('tr');
    cell(tr, formatDateTime(x.createdAt));
    var s = stateOf(x);
    cell(tr, badge(s[0], s[1]));
    cell(tr, x.reason ? String(x.reason) : '—');
    cell(tr, formatDuration(x.waitingSeconds), 'num');
    cell(tr, x.takenBy ? String(x.takenBy) : '—');
    var by = x.closedBy === 'timeout' || x.closedBy === 'system' ? '' : x.closedBy;
    cell(tr, x.closedAt ? formatDateTime(x.closedAt) + (by ? ' (' + by + ')' : '') : '—');
    if (x.callbackPhone !== undefined && x.callbackPhone !== null) tr.cells[1].appendChild(el('span', 'hint', ' · có yêu cầu gọi lại'));
    return tr;
  }

  /** data: the overview (/api/admin/overview). */
  admin.renderHandoffs = function (data) {
    var h = data.handoffs || {};
    var hk = $('handoff-kpis');
    clear(hk);
    append(
      hk,
      kpi('Tổng số yêu cầu', num(h.total)),
      kpi('Đang chờ', num(h.waiting)),
      kpi('Đang hỗ trợ', num(h.taken)),
      kpi('Đã kết thúc', num(h.closed)),
      kpi('Không có người nhận kịp', num(h.timedOut), 'quá thời gian chờ hoặc ngoài giờ'),
      kpi('Thời gian chờ trung bình', formatDuration(h.avgWaitSeconds)),
      kpi('Chờ lâu nhất', formatDuration(h.maxWaitSeconds)),
    );
    var rh = $('recent-handoffs');
    clear(rh);
    arr(data.recentHandoffs).forEach(function (x) {
      rh.appendChild(handoffRow(x));
    });
    $('handoffs-empty').hidden = arr(data.recentHandoffs).length > 0;
  };
})(window.DVC);
