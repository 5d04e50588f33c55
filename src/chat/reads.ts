// Read state and read receipts (DESIGN.md §6a): CT_READ and
// CT_CONVERSATIONS of ChatCommands. A read is validated, made durable
// (ConversationStore.markRead), answered, then signalled to the reader's
// other devices and, for a 1:1, translated into the peer's numbering and
// signalled to the peer as a receipt once the rows it covers are persisted.
import type { Directory } from '../directory/directory.js';
import { ChatError, Code, UnavailableError } from '../errors.js';
import type { Logger } from '../log.js';
import type { SeqAllocator } from '../seq/seq-allocator.js';
import type { ConversationRecord, ConversationStore } from '../store/conversation-store.js';
import type { MessageStore } from '../store/message-store.js';
import type { ConversationInfo, ReadInput, Signals } from './commands.js';
import type { PushMessage } from './types.js';
import { SessionType } from './validate.js';

/** A ReadMsg as the wire carries it (the gateway's encodeRead). */
export interface ReadSignal {
  sessionType: number;
  peerId: number;
  seq: number;
  readerId: number;
}

/** First pause of a receipt waiting for persistence; doubled up to RECEIPT_POLL_MAX_MS. */
export const RECEIPT_POLL_FIRST_MS = 25;
export const RECEIPT_POLL_MAX_MS = 1000;
/** Attempts of a receipt's translation when the store fails. */
export const RECEIPT_ATTEMPTS = 3;

export interface ReadServiceOptions {
  conversations: ConversationStore;
  /** to see how far the reader's inbox is persisted */
  store: Pick<MessageStore, 'maxInboxSeq'>;
  directory: Directory;
  /** a read above the user's last allocated seq is refused (code 1) */
  seqs: Pick<SeqAllocator, 'peek'>;
  signals: Signals;
  /** Output{CT_READ, ReadMsg} (passed in: src/chat does not import the gateway) */
  encodeRead: (m: ReadSignal) => Uint8Array;
  /**
   * How long a receipt waits for the reader's inbox to be persisted up to
   * the seq read (write-behind: ~100 ms typically, up to the persistence
   * bound); after it, the receipt is translated from what is persisted.
   */
  receiptWaitMs: number;
  logger: Logger;
  now?: () => number;
}

/** The conversation's last message as the wire's Message, in the user's numbering. */
function lastMessage(c: ConversationRecord): PushMessage | null {
  const m = c.lastMessage;
  if (!m) return null;
  return { sessionType: m.sessionType, receiverId: m.receiverId, senderId: m.senderId, messageType: m.messageType, content: m.content, seq: c.lastSeq, sendTime: m.sendTime, msgId: m.msgId };
}

export class ReadService {
  private readonly now: () => number;
  private readonly waits = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  private closed = false;

  constructor(private readonly o: ReadServiceOptions) {
    this.now = o.now ?? Date.now;
  }

  /** CT_READ: resolves once the raised read_seq is committed; signals follow. */
  async read(userId: number, deviceId: string, m: ReadInput): Promise<void> {
    await this.check(userId, m);
    if (m.seq === 0) return;
    let r;
    try {
      r = await this.o.conversations.markRead(userId, m.sessionType, m.peerId, m.seq);
    } catch (err) {
      throw new UnavailableError('conversation store', err);
    }
    if (!r.raised) return;
    // The reader's other devices clear their unread counts.
    this.o.signals.send('read', [userId], this.o.encodeRead({ sessionType: m.sessionType, peerId: m.peerId, seq: r.readSeq, readerId: userId }), { userId, deviceId });
    if (m.sessionType === SessionType.SINGLE && m.peerId !== userId) {
      void this.receipt(userId, m.peerId, r.readSeq, r.previousReadSeq);
    }
  }

  /** CT_CONVERSATIONS: newest first, at most `limit`. */
  async conversations(userId: number, limit: number): Promise<ConversationInfo[]> {
    let list: ConversationRecord[];
    try {
      list = await this.o.conversations.list(userId, limit);
    } catch (err) {
      throw new UnavailableError('conversation store', err);
    }
    return list.map((c) => ({ sessionType: c.sessionType, peerId: c.peerId, lastMessage: lastMessage(c), readSeq: c.readSeq, unread: c.unread, peerReadSeq: c.peerReadSeq }));
  }

  /** Stops the receipts still waiting for persistence (they give up quietly). Idempotent. */
  close(): void {
    this.closed = true;
    for (const w of this.waits) {
      clearTimeout(w.timer);
      w.resolve();
    }
    this.waits.clear();
  }

  /** The peer or group must exist (code 4), a group must have the user (code 3), seq not above the user's last allocated seq (code 1). */
  private async check(userId: number, m: ReadInput): Promise<void> {
    const d = this.o.directory;
    let last: number | null;
    try {
      const [target, peeked] = await Promise.all([
        m.sessionType === SessionType.GROUP ? d.groupMembers(m.peerId) : d.existingUsers([m.peerId]).then((s) => s.has(m.peerId)),
        this.o.seqs.peek(userId).catch(() => null),
      ]);
      last = peeked;
      if (target === null || target === false) throw new ChatError(Code.NOT_FOUND, m.sessionType === SessionType.GROUP ? 'no such group' : 'no such user');
      if (target !== true && !target.includes(userId)) throw new ChatError(Code.FORBIDDEN, 'not a member of the group');
    } catch (err) {
      throw err instanceof ChatError ? err : new UnavailableError('directory', err);
    }
    // 0 or null: the counter is not known here (Redis lost it); the store's checks suffice.
    if (last && m.seq > last) throw new ChatError(Code.BAD_REQUEST, `seq ${m.seq} is above the last seq of the inbox (${last})`);
  }

  /**
   * The receipt of a 1:1 read of (afterSeq, seq]: once the reader's inbox is
   * persisted up to seq (or receiptWaitMs passed), the newest message of the
   * peer in that range, in the peer's numbering, raises the peer's
   * peer_read_seq and goes to the peer's devices. At least once while this
   * worker lives; the peer's CT_CONVERSATIONS has the durable value.
   */
  private async receipt(readerId: number, peerId: number, seq: number, afterSeq: number): Promise<void> {
    const deadline = this.now() + this.o.receiptWaitMs;
    let pause = RECEIPT_POLL_FIRST_MS;
    for (let attempt = 1; !this.closed; ) {
      try {
        const persisted = await this.o.store.maxInboxSeq(readerId);
        if (persisted < seq && this.now() < deadline) {
          await this.pause(Math.min(pause, Math.max(1, deadline - this.now())));
          pause = Math.min(pause * 2, RECEIPT_POLL_MAX_MS);
          continue;
        }
        const peerSeq = await this.o.conversations.translateRead(readerId, peerId, seq, afterSeq);
        if (peerSeq > 0 && !this.closed) {
          this.o.signals.send('receipt', [peerId], this.o.encodeRead({ sessionType: SessionType.SINGLE, peerId: readerId, seq: peerSeq, readerId }));
        }
        return;
      } catch (err) {
        if (attempt++ >= RECEIPT_ATTEMPTS) {
          this.o.logger.warn({ err, user: readerId, peer: peerId, seq }, 'read receipt not sent');
          return;
        }
        await this.pause(pause);
        pause = Math.min(pause * 2, RECEIPT_POLL_MAX_MS);
      }
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const w = {
        timer: setTimeout(() => {
          this.waits.delete(w);
          resolve();
        }, ms),
        resolve,
      };
      w.timer.unref?.();
      this.waits.add(w);
    });
  }
}
