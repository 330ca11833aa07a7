/* Trang quản trị (/admin). Plain ES2019, no framework, no build step.
 * Text from the server (citizen questions, comments, file names) is untrusted: the DOM is built with
 * createElement/textContent only, never innerHTML. Bars use the .w-N classes of console.css (no inline styles).
 * Contract: docs/staff-api.md. */
(function () {
  'use strict';

  var TITLE = 'Quản trị – Trợ lý Dịch vụ công';
  var TARGET = 0.9;
  var state = { user: null, csrf: '', running: false };

  // ---------------------------------------------------------------- helpers

  function $(id) {
    return document.getElementById(id);
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

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

  function pad(n) {
    return n < 10 ? '0' + n : String(n);
  }

  function num(n) {
    if (typeof n !== 'number' || !isFinite(n)) return '—';
    return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  }

  function percent(rate) {
    if (typeof rate !== 'number' || !isFinite(rate)) return '—';
    var v = Math.round(rate * 1000) / 10;
    return String(v).replace('.', ',') + '%';
  }

  function parseTime(iso) {
    var t = Date.parse(iso);
    return isNaN(t) ? null : t;
  }

  function formatDateTime(iso) {
    var t = parseTime(iso);
    if (t === null) return iso ? String(iso) : '—';
    var d = new Date(t);
    return pad(d.getHours()) + ':' + pad(d.getMinutes()) + ' ' + pad(d.getDate()) + '/' + pad(d.getMonth() + 1) + '/' + d.getFullYear();
  }

  /** "2026-03-01" (a calendar date, no time zone shift) or an ISO time → "01/03/2026". */
  function formatDate(value) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value || ''));
    if (m) return m[3] + '/' + m[2] + '/' + m[1];
    return value ? String(value) : '—';
  }

  function formatDuration(seconds) {
    if (typeof seconds !== 'number' || !isFinite(seconds)) return '—';
    var s = Math.max(0, Math.round(seconds));
    if (s < 60) return s + ' giây';
    var m = Math.floor(s / 60);
    if (m < 60) return m + ' phút ' + pad(s % 60) + ' giây';
    var h = Math.floor(m / 60);
    return h + ' giờ ' + pad(m % 60) + ' phút';
  }

  /** "2026-W48" → "Tuần 48/2026 (23/11–29/11)". */
  function weekLabel(week) {
    var m = /^(\d{4})-W(\d{1,2})$/.exec(String(week || ''));
    if (!m) return String(week || '');
    var year = Number(m[1]);
    var w = Number(m[2]);
    var jan4 = new Date(Date.UTC(year, 0, 4));
    var dow = jan4.getUTCDay() || 7;
    var monday = new Date(jan4.getTime() + ((w - 1) * 7 - (dow - 1)) * 86400000);
    var sunday = new Date(monday.getTime() + 6 * 86400000);
    function dm(d) {
      return pad(d.getUTCDate()) + '/' + pad(d.getUTCMonth() + 1);
    }
    return 'Tuần ' + w + '/' + year + ' (' + dm(monday) + '–' + dm(sunday) + ')';
  }

  function bar(rate, kind, withTarget) {
    var wrap = el('span', 'bar');
    wrap.setAttribute('aria-hidden', 'true');
    var value = typeof rate === 'number' && isFinite(rate) ? Math.max(0, Math.min(100, Math.round(rate * 100))) : 0;
    var fill = el('span', 'bar-fill w-' + value + (kind ? ' ' + kind : ''));
    wrap.appendChild(fill);
    if (withTarget) wrap.appendChild(el('span', 'bar-target'));
    return wrap;
  }

  function badge(kind, text) {
    return el('span', 'badge ' + kind, text);
  }

  function cell(tr, text, className) {
    var td = el('td', className || null);
    if (text !== undefined && text !== null) {
      if (typeof text === 'string' || typeof text === 'number') td.textContent = String(text);
      else td.appendChild(text);
    }
    tr.appendChild(td);
    return td;
  }

  // ---------------------------------------------------------------- HTTP

  function ApiError(status, code, message) {
    this.status = status;
    this.code = code;
    this.message = message;
  }

  function api(method, url, body, retried) {
    var headers = { accept: 'application/json' };
    var init = { method: method, credentials: 'same-origin', headers: headers, cache: 'no-store' };
    if (method !== 'GET') {
      headers['content-type'] = 'application/json';
      if (state.csrf) headers['x-csrf-token'] = state.csrf;
      init.body = JSON.stringify(body || {});
    }
    return fetch(url, init).then(
      function (res) {
        if (res.status === 204) return null;
        return res
          .json()
          .catch(function () {
            return null;
          })
          .then(function (data) {
            if (res.ok) return data;
            var err = (data && data.error) || {};
            var e = new ApiError(res.status, err.code || 'http_' + res.status, err.message || 'Có lỗi xảy ra (mã ' + res.status + ').');
            if (res.status === 403 && e.code === 'csrf' && !retried && method !== 'GET') {
              return api('GET', '/api/staff/me').then(function (me) {
                state.csrf = me.csrf;
                return api(method, url, body, true);
              });
            }
            if (res.status === 401 && url !== '/api/staff/login' && url !== '/api/staff/me' && state.running) {
              showLogin('Phiên đăng nhập đã hết. Vui lòng đăng nhập lại.');
            }
            if (res.status === 403 && e.code === 'forbidden' && state.running) showForbidden();
            throw e;
          });
      },
      function () {
        throw new ApiError(0, 'network', 'Không kết nối được với máy chủ. Vui lòng kiểm tra mạng rồi thử lại.');
      },
    );
  }

  // ---------------------------------------------------------------- screens

  function showOnly(id) {
    ['boot', 'login', 'forbidden', 'app'].forEach(function (x) {
      $(x).hidden = x !== id;
    });
    $('topnav').hidden = id !== 'app';
  }

  function showWho(user) {
    $('who-name').textContent = user.name || user.username;
    $('who-role').textContent = user.role === 'admin' ? 'Quản trị viên' : 'Cán bộ';
    $('who').hidden = false;
  }

  function showLogin(message) {
    state.running = false;
    state.user = null;
    state.csrf = '';
    $('who').hidden = true;
    showOnly('login');
    var err = $('login-error');
    err.textContent = message || '';
    err.hidden = !message;
    document.title = 'Đăng nhập – ' + TITLE;
    $('login-user').focus();
  }

  function showForbidden() {
    state.running = false;
    showOnly('forbidden');
    document.title = 'Không có quyền – ' + TITLE;
    $('forbidden-title').tabIndex = -1;
    $('forbidden-title').focus();
  }

  function start(user, csrf) {
    state.user = user;
    state.csrf = csrf;
    showWho(user);
    if (user.role !== 'admin') {
      showForbidden();
      return;
    }
    state.running = true;
    showOnly('app');
    document.title = TITLE;
    loadAll();
  }

  function onLogin(ev) {
    ev.preventDefault();
    var username = $('login-user').value.trim();
    var password = $('login-pass').value;
    var err = $('login-error');
    if (!username || !password) {
      err.textContent = 'Vui lòng nhập tên đăng nhập và mật khẩu.';
      err.hidden = false;
      (username ? $('login-pass') : $('login-user')).focus();
      return;
    }
    var btn = $('login-submit');
    btn.disabled = true;
    btn.textContent = 'Đang đăng nhập…';
    api('POST', '/api/staff/login', { username: username, password: password })
      .then(function (data) {
        $('login-pass').value = '';
        err.hidden = true;
        start(data.user, data.csrf);
        if (state.running) $('noi-dung').focus();
      })
      .catch(function (e) {
        if (e.status === 401) err.textContent = 'Tên đăng nhập hoặc mật khẩu không đúng.';
        else if (e.status === 429) err.textContent = e.message || 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút.';
        else err.textContent = e.message;
        err.hidden = false;
        $('login-pass').select();
        $('login-pass').focus();
      })
      .then(function () {
        btn.disabled = false;
        btn.textContent = 'Đăng nhập';
      });
  }

  function onLogout() {
    api('POST', '/api/staff/logout')
      .catch(function () {
        /* logged out locally anyway */
      })
      .then(function () {
        showLogin();
        $('login-user').value = '';
      });
  }

  // ---------------------------------------------------------------- loading

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
      guard(api('GET', '/api/admin/documents').then(renderDocuments), 'Danh sách tài liệu'),
      guard(api('GET', '/api/admin/audit').then(renderAudit), 'Nhật ký thao tác'),
    ]).then(function () {
      $('refresh').disabled = false;
      var box = $('load-error');
      box.textContent = errors.length ? 'Không tải được ' + errors.join('; ') : '';
      box.hidden = !errors.length;
      var now = new Date();
      $('updated').textContent = 'Cập nhật lúc ' + pad(now.getHours()) + ':' + pad(now.getMinutes()) + ':' + pad(now.getSeconds());
    });
  }

  // ---------------------------------------------------------------- overview

  function kpi(label, value, sub) {
    var li = el('li', 'kpi');
    append(li, el('span', 'label', label), el('span', 'value', value), sub ? el('span', 'sub', sub) : null);
    return li;
  }

  function renderOverview(data) {
    data = data || {};
    var weeks = arr(data.weeks)
      .slice()
      .sort(function (a, b) {
        return String(b.week).localeCompare(String(a.week));
      });

    // KPIs: latest week with surveys, whole period, thumbs-up rate.
    var surveys = 0;
    var satisfied = 0;
    var feedback = 0;
    var up = 0;
    var latest = null;
    weeks.forEach(function (w) {
      surveys += Number(w.surveys) || 0;
      satisfied += Number(w.satisfied) || 0;
      feedback += Number(w.feedback) || 0;
      up += Number(w.up) || 0;
      if (!latest && w.surveys > 0) latest = w;
    });
    var overall = surveys ? satisfied / surveys : null;
    var kpis = $('sat-kpis');
    clear(kpis);
    var latestItem = kpi(
      'Tuần gần nhất có đánh giá',
      latest ? percent(latest.satisfactionRate) : '—',
      latest ? weekLabel(latest.week) + ' · ' + num(latest.surveys) + ' phiếu' : 'Chưa có phiếu đánh giá',
    );
    if (latest && typeof latest.satisfactionRate === 'number') {
      latestItem.appendChild(
        latest.satisfactionRate >= TARGET ? badge('good', 'Đạt mục tiêu 90%') : badge('bad', 'Chưa đạt mục tiêu 90%'),
      );
    }
    kpis.appendChild(latestItem);
    var overallItem = kpi('Hài lòng cả giai đoạn', percent(overall), num(satisfied) + '/' + num(surveys) + ' phiếu chấm 4–5 sao');
    if (overall !== null) overallItem.appendChild(overall >= TARGET ? badge('good', 'Đạt mục tiêu') : badge('bad', 'Chưa đạt mục tiêu'));
    kpis.appendChild(overallItem);
    kpis.appendChild(kpi('Tỉ lệ thích (câu trả lời hữu ích)', percent(feedback ? up / feedback : null), num(up) + '/' + num(feedback) + ' lượt phản hồi'));

    var body = $('weeks');
    clear(body);
    weeks.forEach(function (w) {
      var tr = el('tr');
      var th = el('th', null, weekLabel(w.week));
      th.scope = 'row';
      tr.appendChild(th);
      cell(tr, num(w.surveys), 'num');
      cell(tr, num(w.satisfied), 'num');
      var rateCell = cell(tr, null, 'bar-cell');
      var met = typeof w.satisfactionRate === 'number' && w.satisfactionRate >= TARGET;
      append(
        rateCell,
        el('span', null, percent(w.satisfactionRate)),
        typeof w.satisfactionRate === 'number' ? el('span', 'sr-only', met ? ' (đạt mục tiêu)' : ' (chưa đạt mục tiêu)') : null,
        typeof w.satisfactionRate === 'number' ? bar(w.satisfactionRate, met ? 'met' : '', true) : null,
      );
      var down = (Number(w.feedback) || 0) - (Number(w.up) || 0);
      cell(tr, num(w.up) + ' / ' + num(down), 'num');
      var upCell = cell(tr, null, 'bar-cell');
      append(upCell, el('span', null, percent(w.thumbsUpRate)), typeof w.thumbsUpRate === 'number' ? bar(w.thumbsUpRate, 'up', false) : null);
      body.appendChild(tr);
    });
    $('weeks-empty').hidden = weeks.length > 0;

    // Top questions
    var top = $('top-questions');
    clear(top);
    arr(data.topQuestions).forEach(function (q) {
      var li = el('li');
      append(li, String(q.question || ''), ' ', badge('neutral', num(q.count) + ' lần'));
      top.appendChild(li);
    });
    $('top-empty').hidden = arr(data.topQuestions).length > 0;

    // Unanswered, grouped
    var un = $('unanswered');
    clear(un);
    arr(data.unanswered).forEach(function (g) {
      var li = el('li');
      append(li, el('q', null, String(g.example || '')), ' ', badge('bad', num(g.count) + ' lần'));
      var questions = arr(g.questions);
      if (questions.length > 1 || (questions.length === 1 && questions[0] !== g.example)) {
        var details = el('details');
        append(details, el('summary', null, 'Các câu hỏi tương tự (' + questions.length + ')'));
        var ul = el('ul');
        questions.forEach(function (q) {
          ul.appendChild(el('li', null, String(q)));
        });
        details.appendChild(ul);
        li.appendChild(details);
      }
      un.appendChild(li);
    });
    $('unanswered-empty').hidden = arr(data.unanswered).length > 0;

    // Downvoted, grouped, with comments
    var dv = $('downvoted');
    clear(dv);
    arr(data.downvoted).forEach(function (g) {
      var li = el('li');
      append(li, el('q', null, String(g.example || '')), ' ', badge('bad', num(g.count) + ' lượt chê'));
      var comments = arr(g.comments).filter(function (c) {
        return c && String(c).trim();
      });
      if (comments.length) {
        var ul = el('ul');
        ul.setAttribute('aria-label', 'Góp ý của người dân');
        comments.forEach(function (c) {
          ul.appendChild(el('li', null, '“' + String(c) + '”'));
        });
        li.appendChild(ul);
      } else {
        li.appendChild(el('p', 'hint', 'Không có góp ý kèm theo.'));
      }
      dv.appendChild(li);
    });
    $('downvoted-empty').hidden = arr(data.downvoted).length > 0;

    // Handoffs
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
    var STATES = { waiting: ['neutral', 'Đang chờ'], taken: ['good', 'Đang hỗ trợ'], closed: ['neutral', 'Đã kết thúc'] };
    arr(data.recentHandoffs).forEach(function (x) {
      var tr = el('tr');
      cell(tr, formatDateTime(x.createdAt));
      var s = STATES[x.state] || ['neutral', String(x.state || '')];
      if (x.state === 'closed' && x.closedBy === 'timeout') s = ['bad', 'Không ai nhận kịp'];
      if (x.state === 'closed' && x.closedBy === 'system') s = ['bad', 'Ngoài giờ làm việc'];
      cell(tr, badge(s[0], s[1]));
      cell(tr, x.reason ? String(x.reason) : '—');
      cell(tr, formatDuration(x.waitingSeconds), 'num');
      cell(tr, x.takenBy ? String(x.takenBy) : '—');
      var by = x.closedBy === 'timeout' || x.closedBy === 'system' ? '' : x.closedBy;
      cell(tr, x.closedAt ? formatDateTime(x.closedAt) + (by ? ' (' + by + ')' : '') : '—');
      if (x.callbackPhone !== undefined && x.callbackPhone !== null) tr.cells[1].appendChild(el('span', 'hint', ' · có yêu cầu gọi lại'));
      rh.appendChild(tr);
    });
    $('handoffs-empty').hidden = arr(data.recentHandoffs).length > 0;
  }

  // ---------------------------------------------------------------- documents

  function renderDocuments(data) {
    data = data || {};
    var docs = arr(data.documents).slice();
    var errors = arr(data.errors);
    var staleDays = data.staleAfterDays;
    var index = data.index || {};

    var info = 'Chỉ mục đang dùng: ' + num(index.documents) + ' tài liệu';
    if (index.builtAt) info += ', dựng lúc ' + formatDateTime(index.builtAt);
    if (index.key) info += ' (mã ' + String(index.key).slice(0, 12) + ')';
    info += '.';
    if (typeof staleDays === 'number') info += ' Tài liệu quá ' + staleDays + ' ngày chưa cập nhật được đánh dấu “cũ”.';
    $('index-info').textContent = info;

    var errFiles = {};
    var eb = $('doc-errors');
    clear(eb);
    errors.forEach(function (e) {
      errFiles[String(e.file)] = true;
      var tr = el('tr', 'is-error');
      cell(tr, el('code', null, String(e.file || '')));
      cell(tr, e.field ? el('code', null, String(e.field)) : '—');
      cell(tr, String(e.reason || ''));
      eb.appendChild(tr);
    });
    $('doc-errors-box').hidden = errors.length === 0;
    $('doc-errors-title').textContent =
      errors.length + ' lỗi khi nạp tài liệu. Tài liệu lỗi không được nạp; nếu đã có bản hợp lệ trước đó thì bản đó vẫn đang được dùng.';

    docs.sort(function (a, b) {
      if (!!b.stale !== !!a.stale) return b.stale ? 1 : -1;
      return (Number(b.ageDays) || 0) - (Number(a.ageDays) || 0);
    });
    var staleCount = 0;
    var body = $('documents');
    clear(body);
    docs.forEach(function (d) {
      var tr = el('tr', d.stale ? 'is-stale' : null);
      var th = el('th');
      th.scope = 'row';
      append(th, String(d.title || d.id || ''), el('br'), el('code', 'muted', String(d.id || '')));
      tr.appendChild(th);
      cell(tr, d.kind === 'thu-tuc' ? 'Thủ tục' : d.kind === 'huong-dan' ? 'Hướng dẫn' : String(d.kind || ''));
      cell(tr, el('code', null, String(d.file || '')));
      cell(tr, formatDate(d.updated));
      cell(tr, num(d.ageDays), 'num');
      var status = cell(tr, null);
      if (d.stale) {
        staleCount++;
        var b = badge('stale', 'cũ');
        b.title = 'Quá ' + (typeof staleDays === 'number' ? staleDays : '') + ' ngày chưa cập nhật';
        append(status, b, el('span', 'sr-only', ' – cần rà soát, cập nhật'));
      } else {
        status.appendChild(badge('good', 'còn mới'));
      }
      if (errFiles[String(d.file)]) append(status, ' ', badge('bad', 'lỗi, đang dùng bản cũ'));
      body.appendChild(tr);
    });
    $('docs-caption').textContent =
      'Danh sách ' + docs.length + ' tài liệu' + (staleCount ? ', trong đó ' + staleCount + ' tài liệu cũ cần rà soát (xếp lên đầu)' : '');
  }

  function onReindex() {
    var btn = $('reindex');
    var box = $('reindex-result');
    btn.disabled = true;
    btn.textContent = 'Đang dựng lại…';
    clear(box);
    box.appendChild(el('p', 'hint', 'Đang dựng lại chỉ mục, Trợ lý vẫn trả lời người dân trong lúc này…'));
    api('POST', '/api/admin/reindex')
      .then(function (data) {
        var r = (data && data.report) || {};
        var docs = Array.isArray(r.docs) ? r.docs.length : r.docs;
        var errs = Array.isArray(r.errors) ? r.errors.length : r.errors;
        var text =
          'Đã dựng lại chỉ mục: ' + num(Number(docs)) + ' tài liệu, ' + num(Number(errs) || 0) + ' lỗi' +
          (r.source ? ', nguồn: ' + String(r.source) : '') +
          (typeof r.ms === 'number' ? ', mất ' + num(r.ms) + ' ms' : '') +
          (r.key ? ' (mã ' + String(r.key).slice(0, 12) + ')' : '') + '.';
        clear(box);
        box.appendChild(el('p', Number(errs) ? 'warnbox' : 'ok', text + (Number(errs) ? ' Xem bảng lỗi bên dưới.' : '')));
        return Promise.all([
          api('GET', '/api/admin/documents').then(renderDocuments),
          api('GET', '/api/admin/audit').then(renderAudit),
        ]).catch(function () {
          /* the result is shown; the lists refresh on the next load */
        });
      })
      .catch(function (e) {
        clear(box);
        box.appendChild(el('p', 'error', 'Không dựng lại được chỉ mục: ' + e.message));
      })
      .then(function () {
        btn.disabled = false;
        btn.textContent = 'Dựng lại chỉ mục';
      });
  }

  // ---------------------------------------------------------------- audit

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

  function renderAudit(data) {
    var entries = arr(data && data.entries);
    var body = $('audit');
    clear(body);
    entries.forEach(function (e) {
      var tr = el('tr');
      cell(tr, formatDateTime(e.at));
      cell(tr, String(e.actor || '—'));
      var label = actionLabel(e.action);
      var td = cell(tr, null);
      if (label) append(td, label, ' ');
      td.appendChild(el('code', 'muted', String(e.action || '')));
      cell(tr, detailText(e.detail));
      body.appendChild(tr);
    });
    $('audit-empty').hidden = entries.length > 0;
  }

  // ---------------------------------------------------------------- boot

  function boot() {
    $('login-form').addEventListener('submit', onLogin);
    $('logout').addEventListener('click', onLogout);
    $('refresh').addEventListener('click', loadAll);
    $('reindex').addEventListener('click', onReindex);
    // CSV downloads are audited: refresh the log shortly after one starts.
    ['muc-xuat'].forEach(function (id) {
      $(id).addEventListener('click', function (ev) {
        if (ev.target && ev.target.closest && ev.target.closest('a')) {
          window.setTimeout(function () {
            if (state.running) api('GET', '/api/admin/audit').then(renderAudit, function () {});
          }, 1500);
        }
      });
    });

    api('GET', '/api/staff/me').then(
      function (data) {
        start(data.user, data.csrf);
      },
      function (e) {
        if (e.status === 401) showLogin();
        else if (e.status === 503) $('boot').textContent = 'Trang quản trị chưa được bật: chưa có tài khoản nào được cấu hình.';
        else $('boot').textContent = e.message + ' Tải lại trang để thử lại.';
      },
    );
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
  else boot();
})();
