/* Bàn hỗ trợ (/staff), live chat: the conversations this officer has taken (reply box, Enter to send,
 * "Kết thúc"), the citizens' messages arriving over /staff/ws, and the colleagues' conversations (read only).
 * Plain ES2019; needs console-*.js, staff-state.js and staff-view.js. */
(function (DVC) {
  'use strict';

  var el = DVC.el, append = DVC.append, formatTime = DVC.formatTime, api = DVC.api;
  var desk = DVC.desk;
  var state = desk.state;

  var MAX_STAFF_MESSAGE = 2000;

  function domId(h) {
    return String(h.id).replace(/[^0-9a-zA-Z_-]/g, '');
  }

  function createChat(h) {
    var node = { root: el('article', 'chat') };
    node.root.tabIndex = -1;
    var head = el('div', 'item-head');
    node.title = el('h3');
    node.title.id = 'chat-title-' + domId(h);
    node.root.setAttribute('aria-labelledby', node.title.id);
    node.since = el('span', 'muted');
    append(head, node.title, node.since);
    node.reason = el('div');
    node.list = desk.transcriptList('Tin nhắn');
    node.list.setAttribute('aria-live', 'off');
    node.error = desk.inlineError();
    node.closeBtn = desk.button('btn btn-secondary', 'Kết thúc', function () {
      closeHandoff(node.id, node, 'Kết thúc hỗ trợ người dân ' + node.label + '? Người dân sẽ quay lại trò chuyện với Trợ lý.');
    });
    append(node.root, head, node.reason, node.list, node.error, replyForm(node, h), desk.actions(node.closeBtn));
    return node;
  }

  function replyForm(node, h) {
    var form = el('form', 'send');
    var taId = 'reply-' + domId(h);
    var label = el('label', null, 'Trả lời người dân');
    label.htmlFor = taId;
    node.textarea = el('textarea');
    node.textarea.id = taId;
    node.textarea.rows = 2;
    node.textarea.maxLength = MAX_STAFF_MESSAGE;
    node.textarea.placeholder = 'Nhập tin nhắn, bấm Enter để gửi (Shift+Enter để xuống dòng)';
    node.sendBtn = el('button', 'btn', 'Gửi');
    node.sendBtn.type = 'submit';
    append(form, label, append(el('div', 'send-row'), node.textarea, node.sendBtn));

    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      sendMessage(node);
    });
    node.textarea.addEventListener('keydown', function (ev) {
      if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing && ev.keyCode !== 229) {
        ev.preventDefault();
        sendMessage(node);
      }
    });
    node.textarea.addEventListener('focus', function () {
      state.lastChatId = node.id;
      node.root.classList.remove('unread');
    });
    return form;
  }

  function updateChat(node, h) {
    node.id = h.id;
    node.h = h;
    node.label = desk.shortId(h);
    node.title.textContent = 'Người dân ' + node.label;
    node.closeBtn.setAttribute('aria-label', 'Kết thúc hỗ trợ người dân ' + node.label);
    node.since.textContent =
      'Nhận lúc ' + formatTime(h.takenAt) + (typeof h.waitingSeconds === 'number' ? ' · đã chờ ' + DVC.formatDuration(h.waitingSeconds, Math.floor) : '');
    desk.showConversation(node, h, desk.transcriptOf(h));
  }

  function createOther() {
    var node = { root: el('li', 'item other') };
    node.head = el('p', 'reason');
    node.reason = el('div');
    append(node.root, node.head, node.reason, desk.foldedTranscript(node, 'Tin nhắn', 'Xem cuộc trò chuyện', false));
    return node;
  }

  function updateOther(node, h) {
    node.head.textContent = 'Người dân ' + desk.shortId(h) + ': đang được ' + (h.takenBy || 'cán bộ khác') + ' hỗ trợ từ ' + formatTime(h.takenAt);
    desk.showConversation(node, h, desk.transcriptOf(h));
  }

  function sendMessage(node) {
    var text = node.textarea.value.trim();
    if (!text || node.sending) return;
    node.sending = true;
    node.sendBtn.disabled = true;
    node.error.hidden = true;
    api('POST', '/api/staff/handoffs/' + encodeURIComponent(node.id) + '/messages', { text: text })
      .then(function () {
        if (node.textarea.value.trim() === text) node.textarea.value = '';
        var user = DVC.session.user;
        desk.keepMessage(node.id, { role: 'staff', text: text, at: new Date().toISOString(), name: user ? user.name : '' });
        desk.render();
      })
      .catch(function (e) {
        desk.showError(node, 'Chưa gửi được: ' + e.message);
      })
      .then(function () {
        node.sending = false;
        node.sendBtn.disabled = false;
      });
  }

  /** Ends a conversation or a call-back (node has closeBtn or doneBtn) after asking question. */
  function closeHandoff(id, node, question) {
    if (!window.confirm(question)) return;
    var btn = node.closeBtn || node.doneBtn;
    btn.disabled = true;
    node.error.hidden = true;
    desk
      .handoffAction(id, 'close')
      .then(function () {
        desk.announce('Đã kết thúc hỗ trợ.');
        var title = DVC.$('chats-title');
        title.tabIndex = -1;
        title.focus();
      })
      .catch(function (e) {
        desk.showError(node, 'Chưa kết thúc được: ' + e.message);
        btn.disabled = false;
      });
  }

  /** A `citizen` frame from /staff/ws: shown at once, marked unread unless its reply box has the focus. */
  function onCitizenMessage(frame) {
    var id = frame.handoffId;
    if (id === undefined || id === null) return;
    desk.keepMessage(id, { role: 'citizen', text: String(frame.text || ''), at: frame.at || new Date().toISOString() });
    desk.render();
    var node = desk.nodes.chats[id];
    if (node) {
      if (document.activeElement !== node.textarea) node.root.classList.add('unread');
      desk.announce('Người dân ' + node.label + ' vừa nhắn: ' + String(frame.text || ''));
    }
  }

  /** The chat a passage goes into: the last one typed in, else the first. */
  function targetChat() {
    var chats = desk.nodes.chats;
    if (state.lastChatId !== null && chats[String(state.lastChatId)]) return chats[String(state.lastChatId)];
    var keys = Object.keys(chats);
    return keys.length ? chats[keys[0]] : null;
  }

  desk.MAX_STAFF_MESSAGE = MAX_STAFF_MESSAGE;
  DVC.expose(desk, [createChat, updateChat, createOther, updateOther, closeHandoff, onCitizenMessage, targetChat]);
})(window.DVC);
