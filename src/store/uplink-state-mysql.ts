// The uplink side of MysqlMessageStore: what the database knows of a
// device's uplink (its last client_id and fence) and the claims that fence
// off an earlier owner's copies (MessageStore.uplinkState, uplinkStates,
// findUplink, claimUplink; DESIGN.md §2.1). Claims run with persist's
// locking reads (message-store-mysql.ts) so that the two exclude each other.
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { mysqlTransaction } from './db.js';
import type { UplinkClaim, UplinkRecord } from './message-store.js';
import { checkId, chunks, idListSql } from './persist-rows.js';
import { findStoredUplink } from './message-rows-sql.js';
import type { StoredUplink } from './types.js';

/** Claims are rare and may meet a persist of the same device: more attempts than the default. */
const CLAIM_ATTEMPTS = 8;

export class MysqlUplinkState {
  /** `db`: the message store's handle; `chunkRows`: senders per read. */
  constructor(
    private readonly db: Sequelize,
    private readonly chunkRows: number,
  ) {}

  async uplinkState(userId: number, deviceId: string): Promise<UplinkRecord> {
    return (await this.uplinkStates([{ userId, deviceId }]))[0]!;
  }

  async uplinkStates(devices: readonly { userId: number; deviceId: string }[]): Promise<UplinkRecord[]> {
    if (devices.length === 0) return [];
    for (const d of devices) checkId(d.userId);
    const key = (userId: number | string, deviceId: string) => `${userId}\n${deviceId}`;
    const last = new Map<string, UplinkRecord['last']>();
    const fence = new Map<string, number>();
    // Per chunk of senders, three reads side by side (the first message of
    // devices Redis does not know waits on them). Each reads every device
    // of the senders; the answers keep the ones asked for.
    const senders = [...new Set(devices.map((d) => d.userId))];
    for (const ids of chunks(senders, this.chunkRows)) {
      const list = idListSql(ids);
      const [rows, rejected, fences] = await Promise.all([
        // the last client_id per device from the uplink index (a loose index scan), then its row
        this.db.query<{ sender_id: number | string; device_id: string; client_id: number | string; sender_seq: number | string; msg_id: number | string }>(
          `SELECT m.sender_id, m.device_id, m.client_id, m.sender_seq, m.msg_id FROM messages m
             JOIN (SELECT sender_id, device_id, MAX(client_id) AS c FROM messages WHERE sender_id IN (${list}) GROUP BY sender_id, device_id) x
               ON m.sender_id = x.sender_id AND m.device_id = x.device_id AND m.client_id = x.c`,
          { type: QueryTypes.SELECT },
        ),
        this.db.query<{ sender_id: number | string; device_id: string; client_id: number | string; code: number | string; msg: string }>(
          `SELECT r.sender_id, r.device_id, r.client_id, r.code, r.msg FROM uplink_rejections r
             JOIN (SELECT sender_id, device_id, MAX(client_id) AS c FROM uplink_rejections WHERE sender_id IN (${list}) GROUP BY sender_id, device_id) x
               ON r.sender_id = x.sender_id AND r.device_id = x.device_id AND r.client_id = x.c`,
          { type: QueryTypes.SELECT },
        ),
        this.db.query<{ sender_id: number | string; device_id: string; gen: number | string }>(`SELECT sender_id, device_id, gen FROM uplink_fence_gens WHERE sender_id IN (${list})`, {
          type: QueryTypes.SELECT,
        }),
      ]);
      for (const m of rows) last.set(key(m.sender_id, m.device_id), { clientId: Number(m.client_id), senderSeq: Number(m.sender_seq), msgId: Number(m.msg_id) });
      for (const r of rejected) {
        const k = key(r.sender_id, r.device_id);
        const l = last.get(k);
        if (!l || Number(r.client_id) > l.clientId) last.set(k, { clientId: Number(r.client_id), code: Number(r.code), msg: r.msg });
      }
      for (const f of fences) fence.set(key(f.sender_id, f.device_id), Number(f.gen));
    }
    return devices.map((d) => {
      const k = key(d.userId, d.deviceId);
      return { last: last.get(k) ?? null, fence: fence.get(k) ?? 0 };
    });
  }

  findUplink(userId: number, deviceId: string, clientId: number, t?: Transaction): Promise<StoredUplink | null> {
    return findStoredUplink(this.db, userId, deviceId, clientId, t, ' LOCK IN SHARE MODE');
  }

  async claimUplink(userId: number, deviceId: string, clientId: number): Promise<UplinkClaim> {
    checkId(userId);
    checkId(clientId);
    try {
      return await mysqlTransaction(this.db, async (t) => {
        // The fence first: its insert waits for a persist that already read
        // the fences (that copy then is found below), and a persist reading
        // the fences later waits for this transaction and refuses the copy.
        await this.db.query('INSERT INTO uplink_fence_gens (sender_id, device_id, gen) VALUES (?, ?, 1) ON DUPLICATE KEY UPDATE gen = gen + 1', {
          replacements: [userId, deviceId],
          transaction: t,
        });
        const gens = await this.db.query<{ gen: number | string }>('SELECT gen FROM uplink_fence_gens WHERE sender_id = ? AND device_id = ?', {
          replacements: [userId, deviceId],
          transaction: t,
          type: QueryTypes.SELECT,
        });
        const fence = Number(gens[0]!.gen);
        await this.db.query('INSERT INTO uplink_fences (sender_id, device_id, gen, from_client_id) VALUES (?, ?, ?, ?)', {
          replacements: [userId, deviceId, fence, clientId],
          transaction: t,
        });
        const stored = await this.findUplink(userId, deviceId, clientId, t);
        if (stored) throw new FoundStored(stored); // rolls the fence back: nothing to refuse
        return { fence };
      }, CLAIM_ATTEMPTS);
    } catch (err) {
      if (err instanceof FoundStored) return { stored: err.stored };
      throw err;
    }
  }

}

/** Thrown inside a claim's transaction to roll it back when the copy is stored after all. */
class FoundStored {
  constructor(readonly stored: StoredUplink) {}
}
