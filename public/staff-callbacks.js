/* Bàn hỗ trợ (/staff), call-backs: phone numbers citizens left when no one could chat with them, with the
 * conversation before, and "Đã gọi lại xong, kết thúc" once the conversation is over.
 * Plain ES2019; needs console-*.js, staff-state.js, staff-view.js and staff-chats.js (closeHandoff). */
(function (DVC) {
  'use strict';

  var el = DVC.el, arr = DVC.arr, formatTime = DVC.formatTime;
  var desk = DVC.desk;

  function createCallbackItem() {
    var node = { phone: el('a', 'phone'), time: el('span', 'muted') };
    node.doneBtn = desk.button('btn btn-secondary btn-small', 'Đã gọi lại xong, kết thúc', function () {
      desk.closeHandoff(node.id, node, 'Đánh dấu đã gọi lại cho số ' + node.phoneText + ' và kết thúc yêu cầu này?');
    });
    var fold = ['Cuộc trò chuyện trước khi để lại số', 'Xem cuộc trò chuyện', false];
    return desk.handoffItem(node, 'item callback', [node.phone, node.time], fold, node.doneBtn);
  }

  function callbackStatus(h) {
    if (h.state === 'waiting') return 'vẫn đang chờ trò chuyện với cán bộ';
    if (h.state === 'taken') return 'đang được ' + (h.takenBy || 'cán bộ') + ' hỗ trợ';
    if (h.closedBy === 'timeout') return 'chưa có cán bộ nhận kịp, cần gọi lại';
    if (h.closedBy === 'system') return 'gửi ngoài giờ làm việc, cần gọi lại';
    return 'trò chuyện đã kết thúc, cần gọi lại';
  }

  function updateCallbackItem(node, h) {
    node.id = h.id;
    node.phoneText = String(h.callbackPhone || '');
    node.phone.textContent = node.phoneText || '(không có số)';
    var tel = node.phoneText.replace(/[^0-9+]/g, '');
    if (tel) node.phone.href = 'tel:' + tel;
    else node.phone.removeAttribute('href');
    node.time.textContent = 'Để lại số lúc ' + formatTime(h.callbackAt || h.createdAt);
    node.hint.textContent = 'Người dân ' + desk.shortId(h) + ' · ' + callbackStatus(h);
    // While the citizen is still in the queue or in a chat, the desk answers there; the call back is
    // marked done once the conversation has ended.
    node.doneBtn.hidden = h.state !== 'closed';
    desk.showConversation(node, h, arr(h.transcript));
  }

  DVC.expose(desk, [createCallbackItem, updateCallbackItem]);
})(window.DVC);
