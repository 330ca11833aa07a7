import { api, apiHooks, session, type ApiError } from './api.js';
import type { SessionReply, StaffUser } from './api-types.js';
import { $, ready } from './dom.js';

/**
 * The signed-in console pages (/staff, /admin): the login form, logout, the session check
 * (/api/staff/me) and the page's top-level screens shown one at a time.
 */

export interface ConsolePage {
  /** The document title while the app is shown. */
  title: string;
  /** Ids of the sections shown one at a time: 'boot', 'login', 'app', … */
  screens: string[];
  /** Said when no account is configured (503). */
  disabledText: string;
  /** A valid session: show the page (usually with enterApp()) or refuse it. */
  start(user: StaffUser, viaLogin: boolean): void;
  /** The page's own listeners, once. */
  init?(): void;
  /** On logout or expiry. */
  stop?(): void;
  /** After showOnly(id). */
  onScreen?(id: string): void;
  /** An API call was answered 403 forbidden. */
  forbidden?(): void;
}

let page: ConsolePage;

/** Shows one of the page's top-level sections and hides the others. */
export function showOnly(id: string): void {
  for (const x of page.screens) $(x).hidden = x !== id;
  page.onScreen?.(id);
}

function showLogin(message?: string): void {
  session.running = false;
  page.stop?.();
  session.user = null;
  session.csrf = '';
  $('who').hidden = true;
  showOnly('login');
  const err = $('login-error');
  err.textContent = message ?? '';
  err.hidden = !message;
  document.title = `Đăng nhập – ${page.title}`;
  $('login-user').focus();
}

/** The session ended on the server: back to the login form, saying why. */
export function sessionExpired(): void {
  if (session.running) showLogin('Phiên đăng nhập đã hết. Vui lòng đăng nhập lại.');
}

function start(user: StaffUser, csrf: string, viaLogin: boolean): void {
  session.user = user;
  session.csrf = csrf;
  $('who-name').textContent = user.name || user.username;
  $('who-role').textContent = user.role === 'admin' ? 'Quản trị viên' : 'Cán bộ';
  $('who').hidden = false;
  page.start(user, viaLogin);
}

/** For page.start: the session runs and the page's #app is shown. */
export function enterApp(): void {
  session.running = true;
  showOnly('app');
  document.title = page.title;
}

async function onLogin(ev: Event): Promise<void> {
  ev.preventDefault();
  const user = $<HTMLInputElement>('login-user');
  const pass = $<HTMLInputElement>('login-pass');
  const username = user.value.trim();
  const password = pass.value;
  const err = $('login-error');
  if (!username || !password) {
    err.textContent = 'Vui lòng nhập tên đăng nhập và mật khẩu.';
    err.hidden = false;
    (username ? pass : user).focus();
    return;
  }
  const btn = $<HTMLButtonElement>('login-submit');
  btn.disabled = true;
  btn.textContent = 'Đang đăng nhập…';
  try {
    const data = await api<SessionReply>('POST', '/api/staff/login', { username, password });
    pass.value = '';
    err.hidden = true;
    start(data.user, data.csrf, true);
  } catch (e) {
    err.textContent = loginErrorText(e as ApiError);
    err.hidden = false;
    pass.select();
    pass.focus();
  } finally {
    btn.disabled = false;
    btn.textContent = 'Đăng nhập';
  }
}

/** What the login form says when a sign-in fails. */
export function loginErrorText(e: Pick<ApiError, 'status' | 'message'>): string {
  if (e.status === 401) return 'Tên đăng nhập hoặc mật khẩu không đúng.';
  if (e.status === 429) return e.message || 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút.';
  return e.message;
}

async function onLogout(): Promise<void> {
  await api('POST', '/api/staff/logout').catch(() => undefined); // logged out locally anyway
  showLogin();
  $<HTMLInputElement>('login-user').value = '';
}

/** Wires the login form and the logout button, then checks the session. */
export function bootConsole(hooks: ConsolePage): void {
  page = hooks;
  apiHooks.expired = sessionExpired;
  apiHooks.forbidden = () => page.forbidden?.();
  ready(() => {
    $('login-form').addEventListener('submit', (ev) => void onLogin(ev));
    $('logout').addEventListener('click', () => void onLogout());
    page.init?.();
    api<SessionReply>('GET', '/api/staff/me').then(
      (data) => start(data.user, data.csrf, false),
      (e: ApiError) => {
        if (e.status === 401) showLogin();
        else if (e.status === 503) $('boot').textContent = page.disabledText;
        else $('boot').textContent = `${e.message} Tải lại trang để thử lại.`;
      },
    );
  });
}
