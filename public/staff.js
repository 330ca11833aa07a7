/* Bàn hỗ trợ trực tuyến (/staff): starting and stopping the desk, and drawing its lists from the state.
 * Plain ES2019, no framework, no build step. Loaded last: the login, session and API calls are in
 * console-session.js, the desk's parts in staff-*.js (queue, call-backs, live chat, updates, search).
 * Citizen text is untrusted: the DOM is built with createElement/textContent only, never innerHTML.
 * Contract: docs/staff-api.md. */
(function (DVC) {
  'use strict';

  var $ = DVC.$, clear = DVC.clear;
  var desk = DVC.desk;
  var state = desk.state;

  var TITLE = 'Bàn hỗ trợ trực tuyến – Trợ lý Dịch vụ công';

  function start(user) {
    DVC.enterApp();
    state.knownWaiting = null;
    state.myIds = null;
    $('to-admin').hidden = user.role !== 'admin';
    $('noi-dung').focus();
    desk.loadHandoffs();
    desk.connect();
  }

  function stop() {
    desk.disconnect();
    desk.resetState();
    ['queue', 'callbacks', 'chats', 'others', 'passages'].forEach(function (id) {
      clear($(id));
    });
    desk.nodes = { chats: {}, queue: {}, callbacks: {}, others: {} };
  }

  function render() {
    var mine = state.taken.filter(desk.isMine);
    var others = state.taken.filter(function (h) {
      return !desk.isMine(h);
    });
    var nodes = desk.nodes;
    desk.syncList($('queue'), nodes.queue, state.waiting, desk.createQueueItem, desk.updateQueueItem);
    desk.syncList($('callbacks'), nodes.callbacks, state.callbacks, desk.createCallbackItem, desk.updateCallbackItem);
    desk.syncList($('chats'), nodes.chats, mine, desk.createChat, desk.updateChat);
    desk.syncList($('others'), nodes.others, others, desk.createOther, desk.updateOther);
    desk.setCount('queue-count', state.waiting.length);
    desk.setCount('callbacks-count', state.callbacks.length);
    desk.setCount('chats-count', mine.length);
    $('queue-empty').hidden = state.waiting.length > 0;
    $('callbacks-empty').hidden = state.callbacks.length > 0;
    $('chats-empty').hidden = mine.length > 0;
    $('others-wrap').hidden = others.length === 0;
    document.title = (state.waiting.length ? '(' + state.waiting.length + ' chờ) ' : '') + TITLE;
    desk.updateInsertButtons();
  }

  function init() {
    $('search-form').addEventListener('submit', desk.onSearch);
    window.setInterval(desk.tick, 1000);
    window.addEventListener('online', desk.reconnectNow);
    document.addEventListener('visibilitychange', function () {
      if (!document.hidden) desk.reconnectNow();
    });
  }

  desk.render = render;

  DVC.bootConsole({
    title: TITLE,
    screens: ['boot', 'login', 'app'],
    disabledText: 'Trang dành cho cán bộ chưa được bật: chưa có tài khoản nào được cấu hình.',
    init: init,
    start: start,
    stop: stop,
  });
})(window.DVC);
