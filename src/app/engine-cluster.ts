// The cluster engine: MariaDB/MySQL, Redis, RabbitMQ and (optionally) etcd.
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { CachedDirectory } from '../directory/directory-cached.js';
import type { Config } from '../config/schema.js';
import { RedisUplinkDedup } from '../dedup/uplink-dedup-redis.js';
import type { Logger } from '../log.js';
import { RedisPresence } from '../presence/presence-redis.js';
import { RabbitPersistQueue } from '../queue/persist-queue-rabbitmq.js';
import { RedisSeqAllocator } from '../seq/seq-allocator-redis.js';
import { SequelizeAccountStore } from '../store/account-store-sequelize.js';
import { MysqlConversationStore } from '../store/conversation-store-mysql.js';
import { openDb } from '../store/db.js';
import { MysqlMessageStore } from '../store/message-store-mysql.js';
import { MysqlMsgIdBlocks } from '../store/msg-id-blocks-mysql.js';
import { MysqlSeqSegments } from '../store/seq-segments-mysql.js';
import type { Engine } from './engine.js';
import { openRegistry } from './registry.js';
import { prepareStorage } from './storage.js';

const DEDUP_TTL_SECONDS = 7 * 86_400;
const GROUP_CACHE_TTL_SECONDS = 300;
const PRESENCE_TTL_MS = 60_000;
/** A shutting-down worker waits at most this long for the persistence queue to drain. */
const PERSIST_SETTLE_MAX_MS = 10_000;

export async function openClusterEngine(cfg: Config, log: Logger): Promise<Engine> {
  const closers: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const c of closers.splice(0).reverse()) await c().catch((err) => log.warn({ err }, 'engine close step failed'));
  };
  try {
    await prepareStorage(cfg, log);
    const db = openDb({ url: cfg.mysql.url, pool: cfg.mysql.pool });
    closers.push(() => db.close());
    await db.authenticate();

    const redis = new Redis(cfg.redis.url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: true, enableAutoPipelining: true });
    redis.on('error', (err) => log.debug({ err: err.message }, 'redis error'));
    await redis.connect();
    closers.push(async () => redis.disconnect());

    const queue = new RabbitPersistQueue({
      url: cfg.rabbitmq.url,
      queue: `${cfg.prefix}.persist`,
      prefetch: cfg.rabbitmq.prefetch,
      gatherMs: cfg.rabbitmq.persist_gather,
      heartbeatSec: Math.round(cfg.rabbitmq.heartbeat / 1000),
      publishTimeoutMs: cfg.rabbitmq.publish_timeout,
      retryMaxMs: cfg.rabbitmq.retry_max,
      logger: log,
    });
    closers.push(() => queue.close());
    await queue.ready();

    const store = new MysqlMessageStore(db);
    const accounts = new SequelizeAccountStore(db);
    const seqs = new RedisSeqAllocator({
      redis,
      prefix: cfg.prefix,
      segments: new MysqlSeqSegments(db),
      step: cfg.seq.step,
      threshold: cfg.seq.threshold,
      onError: (err) => log.warn({ err }, 'background seq reservation failed'),
    });
    closers.push(() => seqs.close());
    const dedup = new RedisUplinkDedup({ redis, prefix: cfg.prefix, window: cfg.limits.uplink_window, ttlSeconds: DEDUP_TTL_SECONDS });
    // The deployment's first start: nothing can be in flight, so devices
    // Redis does not know are new (no claims; see UplinkDedupStore).
    if (await dedup.markFirstStart(() => store.claimFirstStart())) log.info('first start of this deployment: uplink dedup state starts empty, nothing to recover');
    const discovery = openRegistry(cfg, log);
    if (discovery) closers.push(() => discovery.close());

    return {
      name: 'cluster',
      store,
      conversations: new MysqlConversationStore(db),
      msgIdBlocks: new MysqlMsgIdBlocks(db),
      accounts,
      directory: new CachedDirectory({ redis, prefix: cfg.prefix, accounts, ttlSeconds: GROUP_CACHE_TTL_SECONDS }),
      seqs,
      seqStats: seqs.stats,
      dedup,
      presence: new RedisPresence({ redis, prefix: cfg.prefix, ttlMs: PRESENCE_TTL_MS }),
      queue,
      discovery,
      async persisted() {
        // Bounded: until no batch is ready in the broker and this worker's
        // consumer holds none. (Batches other consumers hold unacknowledged
        // are theirs to finish, or the broker's to requeue.)
        const deadline = Date.now() + PERSIST_SETTLE_MAX_MS;
        while (Date.now() < deadline && (((await queue.depth().catch(() => null)) ?? 0) > 0 || !queue.idle)) await sleep(100);
      },
      async ready() {
        try {
          await Promise.all([db.query('SELECT 1'), redis.ping(), queue.depth()]);
          return true;
        } catch {
          return false;
        }
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
