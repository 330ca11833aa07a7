/* Bàn hỗ trợ (/staff), keeping the desk current: the lists over HTTP (/api/staff/handoffs) and live frames
 * over the /staff/ws websocket (queue snapshots, citizen messages, errors), reconnecting with backoff and
 * saying so in #conn. Plain ES2019; needs console-*.js, staff-state.js, staff-view.js and staff-chats.js. */
(function (DVC) {
  'use strict';

  var $ = DVC.$, api = DVC.api, session = DVC.session;
  var desk = DVC.desk;
  var live = { ws: null, retry: 0, timer: 0 };

  function setConn(kind, text) {
    var node = $('conn');
    node.className = 'status-line' + (kind === 'ok' ? '' : ' ' + kind);
    node.textContent = text;
  }

  function loadHandoffs() {
    return api('GET', '/api/staff/handoffs')
      .then(function (data) {
        if (session.running) desk.applySnapshot(data.waiting, data.taken, data.callbacks);
      })
      .catch(function (e) {
        if (e.status !== 401) setConn('bad', 'Không tải được danh sách: ' + e.message);
      });
  }

  /** POST /api/staff/handoffs/:id/:action (take, close), then shows the handoff as the server answers it. */
  function handoffAction(id, action) {
    return api('POST', '/api/staff/handoffs/' + encodeURIComponent(id) + '/' + action).then(function (data) {
      var h = data && data.handoff;
      if (h) desk.upsertHandoff(h);
      else loadHandoffs();
    });
  }

  function connect() {
    if (!session.running) return;
    window.clearTimeout(live.timer);
    var url = (location.protocol === 'https:' ? 'wss:' : 'ws:') + '//' + location.host + '/staff/ws';
    var ws;
    try {
      ws = new WebSocket(url);
    } catch (e) {
      scheduleReconnect();
      return;
    }
    live.ws = ws;
    ws.onopen = function () {
      live.retry = 0;
      setConn('ok', 'Đã kết nối: danh sách và tin nhắn cập nhật trực tiếp.');
    };
    ws.onmessage = function (ev) {
      var frame;
      try {
        frame = JSON.parse(ev.data);
      } catch (e) {
        return;
      }
      onFrame(frame);
    };
    ws.onclose = function () {
      if (live.ws !== ws) return;
      live.ws = null;
      if (!session.running) return;
      // A refused upgrade looks like any other drop: ask the API whether the session is still valid.
      api('GET', '/api/staff/me').then(
        function (data) {
          session.csrf = data.csrf;
          scheduleReconnect();
        },
        function (e) {
          if (e.status === 401) DVC.sessionExpired();
          else scheduleReconnect();
        },
      );
    };
  }

  function scheduleReconnect() {
    if (!session.running) return;
    window.clearTimeout(live.timer);
    var base = Math.min(30000, 1000 * Math.pow(2, live.retry));
    var delay = Math.round(base * (0.75 + Math.random() * 0.5));
    live.retry = Math.min(live.retry + 1, 10);
    setConn('warn', 'Mất kết nối trực tiếp với máy chủ. Đang thử kết nối lại sau ' + Math.ceil(delay / 1000) + ' giây…');
    live.timer = window.setTimeout(function () {
      loadHandoffs();
      connect();
    }, delay);
  }

  /** Back online or back on the tab: reconnect now rather than after the backoff. */
  function reconnectNow() {
    if (session.running && !live.ws) {
      live.retry = 0;
      connect();
    }
  }

  /** Closes the socket for good (on logout or expiry). */
  function disconnect() {
    window.clearTimeout(live.timer);
    if (live.ws) {
      var ws = live.ws;
      live.ws = null;
      ws.onclose = null;
      ws.close();
    }
  }

  function onFrame(frame) {
    if (!frame || typeof frame !== 'object') return;
    if (frame.type === 'queue') {
      desk.applySnapshot(frame.waiting, frame.taken, frame.callbacks);
    } else if (frame.type === 'citizen') {
      desk.onCitizenMessage(frame);
    } else if (frame.type === 'error') {
      var msg = frame.message || 'Có lỗi xảy ra.';
      var node = frame.handoffId !== undefined && desk.nodes.chats[frame.handoffId];
      if (node) desk.showError(node, msg);
      else desk.announce(msg);
    }
  }

  DVC.expose(desk, [loadHandoffs, handoffAction, connect, reconnectNow, disconnect]);
})(window.DVC);
