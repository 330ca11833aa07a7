import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres/index.js';
import { PG_MIGRATIONS } from '../../src/store/postgres/migrations.js';
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
