/* Shared by the staff desk and the admin console: the signed-in session (user, CSRF token, running), JSON
 * calls to the API with the x-csrf-token header, and the login / logout / session check (/api/staff/me).
 * Plain ES2019; needs console-dom.js. A page starts with DVC.bootConsole(page), see there.
 * Contract: docs/staff-api.md. */
(function (DVC) {
  'use strict';

  var $ = DVC.$;
  var NETWORK_MESSAGE = 'Không kết nối được với máy chủ. Vui lòng kiểm tra mạng rồi thử lại.';
  var session = { user: null, csrf: '', running: false };
  var page = null; // the hooks given to bootConsole

  function ApiError(status, code, message) {
    this.status = status;
    this.code = code;
    this.message = message;
  }

  /** A JSON call; rejects with an ApiError {status, code, message} (status 0 when the network failed). */
  function api(method, url, body, retried) {
    var headers = { accept: 'application/json' };
    var init = { method: method, credentials: 'same-origin', headers: headers, cache: 'no-store' };
    if (method !== 'GET') {
      headers['content-type'] = 'application/json';
      if (session.csrf) headers['x-csrf-token'] = session.csrf;
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
            if (res.status === 403 && e.code === 'forbidden' && session.running && page.forbidden) page.forbidden();
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
      session.csrf = data.csrf;
      session.user = data.user;
      return data;
    });
  }

  // ---------------------------------------------------------------- screens

  /** Shows one of the page's top-level sections (page.screens) and hides the others. */
  function showOnly(id) {
    page.screens.forEach(function (x) {
      $(x).hidden = x !== id;
    });
    if (page.onScreen) page.onScreen(id);
  }

  function showLogin(message) {
    session.running = false;
    if (page.stop) page.stop();
    session.user = null;
    session.csrf = '';
    $('who').hidden = true;
    showOnly('login');
    var err = $('login-error');
    err.textContent = message || '';
    err.hidden = !message;
    document.title = 'Đăng nhập – ' + page.title;
    $('login-user').focus();
  }

  function sessionExpired() {
    if (session.running) showLogin('Phiên đăng nhập đã hết. Vui lòng đăng nhập lại.');
  }

  function start(user, csrf, viaLogin) {
    session.user = user;
    session.csrf = csrf;
    $('who-name').textContent = user.name || user.username;
    $('who-role').textContent = user.role === 'admin' ? 'Quản trị viên' : 'Cán bộ';
    $('who').hidden = false;
    page.start(user, viaLogin);
  }

  /** For page.start: the session runs and the page's #app is shown. */
  function enterApp() {
    session.running = true;
    showOnly('app');
    document.title = page.title;
  }

  // ---------------------------------------------------------------- login / logout

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
        start(data.user, data.csrf, true);
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

  /**
   * Wires the login form and the logout button, then checks the session. The page's hooks:
   * title (its document title), screens (ids of the sections shown one at a time: 'boot', 'login', 'app', …),
   * disabledText (said when no account is configured), start(user, viaLogin) (a valid session: show the page,
   * usually with enterApp(), or refuse it), and optionally init() (the page's own listeners), stop() (on logout
   * or expiry), onScreen(id) (after showOnly) and forbidden() (an API call answered 403 forbidden).
   */
  function bootConsole(hooks) {
    page = hooks;
    DVC.ready(function () {
      $('login-form').addEventListener('submit', onLogin);
      $('logout').addEventListener('click', onLogout);
      if (page.init) page.init();
      api('GET', '/api/staff/me').then(
        function (data) {
          start(data.user, data.csrf, false);
        },
        function (e) {
          if (e.status === 401) showLogin();
          else if (e.status === 503) $('boot').textContent = page.disabledText;
          else $('boot').textContent = e.message + ' Tải lại trang để thử lại.';
        },
      );
    });
  }

  DVC.session = session;
  DVC.expose(DVC, [api, showOnly, enterApp, sessionExpired, bootConsole]);
})(window.DVC);
