/* Trang quản trị (/admin), "Nhật ký thao tác": who did what and when, each action named in Vietnamese next
 * to its code. Plain ES2019; needs console-*.js and admin-widgets.js. */
(function (DVC) {
  'use strict';

  var el = DVC.el, append = DVC.append, clear = DVC.clear, arr = DVC.arr;
  var admin = DVC.admin;
  var cell = admin.cell;

  var ACTIONS = {
    reindex: 'Dựng lại chỉ mục',
    export: 'Xuất dữ liệu CSV',
    handoff_taken: 'Nhận hỗ trợ người dân',
    handoff_closed: 'Kết thúc hỗ trợ',
    callback_done: 'Đã gọi lại cho người dân',
  };

  function actionLabel(action) {
    var a = String(action || '').toLowerCase();
    if (Object.prototype.hasOwnProperty.call(ACTIONS, a)) return ACTIONS[a];
    if (a.indexOf('callback') >= 0) return 'Gọi lại cho người dân';
    if (a.indexOf('reindex') >= 0) return 'Dựng lại chỉ mục';
    if (a.indexOf('export') >= 0) return 'Xuất dữ liệu CSV';
    if (a.indexOf('take') >= 0) return 'Nhận hỗ trợ người dân';
    if (a.indexOf('close') >= 0) return 'Kết thúc hỗ trợ';
    if (a.indexOf('logout') >= 0) return 'Đăng xuất';
    if (a.indexOf('login') >= 0) return 'Đăng nhập';
    return '';
  }

  function detailText(detail) {
    if (detail === null || detail === undefined || detail === '') return '—';
    if (typeof detail === 'string') return detail;
    if (typeof detail !== 'object') return String(detail);
    return Object.keys(detail)
      .map(function (k) {
        var v = detail[k];
        return k + ': ' + (v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v));
      })
      .join(', ');
  }

  /** data: /api/admin/audit. */
  function renderAudit(data) {
    var entries = arr(data && data.entries);
    var body = DVC.$('audit');
    clear(body);
    entries.forEach(function (e) {
      var tr = el('tr');
      cell(tr, DVC.formatDateTime(e.at));
      cell(tr, String(e.actor || '—'));
      var label = actionLabel(e.action);
      var td = cell(tr, null);
      if (label) append(td, label, ' ');
      td.appendChild(el('code', 'muted', String(e.action || '')));
      cell(tr, detailText(e.detail));
      body.appendChild(tr);
    });
    DVC.$('audit-empty').hidden = entries.length > 0;
  }

  admin.loadAudit = function () {
    return DVC.api('GET', '/api/admin/audit').then(renderAudit);
  };
})(window.DVC);
