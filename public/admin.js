/* Trang quản trị (/admin): admin only (a staff account is politely refused), loads and refreshes the sections.
 * Plain ES2019, no framework, no build step. Loaded last: the login, session and API calls are in
 * console-session.js, the sections in admin-*.js. Text from the server (citizen questions, comments, file
 * names) is untrusted: the DOM is built with createElement/textContent only, never innerHTML.
 * Contract: docs/staff-api.md. */
(function (DVC) {
  'use strict';

  var $ = DVC.$, api = DVC.api, pad = DVC.pad;
  var admin = DVC.admin;

  var TITLE = 'Quản trị – Trợ lý Dịch vụ công';

  function showForbidden() {
    DVC.session.running = false;
    DVC.showOnly('forbidden');
    document.title = 'Không có quyền – ' + TITLE;
    $('forbidden-title').tabIndex = -1;
    $('forbidden-title').focus();
  }

  function start(user, viaLogin) {
    if (user.role !== 'admin') {
      showForbidden();
      return;
    }
    DVC.enterApp();
    loadAll();
    if (viaLogin) $('noi-dung').focus();
  }

  /** data: /api/admin/overview. */
  function renderOverview(data) {
    data = data || {};
    admin.renderSatisfaction(data);
    admin.renderQuestions(data);
    admin.renderHandoffs(data);
  }

  function loadAll() {
    var errors = [];
    $('refresh').disabled = true;
    function guard(promise, what) {
      return promise.catch(function (e) {
        if (e.status !== 401 && e.status !== 403) errors.push(what + ': ' + e.message);
      });
    }
    return Promise.all([
      guard(api('GET', '/api/admin/overview').then(renderOverview), 'Số liệu tổng quan'),
      guard(admin.loadDocuments(), 'Danh sách tài liệu'),
      guard(admin.loadAudit(), 'Nhật ký thao tác'),
    ]).then(function () {
      $('refresh').disabled = false;
      var box = $('load-error');
      box.textContent = errors.length ? 'Không tải được ' + errors.join('; ') : '';
      box.hidden = !errors.length;
      var now = new Date();
      $('updated').textContent = 'Cập nhật lúc ' + pad(now.getHours()) + ':' + pad(now.getMinutes()) + ':' + pad(now.getSeconds());
    });
  }

  function init() {
    $('refresh').addEventListener('click', loadAll);
    $('reindex').addEventListener('click', admin.onReindex);
    // CSV downloads are audited: refresh the log shortly after one starts.
    $('muc-xuat').addEventListener('click', function (ev) {
      if (ev.target && ev.target.closest && ev.target.closest('a')) {
        window.setTimeout(function () {
          if (DVC.session.running) admin.loadAudit().then(null, function () {});
        }, 1500);
      }
    });
  }

  DVC.bootConsole({
    title: TITLE,
    screens: ['boot', 'login', 'forbidden', 'app'],
    disabledText: 'Trang quản trị chưa được bật: chưa có tài khoản nào được cấu hình.',
    onScreen: function (id) {
      $('topnav').hidden = id !== 'app';
    },
    forbidden: showForbidden,
    init: init,
    start: start,
  });
})(window.DVC);
