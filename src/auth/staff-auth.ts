import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../lib/errors.js';
import type { Clock } from '../lib/clock.js';
import type { Store } from '../store/store.js';
import type { Account } from './accounts.js';
import type { LoginLockout } from './login-lockout.js';
import { verifyPassword } from './passwords.js';

export const SESSION_COOKIE = 'dvc_staff';

/** Close code and reason of a staff websocket whose session ended (logout, expiry, account changed). */
export const SESSION_ENDED = { code: 4401, reason: 'Phiên đăng nhập đã kết thúc.' };

export interface StaffUser {
  username: string;
  name: string;
  role: 'staff' | 'admin';
}

export interface StaffSession {
  user: StaffUser;
  csrf: string;
  tokenHash: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

/** A live staff websocket, as staff-auth watches it. */
export interface WatchedSocket {
  /** Whether its session still holds (not expired, not logged out, same account and role). */
  live(): boolean;
  /** Stops watching (the socket closed). */
  unwatch(): void;
}

export type StaffAuth = ReturnType<typeof createStaffAuth>;

export interface StaffAuthDeps {
  accounts: readonly Account[];
  store: Pick<Store, 'staffSessions'>;
  clock: Clock;
  sessionHours: number;
  lockout: LoginLockout;
}

/**
 * Logins for the one-stop desk and admins: scrypt password hashes, a random session token in an
 * httpOnly SameSite=Strict cookie (Secure when the request came over TLS, as TRUST_PROXY lets the
 * proxy say), a CSRF token per session compared in constant time, and a lock-out per user name
 * (login-lockout.ts; the per-address limit is the login route's rate limit). It also watches the
 * staff websockets: logout, expiry, or an account removed or given another role closes them.
 */
export function createStaffAuth(deps: StaffAuthDeps) {
  const { store, clock, sessionHours, lockout } = deps;
  let byName = new Map(deps.accounts.map((a) => [a.username, a]));
  const sockets = new Set<{ session: StaffSession; close: () => void; loggedOut: boolean }>();
  const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

  const holds = (s: { session: StaffSession; loggedOut: boolean }) =>
    !s.loggedOut && clock.now() < s.session.expiresAt && byName.get(s.session.user.username)?.role === s.session.user.role;

  /** Closes every watched socket whose session no longer holds. */
  const checkSockets = () => {
    for (const s of sockets) if (!holds(s)) s.close();
  };

  return {
    /** Whether any account exists (staff and admin features are off without one). */
    get enabled(): boolean {
      return byName.size > 0;
    },

    /**
     * Replaces the accounts (the accounts file changed): sessions of removed accounts stop working at
     * once, and the websockets of removed accounts or of accounts given another role are closed.
     */
    setAccounts(accounts: readonly Account[]): void {
      byName = new Map(accounts.map((a) => [a.username, a]));
      checkSockets();
    },

    hasAccount: (username: string): boolean => byName.has(username),

    get accountCount(): number {
      return byName.size;
    },

    /** Display name of a username (the username itself if the account is gone). */
    displayName: (username: string): string => byName.get(username)?.name ?? username,

    async login(req: FastifyRequest, reply: FastifyReply, username: string, password: string): Promise<StaffSession> {
      const wait = await lockout.waitMs(username);
      if (wait > 0) throw tooManyAttempts(reply, wait);
      const account = byName.get(username);
      // Verify against a dummy hash for unknown users so timing does not reveal which names exist.
      const ok = await verifyPassword(password, account?.passwordHash ?? DUMMY_HASH);
      if (!account || !ok) {
        await lockout.failed(username);
        throw new HttpError(401, 'bad_credentials', 'Tên đăng nhập hoặc mật khẩu không đúng.');
      }
      await lockout.succeeded(username);
      const token = randomBytes(32).toString('base64url');
      const csrf = randomBytes(24).toString('base64url');
      const expiresAt = clock.now() + sessionHours * 3600_000;
      await store.staffSessions.create({ tokenHash: hashToken(token), username, csrf, expiresAt });
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: req.protocol === 'https',
        path: '/',
        maxAge: sessionHours * 3600,
      });
      return { user: toUser(account), csrf, tokenHash: hashToken(token), expiresAt };
    },

    /** Ends the request's session and closes its websockets. */
    async logout(req: FastifyRequest, reply: FastifyReply): Promise<void> {
      const token = req.cookies[SESSION_COOKIE];
      if (token) {
        const tokenHash = hashToken(token);
        await store.staffSessions.delete(tokenHash);
        for (const s of sockets) {
          if (s.session.tokenHash !== tokenHash) continue;
          s.loggedOut = true;
          s.close();
        }
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
    },

    /** The signed-in user of a request, if any (the account must still exist). */
    async session(req: FastifyRequest): Promise<StaffSession | undefined> {
      const token = req.cookies[SESSION_COOKIE];
      if (!token) return undefined;
      const tokenHash = hashToken(token);
      const s = await store.staffSessions.get(tokenHash);
      const account = s && byName.get(s.username);
      return account ? { user: toUser(account), csrf: s!.csrf, tokenHash, expiresAt: s!.expiresAt } : undefined;
    },

    /** Whether a session is still stored (not logged out elsewhere, not expired) with the same account and role. */
    async stillValid(session: StaffSession): Promise<boolean> {
      const s = await store.staffSessions.get(session.tokenHash);
      return Boolean(s) && byName.get(session.user.username)?.role === session.user.role;
    },

    /** A preHandler: staff features on, signed in, role allowed, CSRF token on state changes. */
    require(role: 'staff' | 'admin') {
      return async (req: FastifyRequest) => {
        if (byName.size === 0) throw new HttpError(503, 'staff_disabled', 'Chưa cấu hình tài khoản cán bộ nên tính năng này đang tắt.');
        const session = await this.session(req);
        if (!session) throw new HttpError(401, 'unauthenticated', 'Vui lòng đăng nhập.');
        if (role === 'admin' && session.user.role !== 'admin') throw new HttpError(403, 'forbidden', 'Tài khoản không có quyền quản trị.');
        if (req.method !== 'GET' && req.method !== 'HEAD' && !sameSecret(req.headers['x-csrf-token'], session.csrf)) {
          throw new HttpError(403, 'csrf', 'Phiên làm việc không hợp lệ, vui lòng tải lại trang.');
        }
        req.staff = session;
      };
    },

    /** Watches a staff websocket: `close` is called when its session ends (logout, expiry, account changed). */
    watchSocket(session: StaffSession, close: () => void): WatchedSocket {
      const entry = { session, close, loggedOut: false };
      sockets.add(entry);
      return { live: () => holds(entry), unwatch: () => void sockets.delete(entry) };
    },

    /** Closes the websockets of sessions that expired; the plugin runs it on a timer. */
    checkSockets,

  };
}

/** Constant-time comparison of a header value with the expected secret. */
function sameSecret(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function tooManyAttempts(reply: FastifyReply, waitMs: number): HttpError {
  const seconds = Math.ceil(waitMs / 1000);
  reply.header('retry-after', seconds);
  const when = seconds >= 120 ? `${Math.ceil(seconds / 60)} phút` : `${seconds} giây`;
  return new HttpError(429, 'too_many_attempts', `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${when}.`);
}

declare module 'fastify' {
  interface FastifyRequest {
    staff?: StaffSession;
  }
}

function toUser(a: Account): StaffUser {
  return { username: a.username, name: a.name, role: a.role };
}

const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
