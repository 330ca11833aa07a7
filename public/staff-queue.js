/* Bàn hỗ trợ (/staff), the queue: citizens waiting for a person, longest wait first, with their
 * conversation with the bot so far, a live waiting time and the "Nhận hỗ trợ" (take) button.
 * Plain ES2019; needs console-*.js, staff-state.js and staff-view.js. */
(function (DVC) {
  'use strict';

  var el = DVC.el, parseTime = DVC.parseTime, formatTime = DVC.formatTime;
  var desk = DVC.desk;
  var state = desk.state;

  var LONG_WAIT_SECONDS = 180;

  function createQueueItem() {
    var node = { title: el('strong'), wait: el('span', 'wait') };
    node.takeBtn = desk.button('btn', 'Nhận hỗ trợ', function () {
      take(node.id, node);
    });
    var fold = ['Cuộc trò chuyện đến lúc này', 'Cuộc trò chuyện với Trợ lý', true];
    return desk.handoffItem(node, 'item', [node.title, node.wait], fold, node.takeBtn);
  }

  function updateQueueItem(node, h) {
    node.id = h.id;
    node.h = h;
    node.title.textContent = 'Người dân ' + desk.shortId(h);
    node.takeBtn.setAttribute('aria-label', 'Nhận hỗ trợ người dân ' + desk.shortId(h));
    node.hint.textContent = 'Yêu cầu lúc ' + formatTime(h.createdAt) + (h.callbackPhone ? ' · đã để lại số điện thoại' : '');
    desk.showConversation(node, h, desk.transcriptOf(h));
    updateWait(node);
  }

  function waitSeconds(h) {
    var elapsed = (Date.now() - state.snapshotAt) / 1000;
    if (typeof h.waitingSeconds === 'number') return h.waitingSeconds + (h.state === 'waiting' ? elapsed : 0);
    var created = parseTime(h.createdAt);
    return created === null ? 0 : (Date.now() - created) / 1000;
  }

  function updateWait(node) {
    var s = waitSeconds(node.h);
    node.wait.textContent = 'Đã chờ ' + DVC.formatDuration(s, Math.floor);
    node.wait.className = 'wait' + (s >= LONG_WAIT_SECONDS ? ' long' : '');
  }

  /** Every second: the waiting times go on. */
  function tick() {
    if (!DVC.session.running) return;
    var nodes = desk.nodes.queue;
    Object.keys(nodes).forEach(function (key) {
      updateWait(nodes[key]);
    });
  }

  function take(id, node) {
    node.takeBtn.disabled = true;
    node.error.hidden = true;
    desk
      .handoffAction(id, 'take')
      .then(function () {
        var chat = desk.nodes.chats[String(id)];
        if (chat) {
          chat.textarea.focus();
          desk.announce('Đã nhận hỗ trợ người dân ' + chat.label + '.');
        }
      })
      .catch(function (e) {
        if (!desk.nodes.queue[String(id)]) return;
        desk.showError(node, e.status === 409 ? 'Cán bộ khác vừa nhận cuộc trò chuyện này.' : e.message);
        node.takeBtn.disabled = false;
        if (e.status === 409 || e.status === 404) desk.loadHandoffs();
      });
  }

  DVC.expose(desk, [createQueueItem, updateQueueItem, tick]);
})(window.DVC);
