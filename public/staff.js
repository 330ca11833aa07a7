/* Bàn hỗ trợ trực tuyến (/staff). Plain ES2019, no framework, no build step.
 * Citizen text is untrusted: the DOM is built with createElement/textContent only, never innerHTML.
 * Contract: docs/staff-api.md. */
(function () {
  'use strict';

  var TITLE = 'Bàn hỗ trợ trực tuyến – Trợ lý Dịch vụ công';
  var LONG_WAIT_SECONDS = 180;
  var MAX_STAFF_MESSAGE = 2000;

  var state = {
    user: null,
    csrf: '',
    waiting: [],
    taken: [],
    callbacks: [],
    snapshotAt: 0,
    extras: {}, // handoffId -> messages received or sent since the last snapshot
    knownWaiting: null, // ids seen in the previous snapshot (null before the first)
    myIds: null,
    ws: null,
    wsRetry: 0,
    wsTimer: 0,
    running: false,
    lastChatId: null,
  };
  var chatNodes = {}; // handoffId -> { root, list, sig, textarea, error, sendBtn, closeBtn }
  var queueNodes = {};
  var callbackNodes = {};
  var otherNodes = {};

  // ---------------------------------------------------------------- helpers

  function $(id) {
    return document.getElementById(id);
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function append(parent) {
    for (var i = 1; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined || child === false) continue;
      parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return parent;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

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

  function formatDuration(seconds) {
    var s = Math.max(0, Math.floor(seconds));
    if (s < 60) return s + ' giây';
    var m = Math.floor(s / 60);
    if (m < 60) return m + ' phút ' + pad(s % 60) + ' giây';
    var h = Math.floor(m / 60);
    return h + ' giờ ' + pad(m % 60) + ' phút';
  }

  function shortId(h) {
    return String(h.sessionId || h.id || '').replace(/[^0-9a-zA-Z]/g, '').slice(0, 6).toUpperCase();
  }

  function safeUrl(url) {
    try {
      var u = new URL(String(url), location.href);
      return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  /**
   * The small markdown subset of bot answers and guidance passages (headings, bullets, **bold**,
   * [links](https://…)), as DOM: text nodes, <strong> and <a> only. Lines stay lines (pre-wrap).
   */
  function richText(parent, text) {
    var lines = String(text || '').split('\n');
    lines.forEach(function (raw, i) {
      if (i > 0) parent.appendChild(document.createTextNode('\n'));
      var line = raw;
      var heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
      if (heading) {
        parent.appendChild(el('strong', null, heading[1].replace(/\*\*/g, '')));
        return;
      }
      var bullet = /^(\s*)[-*+]\s+(.*)$/.exec(line);
      if (bullet) {
        parent.appendChild(document.createTextNode(bullet[1] + '• '));
        line = bullet[2];
      }
      inline(parent, line);
    });
  }

  function inline(parent, text) {
    var re = /\*\*([^*]+?)\*\*|\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g;
    var last = 0;
    var m;
    while ((m = re.exec(text))) {
      if (m.index > last) parent.appendChild(document.createTextNode(text.slice(last, m.index)));
      if (m[1] !== undefined) {
        parent.appendChild(el('strong', null, m[1]));
      } else {
        var href = safeUrl(m[3]);
        if (href) {
          var a = el('a', null, m[2]);
          a.href = href;
          a.target = '_blank';
          a.rel = 'noopener noreferrer';
          parent.appendChild(a);
        } else {
          parent.appendChild(document.createTextNode(m[2]));
        }
      }
      last = re.lastIndex;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function announce(text) {
    var node = $('announce');
    node.textContent = '';
    window.setTimeout(function () {
      node.textContent = text;
    }, 50);
  }

  // ---------------------------------------------------------------- HTTP

  function ApiError(status, code, message) {
    this.status = status;
    this.code = code;
    this.message = message;
  }

  var NETWORK_MESSAGE = 'Không kết nối được với máy chủ. Vui lòng kiểm tra mạng rồi thử lại.';

  function api(method, url, body, retried) {
    var headers = { accept: 'application/json' };
    var init = { method: method, credentials: 'same-origin', headers: headers, cache: 'no-store' };
    if (method !== 'GET') {
      headers['content-type'] = 'application/json';
      if (state.csrf) headers['x-csrf-token'] = state.csrf;
      init.body = JSON.stringify(body || {});
    }
    return fetch(url, init).then(
      function (res) {
        if (res.status === 204) return null;
        return res
          .json()
          .catch(function () {
            return null;
          })
          .then(function (data) {
            if (res.ok) return data;
            var err = (data && data.error) || {};
            var e = new ApiError(res.status, err.code || 'http_' + res.status, err.message || 'Có lỗi xảy ra (mã ' + res.status + ').');
            // A stale CSRF token (e.g. after logging in in another tab): fetch a fresh one and retry once.
            if (res.status === 403 && e.code === 'csrf' && !retried && method !== 'GET') {
              return refreshMe().then(function () {
                return api(method, url, body, true);
              });
            }
            if (res.status === 401 && url !== '/api/staff/login' && url !== '/api/staff/me') sessionExpired();
            throw e;
          });
      },
      function () {
        throw new ApiError(0, 'network', NETWORK_MESSAGE);
      },
    );
  }

  function refreshMe() {
    return api('GET', '/api/staff/me').then(function (data) {
      state.csrf = data.csrf;
      state.user = data.user;
      return data;
    });
  }

  // ---------------------------------------------------------------- login / logout

  function showOnly(id) {
    $('boot').hidden = id !== 'boot';
    $('login').hidden = id !== 'login';
    $('app').hidden = id !== 'app';
  }

  function showLogin(message) {
    stop();
    state.user = null;
    state.csrf = '';
    $('who').hidden = true;
    showOnly('login');
    var err = $('login-error');
    if (message) {
      err.textContent = message;
      err.hidden = false;
    } else {
      err.hidden = true;
    }
    document.title = 'Đăng nhập – ' + TITLE;
    $('login-user').focus();
  }

  function sessionExpired() {
    if (state.running) showLogin('Phiên đăng nhập đã hết. Vui lòng đăng nhập lại.');
  }

  function onLogin(ev) {
    ev.preventDefault();
    var username = $('login-user').value.trim();
    var password = $('login-pass').value;
    var err = $('login-error');
    if (!username || !password) {
      err.textContent = 'Vui lòng nhập tên đăng nhập và mật khẩu.';
      err.hidden = false;
      (username ? $('login-pass') : $('login-user')).focus();
      return;
    }
    var btn = $('login-submit');
    btn.disabled = true;
    btn.textContent = 'Đang đăng nhập…';
    api('POST', '/api/staff/login', { username: username, password: password })
      .then(function (data) {
        $('login-pass').value = '';
        err.hidden = true;
        start(data.user, data.csrf);
      })
      .catch(function (e) {
        if (e.status === 401) err.textContent = 'Tên đăng nhập hoặc mật khẩu không đúng.';
        else if (e.status === 429) err.textContent = e.message || 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút.';
        else err.textContent = e.message;
        err.hidden = false;
        $('login-pass').select();
        $('login-pass').focus();
      })
      .then(function () {
        btn.disabled = false;
        btn.textContent = 'Đăng nhập';
      });
  }

  function onLogout() {
    api('POST', '/api/staff/logout')
      .catch(function () {
        /* logged out locally anyway */
      })
      .then(function () {
        showLogin();
        $('login-user').value = '';
      });
  }

  // ---------------------------------------------------------------- start / stop

  function start(user, csrf) {
    state.user = user;
    state.csrf = csrf;
    state.running = true;
    state.knownWaiting = null;
    state.myIds = null;
    $('who-name').textContent = user.name || user.username;
    $('who-role').textContent = user.role === 'admin' ? 'Quản trị viên' : 'Cán bộ';
    $('to-admin').hidden = user.role !== 'admin';
    $('who').hidden = false;
    showOnly('app');
    document.title = TITLE;
    $('noi-dung').focus();
    loadHandoffs();
    connect();
  }

  function stop() {
    state.running = false;
    window.clearTimeout(state.wsTimer);
    if (state.ws) {
      var ws = state.ws;
      state.ws = null;
      ws.onclose = null;
      ws.close();
    }
    state.waiting = [];
    state.taken = [];
    state.callbacks = [];
    state.extras = {};
    ['queue', 'callbacks', 'chats', 'others', 'passages'].forEach(function (id) {
      clear($(id));
    });
    chatNodes = {};
    queueNodes = {};
    callbackNodes = {};
    otherNodes = {};
  }

  function loadHandoffs() {
    return api('GET', '/api/staff/handoffs')
      .then(function (data) {
        if (state.running) applySnapshot(data.waiting, data.taken, data.callbacks);
      })
      .catch(function (e) {
        if (e.status !== 401) setConn('bad', 'Không tải được danh sách: ' + e.message);
      });
  }

  // ---------------------------------------------------------------- websocket (live updates)

  function setConn(kind, text) {
    var node = $('conn');
    node.className = 'status-line' + (kind === 'ok' ? '' : ' ' + kind);
    node.textContent = text;
  }

  function connect() {
    if (!state.running) return;
    window.clearTimeout(state.wsTimer);
    var url = (location.protocol === 'https:' ? 'wss:' : 'ws:') + '//' + location.host + '/staff/ws';
    var ws;
    try {
      ws = new WebSocket(url);
    } catch (e) {
      scheduleReconnect();
      return;
    }
    state.ws = ws;
    ws.onopen = function () {
      state.wsRetry = 0;
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
      if (state.ws !== ws) return;
      state.ws = null;
      if (!state.running) return;
      // A refused upgrade looks like any other drop: ask the API whether the session is still valid.
      api('GET', '/api/staff/me').then(
        function (data) {
          state.csrf = data.csrf;
          scheduleReconnect();
        },
        function (e) {
          if (e.status === 401) sessionExpired();
          else scheduleReconnect();
        },
      );
    };
  }

  function scheduleReconnect() {
    if (!state.running) return;
    window.clearTimeout(state.wsTimer);
    var base = Math.min(30000, 1000 * Math.pow(2, state.wsRetry));
    var delay = Math.round(base * (0.75 + Math.random() * 0.5));
    state.wsRetry = Math.min(state.wsRetry + 1, 10);
    setConn('warn', 'Mất kết nối trực tiếp với máy chủ. Đang thử kết nối lại sau ' + Math.ceil(delay / 1000) + ' giây…');
    state.wsTimer = window.setTimeout(function () {
      loadHandoffs();
      connect();
    }, delay);
  }

  function reconnectNow() {
    if (state.running && !state.ws) {
      state.wsRetry = 0;
      connect();
    }
  }

  function onFrame(frame) {
    if (!frame || typeof frame !== 'object') return;
    if (frame.type === 'queue') {
      applySnapshot(frame.waiting, frame.taken, frame.callbacks);
    } else if (frame.type === 'citizen') {
      onCitizenMessage(frame);
    } else if (frame.type === 'error') {
      var msg = frame.message || 'Có lỗi xảy ra.';
      var node = frame.handoffId !== undefined && chatNodes[frame.handoffId];
      if (node) showChatError(node, msg);
      else announce(msg);
    }
  }

  // ---------------------------------------------------------------- state

  function isMine(h) {
    var u = state.user;
    return !!u && (h.takenBy === u.username || (!!u.name && h.takenBy === u.name));
  }

  function arr(x) {
    return Array.isArray(x) ? x : [];
  }

  function byCreated(a, b) {
    return (parseTime(a.createdAt) || 0) - (parseTime(b.createdAt) || 0);
  }

  function applySnapshot(waiting, taken, callbacks) {
    state.snapshotAt = Date.now();
    state.waiting = arr(waiting).slice().sort(byCreated);
    state.taken = arr(taken).slice().sort(byCreated);
    state.callbacks = arr(callbacks).slice().sort(byCreated);

    // Drop the locally kept messages the server now has in its transcript.
    var extras = {};
    state.taken.forEach(function (h) {
      var local = state.extras[h.id];
      if (!local || !local.length) return;
      var transcript = arr(h.transcript);
      var used = [];
      var lastServerAt = 0;
      transcript.forEach(function (m) {
        lastServerAt = Math.max(lastServerAt, parseTime(m.at) || 0);
      });
      var keep = local.filter(function (m) {
        for (var i = transcript.length - 1; i >= 0; i--) {
          if (!used[i] && transcript[i].role === m.role && transcript[i].text === m.text) {
            used[i] = true;
            return false;
          }
        }
        // Citizen messages carry the server's time: if the server has later messages, it has this one too.
        return !(m.role === 'citizen' && (parseTime(m.at) || 0) <= lastServerAt);
      });
      if (keep.length) extras[h.id] = keep;
    });
    state.extras = extras;

    // Announcements: new citizens waiting, own conversations closed elsewhere.
    var waitingIds = {};
    var newcomers = 0;
    state.waiting.forEach(function (h) {
      waitingIds[h.id] = true;
      if (state.knownWaiting && !state.knownWaiting[h.id]) newcomers++;
    });
    var myIds = {};
    state.taken.forEach(function (h) {
      if (isMine(h)) myIds[h.id] = true;
    });
    if (newcomers) announce(newcomers === 1 ? 'Có một người dân mới đang chờ hỗ trợ.' : 'Có ' + newcomers + ' người dân mới đang chờ hỗ trợ.');
    if (state.myIds) {
      Object.keys(state.myIds).forEach(function (id) {
        if (!myIds[id]) announce('Một cuộc trò chuyện của anh/chị đã kết thúc.');
      });
    }
    state.knownWaiting = waitingIds;
    state.myIds = myIds;
    render();
  }

  function upsertHandoff(h) {
    function without(list) {
      return list.filter(function (x) {
        return String(x.id) !== String(h.id);
      });
    }
    state.waiting = without(state.waiting);
    state.taken = without(state.taken);
    if (h.state === 'waiting') state.waiting = state.waiting.concat([h]).sort(byCreated);
    if (h.state === 'taken') state.taken = state.taken.concat([h]).sort(byCreated);
    if (h.state === 'closed') state.callbacks = without(state.callbacks);
    else {
      state.callbacks = state.callbacks.map(function (x) {
        return String(x.id) === String(h.id) ? h : x;
      });
    }
    if (state.myIds) {
      if (h.state === 'taken' && isMine(h)) state.myIds[h.id] = true;
      else delete state.myIds[h.id];
    }
    if (state.knownWaiting && h.state !== 'waiting') delete state.knownWaiting[h.id];
    render();
  }

  function onCitizenMessage(frame) {
    var id = frame.handoffId;
    if (id === undefined || id === null) return;
    var list = state.extras[id] || (state.extras[id] = []);
    list.push({ role: 'citizen', text: String(frame.text || ''), at: frame.at || new Date().toISOString() });
    render();
    var node = chatNodes[id];
    if (node) {
      if (document.activeElement !== node.textarea) node.root.classList.add('unread');
      announce('Người dân ' + node.label + ' vừa nhắn: ' + String(frame.text || ''));
    }
  }

  function transcriptOf(h) {
    return arr(h.transcript).concat(state.extras[h.id] || []);
  }

  // ---------------------------------------------------------------- rendering

  var ROLE_LABEL = { citizen: 'Người dân', bot: 'Trợ lý', staff: 'Cán bộ', system: 'Hệ thống' };

  function renderTranscript(list, messages) {
    var nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    clear(list);
    if (!messages.length) append(list, el('li', 'msg system', 'Chưa có tin nhắn.'));
    messages.forEach(function (m) {
      var role = ROLE_LABEL[m.role] ? m.role : 'system';
      var li = el('li', 'msg ' + role);
      var who = ROLE_LABEL[role];
      if (role === 'staff' && m.name) who += ' ' + m.name;
      if (role === 'system') {
        // Events (request, taken, phone left…): one compact line.
        li.textContent = (m.at ? formatTime(m.at) + ' · ' : '') + String(m.text || '');
        list.appendChild(li);
        return;
      }
      var meta = el('span', 'meta', who + (m.at ? ' · ' + formatTime(m.at) : ''));
      li.appendChild(meta);
      // Citizen and staff text stays literal; the bot's answers are its markdown subset.
      if (role === 'bot') richText(li, m.text);
      else li.appendChild(document.createTextNode(String(m.text || '')));
      list.appendChild(li);
    });
    if (nearBottom || !list.dataset.filled) {
      list.scrollTop = list.scrollHeight;
      // A list built before it is in the page has no height yet: scroll once it is laid out.
      window.requestAnimationFrame(function () {
        list.scrollTop = list.scrollHeight;
      });
    }
    list.dataset.filled = '1';
  }

  function transcriptSig(messages) {
    var last = messages[messages.length - 1];
    return messages.length + '|' + (last ? last.at + last.text : '');
  }

  /** Keeps one DOM node per key, in order, reusing nodes so focus and drafts survive updates. */
  function syncList(container, nodes, items, create, update) {
    var seen = {};
    items.forEach(function (item, index) {
      var key = String(item.id);
      seen[key] = true;
      var node = nodes[key];
      if (!node) node = nodes[key] = create(item);
      update(node, item);
      var at = container.children[index];
      if (at !== node.root) container.insertBefore(node.root, at || null);
    });
    Object.keys(nodes).forEach(function (key) {
      if (!seen[key]) {
        var root = nodes[key].root;
        if (root.parentNode) root.parentNode.removeChild(root);
        delete nodes[key];
      }
    });
  }

  function setCount(id, n) {
    var node = $(id);
    node.textContent = String(n);
    node.className = 'count' + (n ? '' : ' zero');
  }

  function waitSeconds(h) {
    var elapsed = (Date.now() - state.snapshotAt) / 1000;
    if (typeof h.waitingSeconds === 'number') return h.waitingSeconds + (h.state === 'waiting' ? elapsed : 0);
    var created = parseTime(h.createdAt);
    return created === null ? 0 : (Date.now() - created) / 1000;
  }

  function reasonLine(h) {
    var p = el('p', 'reason');
    append(p, el('b', null, 'Lý do: '), h.reason ? String(h.reason) : 'Người dân muốn gặp cán bộ (không ghi lý do).');
    return p;
  }

  function inlineError() {
    var p = el('p', 'error');
    p.setAttribute('role', 'alert');
    p.hidden = true;
    return p;
  }

  function createQueueItem(h) {
    var node = { root: el('li', 'item') };
    var head = el('div', 'item-head');
    node.title = el('strong');
    node.wait = el('span', 'wait');
    append(head, node.title, node.wait);
    node.since = el('p', 'hint');
    node.reason = el('div');
    node.list = el('ol', 'transcript');
    node.list.setAttribute('aria-label', 'Cuộc trò chuyện đến lúc này');
    node.list.tabIndex = 0;
    var details = el('details');
    details.open = true;
    append(details, el('summary', null, 'Cuộc trò chuyện với Trợ lý'), node.list);
    node.error = inlineError();
    var actions = el('div', 'actions');
    node.takeBtn = el('button', 'btn', 'Nhận hỗ trợ');
    node.takeBtn.type = 'button';
    node.takeBtn.addEventListener('click', function () {
      take(node.id, node);
    });
    append(actions, node.takeBtn);
    append(node.root, head, node.since, node.reason, details, node.error, actions);
    return node;
  }

  function updateQueueItem(node, h) {
    node.id = h.id;
    node.h = h;
    node.title.textContent = 'Người dân ' + shortId(h);
    node.takeBtn.setAttribute('aria-label', 'Nhận hỗ trợ người dân ' + shortId(h));
    node.since.textContent = 'Yêu cầu lúc ' + formatTime(h.createdAt) + (h.callbackPhone ? ' · đã để lại số điện thoại' : '');
    clear(node.reason);
    node.reason.appendChild(reasonLine(h));
    var messages = transcriptOf(h);
    var sig = transcriptSig(messages);
    if (sig !== node.sig) {
      renderTranscript(node.list, messages);
      node.sig = sig;
    }
    updateWait(node);
  }

  function updateWait(node) {
    var s = waitSeconds(node.h);
    node.wait.textContent = 'Đã chờ ' + formatDuration(s);
    node.wait.className = 'wait' + (s >= LONG_WAIT_SECONDS ? ' long' : '');
  }

  function createCallbackItem() {
    var node = { root: el('li', 'item callback') };
    var head = el('div', 'item-head');
    node.phone = el('a', 'phone');
    node.time = el('span', 'muted');
    append(head, node.phone, node.time);
    node.info = el('p', 'hint');
    node.reason = el('div');
    node.list = el('ol', 'transcript');
    node.list.setAttribute('aria-label', 'Cuộc trò chuyện trước khi để lại số');
    node.list.tabIndex = 0;
    var details = el('details');
    append(details, el('summary', null, 'Xem cuộc trò chuyện'), node.list);
    node.error = inlineError();
    var actions = el('div', 'actions');
    node.doneBtn = el('button', 'btn btn-secondary btn-small', 'Đã gọi lại xong, kết thúc');
    node.doneBtn.type = 'button';
    node.doneBtn.addEventListener('click', function () {
      closeHandoff(node.id, node, 'Đánh dấu đã gọi lại cho số ' + node.phoneText + ' và kết thúc yêu cầu này?');
    });
    append(actions, node.doneBtn);
    append(node.root, head, node.info, node.reason, details, node.error, actions);
    return node;
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
    node.info.textContent = 'Người dân ' + shortId(h) + ' · ' + callbackStatus(h);
    // While the citizen is still in the queue or in a chat, the desk answers there; the call back is
    // marked done once the conversation has ended.
    node.doneBtn.hidden = h.state !== 'closed';
    clear(node.reason);
    node.reason.appendChild(reasonLine(h));
    var messages = arr(h.transcript);
    var sig = transcriptSig(messages);
    if (sig !== node.sig) {
      renderTranscript(node.list, messages);
      node.sig = sig;
    }
  }

  function createChat(h) {
    var node = { root: el('article', 'chat') };
    node.root.tabIndex = -1;
    var head = el('div', 'item-head');
    node.title = el('h3');
    node.title.id = 'chat-title-' + String(h.id).replace(/[^0-9a-zA-Z_-]/g, '');
    node.root.setAttribute('aria-labelledby', node.title.id);
    node.since = el('span', 'muted');
    append(head, node.title, node.since);
    node.reason = el('div');
    node.list = el('ol', 'transcript');
    node.list.setAttribute('aria-label', 'Tin nhắn');
    node.list.setAttribute('aria-live', 'off');
    node.list.tabIndex = 0;
    node.error = inlineError();

    var form = el('form', 'send');
    var taId = 'reply-' + String(h.id).replace(/[^0-9a-zA-Z_-]/g, '');
    var label = el('label', null, 'Trả lời người dân');
    label.htmlFor = taId;
    node.textarea = el('textarea');
    node.textarea.id = taId;
    node.textarea.rows = 2;
    node.textarea.maxLength = MAX_STAFF_MESSAGE;
    node.textarea.placeholder = 'Nhập tin nhắn, bấm Enter để gửi (Shift+Enter để xuống dòng)';
    node.sendBtn = el('button', 'btn', 'Gửi');
    node.sendBtn.type = 'submit';
    var row = el('div', 'send-row');
    append(row, node.textarea, node.sendBtn);
    append(form, label, row);

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

    var actions = el('div', 'actions');
    node.closeBtn = el('button', 'btn btn-secondary', 'Kết thúc');
    node.closeBtn.type = 'button';
    node.closeBtn.addEventListener('click', function () {
      closeHandoff(node.id, node, 'Kết thúc hỗ trợ người dân ' + node.label + '? Người dân sẽ quay lại trò chuyện với Trợ lý.');
    });
    append(actions, node.closeBtn);
    append(node.root, head, node.reason, node.list, node.error, form, actions);
    return node;
  }

  function updateChat(node, h) {
    node.id = h.id;
    node.h = h;
    node.label = shortId(h);
    node.title.textContent = 'Người dân ' + node.label;
    node.closeBtn.setAttribute('aria-label', 'Kết thúc hỗ trợ người dân ' + node.label);
    node.since.textContent =
      'Nhận lúc ' + formatTime(h.takenAt) + (typeof h.waitingSeconds === 'number' ? ' · đã chờ ' + formatDuration(h.waitingSeconds) : '');
    clear(node.reason);
    node.reason.appendChild(reasonLine(h));
    var messages = transcriptOf(h);
    var sig = transcriptSig(messages);
    if (sig !== node.sig) {
      renderTranscript(node.list, messages);
      node.sig = sig;
    }
  }

  function createOther() {
    var node = { root: el('li', 'item other') };
    node.head = el('p', 'reason');
    node.reason = el('div');
    node.list = el('ol', 'transcript');
    node.list.tabIndex = 0;
    node.list.setAttribute('aria-label', 'Tin nhắn');
    var details = el('details');
    append(details, el('summary', null, 'Xem cuộc trò chuyện'), node.list);
    append(node.root, node.head, node.reason, details);
    return node;
  }

  function updateOther(node, h) {
    node.head.textContent = 'Người dân ' + shortId(h) + ': đang được ' + (h.takenBy || 'cán bộ khác') + ' hỗ trợ từ ' + formatTime(h.takenAt);
    clear(node.reason);
    node.reason.appendChild(reasonLine(h));
    var messages = transcriptOf(h);
    var sig = transcriptSig(messages);
    if (sig !== node.sig) {
      renderTranscript(node.list, messages);
      node.sig = sig;
    }
  }

  function render() {
    var mine = state.taken.filter(isMine);
    var others = state.taken.filter(function (h) {
      return !isMine(h);
    });
    syncList($('queue'), queueNodes, state.waiting, createQueueItem, updateQueueItem);
    syncList($('callbacks'), callbackNodes, state.callbacks, createCallbackItem, updateCallbackItem);
    syncList($('chats'), chatNodes, mine, createChat, updateChat);
    syncList($('others'), otherNodes, others, createOther, updateOther);
    setCount('queue-count', state.waiting.length);
    setCount('callbacks-count', state.callbacks.length);
    setCount('chats-count', mine.length);
    $('queue-empty').hidden = state.waiting.length > 0;
    $('callbacks-empty').hidden = state.callbacks.length > 0;
    $('chats-empty').hidden = mine.length > 0;
    $('others-wrap').hidden = others.length === 0;
    document.title = (state.waiting.length ? '(' + state.waiting.length + ' chờ) ' : '') + TITLE;
    updateInsertButtons();
  }

  function tick() {
    if (!state.running) return;
    Object.keys(queueNodes).forEach(function (key) {
      updateWait(queueNodes[key]);
    });
  }

  // ---------------------------------------------------------------- actions

  function showChatError(node, message) {
    node.error.textContent = message;
    node.error.hidden = false;
  }

  function take(id, node) {
    node.takeBtn.disabled = true;
    node.error.hidden = true;
    api('POST', '/api/staff/handoffs/' + encodeURIComponent(id) + '/take')
      .then(function (data) {
        var h = data && data.handoff;
        if (h) upsertHandoff(h);
        else loadHandoffs();
        var chat = chatNodes[String(id)];
        if (chat) {
          chat.textarea.focus();
          announce('Đã nhận hỗ trợ người dân ' + chat.label + '.');
        }
      })
      .catch(function (e) {
        if (!queueNodes[String(id)]) return;
        showChatError(node, e.status === 409 ? 'Cán bộ khác vừa nhận cuộc trò chuyện này.' : e.message);
        node.takeBtn.disabled = false;
        if (e.status === 409 || e.status === 404) loadHandoffs();
      });
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
        var list = state.extras[node.id] || (state.extras[node.id] = []);
        list.push({ role: 'staff', text: text, at: new Date().toISOString(), name: state.user ? state.user.name : '' });
        render();
      })
      .catch(function (e) {
        showChatError(node, 'Chưa gửi được: ' + e.message);
      })
      .then(function () {
        node.sending = false;
        node.sendBtn.disabled = false;
      });
  }

  function closeHandoff(id, node, question) {
    if (!window.confirm(question)) return;
    var btn = node.closeBtn || node.doneBtn;
    btn.disabled = true;
    node.error.hidden = true;
    api('POST', '/api/staff/handoffs/' + encodeURIComponent(id) + '/close')
      .then(function (data) {
        var h = data && data.handoff;
        if (h) upsertHandoff(h);
        else loadHandoffs();
        announce('Đã kết thúc hỗ trợ.');
        $('chats-title').tabIndex = -1;
        $('chats-title').focus();
      })
      .catch(function (e) {
        showChatError(node, 'Chưa kết thúc được: ' + e.message);
        btn.disabled = false;
      });
  }

  // ---------------------------------------------------------------- knowledge search

  var lastPassages = [];

  function onSearch(ev) {
    ev.preventDefault();
    var q = $('search-q').value.trim();
    var status = $('search-status');
    if (!q) {
      status.textContent = 'Nhập từ khóa cần tìm, ví dụ “đổi bằng lái xe”.';
      $('search-q').focus();
      return;
    }
    var btn = $('search-submit');
    btn.disabled = true;
    status.textContent = 'Đang tìm…';
    api('GET', '/api/search?q=' + encodeURIComponent(q) + '&k=5')
      .then(function (data) {
        var passages = arr(data && data.passages);
        lastPassages = passages;
        renderPassages(passages);
        if (!passages.length) status.textContent = 'Không tìm thấy đoạn hướng dẫn nào cho “' + q + '”.';
        else
          status.textContent =
            'Tìm thấy ' + passages.length + ' đoạn hướng dẫn.' +
            (data.grounded === false ? ' Không có đoạn nào khớp rõ với câu hỏi, anh/chị kiểm tra kỹ trước khi dùng.' : '');
      })
      .catch(function (e) {
        status.textContent = 'Không tìm được: ' + e.message;
      })
      .then(function () {
        btn.disabled = false;
      });
  }

  function renderPassages(passages) {
    var list = $('passages');
    clear(list);
    passages.forEach(function (p, index) {
      var li = el('li', 'passage');
      var score = typeof p.score === 'number' ? p.score.toFixed(2) : String(p.score || '');
      var badge = el('span', 'score', 'điểm ' + score);
      badge.title = 'Độ liên quan';
      var h = el('h3');
      var href = safeUrl(p.url);
      if (href) {
        var a = el('a', null, String(p.title || p.id || 'Hướng dẫn'));
        a.href = href;
        a.target = '_blank';
        a.rel = 'noopener noreferrer';
        append(a, el('span', 'sr-only', ' (mở trong thẻ mới)'));
        h.appendChild(a);
      } else {
        h.textContent = String(p.title || p.id || 'Hướng dẫn');
      }
      var section = el('p', 'section', p.section ? 'Mục: ' + p.section : '');
      var text = el('p', 'text');
      richText(text, p.text);
      var actions = el('div', 'actions');
      var insert = el('button', 'btn btn-secondary btn-small insert', 'Đưa vào ô trả lời');
      insert.type = 'button';
      insert.setAttribute('aria-label', 'Đưa đoạn “' + String(p.title || '') + '” vào ô trả lời');
      insert.addEventListener('click', function () {
        insertPassage(lastPassages[index]);
      });
      append(actions, insert);
      append(li, badge, h, section, text, actions);
      list.appendChild(li);
    });
    updateInsertButtons();
  }

  function targetChat() {
    if (state.lastChatId !== null && chatNodes[String(state.lastChatId)]) return chatNodes[String(state.lastChatId)];
    var keys = Object.keys(chatNodes);
    return keys.length ? chatNodes[keys[0]] : null;
  }

  function updateInsertButtons() {
    var has = !!targetChat();
    var buttons = $('passages').querySelectorAll('button.insert');
    for (var i = 0; i < buttons.length; i++) buttons[i].hidden = !has;
  }

  function insertPassage(p) {
    var chat = targetChat();
    if (!chat || !p) return;
    var plain = String(p.text || '')
      .replace(/\*\*([^*]+?)\*\*/g, '$1')
      .replace(/^\s{0,3}#{1,6}\s+/gm, '')
      .replace(/^(\s*)[-*+]\s+/gm, '$1• ')
      .trim();
    var parts = [plain];
    var href = safeUrl(p.url);
    parts.push('Nguồn: ' + String(p.title || '') + (href ? ' – ' + href : ''));
    var current = chat.textarea.value.trim();
    chat.textarea.value = ((current ? current + '\n\n' : '') + parts.join('\n')).slice(0, MAX_STAFF_MESSAGE);
    chat.textarea.focus();
  }

  // ---------------------------------------------------------------- boot

  function boot() {
    $('login-form').addEventListener('submit', onLogin);
    $('logout').addEventListener('click', onLogout);
    $('search-form').addEventListener('submit', onSearch);
    window.setInterval(tick, 1000);
    window.addEventListener('online', reconnectNow);
    document.addEventListener('visibilitychange', function () {
      if (!document.hidden) reconnectNow();
    });

    api('GET', '/api/staff/me').then(
      function (data) {
        start(data.user, data.csrf);
      },
      function (e) {
        if (e.status === 401) showLogin();
        else if (e.status === 503) {
          $('boot').textContent = 'Trang dành cho cán bộ chưa được bật: chưa có tài khoản nào được cấu hình.';
        } else {
          $('boot').textContent = e.message + ' Tải lại trang để thử lại.';
        }
      },
    );
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
  else boot();
})();
