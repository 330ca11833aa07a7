import { hashPassword } from '../../src/auth/passwords.js';
import { TestClient } from './ws-client.js';

export const STAFF_PASSWORD = 'mat-khau-can-bo-2026';
export const ADMIN_PASSWORD = 'mat-khau-quan-tri-2026';

/** STAFF_ACCOUNTS with two staff members ("thu" is for lock-out tests) and one admin. */
export async function staffAccountsEnv(): Promise<string> {
  return JSON.stringify([
    { username: 'canbo', name: 'Lò Thị Hoa', role: 'staff', passwordHash: await hashPassword(STAFF_PASSWORD) },
    { username: 'quantri', name: 'Quản trị viên', role: 'admin', passwordHash: await hashPassword(ADMIN_PASSWORD) },
    { username: 'thu', name: 'Cầm Văn Thu', role: 'staff', passwordHash: await hashPassword(STAFF_PASSWORD) },
  ]);
}

/** A logged-in HTTP client: keeps the session cookie and sends the CSRF token on POST. */
export class StaffHttp {
  cookie = '';
  csrf = '';
  constructor(readonly baseUrl: string) {}

  async login(username: string, password: string): Promise<Response> {
    const res = await fetch(`${this.baseUrl}/api/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
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
    return fetch(`${this.baseUrl}${path}`, { headers: { cookie: this.cookie } });
  }

  post(path: string, body?: unknown, csrf = this.csrf): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { cookie: this.cookie, 'x-csrf-token': csrf, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  }

  /** The live staff websocket, as the staff page opens it (same origin, session cookie). */
  socket(): Promise<TestClient> {
    return TestClient.connect(`${this.baseUrl.replace('http', 'ws')}/staff/ws`, { cookie: this.cookie, origin: this.baseUrl });
  }
}
