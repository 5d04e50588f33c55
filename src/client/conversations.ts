// The client's conversation list with unread counts and read receipts
// (DESIGN.md §6a), pure bookkeeping: no socket, no timers. The server's
// CT_CONVERSATIONS answer is the truth as of when it was computed; messages
// delivered since, reads from the user's other devices (CT_READ pushes,
// reader = the user), the device's own reads and the peer's receipts move it
// on locally. conversation-sync.ts sends and receives the frames.
import { gochat } from '../proto/index.js';
import { recalledMsgId } from './frames.js';
import type { Conversation, ConversationKey, ReceivedMessage } from './sdk-types.js';

const { ST_SINGLE } = gochat.SessionType;
const { MT_RECALL, MT_RECALLED } = gochat.MessageType;

export const keyOf = (k: ConversationKey): string => `${k.sessionType}:${k.peerId}`;

/** The conversation a message of the user's inbox belongs to: the group, or the other user of a 1:1. */
export function conversationOf(m: ReceivedMessage, self: number): ConversationKey {
  if (m.sessionType !== ST_SINGLE) return { sessionType: m.sessionType, peerId: m.receiverId };
  return { sessionType: ST_SINGLE, peerId: m.senderId === self ? m.receiverId : m.senderId };
}

/** What a CT_READ push was: a read by another device of the user, or the peer's receipt. */
export interface ReadPushed {
  own: boolean;
  key: ConversationKey;
  /** the local count can no longer be worked out (ask CT_CONVERSATIONS) */
  stale: boolean;
}

interface Entry {
  c: Conversation;
  /** the server's last answer counted `baseUnread` messages from others up to `baseSeq`, above `baseRead` */
  baseSeq: number;
  baseUnread: number;
  baseRead: number;
  /** seqs above baseSeq of messages from others learnt since, ascending */
  others: number[];
  /** what the server has confirmed; c.readSeq may be ahead of it while a CT_READ is on its way */
  confirmedRead: number;
}

/**
 * Guarantees: `unread` counts messages from others above readSeq (what the
 * server counted when it answered, plus what arrived since); readSeq and
 * peerReadSeq never go below what the server confirmed; a message is counted
 * once however often it is delivered or listed. MT_RECALL messages are not
 * counted and never become the last message: they mark the message they take
 * back as MT_RECALLED. `changed` is called after every change with the
 * conversation's unread count before it.
 */
export class ConversationState {
  private readonly entries = new Map<string, Entry>();
  private total = 0;

  constructor(
    private readonly self: number,
    private readonly changed: (c: Conversation, unreadBefore: number) => void,
  ) {}

  /** Newest first (by the last message's seq); copies. */
  list(): Conversation[] {
    return [...this.entries.values()].map((e) => ({ ...e.c })).sort((a, b) => (b.lastMessage?.seq ?? 0) - (a.lastMessage?.seq ?? 0));
  }

  get(k: ConversationKey): Conversation | undefined {
    const e = this.entries.get(keyOf(k));
    return e && { ...e.c };
  }

  /** over every conversation */
  get totalUnread(): number {
    return this.total;
  }

  /** Whether the server has confirmed a read of `k` up to `seq` (or further). */
  readAt(k: ConversationKey, seq: number): boolean {
    return (this.entries.get(keyOf(k))?.confirmedRead ?? 0) >= seq;
  }

  /** A CT_CONVERSATIONS answer (the newest `limit`; the others are kept as they are). */
  applyList(list: Conversation[]): void {
    for (const s of list) {
      const e = this.entry(s);
      const before = e.c.unread;
      const last = s.lastMessage;
      e.baseSeq = last?.seq ?? 0;
      e.baseUnread = s.unread;
      e.baseRead = s.readSeq;
      e.others = e.others.filter((seq) => seq > e.baseSeq);
      e.confirmedRead = Math.max(e.confirmedRead, s.readSeq);
      e.c.readSeq = Math.max(e.c.readSeq, s.readSeq);
      e.c.peerReadSeq = Math.max(e.c.peerReadSeq, s.peerReadSeq);
      if (last && (!e.c.lastMessage || last.seq >= e.c.lastMessage.seq)) e.c.lastMessage = last;
      this.recount(e, before);
    }
  }

  /** A message delivered from the user's inbox (push or sync, own ones included). */
  message(m: ReceivedMessage): void {
    const k = conversationOf(m, this.self);
    if (m.messageType === MT_RECALL) return this.recalled(k, recalledMsgId(m.content));
    const e = this.entry(k);
    const before = e.c.unread;
    if (!e.c.lastMessage || m.seq > e.c.lastMessage.seq) e.c.lastMessage = m;
    if (m.senderId !== this.self && m.seq > e.baseSeq && m.seq > e.confirmedRead) insertSorted(e.others, m.seq);
    this.recount(e, before);
  }

  /** The message `msgId` was taken back: shown as MT_RECALLED with no content from now on. */
  recalled(k: ConversationKey, msgId: number): void {
    const e = this.entries.get(keyOf(k));
    const last = e?.c.lastMessage;
    if (!e || !last || last.msgId !== msgId || last.messageType === MT_RECALLED) return;
    e.c.lastMessage = { ...last, messageType: MT_RECALLED, content: new Uint8Array(0) };
    this.recount(e, e.c.unread);
  }

  /** This device read up to `seq` (optimistic, before the server's answer). Returns whether the count is stale. */
  readLocally(k: ConversationKey, seq: number): boolean {
    return this.raiseRead(this.entry(k), seq, false);
  }

  /** The server took a read up to `seq`. */
  readConfirmed(k: ConversationKey, seq: number): void {
    const e = this.entry(k);
    e.confirmedRead = Math.max(e.confirmedRead, seq);
    this.raiseRead(e, seq, true);
  }

  /** A read the server refused: readSeq goes back to max(what it confirmed, `keep`). */
  revertRead(k: ConversationKey, keep: number): void {
    const e = this.entry(k);
    const before = e.c.unread;
    e.c.readSeq = Math.max(e.confirmedRead, keep);
    this.recount(e, before);
  }

  /** A pushed ReadMsg: another device of the user read (reader = the user), or a 1:1 peer's read receipt. */
  readPushed(m: { sessionType: number; peerId: number; seq: number; readerId: number }): ReadPushed {
    if (m.readerId === this.self || m.readerId === 0) {
      const key = { sessionType: m.sessionType, peerId: m.peerId };
      const e = this.entry(key);
      e.confirmedRead = Math.max(e.confirmedRead, m.seq);
      return { own: true, key, stale: this.raiseRead(e, m.seq, true) };
    }
    // A receipt names the conversation from the reader's side or from ours: in a 1:1 the reader is the peer.
    const key = m.sessionType === ST_SINGLE ? { sessionType: ST_SINGLE, peerId: m.readerId } : { sessionType: m.sessionType, peerId: m.peerId };
    if (m.sessionType === ST_SINGLE) {
      const e = this.entry(key);
      if (m.seq > e.c.peerReadSeq) {
        e.c.peerReadSeq = m.seq;
        this.recount(e, e.c.unread);
      }
    }
    return { own: false, key, stale: false };
  }

  /** Raises readSeq to `seq`; true if the server's count no longer applies and what replaces it is unknown. */
  private raiseRead(e: Entry, seq: number, confirmed: boolean): boolean {
    const before = e.c.unread;
    if (seq > e.c.readSeq) e.c.readSeq = seq;
    if (confirmed) while (e.others.length && e.others[0]! <= e.confirmedRead) e.others.shift();
    this.recount(e, before);
    return seq < e.baseSeq && seq > e.baseRead && e.baseUnread > 0;
  }

  private recount(e: Entry, before: number): void {
    const r = e.c.readSeq;
    e.c.unread = (r >= e.baseSeq ? 0 : e.baseUnread) + countAbove(e.others, r);
    this.total += e.c.unread - before;
    this.changed({ ...e.c }, before);
  }

  private entry(k: ConversationKey): Entry {
    const id = keyOf(k);
    let e = this.entries.get(id);
    if (!e) {
      e = {
        c: { sessionType: k.sessionType, peerId: k.peerId, lastMessage: null, readSeq: 0, unread: 0, peerReadSeq: 0 },
        baseSeq: 0,
        baseUnread: 0,
        baseRead: 0,
        others: [],
        confirmedRead: 0,
      };
      this.entries.set(id, e);
    }
    return e;
  }
}

/** Inserts `v` into ascending `list` unless present (messages nearly always arrive in seq order: appended). */
function insertSorted(list: number[], v: number): void {
  if (list.length === 0 || list[list.length - 1]! < v) return void list.push(v);
  const i = firstAbove(list, v - 1);
  if (list[i] !== v) list.splice(i, 0, v);
}

/** How many of ascending `list` are above `v`. */
function countAbove(list: number[], v: number): number {
  return list.length - firstAbove(list, v);
}

/** The index of the first element of ascending `list` above `v`. */
function firstAbove(list: number[], v: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! > v) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
