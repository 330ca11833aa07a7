/* Shared by the console pages: numbers, percentages, dates and durations written the Vietnamese way
 * ("1.234", "92,5%", "14:05 03/11/2026", "3 phút 05 giây"). Plain ES2019; needs console-dom.js. */
(function (DVC) {
  'use strict';

  function pad(n) {
    return n < 10 ? '0' + n : String(n);
  }

  function parseTime(iso) {
    var t = Date.parse(iso);
    return isNaN(t) ? null : t;
  }

  /** "14:05" today, "14:05 03/11" on another day. */
  function formatTime(iso) {
    var t = parseTime(iso);
    if (t === null) return '';
    var d = new Date(t);
    var now = new Date();
    var hm = pad(d.getHours()) + ':' + pad(d.getMinutes());
    if (d.toDateString() === now.toDateString()) return hm;
    return hm + ' ' + pad(d.getDate()) + '/' + pad(d.getMonth() + 1);
  }

  /** "14:05 03/11/2026"; a value that is not a time is shown as it is, '—' when empty. */
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

  /** "45 giây", "3 phút 05 giây", "1 giờ 02 phút"; '—' when unknown. Rounds, or uses `rounding` (e.g. Math.floor). */
  function formatDuration(seconds, rounding) {
    if (typeof seconds !== 'number' || !isFinite(seconds)) return '—';
    var s = Math.max(0, (rounding || Math.round)(seconds));
    if (s < 60) return s + ' giây';
    var m = Math.floor(s / 60);
    if (m < 60) return m + ' phút ' + pad(s % 60) + ' giây';
    var h = Math.floor(m / 60);
    return h + ' giờ ' + pad(m % 60) + ' phút';
  }

  /** 12345 → "12.345"; '—' when unknown. */
  function num(n) {
    if (typeof n !== 'number' || !isFinite(n)) return '—';
    return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  }

  /** 0.925 → "92,5%"; '—' when unknown. */
  function percent(rate) {
    if (typeof rate !== 'number' || !isFinite(rate)) return '—';
    var v = Math.round(rate * 1000) / 10;
    return String(v).replace('.', ',') + '%';
  }

  /** A rate (0–1) as the N of console.css's .w-N bar width classes (0 when unknown). */
  function barWidth(rate) {
    return typeof rate === 'number' && isFinite(rate) ? Math.max(0, Math.min(100, Math.round(rate * 100))) : 0;
  }

  DVC.expose(DVC, [pad, parseTime, formatTime, formatDateTime, formatDate, formatDuration, num, percent, barWidth]);
})(window.DVC);
