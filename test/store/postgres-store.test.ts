import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres/index.js';
import { PG_MIGRATIONS } from '../../src/store/postgres/migrations.js';
import { FakeClock } from '../helpers/clock.js';
import { POSTGRES_MISSING, postgresBin, startThrowawayCluster } from '../helpers/postgres.js';
import { storeContract } from './contract.js';

const available = Boolean(postgresBin());
if (!available) console.warn(POSTGRES_MISSING);
const cluster = available ? await startThrowawayCluster() : undefined;
afterAll(async () => cluster?.stop());

if (cluster) {
  storeContract('PostgreSQL', async (clock) => {
    const url = await cluster.createDatabase();
    return { store: await openPostgresStore(url, { clock }), reopen: () => openPostgresStore(url, { clock }) };
  });
}

describe.skipIf(!cluster)(`PostgreSQL store${cluster ? '' : ` (${POSTGRES_MISSING})`}`, () => {
  const version = async (url: string) => {
    const client = new pg.Client(url);
    await client.connect();
    try {
      return (await client.query<{ version: number }>('SELECT version FROM schema_version')).rows.map((r) => r.version);
    } finally {
      await client.end();
    }
  };

  it('applies migrations once and reopens an existing database, also with two instances starting together', async () => {
    const url = await cluster!.createDatabase();
    const [a, b] = await Promise.all([openPostgresStore(url), openPostgresStore(url)]);
    await Promise.all([a.close(), b.close()]);
    await (await openPostgresStore(url)).close();
    expect(await version(url)).toEqual([PG_MIGRATIONS.length]);
  });

  it('refuses a database from a newer version instead of damaging it', async () => {
    const url = await cluster!.createDatabase();
    await (await openPostgresStore(url)).close();
    const client = new pg.Client(url);
    await client.connect();
    await client.query('UPDATE schema_version SET version = $1', [PG_MIGRATIONS.length + 1]);
    await client.end();
    await expect(openPostgresStore(url)).rejects.toThrow(/newer than this program/);
    expect(await version(url)).toEqual([PG_MIGRATIONS.length + 1]);
  });
});

describe.skipIf(!cluster)(`PostgreSQL rate-limit windows, shared by every instance${cluster ? '' : ` (${POSTGRES_MISSING})`}`, () => {
  it('counts every request of a key in its window (many at once, from two instances), apart from other keys, and starts a new window after it ends', async () => {
    const clock = new FakeClock(Date.parse('2026-11-25T03:00:00Z'));
    const url = await cluster!.createDatabase();
    const [a, b] = await Promise.all([openPostgresStore(url, { clock }), openPostgresStore(url, { clock })]);
    try {
      expect(await a.rateLimits!.hit('*|203.0.113.7', 60_000)).toEqual({ count: 1, ttlMs: 60_000 });
      await clock.advance(10_000);
      const burst = await Promise.all([a, b, a, b].map((s) => s.rateLimits!.hit('*|203.0.113.7', 60_000)));
      expect(burst.map((r) => r.count).sort()).toEqual([2, 3, 4, 5]);
      expect(burst.every((r) => r.ttlMs === 50_000)).toBe(true); // the window does not move with each request
      expect(await b.rateLimits!.hit('*|203.0.113.8', 60_000)).toEqual({ count: 1, ttlMs: 60_000 }); // another address
      expect(await b.rateLimits!.hit('POST /api/ask|203.0.113.7', 60_000)).toEqual({ count: 1, ttlMs: 60_000 }); // another route
      await clock.advance(49_999);
      expect(await b.rateLimits!.hit('*|203.0.113.7', 60_000)).toEqual({ count: 6, ttlMs: 1 });
      await clock.advance(1);
      expect(await a.rateLimits!.hit('*|203.0.113.7', 60_000)).toEqual({ count: 1, ttlMs: 60_000 });
      // Ended windows are deleted: the two others ended 10 s later than the first.
      await clock.advance(10_000);
      expect(await a.rateLimits!.purgeEnded()).toBe(2);
      expect(await a.rateLimits!.purgeEnded()).toBe(0);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe.skipIf(!cluster)(`PostgreSQL presence of citizens on instances${cluster ? '' : ` (${POSTGRES_MISSING})`}`, () => {
  it('a session is online while an instance alive has a socket for it; a killed instance stops counting, then is forgotten', async () => {
    const clock = new FakeClock(Date.parse('2026-11-25T03:00:00Z'));
    const url = await cluster!.createDatabase();
    const [a, b] = await Promise.all([openPostgresStore(url, { clock }), openPostgresStore(url, { clock })]);
    const ALIVE = 15_000;
    const FORGET = 600_000;
    try {
      expect(await a.presence!.heartbeat('A', FORGET)).toBe(false); // new
      expect(await b.presence!.heartbeat('B', FORGET)).toBe(false);
      expect(await a.presence!.heartbeat('A', FORGET)).toBe(true); // known
      await a.presence!.set('A', 's1', true);
      await a.presence!.set('A', 's1', true); // twice is the same
      expect(await b.presence!.online('s1', ALIVE)).toBe(true); // seen from the other instance
      expect(await b.presence!.online('s2', ALIVE)).toBe(false);
      await b.presence!.set('B', 's1', true);
      await a.presence!.set('A', 's1', false);
      expect(await a.presence!.online('s1', ALIVE)).toBe(true); // still open on B
      await b.presence!.set('B', 's1', false);
      expect(await a.presence!.online('s1', ALIVE)).toBe(false);

      // A is killed with a socket open: once it has missed its heartbeats, the socket no longer counts.
      await a.presence!.set('A', 's3', true);
      await clock.advance(ALIVE);
      await b.presence!.heartbeat('B', FORGET);
      expect(await b.presence!.online('s3', ALIVE)).toBe(true); // seen exactly ALIVE ago
      await clock.advance(1);
      expect(await b.presence!.online('s3', ALIVE)).toBe(false);
      // Forgotten after FORGET: if it comes back, it is told so (and tells its sockets again).
      await clock.advance(FORGET);
      await b.presence!.heartbeat('B', FORGET);
      expect(await a.presence!.heartbeat('A', FORGET)).toBe(false);
      expect(await b.presence!.online('s3', ALIVE)).toBe(false);

      // An instance that stops removes itself and its sockets.
      await b.presence!.set('B', 's4', true);
      await b.presence!.remove('B');
      expect(await a.presence!.online('s4', ALIVE)).toBe(false);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
