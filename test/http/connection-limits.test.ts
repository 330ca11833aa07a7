import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildTestApp } from '../helpers/app.js';
import { FakeClock } from '../helpers/clock.js';
import { startServer, type TestServer } from '../helpers/server.js';

/**
 * Connection floods on a real port: the attacker connects from 127.0.0.2, bystanders and the health
 * check from 127.0.0.1 (both are this machine's loopback).
 */
const ATTACKER = '127.0.0.2';

async function withServer(env: Record<string, string>, run: (s: TestServer) => Promise<void>): Promise<void> {
  const s = await startServer({ env });
  try {
    await run(s);
  } finally {
    await s.close();
  }
}

/** Opens a websocket from `localAddress`; resolves with how it ended up: open, or closed with a code and reason. */
function openSocket(url: string, localAddress: string): Promise<{ ws: WebSocket; state: 'open' | 'closed'; code?: number; reason?: string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { localAddress });
    let opened = false;
    ws.on('open', () => {
      opened = true;
      ws.send(JSON.stringify({ type: 'hello' }));
    });
    ws.on('message', (data) => {
      if (JSON.parse(data.toString()).type === 'ready') resolve({ ws, state: 'open' });
    });
    ws.on('close', (code, reason) => resolve({ ws, state: 'closed', code, reason: reason.toString() }));
    ws.on('error', () => !opened && resolve({ ws, state: 'closed' }));
  });
}

/** A raw TCP connection; resolves once it is connected, with a promise of its end. */
function rawConnection(port: number, localAddress: string): Promise<{ socket: Socket; ended: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress });
    const ended = new Promise<void>((r) => socket.once('close', () => r()));
    socket.resume(); // read whatever comes, so the end of the connection is seen
    socket.once('connect', () => resolve({ socket, ended }));
    socket.once('error', () => undefined);
    ended.then(() => reject(new Error('closed before connecting')));
  });
}

describe('websocket caps', () => {
  it('one address cannot hold more than its cap (refused with 1013 and a Vietnamese reason); others and /health are served meanwhile', async () => {
    await withServer({ MAX_SOCKETS_PER_ADDRESS: '5' }, async (s) => {
      const results = await Promise.all(Array.from({ length: 40 }, () => openSocket(s.wsUrl, ATTACKER)));
      const open = results.filter((r) => r.state === 'open');
      const refused = results.filter((r) => r.state === 'closed');
      expect(open).toHaveLength(5);
      expect(refused).toHaveLength(35);
      expect(refused[0]).toMatchObject({ code: 1013, reason: expect.stringContaining('quá nhiều kết nối') });
      expect(s.app.citizenSockets.size).toBe(5);
      expect((await fetch(`${s.url}/health`)).status).toBe(200);
      const bystander = await openSocket(s.wsUrl, '127.0.0.1');
      expect(bystander.state).toBe('open');
      // a socket of the attacker that closes frees a place
      open[0].ws.close();
      await new Promise((r) => open[0].ws.once('close', r));
      await expectEventually(async () => (await openSocket(s.wsUrl, ATTACKER)).state === 'open');
      for (const r of [...results, bystander]) r.ws.terminate();
    });
  });

  it('caps all sockets together', async () => {
    await withServer({ MAX_SOCKETS: '3' }, async (s) => {
      const results = await Promise.all(['127.0.0.3', '127.0.0.4', '127.0.0.5', '127.0.0.6'].map((a) => openSocket(s.wsUrl, a)));
      expect(results.filter((r) => r.state === 'open')).toHaveLength(3);
      expect(results.find((r) => r.state === 'closed')).toMatchObject({ code: 1013 });
      for (const r of results) r.ws.terminate();
    });
  });
});

describe('TCP connection caps', () => {
  it('an address opening plain connections by the hundred is cut at its cap; /health answers', async () => {
    await withServer({ MAX_CONNECTIONS_PER_ADDRESS: '10' }, async (s) => {
      const attempts = await Promise.allSettled(Array.from({ length: 100 }, () => rawConnection(s.port, ATTACKER)));
      const connected = attempts.filter((a) => a.status === 'fulfilled').map((a) => (a as PromiseFulfilledResult<{ socket: Socket; ended: Promise<void> }>).value);
      // the server destroys what is over the cap as soon as it accepts it
      let ended = attempts.length - connected.length;
      for (const c of connected) void c.ended.then(() => ended++);
      await expectEventually(async () => ended >= attempts.length - 10);
      expect((await fetch(`${s.url}/health`)).status).toBe(200);
      expect(attempts.length - ended).toBe(10); // and the ten it holds stay open
      for (const c of connected) c.socket.destroy();
    });
  });
});

describe('slow clients', () => {
  it('a request body that never completes is cut after REQUEST_TIMEOUT_MS (408)', async () => {
    await withServer({ REQUEST_TIMEOUT_MS: '1000', HEADERS_TIMEOUT_MS: '1000' }, async (s) => {
      const { socket, ended } = await rawConnection(s.port, ATTACKER);
      let reply = '';
      socket.on('data', (d) => (reply += d.toString()));
      const started = Date.now();
      socket.write('POST /api/staff/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"user');
      await ended;
      expect(reply).toMatch(/^HTTP\/1\.1 408/);
      expect(Date.now() - started).toBeLessThan(5_000);
    });
  });

  it('headers that never complete are cut after HEADERS_TIMEOUT_MS', async () => {
    await withServer({ REQUEST_TIMEOUT_MS: '5000', HEADERS_TIMEOUT_MS: '1000' }, async (s) => {
      const { socket, ended } = await rawConnection(s.port, ATTACKER);
      const started = Date.now();
      socket.write('GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: a');
      await ended;
      expect(Date.now() - started).toBeLessThan(4_000);
    });
  });

  it('HEADERS_TIMEOUT_MS may not exceed REQUEST_TIMEOUT_MS', async () => {
    await expect(buildTestApp({ env: { REQUEST_TIMEOUT_MS: '2000', HEADERS_TIMEOUT_MS: '3000' } })).rejects.toThrow(/^Invalid HEADERS_TIMEOUT_MS/);
  });
});

describe('idle citizen sockets', () => {
  it('are closed after IDLE_SOCKET_SECONDS without an ask; pings do not count, an ask does', async () => {
    const clock = new FakeClock();
    const t = await buildTestApp({ clock, env: { IDLE_SOCKET_SECONDS: '60' } });
    const pinger = await t.citizen();
    const asker = await t.citizen();
    for (let i = 0; i < 3; i++) {
      await clock.advance(15_000);
      pinger.send({ type: 'ping' });
      await pinger.waitFor((f) => f.type === 'pong' && pinger.frames.filter((x) => x.type === 'pong').length === i + 1);
      if (i === 1) await asker.ask(`q${i}`, 'khai sinh'); // at 30 s
    }
    expect(pinger.closed).toBeUndefined();
    await clock.advance(16_000); // 61 s: the pinger asked nothing
    expect(await pinger.waitForClose()).toEqual({ code: 4000, reason: 'Đã lâu không có câu hỏi nên kết nối tạm đóng.' });
    expect(asker.closed).toBeUndefined();
    await clock.advance(60_000); // 60 s after its ask
    expect((await asker.waitForClose()).code).toBe(4000);
  });
});

async function expectEventually(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
