// The embedded engine: one node that needs nothing but Node.js. Chat data in
// a SQLite file (sql/sqlite/), persistence direct and batched (group
// commit), seq allocation and presence in memory, uplink dedup in each
// worker, no registry (a single node).
//
// Seq allocation and presence must be shared by the workers of the node (a
// sender's worker allocates for recipients served by every worker, and
// pushes to them): the primary holds them (openEmbeddedHost) and workers
// call it over IPC, one round trip per pipeline tick. A worker started on
// its own (tests) holds them itself; several started in one process on one
// file share them, as the workers of one node do.
import path from 'node:path';
import { ReadThroughDirectory } from '../directory/directory-readthrough.js';
import type { EngineChannel, EngineServe } from '../cluster/engine-channel.js';
import type { Config } from '../config/schema.js';
import { MemoryUplinkDedup } from '../dedup/uplink-dedup-memory.js';
import type { Logger } from '../log.js';
import { IpcPresence, servePresence } from '../presence/presence-ipc.js';
import { MemoryPresence } from '../presence/presence-memory.js';
import { DirectPersistQueue } from '../queue/persist-queue-direct.js';
import { IpcSeqAllocator, isSeqCall, serveSeqAlloc } from '../seq/seq-allocator-ipc.js';
import { MemorySeqAllocator } from '../seq/seq-allocator-memory.js';
import { SequelizeAccountStore } from '../store/account-store-sequelize.js';
import { SqliteConversationStore } from '../store/conversation-store-sqlite.js';
import { openSqliteDb } from '../store/db-sqlite.js';
import { SqliteMessageStore } from '../store/message-store-sqlite.js';
import { SqliteMsgIdBlocks } from '../store/msg-id-blocks-sqlite.js';
import { SqliteSeqSegments } from '../store/seq-segments-sqlite.js';
import type { Engine } from './engine.js';
import { prepareStorage } from './storage.js';

/** Presence entries live this long without a refresh (the gateway refreshes every third of it). */
const PRESENCE_TTL_MS = 60_000;
/** An idle device's dedup state is dropped after this; its next message recovers it from SQLite. */
const DEDUP_TTL_SECONDS = 3600;

/** The node-wide state of the embedded engine, held by the primary for its workers. */
export interface EmbeddedHost {
  /** Answers a worker's call (seq allocation, presence). */
  serve: EngineServe;
  readonly seqs: MemorySeqAllocator;
  readonly presence: MemoryPresence;
  /** Once no worker can call any more: closes, giving back unused seq segments. Idempotent. */
  close(): Promise<void>;
}

/** Opens the primary's part: the node's seq allocator (segments in SQLite) and presence. */
export async function openEmbeddedHost(cfg: Config, log: Logger): Promise<EmbeddedHost> {
  const db = openSqliteDb({ path: cfg.sqlite.path });
  await db.query('SELECT 1');
  const seqs = new MemorySeqAllocator({
    segments: new SqliteSeqSegments(db),
    step: cfg.seq.step,
    threshold: cfg.seq.threshold,
    onError: (err) => log.warn({ err }, 'background seq reservation failed'),
  });
  const presence = new MemoryPresence({ ttlMs: PRESENCE_TTL_MS });
  let closing: Promise<void> | null = null;
  return {
    serve: (c) => (isSeqCall(c) ? serveSeqAlloc(seqs, c) : servePresence(presence, c)),
    seqs,
    presence,
    // After the workers are gone (the primary closes it last): nothing can allocate any more.
    close: () =>
      (closing ??= (async () => {
        await seqs.close();
        const released = await seqs.release().catch((err) => log.warn({ err }, 'giving back unused seq segments failed'));
        if (released) log.info({ users: released }, 'unused seq segments given back');
        presence.close();
        await db.close();
      })()),
  };
}

/** Node state of the workers started on their own in this process, per database file, with its users. */
const localHosts = new Map<string, { host: Promise<EmbeddedHost>; users: number }>();

/** The node state for a worker without a primary: shared with the other such workers of this process on the same file. */
async function acquireLocalHost(cfg: Config, log: Logger): Promise<{ host: EmbeddedHost; release(): Promise<void> }> {
  const key = path.resolve(cfg.sqlite.path);
  let entry = localHosts.get(key);
  if (!entry) {
    entry = { host: openEmbeddedHost(cfg, log), users: 0 };
    localHosts.set(key, entry);
    entry.host.catch(() => localHosts.delete(key));
  }
  entry.users++;
  const e = entry;
  const host = await e.host;
  let released = false;
  return {
    host,
    async release() {
      if (released) return;
      released = true;
      if (--e.users > 0) return;
      if (localHosts.get(key) === e) localHosts.delete(key);
      await host.close();
    },
  };
}

/**
 * Opens the embedded engine of one worker. `primary`: the channel to the
 * node-wide state in the primary, or null to hold it in this process.
 */
export async function openEmbeddedEngine(cfg: Config, log: Logger, primary: EngineChannel | null): Promise<Engine> {
  const closers: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const c of closers.splice(0).reverse()) await c().catch((err) => log.warn({ err }, 'engine close step failed'));
  };
  try {
    await prepareStorage(cfg, log);
    const db = openSqliteDb({ path: cfg.sqlite.path });
    closers.push(() => db.close());
    await db.query('SELECT 1');
    const store = new SqliteMessageStore(db);
    const accounts = new SequelizeAccountStore(db);

    let seqs: MemorySeqAllocator | IpcSeqAllocator;
    let presence: MemoryPresence | IpcPresence;
    if (primary) {
      closers.push(async () => primary.close());
      seqs = new IpcSeqAllocator((c) => primary.call(c));
      presence = new IpcPresence((c) => primary.call(c));
    } else {
      const local = await acquireLocalHost(cfg, log);
      // released after the pipeline drained: this worker allocates no more
      closers.push(() => local.release());
      seqs = local.host.seqs;
      presence = local.host.presence;
    }
    const dedup = new MemoryUplinkDedup({ window: cfg.limits.uplink_window, ttlSeconds: DEDUP_TTL_SECONDS });
    closers.push(async () => dedup.close());
    const queue = new DirectPersistQueue({ persist: (batches) => store.persist(batches) });
    closers.push(() => queue.close());

    return {
      name: 'embedded',
      store,
      conversations: new SqliteConversationStore(db),
      msgIdBlocks: new SqliteMsgIdBlocks(db),
      accounts,
      directory: new ReadThroughDirectory(accounts),
      seqs,
      seqStats: seqs.stats,
      dedup,
      presence,
      queue,
      discovery: null,
      // publish resolves once committed: wait only for publishes still in flight.
      persisted: () => queue.settled(),
      async ready() {
        try {
          await db.query('SELECT 1');
          if (primary) await presence.lookup([0]);
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
