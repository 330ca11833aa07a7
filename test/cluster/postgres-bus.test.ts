import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import type { ClusterEvent } from '../../src/cluster/events.js';
import { postgresBus } from '../../src/cluster/postgres-bus.js';
import { openPostgresStore } from '../../src/store/postgres/index.js';
import { POSTGRES_MISSING, postgresBin, startThrowawayCluster } from '../helpers/postgres.js';

const available = Boolean(postgresBin());
if (!available) console.warn(POSTGRES_MISSING);
const cluster = available ? await startThrowawayCluster() : undefined;
afterAll(async () => cluster?.stop());

describe.skipIf(!cluster)(`PostgreSQL event bus${cluster ? '' : ` (${POSTGRES_MISSING})`}`, () => {
  it('delivers every event to every instance, the publisher included, in order, also one too large for a NOTIFY payload', async () => {
    const url = await cluster!.createDatabase();
    await (await openPostgresStore(url)).close(); // the migrations create cluster_events
    const logger = pino({ level: 'silent' });
    const [one, two] = await Promise.all([postgresBus(url, logger), postgresBus(url, logger)]);
    const heard = { one: [] as ClusterEvent[], two: [] as ClusterEvent[] };
    const all = new Promise<void>((resolve) => {
      const check = () => heard.one.length === 3 && heard.two.length === 3 && resolve();
      one.subscribe((e) => {
        heard.one.push(e);
        check();
      });
      two.subscribe((e) => {
        heard.two.push(e);
        check();
      });
    });
    const long = 'Cán bộ trả lời rất dài. '.repeat(600); // ~16 kB of UTF-8: over PostgreSQL's 8,000-byte limit
    const events: ClusterEvent[] = [
      { type: 'queue' },
      { type: 'citizen', sessionId: 's1', frame: { type: 'staff', name: 'Hoa', text: long } },
      { type: 'reindexed', origin: 'one' },
    ];
    for (const e of events) await one.publish(e);
    await all;
    expect(heard.one).toEqual(events);
    expect(heard.two).toEqual(events);
    await Promise.all([one.close(), two.close()]);
  });
});
