// The uplink side of SqliteMessageStore: what the database knows of a
// device's uplink (its last client_id and fence) and the claims that fence
// off an earlier owner's copies (MessageStore.uplinkState, uplinkStates,
// findUplink, claimUplink; DESIGN.md §2.1). A claim is one BEGIN IMMEDIATE
// transaction, so it is serialised with every persist.
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { sqliteTransaction } from './db-sqlite.js';
import type { UplinkClaim, UplinkRecord } from './message-store.js';
import { checkId } from './persist-rows.js';
import { findStoredUplink } from './message-rows-sql.js';
import type { StoredUplink } from './types.js';

export class SqliteUplinkState {
  /** `db`: the message store's handle. */
  constructor(
    private readonly db: Sequelize,
    private readonly busyAttempts: number,
  ) {}

  /** One device after another: SQLite is in-process, a query costs no round trip. */
  async uplinkStates(devices: readonly { userId: number; deviceId: string }[]): Promise<UplinkRecord[]> {
    const out: UplinkRecord[] = [];
    for (const d of devices) out.push(await this.uplinkState(d.userId, d.deviceId));
    return out;
  }

  async uplinkState(userId: number, deviceId: string): Promise<UplinkRecord> {
    const rows = await this.db.query<{ client_id: number; sender_seq: number; msg_id: number }>(
      `SELECT client_id, sender_seq, msg_id FROM messages
        WHERE sender_id = ? AND device_id = ? ORDER BY client_id DESC LIMIT 1`,
      { replacements: [userId, deviceId], type: QueryTypes.SELECT },
    );
    const rejected = await this.db.query<{ client_id: number; code: number; msg: string }>(
      'SELECT client_id, code, msg FROM uplink_rejections WHERE sender_id = ? AND device_id = ? ORDER BY client_id DESC LIMIT 1',
      { replacements: [userId, deviceId], type: QueryTypes.SELECT },
    );
    const fences = await this.db.query<{ g: number | null }>('SELECT gen AS g FROM uplink_fence_gens WHERE sender_id = ? AND device_id = ?', {
      replacements: [userId, deviceId],
      type: QueryTypes.SELECT,
    });
    const m = rows[0];
    const r = rejected[0];
    let last: UplinkRecord['last'] = m ? { clientId: Number(m.client_id), senderSeq: Number(m.sender_seq), msgId: Number(m.msg_id) } : null;
    if (r && (!last || Number(r.client_id) > last.clientId)) last = { clientId: Number(r.client_id), code: Number(r.code), msg: r.msg };
    return { last, fence: Number(fences[0]?.g ?? 0) };
  }

  findUplink(userId: number, deviceId: string, clientId: number, t?: Transaction): Promise<StoredUplink | null> {
    return findStoredUplink(this.db, userId, deviceId, clientId, t);
  }

  async claimUplink(userId: number, deviceId: string, clientId: number): Promise<UplinkClaim> {
    checkId(userId);
    checkId(clientId);
    // One IMMEDIATE transaction: persist calls are serialised with it.
    return sqliteTransaction(this.db, async (t) => {
      const stored = await this.findUplink(userId, deviceId, clientId, t);
      if (stored) return { stored };
      await this.db.query('INSERT INTO uplink_fence_gens (sender_id, device_id, gen) VALUES (?, ?, 1) ON CONFLICT (sender_id, device_id) DO UPDATE SET gen = gen + 1', {
        replacements: [userId, deviceId],
        transaction: t,
      });
      const gens = await this.db.query<{ gen: number }>('SELECT gen FROM uplink_fence_gens WHERE sender_id = ? AND device_id = ?', {
        replacements: [userId, deviceId],
        transaction: t,
        type: QueryTypes.SELECT,
      });
      const fence = Number(gens[0]!.gen);
      await this.db.query('INSERT INTO uplink_fences (sender_id, device_id, gen, from_client_id) VALUES (?, ?, ?, ?)', {
        replacements: [userId, deviceId, fence, clientId],
        transaction: t,
      });
      return { fence };
    }, this.busyAttempts);
  }

}
