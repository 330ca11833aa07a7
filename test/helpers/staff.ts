import { hashPassword } from '../../src/auth/passwords.js';
import type { TestApp } from './app.js';
import { TEST_ORIGIN, type Fetch } from './http.js';
import type { TestClient } from './ws-client.js';

export const STAFF_PASSWORD = 'mat-khau-can-bo-2026';
export const ADMIN_PASSWORD = 'mat-khau-quan-tri-2026';

/** scrypt cost for test accounts: the same code path as production hashes (which use 16384), faster. */
export const TEST_SCRYPT_COST = 1024;

let accounts: Promise<string> | undefined;

/** STAFF_ACCOUNTS with two staff members ("thu" is for lock-out tests) and one admin (hashed once per worker). */
export function staffAccountsEnv(): Promise<string> {
  accounts ??= (async () =>
    JSON.stringify([
      { username: 'canbo', name: 'Lò Thị Hoa', role: 'staff', passwordHash: await hashPassword(STAFF_PASSWORD, TEST_SCRYPT_COST) },
      { username: 'quantri', name: 'Quản trị viên', role: 'admin', passwordHash: await hashPassword(ADMIN_PASSWORD, TEST_SCRYPT_COST) },
      { username: 'thu', name: 'Cầm Văn Thu', role: 'staff', passwordHash: await hashPassword(STAFF_PASSWORD, TEST_SCRYPT_COST) },
    ]))();
  return accounts;
}

/** A logged-in staff member of a test app: keeps the session cookie and sends the CSRF token on POST. */
export class StaffHttp {
  cookie = '';
  csrf = '';
  private readonly fetch: Fetch;

  constructor(private readonly server: TestApp) {
    this.fetch = server.fetch;
  }

  async login(username: string, password: string, headers: Record<string, string> = {}): Promise<Response> {
    const res = await this.fetch('/api/staff/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ username, password }),
    });
    const setCookie = res.headers.get('set-cookie');
    if (res.ok && setCookie) {
      this.cookie = setCookie.split(';')[0];
      this.csrf = (await res.clone().json()).csrf;
    }
    return res;
  }

  get(path: string): Promise<Response> {
    return this.fetch(path, { headers: { cookie: this.cookie } });
  }

  post(path: string, body?: unknown, csrf = this.csrf): Promise<Response> {
    return this.send('POST', path, body, csrf);
  }

  patch(path: string, body?: unknown, csrf = this.csrf): Promise<Response> {
    return this.send('PATCH', path, body, csrf);
  }

  private send(method: string, path: string, body: unknown, csrf: string): Promise<Response> {
    return this.fetch(path, {
      method,
      headers: { cookie: this.cookie, 'x-csrf-token': csrf, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  }

  /** The live staff websocket, as the staff page opens it (same origin, session cookie). */
  socket(origin = TEST_ORIGIN): Promise<TestClient> {
    return this.server.socket('/staff/ws', { cookie: this.cookie, origin });
  }
}
