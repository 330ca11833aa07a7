import { createHash, randomBytes } from 'node:crypto';
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../lib/errors.js';
import type { Clock } from '../lib/clock.js';
import type { Store } from '../store/store.js';
import type { Account } from './accounts.js';
import { verifyPassword } from './passwords.js';

export const SESSION_COOKIE = 'dvc_staff';
const MAX_FAILURES = 5;
const FAILURE_WINDOW_MS = 15 * 60 * 1000;

export interface StaffUser {
  username: string;
  name: string;
  role: 'staff' | 'admin';
}

export interface StaffSession {
  user: StaffUser;
  csrf: string;
  tokenHash: string;
}

export type StaffAuth = ReturnType<typeof createStaffAuth>;

/**
 * Logins for the one-stop desk and admins: scrypt password hashes, a random session token in an
 * httpOnly SameSite=Strict cookie (Secure behind TLS), a CSRF token per session, and at most 5
 * failed logins per IP and username in 15 minutes.
 */
export function createStaffAuth(deps: { accounts: readonly Account[]; store: Pick<Store, 'staffSessions'>; clock: Clock; sessionHours: number }) {
  const { store, clock, sessionHours } = deps;
  let byName = new Map(deps.accounts.map((a) => [a.username, a]));
  const failures = new Map<string, { count: number; since: number }>();
  const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

  return {
    /** Whether any account exists (staff and admin features are off without one). */
    get enabled(): boolean {
      return byName.size > 0;
    },

    /** Replaces the accounts (the accounts file changed); sessions of removed accounts stop working at once. */
    setAccounts(accounts: readonly Account[]): void {
      byName = new Map(accounts.map((a) => [a.username, a]));
    },

    hasAccount: (username: string): boolean => byName.has(username),

    get accountCount(): number {
      return byName.size;
    },

    /** Display name of a username (the username itself if the account is gone). */
    displayName: (username: string): string => byName.get(username)?.name ?? username,

    async login(req: FastifyRequest, reply: FastifyReply, username: string, password: string): Promise<StaffSession> {
      const key = `${req.ip}|${username}`;
      const f = failures.get(key);
      if (f && clock.now() - f.since < FAILURE_WINDOW_MS && f.count >= MAX_FAILURES) {
        throw new HttpError(429, 'too_many_attempts', 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.');
      }
      const account = byName.get(username);
      // Verify against a dummy hash for unknown users so timing does not reveal which names exist.
      const ok = await verifyPassword(password, account?.passwordHash ?? DUMMY_HASH);
      if (!account || !ok) {
        const fresh = !f || clock.now() - f.since >= FAILURE_WINDOW_MS;
        failures.set(key, { count: fresh ? 1 : f!.count + 1, since: fresh ? clock.now() : f!.since });
        throw new HttpError(401, 'bad_credentials', 'Tên đăng nhập hoặc mật khẩu không đúng.');
      }
      failures.delete(key);
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
      return { user: toUser(account), csrf, tokenHash: hashToken(token) };
    },

    async logout(req: FastifyRequest, reply: FastifyReply): Promise<void> {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await store.staffSessions.delete(hashToken(token));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
    },

    /** The signed-in user of a request, if any (the account must still exist). */
    async session(req: FastifyRequest): Promise<StaffSession | undefined> {
      const token = req.cookies[SESSION_COOKIE];
      if (!token) return undefined;
      const tokenHash = hashToken(token);
      const s = await store.staffSessions.get(tokenHash);
      const account = s && byName.get(s.username);
      return account ? { user: toUser(account), csrf: s!.csrf, tokenHash } : undefined;
    },

    /** A preHandler: staff features on, signed in, role allowed, CSRF token on state changes. */
    require(role: 'staff' | 'admin') {
      return async (req: FastifyRequest) => {
        if (byName.size === 0) throw new HttpError(503, 'staff_disabled', 'Chưa cấu hình tài khoản cán bộ nên tính năng này đang tắt.');
        const session = await this.session(req);
        if (!session) throw new HttpError(401, 'unauthenticated', 'Vui lòng đăng nhập.');
        if (role === 'admin' && session.user.role !== 'admin') throw new HttpError(403, 'forbidden', 'Tài khoản không có quyền quản trị.');
        if (req.method !== 'GET' && req.method !== 'HEAD' && req.headers['x-csrf-token'] !== session.csrf) {
          throw new HttpError(403, 'csrf', 'Phiên làm việc không hợp lệ, vui lòng tải lại trang.');
        }
        req.staff = session;
      };
    },
  };
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
