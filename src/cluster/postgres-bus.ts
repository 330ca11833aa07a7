import pg from 'pg';
import type { Logger } from 'pino';
import type { ClusterEvent, EventBus } from './events.js';

const CHANNEL = 'dvc_events';
/** PostgreSQL refuses NOTIFY payloads of 8,000 bytes or more: a larger event is kept in cluster_events and its id sent. */
const MAX_PAYLOAD_BYTES = 7900;
/** Large events are read within seconds; older ones are deleted. */
const KEEP_LARGE_EVENTS = '1 hour';
const RECONNECT_MS = 1000;

/**
 * Events between instances through PostgreSQL LISTEN/NOTIFY on one connection of this instance's
 * own (no extra service; the store's migrations made the cluster_events table). An instance hears its own events too, so one code path delivers
 * everything. A NOTIFY is sent only to listeners connected at that moment: a socket that was on an
 * instance that died finds its state in the database when it reconnects (desk.current, transcripts).
 */
export async function postgresBus(url: string, logger: Logger): Promise<EventBus> {
  const handlers = new Set<(event: ClusterEvent) => void | Promise<void>>();
  let client: pg.Client | undefined;
  let closed = false;
  // Handlers run one after another, in the order the events arrived.
  let delivering: Promise<void> = Promise.resolve();

  const read = async (payload: string | undefined): Promise<ClusterEvent> => {
    const stored = /^#(\d+)$/.exec(payload ?? '');
    if (stored) payload = (await client!.query<{ payload: string }>('SELECT payload FROM cluster_events WHERE id = $1', [stored[1]])).rows[0]?.payload;
    return JSON.parse(payload ?? '') as ClusterEvent;
  };

  const deliver = (payload: string | undefined) => {
    delivering = delivering.then(async () => {
      let event: ClusterEvent;
      try {
        event = await read(payload);
      } catch (err) {
        return logger.warn({ err, event: 'bus_bad_payload' }, 'unreadable cluster event ignored');
      }
      for (const h of [...handlers]) {
        try {
          await h(event);
        } catch (err) {
          logger.error({ err, type: event.type }, 'cluster event handler failed');
        }
      }
    });
  };

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (n) => n.channel === CHANNEL && deliver(n.payload));
    c.on('error', (err) => {
      logger.error({ err }, 'cluster event connection lost; reconnecting');
      if (client === c) client = undefined;
      void c.end().catch(() => undefined);
      if (!closed) setTimeout(() => void connect().catch(() => undefined), RECONNECT_MS).unref();
    });
    await c.connect();
    await c.query(`LISTEN ${CHANNEL}`);
    client = c;
  };
  await connect();

  return {
    async publish(event) {
      if (!client) throw new Error('cluster event connection is down');
      let payload = JSON.stringify(event);
      if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) {
        await client.query(`DELETE FROM cluster_events WHERE created_at < now() - interval '${KEEP_LARGE_EVENTS}'`);
        const { id } = (await client.query<{ id: string }>('INSERT INTO cluster_events (payload) VALUES ($1) RETURNING id', [payload])).rows[0];
        payload = `#${id}`;
      }
      await client.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]);
    },
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    async close() {
      closed = true;
      handlers.clear();
      await client?.end().catch(() => undefined);
    },
  };
}
