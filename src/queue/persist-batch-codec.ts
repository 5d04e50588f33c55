// The bytes of one persistence-queue message: a PersistBatch as protobuf
// gochat.internal.PersistBatch (proto/internal.proto). Pure: no I/O, no state.
//
// Contract:
// - encodePersistBatch writes the inbox row columns as raw little-endian
//   float64s (fields 5-7), never the varint columns (fields 2-4).
// - decodePersistBatch(encodePersistBatch(b)) equals b for every batch whose
//   ids are safe non-negative integers (below 2^53): messages field by field,
//   content byte for byte, rows in order; `rejections` is present only when
//   non-empty.
// - decodePersistBatch also reads the previous version's varint columns
//   (batches left in the queue across an upgrade).
// - decodePersistBatch throws, with a message naming what is wrong, on bytes
//   that are no protobuf PersistBatch, columns of different lengths, a float64
//   column torn mid-value, an id that is not a safe non-negative integer, or a
//   send_time that is not a safe integer. A batch it returns is safe to write.
import { internal } from '../proto/index.js';
import { checkId } from '../store/persist-rows.js';
import type { PersistBatch, StoredMessage, StoredRejection } from '../store/types.js';
import { f64Array, f64Bytes } from '../util/f64-bytes.js';

/** AMQP content-type and type properties of every persist message (for people inspecting the queue). */
export const PERSIST_BATCH_CONTENT_TYPE = 'application/x-protobuf';
export const PERSIST_BATCH_MESSAGE_TYPE = 'gochat.internal.PersistBatch';

/** PersistBatch → protobuf gochat.internal.PersistBatch bytes (ids of the rows as float64 columns). */
export function encodePersistBatch(batch: PersistBatch): Buffer {
  const u8 = internal.PersistBatch.encode({
    messages: batch.messages,
    rejections: batch.rejections ?? [],
    userIdsF64: f64Bytes(batch.userIds),
    seqsF64: f64Bytes(batch.seqs),
    msgIdsF64: f64Bytes(batch.msgIds),
  }).finish();
  return Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
}

/** Decodes (either form of the rows) and validates; throws on bytes that are no PersistBatch. */
export function decodePersistBatch(bytes: Uint8Array): PersistBatch {
  const d = decodeProto(bytes);
  const f64 = d.userIdsF64?.length || d.seqsF64?.length || d.msgIdsF64?.length;
  const userIds: ArrayLike<number> = f64 ? f64Array(d.userIdsF64 ?? new Uint8Array(0), 'PersistBatch.user_ids_f64') : (d.userIds ?? []);
  const seqs: ArrayLike<number> = f64 ? f64Array(d.seqsF64 ?? new Uint8Array(0), 'PersistBatch.seqs_f64') : (d.seqs ?? []);
  const msgIds: ArrayLike<number> = f64 ? f64Array(d.msgIdsF64 ?? new Uint8Array(0), 'PersistBatch.msg_ids_f64') : (d.msgIds ?? []);
  if (userIds.length !== seqs.length || userIds.length !== msgIds.length) {
    throw new Error('PersistBatch: userIds, seqs and msgIds differ in length');
  }
  for (let i = 0; i < userIds.length; i++) {
    checkId(userIds[i]!);
    checkId(seqs[i]!);
    checkId(msgIds[i]!);
  }
  const messages = (d.messages ?? []).map((m): StoredMessage => {
    const s: StoredMessage = {
      msgId: m.msgId ?? 0,
      senderId: m.senderId ?? 0,
      deviceId: m.deviceId ?? '',
      clientId: m.clientId ?? 0,
      sessionType: m.sessionType ?? 0,
      receiverId: m.receiverId ?? 0,
      messageType: m.messageType ?? 0,
      content: m.content ?? new Uint8Array(0),
      sendTime: m.sendTime ?? 0,
      senderSeq: m.senderSeq ?? 0,
    };
    if (m.fence) s.fence = m.fence;
    for (const v of [s.msgId, s.senderId, s.clientId, s.receiverId, s.senderSeq, s.fence ?? 0]) checkId(v);
    if (!Number.isSafeInteger(s.sendTime)) throw new Error('PersistBatch: bad send_time');
    return s;
  });
  const rejections = (d.rejections ?? []).map((r): StoredRejection => {
    const x: StoredRejection = { senderId: r.senderId ?? 0, deviceId: r.deviceId ?? '', clientId: r.clientId ?? 0, code: r.code ?? 0, msg: r.msg ?? '', fence: r.fence ?? 0 };
    for (const v of [x.senderId, x.clientId, x.code, x.fence!]) checkId(v);
    return x;
  });
  return rejections.length ? { messages, rejections, userIds, seqs, msgIds } : { messages, userIds, seqs, msgIds };
}

function decodeProto(bytes: Uint8Array): ReturnType<typeof internal.PersistBatch.decode> {
  try {
    return internal.PersistBatch.decode(bytes);
  } catch (err) {
    throw new Error(`PersistBatch: not a protobuf PersistBatch (${err instanceof Error ? err.message : String(err)})`, { cause: err });
  }
}
