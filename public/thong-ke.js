/* Trang công khai kết quả (/thong-ke). Plain ES2019; the DOM is filled with textContent only. */
(function () {
  'use strict';

  var TARGET = 0.9;

  function $(id) {
    return document.getElementById(id);
  }

  function num(n) {
    if (typeof n !== 'number' || !isFinite(n)) return '—';
    return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  }

  function percent(rate) {
    if (typeof rate !== 'number' || !isFinite(rate)) return '—';
    return String(Math.round(rate * 1000) / 10).replace('.', ',') + '%';
  }

  function monthTitle(month) {
    var m = /^(\d{4})-(\d{2})$/.exec(String(month || ''));
    return m ? 'Tháng ' + Number(m[2]) + '/' + m[1] : 'Tháng này';
  }

  function render(s) {
    var title = monthTitle(s.month);
    $('month-title').textContent = title;
    document.title = title + ': kết quả hỗ trợ người dân – Trợ lý Dịch vụ công tỉnh Sơn La';

    var rate = s.satisfactionRate;
    var hasRate = typeof rate === 'number' && isFinite(rate);
    $('sat-value').textContent = hasRate ? percent(rate) : 'Chưa có';
    $('sat-sub').textContent = hasRate
      ? 'Từ ' + num(s.surveys) + ' phiếu đánh giá của người dân' + (rate >= TARGET ? ', đạt mục tiêu 90%.' : ', chưa đạt mục tiêu 90%.')
      : 'Chưa có phiếu đánh giá nào trong tháng.';
    var value = hasRate ? Math.max(0, Math.min(100, Math.round(rate * 100))) : 0;
    $('sat-fill').className = 'bar-fill w-' + value + (hasRate && rate >= TARGET ? ' met' : '');
    $('sat-bar').hidden = !hasRate;

    $('answered-value').textContent = num(s.questionsAnswered);
    $('answered-sub').textContent =
      typeof s.questionsTotal === 'number' ? 'Trên tổng số ' + num(s.questionsTotal) + ' câu hỏi người dân gửi trong tháng.' : '';

    var up = s.feedbackUpRate;
    $('up-value').textContent = typeof up === 'number' && isFinite(up) ? percent(up) : 'Chưa có';

    var list = $('topics');
    while (list.firstChild) list.removeChild(list.firstChild);
    var topics = Array.isArray(s.topTopics) ? s.topTopics : [];
    topics.forEach(function (t) {
      var li = document.createElement('li');
      li.textContent = String(t.title || t.id || '') + (typeof t.count === 'number' ? ' (' + num(t.count) + ' lượt hỏi)' : '');
      list.appendChild(li);
    });
    $('topics-empty').hidden = topics.length > 0;

    var now = new Date();
    $('stats-updated').textContent =
      'Cập nhật lúc ' + String(now.getHours()).padStart(2, '0') + ':' + String(now.getMinutes()).padStart(2, '0') + ' ngày ' +
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

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', load);
  else load();
})();
