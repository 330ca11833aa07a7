/* Trang quản trị (/admin), "Tài liệu hướng dẫn": the index in use, the documents that failed to load, the
 * documents (stale ones first) and "Dựng lại chỉ mục" (reindex) with its report.
 * Plain ES2019; needs console-*.js, admin-widgets.js and admin-audit.js. */
(function (DVC) {
  'use strict';

  var $ = DVC.$, el = DVC.el, append = DVC.append, clear = DVC.clear, arr = DVC.arr, num = DVC.num;
  var admin = DVC.admin;
  var badge = admin.badge, cell = admin.cell;

  function renderIndexInfo(index, staleDays) {
    var info = 'Chỉ mục đang dùng: ' + num(index.documents) + ' tài liệu';
    if (index.builtAt) info += ', dựng lúc ' + DVC.formatDateTime(index.builtAt);
    if (index.key) info += ' (mã ' + String(index.key).slice(0, 12) + ')';
    info += '.';
    if (typeof staleDays === 'number') info += ' Tài liệu quá ' + staleDays + ' ngày chưa cập nhật được đánh dấu “cũ”.';
    $('index-info').textContent = info;
  }

  /** The table of load errors; returns the files that have one. */
  function renderErrors(errors) {
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
    return errFiles;
  }

  function documentRow(d, staleDays, hasError) {
    var tr = el('tr', d.stale ? 'is-stale' : null);
    var th = el('th');
    th.scope = 'row';
    append(th, String(d.title || d.id || ''), el('br'), el('code', 'muted', String(d.id || '')));
    tr.appendChild(th);
    cell(tr, d.kind === 'thu-tuc' ? 'Thủ tục' : d.kind === 'huong-dan' ? 'Hướng dẫn' : String(d.kind || ''));
    cell(tr, el('code', null, String(d.file || '')));
    cell(tr, DVC.formatDate(d.verified));
    cell(tr, num(d.ageDays), 'num');
    var status = cell(tr, null);
    if (d.stale) {
      var b = badge('stale', 'cũ');
      b.title = 'Quá ' + (typeof staleDays === 'number' ? staleDays : '') + ' ngày chưa cập nhật';
      append(status, b, el('span', 'sr-only', ' – cần rà soát, cập nhật'));
    } else {
      status.appendChild(badge('good', 'còn mới'));
    }
    arr(d.expiredFacts).forEach(function (f) {
      append(status, ' ', badge('bad', 'hết hạn ' + String(f.kind) + ' ' + DVC.formatDate(f.validUntil)));
    });
    if (hasError) append(status, ' ', badge('bad', 'lỗi, đang dùng bản cũ'));
    return tr;
  }

  /** data: /api/admin/documents. */
  function renderDocuments(data) {
    data = data || {};
    var docs = arr(data.documents).slice();
    var staleDays = data.staleAfterDays;
    renderIndexInfo(data.index || {}, staleDays);
    var errFiles = renderErrors(arr(data.errors));

    docs.sort(function (a, b) {
      if (!!b.stale !== !!a.stale) return b.stale ? 1 : -1;
      return (Number(b.ageDays) || 0) - (Number(a.ageDays) || 0);
    });
    var staleCount = 0;
    var body = $('documents');
    clear(body);
    docs.forEach(function (d) {
      if (d.stale) staleCount++;
      body.appendChild(documentRow(d, staleDays, !!errFiles[String(d.file)]));
    });
    $('docs-caption').textContent =
      'Danh sách ' + docs.length + ' tài liệu' + (staleCount ? ', trong đó ' + staleCount + ' tài liệu cũ cần rà soát (xếp lên đầu)' : '');
  }

  function loadDocuments() {
    return DVC.api('GET', '/api/admin/documents').then(renderDocuments);
  }

  function reindexReport(r) {
    var docs = Array.isArray(r.docs) ? r.docs.length : r.docs;
    var errs = Array.isArray(r.errors) ? r.errors.length : r.errors;
    var text =
      'Đã dựng lại chỉ mục: ' + num(Number(docs)) + ' tài liệu, ' + num(Number(errs) || 0) + ' lỗi' +
      (r.source ? ', nguồn: ' + String(r.source) : '') +
      (typeof r.ms === 'number' ? ', mất ' + num(r.ms) + ' ms' : '') +
      (r.key ? ' (mã ' + String(r.key).slice(0, 12) + ')' : '') + '.';
    return el('p', Number(errs) ? 'warnbox' : 'ok', text + (Number(errs) ? ' Xem bảng lỗi bên dưới.' : ''));
  }

  function onReindex() {
    var btn = $('reindex');
    var box = $('reindex-result');
    btn.disabled = true;
    btn.textContent = 'Đang dựng lại…';
    clear(box);
    box.appendChild(el('p', 'hint', 'Đang dựng lại chỉ mục, Trợ lý vẫn trả lời người dân trong lúc này…'));
    DVC.api('POST', '/api/admin/reindex')
      .then(function (data) {
        clear(box);
        box.appendChild(reindexReport((data && data.report) || {}));
        return Promise.all([loadDocuments(), admin.loadAudit()]).catch(function () {
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

  DVC.expose(admin, [loadDocuments, onReindex]);
})(window.DVC);
