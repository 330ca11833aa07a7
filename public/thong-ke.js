/* Trang công khai kết quả (/thong-ke). Plain ES2019; the DOM is filled with textContent only.
 * Needs console-dom.js and console-format.js. */
(function (DVC) {
  'use strict';

  var $ = DVC.$, el = DVC.el, clear = DVC.clear, arr = DVC.arr, pad = DVC.pad, num = DVC.num, percent = DVC.percent;

  var TARGET = 0.9;

  function monthTitle(month) {
    var m = /^(\d{4})-(\d{2})$/.exec(String(month || ''));
    return m ? 'Tháng ' + Number(m[2]) + '/' + m[1] : 'Tháng này';
  }

  function render(s) {
    var title = monthTitle(s.month);
    $('month-title').textContent = title;
    document.title = title + ': kết quả hỗ trợ người dân – Trợ lý Dịch vụ công tỉnh Sơn La';

    // A rate only with enough ratings (the API says enoughData); otherwise "chưa đủ số liệu (n = …)".
    var rate = s.satisfactionRate;
    var hasRate = typeof rate === 'number' && isFinite(rate);
    var sat = s.satisfaction || {};
    $('sat-value').textContent = hasRate ? percent(rate) : 'Chưa đủ số liệu';
    $('sat-sub').textContent = hasRate
      ? String(sat.text || '') + (rate >= TARGET ? ', đạt mục tiêu 90%.' : ', chưa đạt mục tiêu 90%.')
      : 'Mới có ' + num(s.surveys) + ' phiếu đánh giá trong tháng: ' + String(sat.text || '') + '.';
    $('sat-fill').className = 'bar-fill w-' + DVC.barWidth(rate) + (hasRate && rate >= TARGET ? ' met' : '');
    $('sat-bar').hidden = !hasRate;

    $('answered-value').textContent = num(s.questionsAnswered);
    $('answered-sub').textContent =
      typeof s.questionsTotal === 'number' ? 'Trên tổng số ' + num(s.questionsTotal) + ' câu hỏi người dân gửi trong tháng.' : '';

    var up = s.feedbackUpRate;
    $('up-value').textContent = typeof up === 'number' && isFinite(up) ? percent(up) : 'Chưa có';

    var list = $('topics');
    clear(list);
    var topics = arr(s.topTopics);
    topics.forEach(function (t) {
      list.appendChild(el('li', null, String(t.title || t.id || '') + (typeof t.count === 'number' ? ' (' + num(t.count) + ' lượt hỏi)' : '')));
    });
    $('topics-empty').hidden = topics.length > 0;

    var now = new Date();
    $('stats-updated').textContent =
      'Cập nhật lúc ' + pad(now.getHours()) + ':' + pad(now.getMinutes()) + ' ngày ' +
      now.getDate() + '/' + (now.getMonth() + 1) + '/' + now.getFullYear() + '.';
    $('stats-status').hidden = true;
    $('stats').hidden = false;
  }

  function load() {
    fetch('/api/public/stats', { headers: { accept: 'application/json' }, cache: 'no-store' })
      .then(function (res) {
        if (!res.ok) throw new Error(String(res.status));
        return res.json();
      })
      .then(render)
      .catch(function () {
        var status = $('stats-status');
        status.textContent = 'Chưa tải được số liệu. Vui lòng tải lại trang sau ít phút.';
        status.className = 'error';
      });
  }

  DVC.ready(load);
})(window.DVC);
