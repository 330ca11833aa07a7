import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { buildTestApp } from '../helpers/app.js';
import { TEST_ORIGIN } from '../helpers/http.js';
import { startServer } from '../helpers/server.js';
import { TestClient } from '../helpers/ws-client.js';
import { ADMIN_PASSWORD, StaffHttp, staffAccountsEnv } from '../helpers/staff.js';

const ask = (t: Awaited<ReturnType<typeof buildTestApp>>, headers: Record<string, string> = {}) =>
  t.fetch('/api/ask', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{"question":"khai sinh"}' });

/** A different made-up client address for each request. */
const spoofed = (i: number) => ({ 'x-forwarded-for': `203.0.113.${i}` });

describe('TRUST_PROXY unset (the default): forwarded headers change nothing', () => {
  it('a fresh X-Forwarded-For per request does not escape the per-address limit', async () => {
    const t = await buildTestApp({ env: { HTTP_RATE_LIMIT: '5' } });
    const codes: number[] = [];
    for (let i = 0; i < 8; i++) codes.push((await ask(t, spoofed(i))).status);
    expect(codes).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
  });

  it('a client cannot claim TLS (no Secure cookie) nor another host for the staff socket', async () => {
    const t = await buildTestApp({ env: { STAFF_ACCOUNTS: await staffAccountsEnv() } });
    const staff = new StaffHttp(t);
    const login = await staff.login('quantri', ADMIN_PASSWORD, { 'x-forwarded-proto': 'https' });
    expect(login.headers.get('set-cookie')).not.toMatch(/Secure/);
    // an evil page whose request names its own host in X-Forwarded-Host
    await expect(t.socket('/staff/ws', { cookie: staff.cookie, origin: 'https://evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' })).rejects.toThrow('HTTP 403');
    await expect(t.socket('/ws', { origin: 'https://evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' })).rejects.toThrow('HTTP 403');
    (await staff.socket()).close(); // the page's own origin still connects
  });
});

describe('TRUST_PROXY set', () => {
  it('a hop count: each forwarded client has its own limit, and the proxy says when the request came over TLS', async () => {
    const t = await buildTestApp({ env: { HTTP_RATE_LIMIT: '2', TRUST_PROXY: '1', STAFF_ACCOUNTS: await staffAccountsEnv() } });
    const a = [await ask(t, spoofed(1)), await ask(t, spoofed(1)), await ask(t, spoofed(1))].map((r) => r.status);
    expect(a).toEqual([200, 200, 429]);
    expect((await ask(t, spoofed(2))).status).toBe(200); // another citizen behind the same proxy
    const login = await new StaffHttp(t).login('quantri', ADMIN_PASSWORD, { 'x-forwarded-proto': 'https' });
    expect(login.headers.get('set-cookie')).toMatch(/Secure/);
    const plain = await new StaffHttp(t).login('quantri', ADMIN_PASSWORD, { 'x-forwarded-proto': 'http' });
    expect(plain.headers.get('set-cookie')).not.toMatch(/Secure/);
  });

  it('the proxy’s X-Forwarded-Host and -Proto make the public origin the staff page has', async () => {
    // a real socket: Fastify reads forwarded headers only from a peer it can see
    const t = await startServer({ env: { TRUST_PROXY: '127.0.0.1', STAFF_ACCOUNTS: await staffAccountsEnv() } });
    try {
      const staff = new StaffHttp(t);
      await staff.login('quantri', ADMIN_PASSWORD);
      const url = `ws://127.0.0.1:${t.port}/staff/ws`;
      const publicSite = { 'x-forwarded-host': 'chat.sonla.example', 'x-forwarded-proto': 'https', cookie: staff.cookie };
      (await TestClient.connect(url, { ...publicSite, origin: 'https://chat.sonla.example' })).close();
      await expect(TestClient.connect(url, { ...publicSite, origin: 'http://chat.sonla.example' })).rejects.toThrow('HTTP 403'); // scheme differs
      await expect(TestClient.connect(url, { ...publicSite, origin: 'https://chat.sonla.example.evil.example' })).rejects.toThrow('HTTP 403');
    } finally {
      await t.close();
    }
  });

  it('a list of proxy addresses: a peer not on it is not trusted', async () => {
    const t = await buildTestApp({ env: { HTTP_RATE_LIMIT: '2', TRUST_PROXY: '10.0.0.0/8' } });
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await ask(t, spoofed(i))).status); // the peer is 127.0.0.1
    expect(codes).toEqual([200, 200, 429]);
    const trusted = await buildTestApp({ env: { HTTP_RATE_LIMIT: '2', TRUST_PROXY: '127.0.0.1' } });
    const codes2 = [];
    for (let i = 0; i < 3; i++) codes2.push((await ask(trusted, spoofed(i))).status);
    expect(codes2).toEqual([200, 200, 200]);
  });

  it.each([
    ['true', /trusting every peer/],
    ['0', /hop count must be 1–10/],
    ['10.0.0.0/33', /not an IP address or CIDR/],
    ['proxy.local', /not an IP address or CIDR/],
  ])('TRUST_PROXY=%s stops start-up with one line', (value, message) => {
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(message);
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/^Invalid TRUST_PROXY: /);
  });

  it('accepts hop counts, addresses, CIDRs and range names', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 172.16.0.0/12,::1,loopback' }).TRUST_PROXY).toEqual(['10.0.0.5', '172.16.0.0/12', '::1', 'loopback']);
  });
});

describe('ALLOWED_ORIGINS', () => {
  it('is a list of exact origins; a value that is not one stops start-up', () => {
    expect(loadConfig({ ALLOWED_ORIGINS: 'https://dichvucong.sonla.gov.vn/, https://DVC.example:8443' }).allowedOrigins).toEqual([
      'https://dichvucong.sonla.gov.vn',
      'https://dvc.example:8443',
    ]);
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'dichvucong.sonla.gov.vn' })).toThrow(/^Invalid ALLOWED_ORIGINS: /);
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'https://dichvucong.sonla.gov.vn/chat' })).toThrow(/^Invalid ALLOWED_ORIGINS: /);
  });

  it('the citizen socket matches listed origins exactly, not by prefix', async () => {
    const t = await buildTestApp({ env: { ALLOWED_ORIGINS: 'https://dichvucong.sonla.gov.vn' } });
    (await t.socket('/ws', { origin: 'https://dichvucong.sonla.gov.vn' })).close();
    for (const origin of ['https://dichvucong.sonla.gov.vn.evil.example', 'https://dichvucong.sonla.gov.vn:8443', 'http://dichvucong.sonla.gov.vn', `${TEST_ORIGIN}.evil.example`]) {
      await expect(t.socket('/ws', { origin }), origin).rejects.toThrow('HTTP 403');
    }
  });
});
