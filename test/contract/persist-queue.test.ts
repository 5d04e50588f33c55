// PersistQueue contract against the real RabbitMQ, plus what only the
// RabbitMQ implementation has: connection loss, an unreachable broker,
// undecodable messages, a deleted queue.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { connect } from 'amqplib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UnavailableError } from '../../src/chat/codes.js';
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

persistQueueContract('rabbitmq', async () => {
  const q = await openQueue();
  return [q, () => q.close()];
});

/** Closes the broker side of the named connection, like a broker restart or a network cut would. */
async function killConnection(name: string): Promise<void> {
  const run = promisify(execFile);
  const { stdout } = await run('rabbitmqctl', ['list_connections', 'pid', 'client_properties', '-q']);
  const line = stdout.split('\n').find((l) => l.includes(`{"connection_name","${name}"}`));
  if (!line) throw new Error(`connection ${name} not found`);
  const pid = line.split('\t')[0]!;
  await run('rabbitmqctl', ['close_connection', pid, 'test: connection killed']);
}

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

  it('survives the loss of its connection: reconnects, keeps consuming, publishes again', async () => {
    const q = await openQueue({ reconnectMinMs: 100, reconnectMaxMs: 500 });
    const got = new Set<string>();
    await q.consume(async (bs) => {
      for (const b of bs) got.add(canonical(b));
    });
    const before = makeBatch();
    await q.publish(before);
    await waitUntil(() => got.has(canonical(before)), 10_000, 'first batch');

    await killConnection(`${queue}-0`);
    // While it is down, publish fails fast instead of hanging; once it is back, it works.
    const after = makeBatch();
    await waitUntil(
      async () => {
        const t0 = Date.now();
        try {
          await q.publish(after);
          return true;
        } catch (err) {
          expect(err).toBeInstanceOf(UnavailableError);
          expect(Date.now() - t0).toBeLessThan(5_500);
          return false;
        }
      },
      15_000,
      'publish after reconnect',
    );
    await waitUntil(() => got.has(canonical(after)), 15_000, 'consuming after reconnect');
  });

  it('publishes in flight when the connection dies settle, and every one that resolved is delivered', async () => {
    const q = await openQueue({ reconnectMinMs: 100, publishTimeoutMs: 5_000 });
    const consumer = await openQueue();
    const got = new Set<string>();
    await consumer.consume(async (bs) => {
      for (const b of bs) got.add(canonical(b));
    });
    const pending: Promise<{ key: string; outcome: 'ok' | 'unavailable' | 'other' }>[] = [];
    let killed = false;
    const kill = killConnection(`${queue}-0`).then(
      () => null,
      (e: unknown) => e,
    );
    void kill.finally(() => {
      killed = true;
    });
    // Keep publishing until shortly after the connection is gone.
    let until = Infinity;
    while (Date.now() < until) {
      if (killed && until === Infinity) until = Date.now() + 300;
      for (let i = 0; i < 20; i++) {
        const b = makeBatch(3, 200);
        pending.push(
          q.publish(b).then(
            () => ({ key: canonical(b), outcome: 'ok' as const }),
            (e: unknown) => ({ key: canonical(b), outcome: e instanceof UnavailableError ? ('unavailable' as const) : ('other' as const) }),
          ),
        );
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    const killErr = await kill;
    if (killErr) throw killErr;
    const t0 = Date.now();
    const outcomes = await Promise.all(pending);
    expect(Date.now() - t0).toBeLessThan(5_500);
    expect(outcomes.filter((o) => o.outcome === 'other')).toEqual([]);
    const ok = outcomes.filter((o) => o.outcome === 'ok');
    expect(ok.length).toBeGreaterThan(0);
    expect(outcomes.some((o) => o.outcome === 'unavailable')).toBe(true);
    // No loss: whatever publish confirmed reaches the consumer.
    await waitUntil(() => ok.every((o) => got.has(o.key)), 20_000, 'every confirmed batch');
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
