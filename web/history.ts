// What the page remembers across reloads, per (user, device), in
// localStorage: the messages of every conversation and the SDK's store.
//
// It is the SDK's ClientStore. The next client_id and the unsent messages go
// to storage at once (LocalStorageStore), as the SDK needs. The last
// contiguous seq is written only together with the messages it covers, in
// one snapshot: a tab closed between the two can only leave the seq behind
// the messages, and the SDK then syncs them again (dropped here by seq),
// never ahead of them (which would lose them).
import { recalledMsgId } from '../src/client/frames.js';
import type { ClientStore, ConversationKey, ReceivedMessage, SendResult, UnsentMessage } from '../src/client/sdk.js';
import { LocalStorageStore, type StorageLike } from '../src/client/store-local.js';

/** SessionType and MessageType of the wire protocol (DESIGN.md §6, §6a). */
export const ST_SINGLE = 1;
export const ST_GROUP = 2;
export const MT_TEXT = 1;
export const MT_RECALL = 4;
export const MT_RECALLED = 5;
const KIND_NAMES: Record<number, string> = { 2: '[picture]', 3: '[voice message]' };

/** sending: not yet acknowledged · sent: acknowledged (own) · failed: rejected (own) · received: from someone else */
export type DeliveryState = 'sending' | 'sent' | 'failed' | 'received';

export interface ChatMessage {
  /** `u:<peer user id>` or `g:<group id>` */
  conv: string;
  /** the seq in the own inbox; 0 while sending or when rejected */
  seq: number;
  /** the client_id when sent from this device, else 0 */
  clientId: number;
  /** the server-wide id (0 until known: an own message learns it when it is synced back) */
  msgId: number;
  /** taken back by its sender (MT_RECALL): its text is gone */
  recalled?: boolean;
  senderId: number;
  text: string;
  /** ms since epoch */
  time: number;
  state: DeliveryState;
  error?: string;
  /** position: the seq; a rejected message sits just after what was there when it was rejected */
  order: number;
}

interface Snapshot {
  v: 1;
  lastSeq: number;
  messages: ChatMessage[];
  /** conv → display name */
  names: Record<string, string>;
}

/** Messages kept in storage (the newest); older ones stay on the server only. */
export const MAX_KEPT = 2000;
const FLUSH_DELAY_MS = 200;
/** Unsent messages sort after everything that has a seq. */
const PENDING_ORDER = 1e15;

export function convKey(sessionType: number, receiverId: number, senderId: number, me: number): string {
  if (sessionType === ST_GROUP) return `g:${receiverId}`;
  return `u:${senderId === me ? receiverId : senderId}`;
}

export function parseConv(conv: string): { group: boolean; id: number } {
  return { group: conv.startsWith('g:'), id: Number(conv.slice(2)) };
}

/** The SDK's name of a conversation, and back. */
export function keyOfConv(conv: string): ConversationKey {
  const { group, id } = parseConv(conv);
  return { sessionType: group ? ST_GROUP : ST_SINGLE, peerId: id };
}
export function convOfKey(k: ConversationKey): string {
  return `${k.sessionType === ST_GROUP ? 'g' : 'u'}:${k.peerId}`;
}

const decoder = new TextDecoder();
export function textOf(messageType: number, content: Uint8Array): string {
  return messageType === MT_TEXT ? decoder.decode(content) : (KIND_NAMES[messageType] ?? '[message]');
}

export class ChatHistory implements ClientStore {
  private readonly ids: LocalStorageStore;
  private readonly key: string;
  private lastSeq = 0;
  private maxOrder = 0;
  private readonly byConv = new Map<string, ChatMessage[]>();
  private readonly bySeq = new Map<number, ChatMessage>();
  private readonly byMsgId = new Map<number, ChatMessage>();
  /** recalls that came before their message (kept for this page's life) */
  private readonly recalledEarly = new Set<number>();
  /** taken out of the unsent list by the SDK, waiting for its ack event */
  private readonly settling = new Map<number, UnsentMessage>();
  readonly names = new Map<string, string>();
  private snapshotLoaded = false;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  /** called after every change (the page re-renders) */
  onChange: () => void = () => undefined;

  constructor(
    private readonly storage: StorageLike,
    readonly userId: number,
    deviceId: string,
  ) {
    const prefix = `gochat:${userId}:${deviceId}`;
    this.ids = new LocalStorageStore(storage, prefix);
    this.key = `${prefix}:history`;
  }

  // ---- ClientStore ----

  async load(): Promise<{ lastSeq: number; nextClientId: number; unsent: UnsentMessage[] }> {
    this.loadSnapshot();
    const st = await this.ids.load();
    return { lastSeq: this.lastSeq, nextClientId: st.nextClientId, unsent: st.unsent };
  }

  saveLastSeq(seq: number): void {
    this.lastSeq = seq;
    this.changed();
  }

  saveNextClientId(id: number): void {
    this.ids.saveNextClientId(id);
  }

  addUnsent(m: UnsentMessage): void {
    this.ids.addUnsent(m);
    this.onChange();
  }

  removeUnsent(clientId: number): void {
    const m = this.ids.pending().find((u) => u.clientId === clientId);
    if (m) this.settling.set(clientId, m);
    this.ids.removeUnsent(clientId);
  }

  // ---- what the page shows ----

  /** A message the SDK handed over (a push or a sync page, in seq order). Null when already known. */
  addReceived(m: ReceivedMessage): ChatMessage | null {
    if (m.messageType === MT_RECALL) {
      this.recall(recalledMsgId(m.content));
      return null;
    }
    const known = this.bySeq.get(m.seq);
    if (known) {
      known.time = m.sendTime || known.time; // the server's time replaces the local guess
      if (m.msgId && !known.msgId) this.learnMsgId(known, m.msgId);
      if (m.messageType === MT_RECALLED) this.recall(known.msgId);
      this.changed();
      return null;
    }
    const me = this.userId;
    const recalled = m.messageType === MT_RECALLED || this.recalledEarly.has(m.msgId);
    return this.insert({
      conv: convKey(m.sessionType, m.receiverId, m.senderId, me),
      seq: m.seq,
      clientId: 0,
      msgId: m.msgId,
      senderId: m.senderId,
      text: recalled ? '' : textOf(m.messageType, m.content),
      time: m.sendTime,
      state: m.senderId === me ? 'sent' : 'received',
      order: m.seq,
      ...(recalled ? { recalled } : {}),
    });
  }

  /** The message `msgId` was taken back by its sender: its text goes, here and in storage. */
  recall(msgId: number): void {
    if (!msgId) return;
    const m = this.byMsgId.get(msgId);
    if (!m) return void this.recalledEarly.add(msgId);
    if (m.recalled) return;
    m.recalled = true;
    m.text = '';
    this.changed();
  }

  /** The SDK's answer to a message this device sent: sent (with its seq) or failed. */
  settle(r: SendResult): ChatMessage | null {
    const u = this.settling.get(r.clientId);
    this.settling.delete(r.clientId);
    if (!u || u.messageType === MT_RECALL) return null; // a recall is shown on the message it takes back
    const base = {
      conv: convKey(u.sessionType, u.receiverId, this.userId, this.userId),
      clientId: u.clientId,
      msgId: r.msgId,
      senderId: this.userId,
      text: textOf(u.messageType, u.content),
      time: Date.now(),
    };
    if (r.code === 0) {
      const known = this.bySeq.get(r.seq);
      if (known) {
        known.clientId = u.clientId;
        if (!known.msgId) known.msgId = r.msgId;
        this.changed();
        return known;
      }
      return this.insert({ ...base, seq: r.seq, state: 'sent', order: r.seq });
    }
    return this.insert({ ...base, seq: 0, state: 'failed', error: r.codeMsg || `code ${r.code}`, order: this.maxOrder + 0.5 });
  }

  /** The messages of one conversation, oldest first, the unsent ones last. */
  messages(conv: string): ChatMessage[] {
    const list = [...(this.byConv.get(conv) ?? [])];
    for (const m of this.pendingMessages()) if (m.conv === conv) list.push(m);
    return list;
  }

  /** Every conversation with its newest message, the most recent first. */
  conversations(): { conv: string; last: ChatMessage }[] {
    const out = new Map<string, { conv: string; last: ChatMessage }>();
    for (const [conv, list] of this.byConv) out.set(conv, { conv, last: list.at(-1)! });
    for (const m of this.pendingMessages()) out.set(m.conv, { conv: m.conv, last: m });
    return [...out.values()].sort((a, b) => b.last.order - a.last.order);
  }

  /** The highest seq of a conversation's messages (what reading it up to the end means). */
  newestSeq(conv: string): number {
    const list = this.byConv.get(conv) ?? [];
    for (let i = list.length - 1; i >= 0; i--) if (list[i]!.seq > 0) return list[i]!.seq;
    return 0;
  }

  setName(conv: string, name: string): void {
    if (this.names.get(conv) === name) return;
    this.names.set(conv, name);
    this.changed();
  }

  /** Writes the snapshot now (the page is going away). */
  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const snap = (): Snapshot => ({
      v: 1,
      lastSeq: this.lastSeq,
      messages: [...this.byConv.values()].flat(),
      names: Object.fromEntries(this.names),
    });
    this.trim(MAX_KEPT);
    try {
      this.storage.setItem(this.key, JSON.stringify(snap()));
    } catch {
      // Storage full: keep half, and say so by keeping the old snapshot if even that fails.
      this.trim(Math.floor(MAX_KEPT / 2));
      try {
        this.storage.setItem(this.key, JSON.stringify(snap()));
      } catch {
        /* the previous snapshot stays; the SDK re-syncs from its lastSeq */
      }
    }
  }

  /** Messages not acknowledged yet, shown as sending (a recall waiting to go is not a message). */
  private pendingMessages(): ChatMessage[] {
    return this.ids.pending().filter((u) => u.messageType !== MT_RECALL).map((u) => this.pendingMessage(u));
  }

  private pendingMessage(u: UnsentMessage): ChatMessage {
    return {
      conv: convKey(u.sessionType, u.receiverId, this.userId, this.userId),
      seq: 0,
      clientId: u.clientId,
      msgId: 0,
      senderId: this.userId,
      text: textOf(u.messageType, u.content),
      time: 0,
      state: 'sending',
      order: PENDING_ORDER + u.clientId,
    };
  }

  private insert(m: ChatMessage): ChatMessage {
    let list = this.byConv.get(m.conv);
    if (!list) this.byConv.set(m.conv, (list = []));
    // Nearly always the newest: walk back from the end.
    let i = list.length;
    while (i > 0 && list[i - 1]!.order > m.order) i--;
    list.splice(i, 0, m);
    if (m.seq) this.bySeq.set(m.seq, m);
    if (m.msgId) this.byMsgId.set(m.msgId, m);
    if (m.order > this.maxOrder) this.maxOrder = m.order;
    this.changed();
    return m;
  }

  /** Drops the oldest messages beyond `keep`. */
  private trim(keep: number): void {
    const all = [...this.byConv.values()].flat();
    if (all.length <= keep) return;
    all.sort((a, b) => a.order - b.order);
    for (const m of all.slice(0, all.length - keep)) {
      const list = this.byConv.get(m.conv)!;
      list.splice(list.indexOf(m), 1);
      if (list.length === 0) this.byConv.delete(m.conv);
      if (m.seq) this.bySeq.delete(m.seq);
      if (m.msgId) this.byMsgId.delete(m.msgId);
    }
  }

  private learnMsgId(m: ChatMessage, msgId: number): void {
    m.msgId = msgId;
    this.byMsgId.set(msgId, m);
    if (this.recalledEarly.has(msgId)) this.recall(msgId);
  }

  private changed(): void {
    this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_DELAY_MS);
    this.onChange();
  }

  private loadSnapshot(): void {
    if (this.snapshotLoaded) return;
    this.snapshotLoaded = true;
    let snap: Partial<Snapshot> | null = null;
    try {
      snap = JSON.parse(this.storage.getItem(this.key) ?? 'null') as Partial<Snapshot> | null;
    } catch {
      snap = null; // corrupt: start over; the SDK syncs everything from seq 0
    }
    if (!snap || snap.v !== 1 || !Array.isArray(snap.messages)) return;
    this.lastSeq = Number(snap.lastSeq) || 0;
    for (const m of snap.messages) if (m && typeof m.conv === 'string') this.insert({ ...m, msgId: Number(m.msgId) || 0 });
    for (const [k, v] of Object.entries(snap.names ?? {})) this.names.set(k, String(v));
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
  }
}
