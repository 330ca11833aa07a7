/* Trang quản trị (/admin), "Mức độ hài lòng theo tuần": the satisfaction KPIs against the 90% target and the
 * table of weeks (surveys, satisfaction rate, thumbs up / down). Plain ES2019; needs console-*.js, admin-widgets.js. */
(function (DVC) {
  'use strict';

  var $ = DVC.$, el = DVC.el, append = DVC.append, clear = DVC.clear, arr = DVC.arr;
  var pad = DVC.pad, num = DVC.num, percent = DVC.percent;
  var admin = DVC.admin;
  var TARGET = admin.TARGET, kpi = admin.kpi, bar = admin.bar, badge = admin.badge, cell = admin.cell;

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

  /** KPIs: the latest week with surveys, the whole period, the thumbs-up rate. */
  function renderKpis(weeks, minN) {
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
    var overall = surveys >= minN ? satisfied / surveys : null; // a rate only from minN ratings on
    var kpis = $('sat-kpis');
    clear(kpis);
    var latestItem = kpi(
      'Tuần gần nhất có đánh giá',
      latest ? (latest.satisfaction && !latest.satisfaction.enoughData ? latest.satisfaction.text : percent(latest.satisfactionRate)) : '—',
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
    kpis.appendChild(kpi('Tỉ lệ thích (câu trả lời hữu ích)', percent(feedback >= minN ? up / feedback : null), num(up) + '/' + num(feedback) + ' lượt phản hồi'));
  }

  function renderWeeksTable(weeks) {
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
        el('span', null, w.satisfaction && !w.satisfaction.enoughData ? w.satisfaction.text : percent(w.satisfactionRate)),
        typeof w.satisfactionRate === 'number' ? el('span', 'sr-only', met ? ' (đạt mục tiêu)' : ' (chưa đạt mục tiêu)') : null,
        typeof w.satisfactionRate === 'number' ? bar(w.satisfactionRate, met ? 'met' : '', true) : null,
      );
      var down = (Number(w.feedback) || 0) - (Number(w.up) || 0);
      cell(tr, num(w.up) + ' / ' + num(down), 'num');
      var upCell = cell(tr, null, 'bar-cell');
      append(upCell, el('span', null, w.thumbsUp && !w.thumbsUp.enoughData ? w.thumbsUp.text : percent(w.thumbsUpRate)), typeof w.thumbsUpRate === 'number' ? bar(w.thumbsUpRate, 'up', false) : null);
      body.appendChild(tr);
    });
    $('weeks-empty').hidden = weeks.length > 0;
  }

  /** data: the overview (/api/admin/overview); its weeks, newest first. */
  admin.renderSatisfaction = function (data) {
    var weeks = arr(data.weeks)
      .slice()
      .sort(function (a, b) {
        return String(b.week).localeCompare(String(a.week));
      });
    renderKpis(weeks, Number(data.minSampleSize) || 30);
    renderWeeksTable(weeks);
  };
})(window.DVC);
