// PersistQueue contract against the real RabbitMQ (connection loss
// included), plus what only the RabbitMQ implementation has: an unreachable
// broker, gathering deliveries, undecodable messages, a deleted queue.
import { execFile } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { connect } from 'amqplib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UnavailableError } from '../../src/errors.js';
import { encodePersistBatch } from '../../src/queue/persist-batch-codec.js';
import { RabbitPersistQueue, type RabbitPersistQueueOptions } from '../../src/queue/persist-queue-rabbitmq.js';
import type { PersistBatch } from '../../src/store/types.js';
import { RABBITMQ_URL, uniqueName } from '../support/env.js';
import { deleteRabbitQueue } from '../support/rabbitmq.js';
import { canonical, makeBatch, persistQueueContract, waitUntil } from './persist-queue.suite.js';

let queue = '';
const opened: RabbitPersistQueue[] = [];

beforeEach(() => {
  queue = uniqueName('q');
});
afterEach(async () => {
  for (const q of opened.splice(0)) await q.close();
  await deleteRabbitQueue(RABBITMQ_URL, queue);
});

async function openQueue(extra: Partial<RabbitPersistQueueOptions> = {}): Promise<RabbitPersistQueue> {
  const q = new RabbitPersistQueue({
    url: RABBITMQ_URL,
    queue,
    prefetch: 64,
    closeTimeoutMs: 500,
    connectionName: `${queue}-${opened.length}`,
    ...extra,
  });
  opened.push(q);
  await q.ready();
  return q;
}

/** Closes the broker side of the named connection, like a broker restart or a network cut would. */
async function killConnection(name: string): Promise<void> {
  const run = promisify(execFile);
  const { stdout } = await run('rabbitmqctl', ['list_connections', 'pid', 'client_properties', '-q']);
  const line = stdout.split('\n').find((l) => l.includes(`{"connection_name","${name}"}`));
  if (!line) throw new Error(`connection ${name} not found`);
  const pid = line.split('\t')[0]!;
  await run('rabbitmqctl', ['close_connection', pid, 'test: connection killed']);
}

persistQueueContract(
  'rabbitmq',
  // every handle of a test on one queue; handle i's connection is named `${queue}-i`
  { brokered: true, sharedByHandles: true, loseConnection: () => killConnection(`${queue}-0`) },
  async () => {
    // a quick reconnect for the connection-loss cases
    const q = await openQueue({ reconnectMinMs: 100, reconnectMaxMs: 500 });
    return [q, () => q.close()];
  },
);

describe('RabbitPersistQueue', () => {
  it('rejects publish at once with UnavailableError when the broker is unreachable, and ready() within its bound', async () => {
    const q = new RabbitPersistQueue({ url: 'amqp://guest:guest@127.0.0.1:1', queue, connectTimeoutMs: 800, publishTimeoutMs: 5_000 });
    opened.push(q);
    const t0 = Date.now();
    const err = await q.publish(makeBatch()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnavailableError);
    expect(Date.now() - t0).toBeLessThan(500);
    const t1 = Date.now();
    await expect(q.ready()).rejects.toBeInstanceOf(UnavailableError);
    expect(Date.now() - t1).toBeLessThan(2_000);
    await expect(q.publish(makeBatch())).rejects.toBeInstanceOf(UnavailableError);
    const t2 = Date.now();
    await q.close();
    expect(Date.now() - t2).toBeLessThan(1_000);
  });

  it('connectionChangedAt answers now while the broker cannot be reached or the connection is down, and holds still while it is up (sync passes over no gap during an outage)', async () => {
    const down = new RabbitPersistQueue({ url: 'amqp://guest:guest@127.0.0.1:1', queue, connectTimeoutMs: 800 });
    opened.push(down);
    const a = down.connectionChangedAt();
    await sleep(200);
    const b = down.connectionChangedAt();
    expect(b - a).toBeGreaterThanOrEqual(150);
    expect(Date.now() - b).toBeLessThan(50);

    const q = await openQueue({ reconnectMinMs: 1500, reconnectMaxMs: 1500 });
    const up = q.connectionChangedAt();
    await sleep(200);
    expect(q.connectionChangedAt()).toBe(up);
    await killConnection(`${queue}-${opened.length - 1}`);
    await waitUntil(() => Date.now() - q.connectionChangedAt() < 50 && q.connectionChangedAt() > up + 100, 5_000, 'the break seen');
    const during = q.connectionChangedAt();
    await sleep(300);
    expect(q.connectionChangedAt(), 'still down: the clock keeps up with now').toBeGreaterThanOrEqual(during + 250);
    await q.ready();
    const back = q.connectionChangedAt();
    await sleep(200);
    expect(q.connectionChangedAt(), 'up again: it holds still').toBe(back);
  });

  it('hands several deliveries that arrive together to one handler call', async () => {
    const q = await openQueue();
    const batches = Array.from({ length: 200 }, () => makeBatch(2, 50));
    await Promise.all(batches.map((b) => q.publish(b)));
    const sizes: number[] = [];
    const got: PersistBatch[] = [];
    await q.consume(async (bs) => {
      sizes.push(bs.length);
      got.push(...bs);
    });
    await waitUntil(() => got.length >= batches.length, 10_000, 'all batches');
    expect(Math.max(...sizes)).toBeGreaterThan(1);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(64);
    expect(got.map(canonical).sort()).toEqual(batches.map(canonical).sort());
  });

  it('moves an undecodable message to <queue>.dead and goes on with the valid ones', async () => {
    const q = await openQueue();
    const good = makeBatch();
    // Bytes no PersistBatch decodes to: a truncated length-delimited field.
    const garbage = Buffer.from([0x0a, 0xff, 0xff, 0x01, 0x02]);
    const conn = await connect(RABBITMQ_URL);
    try {
      const ch = await conn.createConfirmChannel();
      ch.sendToQueue(queue, garbage, { persistent: true });
      ch.sendToQueue(queue, encodePersistBatch(good), { persistent: true });
      await ch.waitForConfirms();
      const got: PersistBatch[] = [];
      await q.consume(async (bs) => {
        got.push(...bs);
      });
      await waitUntil(() => got.length >= 1, 10_000, 'the valid batch');
      expect(got.map(canonical)).toEqual([canonical(good)]);
      await waitUntil(async () => (await ch.checkQueue(`${queue}.dead`).catch(() => null))?.messageCount === 1, 5_000, 'dead letter');
      const dead = await ch.get(`${queue}.dead`, { noAck: true });
      expect(dead && Buffer.compare(dead.content, garbage)).toBe(0);
      expect(await q.depth()).toBe(0);
    } finally {
      await conn.close();
    }
  });

  it('rejects a publish the broker could not route (queue deleted), then declares the queue again', async () => {
    const q = await openQueue(); // publishes only
    // consumes; cancelled by the deletion, it reconnects (late enough not to re-declare the queue before q publishes)
    const consumer = await openQueue({ reconnectMinMs: 1_000 });
    const got = new Set<string>();
    await consumer.consume(async (bs) => {
      for (const b of bs) got.add(canonical(b));
    });
    await deleteRabbitQueue(RABBITMQ_URL, queue);
    await expect(q.publish(makeBatch())).rejects.toBeInstanceOf(UnavailableError);
    const later = makeBatch();
    await waitUntil(
      () =>
        q.publish(later).then(
          () => true,
          () => false,
        ),
      10_000,
      'publish after the queue is declared again',
    );
    await waitUntil(() => got.has(canonical(later)), 15_000, 'consumed after the consumer recovered');
  });
});
