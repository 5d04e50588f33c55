// A reusable traffic generator and end-to-end checker on top of the SDK
// (GoChatClient): users with one or more devices send 1:1 and group messages
// at random while connections may be dropped at random; afterwards the
// checker compares three views that must agree exactly (DESIGN.md §3):
//
//   ACKed messages (code 0)  =  each recipient's inbox in MySQL (msg_id ≠ 0)
//                            =  what each device of each recipient received
//
// with zero lost, zero duplicated, each device's seqs strictly increasing,
// each recipient seeing every (sender, device)'s messages in send order (I3),
// every ACK seq distinct per sender and equal to the sender's inbox seq (I4).
//
// Message content encodes its origin: `tf|<sender>|<device>|<counter>|<kind>|<target>`,
// counter = 1, 2, … per (sender, device) in send order.
//
// Besides, every device's wire is watched (HandoutWatch): the server must
// never hand a device (by push or sync) a message below what it already
// handed it, nor answer a sync with seqs below what an earlier sync returned
// ("sync never backwards", I5); check() counts such violations, and sorts
// every problem into lost / duplicated / out of order (TrafficCounts).
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';
import { mulberry32 } from './prng.js';
import mysql from 'mysql2/promise';
import { GoChatClient, type ClientOptions, type ClientState, type SendResult, type SocketLike } from '../../src/client/sdk.js';
import { gochat } from '../../src/proto/index.js';


export interface TrafficUser {
  userId: number;
  token: string;
}

export interface TrafficGroup {
  groupId: number;
  /** every member, the owner included */
  memberIds: number[];
}

export interface TrafficOptions {
  /** ws://host:port/ws; may be changed later with setWsUrl (a server that moved) */
  wsUrl: string;
  users: TrafficUser[];
  /** devices of each user (index-aligned with users); 1 when absent */
  devices?: number[];
  groups: TrafficGroup[];
  /** messages per second per user, on average (spread over its devices) */
  ratePerUser?: number;
  /** share of a member's messages that go into one of its groups */
  groupShare?: number;
  /** PRNG seed (logged in the summary, to replay a failing run) */
  seed?: number;
  /** extra SDK options (retransmitMs, reconnectMaxMs, …) */
  client?: Partial<Omit<ClientOptions, 'wsUrl' | 'token' | 'deviceId' | 'socket'>>;
  /** padding added to each content (bytes) */
  padding?: number;
  /** the client class (GoChatClient by default; e.g. a candidate fix of the SDK) */
  clientClass?: typeof GoChatClient;
  /**
   * Asked before every connect of every device (the first one included) for
   * a node's ws URL, e.g. GET /api/nodes/pick of some node; null keeps the
   * previous URL. Without it every device connects to wsUrl.
   */
  nodeUrl?: () => Promise<string | null>;
}

export interface SentRecord {
  key: string;
  senderId: number;
  deviceId: string;
  counter: number;
  kind: 'single' | 'group';
  target: number;
  recipients: number[];
  sentAt: number;
  result: SendResult | null;
  ackAt: number;
}

export interface ReceivedRecord {
  key: string;
  senderId: number;
  deviceId: string;
  counter: number;
  seq: number;
  msgId: number;
  at: number;
}

/** Outputs seen on a device's socket (snooped beside the SDK). */
export interface WireStats {
  frames: number;
  pushes: number;
  /** push arrival times (ms since epoch) */
  pushTimes: number[];
  /** AT_UP answers by code */
  upCodes: Map<number, number>;
  /** AT_UP answers with code 7 by arrival time */
  transientTimes: number[];
  syncErrors: number;
  logins: number;
  lastFrameAt: number;
  /** CT_SYNC requests written / answers received */
  syncsSent: number;
  syncAnswers: number;
  /** recent SDK state changes and sync traffic (diagnosis) */
  events: string[];
}

/**
 * Watches what the server hands one device (every push and sync answer on
 * its current socket) for "sync never backwards" (DESIGN.md I5):
 *  - a message the device has not seen yet must not come (by push or sync)
 *    with a seq at or below what the device was already handed: the SDK's
 *    lastSeq before the frame (the last contiguous seq handed to the
 *    application, or skipped past on the server's word: next_seq), or the
 *    top of an earlier sync answer;
 *  - a sync answer must not return a seq at or below the top (highest seq or
 *    next_seq) of an earlier sync answer to that device.
 * Each offending message counts once in `backwards`. Also counted: the same
 * message (by content key) handed at two different seqs (`dupKeys`), and two
 * different messages handed at one seq (`seqConflicts`).
 */
export class HandoutWatch {
  /** content key -> the seq it was first handed at */
  readonly seqOf = new Map<string, number>();
  /** seq -> the content key first handed at it */
  readonly keyAt = new Map<number, string>();
  /** top of the sync answers so far (highest seq returned, or next_seq) */
  syncFloor = 0;
  backwards = 0;
  seqConflicts = 0;
  readonly dupKeys = new Set<string>();
  /** the first few violations, readable */
  readonly examples: string[] = [];
  pushes = 0;
  syncAnswers = 0;

  constructor(readonly where: string) {}

  /** One server frame (an OutputBatch); `handed` = the device's last handed seq before this frame. */
  frame(data: Uint8Array, handed: number): void {
    let outs: gochat.Output[];
    try {
      outs = gochat.OutputBatch.decode(data).outputs.map((o) => gochat.Output.decode(o));
    } catch {
      return;
    }
    for (const o of outs) {
      if (o.type === gochat.CmdType.CT_MESSAGE) {
        const m = gochat.PushMsg.decode(o.data ?? new Uint8Array(0)).msg;
        if (m) this.message('push', m, Math.max(handed, this.syncFloor), Infinity);
        this.pushes++;
      } else if (o.type === gochat.CmdType.CT_SYNC && o.code === 0) {
        this.syncAnswers++;
        const page = gochat.SyncOutputMsg.decode(o.data ?? new Uint8Array(0));
        const before = this.syncFloor;
        let top = before;
        for (const m of page.messages) {
          this.message('sync', m, Math.max(handed, before), before);
          top = Math.max(top, Number(m.seq ?? 0));
        }
        this.syncFloor = Math.max(top, Number(page.nextSeq ?? 0));
      }
    }
  }

  /** Same as frame(), for one message already decoded (e.g. from a RawClient). */
  handed(src: 'push' | 'sync', m: gochat.IMessage, handed: number, syncFloorBefore = Infinity): void {
    this.message(src, m, Math.max(handed, this.syncFloor), syncFloorBefore);
  }

  private message(src: 'push' | 'sync', m: gochat.IMessage, floor: number, syncFloorBefore: number): void {
    const seq = Number(m.seq ?? 0);
    const p = parseContent(m.content ?? new Uint8Array(0));
    const key = p ? keyOf(p.senderId, p.deviceId, p.counter) : `msg_id:${Number(m.msgId ?? 0)}`;
    const note = (what: string) => {
      if (this.examples.length < 6) this.examples.push(`${this.where}: ${src}: ${what}`);
    };
    const prev = this.seqOf.get(key);
    let bad: string | null = null;
    if (prev === undefined) {
      this.seqOf.set(key, seq);
      if (seq <= floor) bad = `new message ${key} at seq ${seq}, at or below seq ${floor} already handed`;
    } else if (prev !== seq && !this.dupKeys.has(key)) {
      this.dupKeys.add(key);
      note(`${key} handed again at seq ${seq} (first at ${prev})`);
    }
    if (!bad && src === 'sync' && seq <= syncFloorBefore) bad = `sync answer has seq ${seq} (${key}), an earlier sync answer reached ${syncFloorBefore}`;
    const other = this.keyAt.get(seq);
    if (other === undefined) this.keyAt.set(seq, key);
    else if (other !== key) {
      this.seqConflicts++;
      note(`seq ${seq} handed for ${key}, earlier for ${other}`);
    }
    if (bad) {
      this.backwards++;
      note(`sync backwards: ${bad}`);
    }
  }
}

/**
 * A socket factory (for GoChatClient) on `ws` whose frames are shown to
 * `watch` first, with `lastSeq()` (the client's handed seq before the frame);
 * frames of a socket that is no longer the newest are not shown.
 */
export function watchedSocketFactory(watch: HandoutWatch, lastSeq: () => number, mapUrl: (url: string) => string = (u) => u): (url: string) => SocketLike {
  let current: WebSocket | null = null;
  return (url: string) => {
    const ws = new WebSocket(mapUrl(url), { perMessageDeflate: false });
    current = ws;
    ws.on('error', () => undefined);
    ws.on('message', (data: Buffer | ArrayBuffer) => {
      if (ws !== current) return;
      watch.frame(data instanceof ArrayBuffer ? new Uint8Array(data) : data, lastSeq());
    });
    return ws as unknown as SocketLike;
  };
}

export class TrafficDevice {
  readonly client: GoChatClient;
  readonly received: ReceivedRecord[] = [];
  readonly watch: HandoutWatch;
  /** host:port of every connection opened, in order */
  readonly hosts: string[] = [];
  /** the URL of the first connect (from nodeUrl), if any */
  startUrl: string | null = null;
  readonly wire: WireStats = { frames: 0, pushes: 0, pushTimes: [], upCodes: new Map(), transientTimes: [], syncErrors: 0, logins: 0, lastFrameAt: 0, syncsSent: 0, syncAnswers: 0, events: [] };
  counter = 0;
  drops = 0;
  errors = 0;
  sendTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly userId: number,
    readonly deviceId: string,
    client: GoChatClient,
  ) {
    this.client = client;
    this.watch = new HandoutWatch(`device ${userId}/${deviceId}`);
  }

  /** connections that went to another node than the one before */
  get nodeSwitches(): number {
    let n = 0;
    for (let i = 1; i < this.hosts.length; i++) if (this.hosts[i] !== this.hosts[i - 1]) n++;
    return n;
  }

  get state(): ClientState {
    return this.client.state;
  }
}

export interface TrafficSummary {
  seed: number;
  users: number;
  devices: number;
  sent: number;
  acked: number;
  rejected: number;
  unanswered: number;
  single: number;
  group: number;
  expectedInboxRows: number;
  drops: number;
  transient: number;
  pushes: number;
  logins: number;
  syncErrors: number;
  sendingMs: number;
  /** connections opened on another node than the device's previous one */
  nodeSwitches: number;
}

/** The problems of a report, sorted (DESIGN.md §3). */
export interface TrafficCounts {
  sent: number;
  /** answered with code 0 */
  acked: number;
  /** never answered */
  unanswered: number;
  /** answered with a final error code */
  rejected: number;
  /** ACKed messages missing from some recipient's inbox (or with no message row), or never handed to some recipient device */
  lost: number;
  lostInInbox: number;
  lostOnDevice: number;
  /** messages stored twice (message rows, inbox rows) or handed to a device twice / at two seqs */
  duplicated: number;
  /** per-sender order broken in an inbox or on a device, or a device's seqs not increasing */
  outOfOrder: number;
  /** HandoutWatch violations summed over devices */
  syncBackwards: number;
  /** one seq ACKed for two messages of a sender, or two messages handed at one seq */
  seqReused: number;
  /** every other problem (unexpected rows, ACK seq ≠ inbox seq, …) */
  other: number;
}

export interface TrafficReport {
  summary: TrafficSummary;
  /** every disagreement found, human readable (empty = all good) */
  problems: string[];
  /** the same, counted by kind */
  counts: TrafficCounts;
}


export function parseContent(content: Uint8Array): { senderId: number; deviceId: string; counter: number; kind: string; target: number } | null {
  const s = Buffer.from(content).toString('utf8');
  const parts = s.split('|');
  if (parts[0] !== 'tf' || parts.length < 6) return null;
  return { senderId: Number(parts[1]), deviceId: parts[2]!, counter: Number(parts[3]), kind: parts[4]!, target: Number(parts[5]) };
}

export function keyOf(senderId: number, deviceId: string, counter: number): string {
  return `${senderId}/${deviceId}/${counter}`;
}

const PLACEHOLDER = 'ws://traffic.invalid/ws';

export class Traffic {
  readonly devices: TrafficDevice[] = [];
  readonly sent: SentRecord[] = [];
  readonly seed: number;
  private readonly rnd: () => number;
  private wsUrl: string;
  private readonly groupsOf = new Map<number, TrafficGroup[]>();
  private readonly users: TrafficUser[];
  private sending = false;
  private sendStart = 0;
  private sendStop = 0;
  private chaosTimer: NodeJS.Timeout | null = null;
  private outstanding = 0;
  private closed = false;
  /** log lines (chaos, faults) with times, for failure messages */
  readonly log: string[] = [];
  private readonly t0 = Date.now();

  constructor(private readonly o: TrafficOptions) {
    this.seed = o.seed ?? (Date.now() ^ (process.pid << 8)) >>> 0;
    this.rnd = mulberry32(this.seed);
    this.wsUrl = o.wsUrl;
    this.users = o.users;
    for (const g of o.groups) for (const m of g.memberIds) this.groupsOf.set(m, [...(this.groupsOf.get(m) ?? []), g]);
    o.users.forEach((u, i) => {
      const n = o.devices?.[i] ?? 1;
      for (let d = 1; d <= n; d++) this.devices.push(this.makeDevice(u, `d${d}`));
    });
  }

  /** Points every (re)connect from now on at another address (e.g. a restarted in-process server). */
  setWsUrl(url: string): void {
    this.wsUrl = url;
  }

  note(what: string): void {
    this.log.push(`+${Date.now() - this.t0}ms ${what}`);
  }

  private makeDevice(u: TrafficUser, deviceId: string): TrafficDevice {
    let dev: TrafficDevice | null = null;
    let current: WebSocket | null = null;
    const socket = (url: string): SocketLike => {
      // The placeholder stands for the device's start URL (nodeUrl) or the
      // traffic's wsUrl; a URL the SDK got from nodeUrl is used as it is.
      const real = url.startsWith(PLACEHOLDER) ? (dev?.startUrl ?? this.wsUrl) + url.slice(PLACEHOLDER.length) : url;
      const ws = new WebSocket(real, { perMessageDeflate: false });
      current = ws;
      if (dev) dev.hosts.push(new URL(real).host);
      ws.on('error', () => undefined);
      // Registered before the SDK's own handler: the watch sees lastSeq as it was before the frame.
      ws.on('message', (data: Buffer | ArrayBuffer) => {
        if (!dev) return;
        if (ws === current) dev.watch.frame(data instanceof ArrayBuffer ? new Uint8Array(data) : data, dev.client.lastSeq);
        this.snoop(dev, data);
      });
      const send = ws.send.bind(ws);
      ws.send = ((data: Uint8Array, ...rest: unknown[]) => {
        try {
          if (dev && gochat.Input.decode(data).type === gochat.CmdType.CT_SYNC) {
            dev.wire.syncsSent++;
            this.event(dev, `sync sent (seq ${gochat.SyncInputMsg.decode(gochat.Input.decode(data).data).seq})`);
          }
        } catch {
          /* not ours to judge */
        }
        return (send as (...a: unknown[]) => void)(data, ...rest);
      }) as typeof ws.send;
      ws.on('close', (code: number) => dev && this.event(dev, `socket closed ${code}`));
      return ws as unknown as SocketLike;
    };
    const Client = this.o.clientClass ?? GoChatClient;
    const client = new Client({
      wsUrl: PLACEHOLDER,
      token: u.token,
      deviceId,
      socket,
      retransmitMs: 2000,
      reconnectMinMs: 100,
      reconnectMaxMs: 2000,
      random: this.rnd,
      ...(this.o.nodeUrl ? { nodeUrl: this.o.nodeUrl } : {}),
      ...this.o.client,
    });
    dev = new TrafficDevice(u.userId, deviceId, client);
    const d = dev;
    client.on('message', (m) => {
      const p = parseContent(m.content);
      if (!p) return;
      d.received.push({ key: keyOf(p.senderId, p.deviceId, p.counter), senderId: p.senderId, deviceId: p.deviceId, counter: p.counter, seq: m.seq, msgId: m.msgId, at: Date.now() });
    });
    client.on('error', () => d.errors++);
    client.on('state', (st) => this.event(d, `state ${st}`));
    return dev;
  }

  private event(d: TrafficDevice, what: string): void {
    d.wire.events.push(`+${Date.now() - this.t0}ms ${what}`);
    if (d.wire.events.length > 12) d.wire.events.shift();
  }

  private snoop(d: TrafficDevice, data: Buffer | ArrayBuffer): void {
    const w = d.wire;
    w.frames++;
    w.lastFrameAt = Date.now();
    let outs: gochat.Output[];
    try {
      const buf = data instanceof ArrayBuffer ? new Uint8Array(data) : data;
      outs = gochat.OutputBatch.decode(buf).outputs.map((o) => gochat.Output.decode(o));
    } catch {
      return;
    }
    const now = Date.now();
    for (const o of outs) {
      if (o.type === gochat.CmdType.CT_MESSAGE) {
        w.pushes++;
        w.pushTimes.push(now);
      } else if (o.type === gochat.CmdType.CT_ACK) {
        const a = gochat.ACKMsg.decode(o.data ?? new Uint8Array(0));
        if (a.type === gochat.ACKType.AT_LOGIN) w.logins++;
        else if (a.type === gochat.ACKType.AT_UP) {
          w.upCodes.set(o.code, (w.upCodes.get(o.code) ?? 0) + 1);
          if (o.code === 7) w.transientTimes.push(now);
        }
      } else if (o.type === gochat.CmdType.CT_SYNC) {
        w.syncAnswers++;
        if (o.code !== 0) w.syncErrors++;
        this.event(d, o.code !== 0 ? `sync error ${o.code}` : `sync page`);
      }
    }
  }

  /** Starts every device and waits until all are online. */
  async connect(timeoutMs = 15_000): Promise<void> {
    if (this.o.nodeUrl) for (const d of this.devices) d.startUrl = (await this.o.nodeUrl().catch(() => null)) ?? null;
    await Promise.all(this.devices.map((d) => d.client.start()));
    await this.waitOnline(timeoutMs);
  }

  async waitOnline(timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.devices.every((d) => d.state === 'online')) {
      if (Date.now() > deadline) {
        const off = this.devices.filter((d) => d.state !== 'online').map((d) => `${d.userId}/${d.deviceId}:${d.state}`);
        throw new Error(`devices not online after ${timeoutMs} ms: ${off.join(', ')}`);
      }
      await sleep(50);
    }
  }

  /** Sends one message now from `d` (to a random peer or one of its groups). */
  sendOne(d: TrafficDevice): SentRecord {
    const groups = this.groupsOf.get(d.userId) ?? [];
    let kind: 'single' | 'group';
    let target: number;
    let recipients: number[];
    if (groups.length > 0 && this.rnd() < (this.o.groupShare ?? 0.4)) {
      const g = groups[Math.floor(this.rnd() * groups.length)]!;
      kind = 'group';
      target = g.groupId;
      recipients = [...g.memberIds];
    } else {
      const others = this.users.filter((u) => u.userId !== d.userId);
      const to = others[Math.floor(this.rnd() * others.length)]!;
      kind = 'single';
      target = to.userId;
      recipients = [to.userId, d.userId];
    }
    const counter = ++d.counter;
    const content = `tf|${d.userId}|${d.deviceId}|${counter}|${kind}|${target}|${'x'.repeat(this.o.padding ?? 0)}`;
    const rec: SentRecord = { key: keyOf(d.userId, d.deviceId, counter), senderId: d.userId, deviceId: d.deviceId, counter, kind, target, recipients, sentAt: Date.now(), result: null, ackAt: 0 };
    this.sent.push(rec);
    this.outstanding++;
    void d.client
      .send({ sessionType: kind === 'single' ? 1 : 2, receiverId: target, messageType: 1, content: Buffer.from(content) })
      .then((r) => {
        rec.result = r;
        rec.ackAt = Date.now();
        this.outstanding--;
      });
    return rec;
  }

  /** Every device sends at random (Poisson-like) until stopSending(). */
  startSending(): void {
    if (this.sending) return;
    this.sending = true;
    this.sendStart = Date.now();
    const perUser = new Map<number, number>();
    for (const d of this.devices) perUser.set(d.userId, (perUser.get(d.userId) ?? 0) + 1);
    const rate = this.o.ratePerUser ?? 3;
    for (const d of this.devices) {
      const mean = (1000 * perUser.get(d.userId)!) / rate;
      const loop = () => {
        if (!this.sending) return;
        this.sendOne(d);
        d.sendTimer = setTimeout(loop, -Math.log(1 - this.rnd()) * mean);
      };
      d.sendTimer = setTimeout(loop, this.rnd() * mean);
    }
    this.note('sending started');
  }

  stopSending(): void {
    if (!this.sending) return;
    this.sending = false;
    this.sendStop = Date.now();
    for (const d of this.devices) if (d.sendTimer) clearTimeout(d.sendTimer);
    this.note(`sending stopped (${this.sent.length} sent)`);
  }

  /** Drops a random connected device every minMs–maxMs until stopChaos(). */
  startChaos(minMs = 300, maxMs = 700): void {
    const tick = () => {
      const online = this.devices.filter((d) => d.state === 'online');
      if (online.length > 0) {
        const d = online[Math.floor(this.rnd() * online.length)]!;
        d.drops++;
        d.client.dropConnection();
      }
      this.chaosTimer = setTimeout(tick, minMs + this.rnd() * (maxMs - minMs));
    };
    this.chaosTimer = setTimeout(tick, minMs + this.rnd() * (maxMs - minMs));
    this.note('chaos started');
  }

  stopChaos(): void {
    if (this.chaosTimer) clearTimeout(this.chaosTimer);
    this.chaosTimer = null;
    this.note('chaos stopped');
  }

  /** Sends and drops connections for `ms`, then stops both. */
  async run(ms: number, chaos = true): Promise<void> {
    this.startSending();
    if (chaos) this.startChaos();
    await sleep(ms);
    this.stopChaos();
    this.stopSending();
  }

  get acked(): SentRecord[] {
    return this.sent.filter((s) => s.result?.code === 0);
  }

  /** Expected inbox keys per user: every ACKed message the user is a recipient of. */
  expected(): Map<number, Set<string>> {
    const out = new Map<number, Set<string>>();
    for (const u of this.users) out.set(u.userId, new Set());
    for (const s of this.acked) for (const r of s.recipients) out.get(r)!.add(s.key);
    return out;
  }

  /**
   * Waits until every message has an answer (unsentCount 0 everywhere), then
   * until every device holds every message of its user and MySQL holds every
   * inbox row, or `timeoutMs` passes (check() then says what is missing).
   */
  async settle(dbUrl: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.outstanding > 0 || this.devices.some((d) => d.client.unsentCount > 0)) {
      if (Date.now() > deadline) {
        this.note(`settle: still ${this.outstanding} unanswered`);
        return;
      }
      await sleep(50);
    }
    this.note('settle: every message answered');
    const exp = this.expected();
    const want = [...exp.values()].reduce((a, s) => a + s.size, 0);
    const conn = await mysql.createConnection({ uri: dbUrl });
    try {
      const ids = this.users.map((u) => u.userId);
      let rows = -1;
      while (Date.now() < deadline) {
        const devicesDone = this.devices.every((d) => new Set(d.received.map((r) => r.key)).size >= exp.get(d.userId)!.size);
        if (rows < want) {
          try {
            const [r] = await conn.query(`SELECT COUNT(*) AS n FROM inbox WHERE msg_id <> 0 AND user_id IN (${ids.map(() => '?').join(',')})`, ids);
            rows = Number((r as { n: number }[])[0]!.n);
          } catch {
            rows = -1;
          }
        }
        if (devicesDone && rows >= want) {
          this.note('settle: devices and inboxes complete');
          return;
        }
        await sleep(200);
      }
      this.note(`settle: timed out (inbox rows ${rows}/${want})`);
    } finally {
      await conn.end().catch(() => undefined);
    }
  }

  summary(): TrafficSummary {
    const acked = this.acked;
    let transient = 0;
    let pushes = 0;
    let logins = 0;
    let syncErrors = 0;
    for (const d of this.devices) {
      transient += d.wire.upCodes.get(7) ?? 0;
      pushes += d.wire.pushes;
      logins += d.wire.logins;
      syncErrors += d.wire.syncErrors;
    }
    return {
      seed: this.seed,
      users: this.users.length,
      devices: this.devices.length,
      sent: this.sent.length,
      acked: acked.length,
      rejected: this.sent.filter((s) => s.result && s.result.code !== 0).length,
      unanswered: this.sent.filter((s) => !s.result).length,
      single: acked.filter((s) => s.kind === 'single').length,
      group: acked.filter((s) => s.kind === 'group').length,
      expectedInboxRows: acked.reduce((a, s) => a + s.recipients.length, 0),
      drops: this.devices.reduce((a, d) => a + d.drops, 0),
      transient,
      pushes,
      logins,
      syncErrors,
      sendingMs: (this.sendStop || Date.now()) - this.sendStart,
      nodeSwitches: this.devices.reduce((a, d) => a + d.nodeSwitches, 0),
    };
  }

  /** Compares ACKs, MySQL inboxes and every device's received messages. */
  async check(dbUrl: string): Promise<TrafficReport> {
    const problems: string[] = [];
    // Every problem is counted under one kind; `other` unless said otherwise.
    let other = 0;
    const add = (p: string) => {
      problems.push(p);
      other++;
    };
    const lostInInbox = new Set<string>();
    const lostOnDevice = new Set<string>();
    const dupKeys = new Set<string>();
    let outOfOrder = 0;
    let seqReused = 0;
    const as = (kind: 'lost' | 'dup' | 'order' | 'seq' | 'unanswered' | 'rejected', p: string, keys: string[] = []) => {
      problems.push(p);
      if (kind === 'dup') for (const k of keys) dupKeys.add(k);
      else if (kind === 'order') outOfOrder++;
      else if (kind === 'seq') seqReused++;
    };
    const bySender = new Map<string, SentRecord>();
    for (const s of this.sent) bySender.set(s.key, s);

    // Every message answered, none rejected.
    for (const s of this.sent) {
      if (!s.result) as('unanswered', `unanswered: ${s.key} (${s.kind} → ${s.target})`);
      else if (s.result.code !== 0) as('rejected', `rejected: ${s.key} code ${s.result.code} ${s.result.codeMsg}`);
    }
    // I4: ACK seqs distinct per sender user.
    const ackSeqs = new Map<number, Map<number, string>>();
    for (const s of this.acked) {
      const m = ackSeqs.get(s.senderId) ?? new Map<number, string>();
      ackSeqs.set(s.senderId, m);
      const other = m.get(s.result!.seq);
      if (other) as('seq', `seq reused: user ${s.senderId} got ACK seq ${s.result!.seq} for both ${other} and ${s.key}`);
      else m.set(s.result!.seq, s.key);
    }

    const exp = this.expected();
    const ids = this.users.map((u) => u.userId);
    const conn = await mysql.createConnection({ uri: dbUrl });
    type Row = { user_id: number; seq: number; msg_id: number; content: Buffer; created_ms: number };
    let rows: Row[];
    let msgRows: { msg_id: number; content: Buffer }[];
    try {
      const ph = ids.map(() => '?').join(',');
      [rows] = (await conn.query(
        `SELECT i.user_id, i.seq, i.msg_id, m.content, ROUND(UNIX_TIMESTAMP(i.created_at) * 1000) AS created_ms FROM inbox i JOIN messages m ON m.msg_id = i.msg_id
          WHERE i.msg_id <> 0 AND i.user_id IN (${ph}) ORDER BY i.user_id, i.seq`,
        ids,
      )) as unknown as [Row[]];
      [msgRows] = (await conn.query(`SELECT msg_id, content FROM messages WHERE sender_id IN (${ph})`, ids)) as unknown as [{ msg_id: number; content: Buffer }[]];
      const [orphans] = (await conn.query(
        `SELECT COUNT(*) AS n FROM inbox i LEFT JOIN messages m ON m.msg_id = i.msg_id WHERE i.msg_id <> 0 AND m.msg_id IS NULL AND i.user_id IN (${ph})`,
        ids,
      )) as unknown as [{ n: number }[]];
      if (Number(orphans[0]!.n) > 0) add(`${orphans[0]!.n} inbox rows point at a missing message`);
    } finally {
      await conn.end().catch(() => undefined);
    }

    // messages table: exactly one row per ACKed message.
    const msgIdOfKey = new Map<string, number>();
    for (const r of msgRows) {
      const p = parseContent(r.content);
      if (!p) continue;
      const k = keyOf(p.senderId, p.deviceId, p.counter);
      const prev = msgIdOfKey.get(k);
      if (prev !== undefined) as('dup', `duplicate message rows for ${k}: msg_id ${prev} and ${r.msg_id}`, [k]);
      else msgIdOfKey.set(k, Number(r.msg_id));
      const s = bySender.get(k);
      if (!s) add(`message row ${k} was never sent`);
      else if (s.result && s.result.code !== 0) add(`message row for rejected ${k}`);
    }
    for (const s of this.acked) {
      if (msgIdOfKey.has(s.key)) continue;
      lostInInbox.add(s.key);
      as('lost', `lost: ACKed ${s.key} has no messages row`);
    }

    // Inboxes.
    const inbox = new Map<number, { seq: number; key: string; msgId: number; senderId: number; deviceId: string; counter: number }[]>();
    const createdAt = new Map<string, number>(); // user:key -> inbox row insert time (database clock)
    for (const u of ids) inbox.set(u, []);
    for (const r of rows) {
      const p = parseContent(r.content);
      if (!p) continue;
      createdAt.set(`${r.user_id}:${keyOf(p.senderId, p.deviceId, p.counter)}`, Number(r.created_ms));
      inbox.get(Number(r.user_id))!.push({ seq: Number(r.seq), key: keyOf(p.senderId, p.deviceId, p.counter), msgId: Number(r.msg_id), senderId: p.senderId, deviceId: p.deviceId, counter: p.counter });
    }
    const inboxSeq = new Map<number, Map<string, number>>();
    for (const [u, list] of inbox) {
      const want = exp.get(u)!;
      const seen = new Map<string, number>();
      for (const e of list) {
        if (seen.has(e.key)) as('dup', `inbox ${u}: duplicate ${e.key} at seqs ${seen.get(e.key)} and ${e.seq}`, [e.key]);
        else seen.set(e.key, e.seq);
        if (!want.has(e.key)) add(`inbox ${u}: unexpected ${e.key} at seq ${e.seq} (${bySender.get(e.key)?.result ? 'rejected' : 'never ACKed'})`);
        const mid = msgIdOfKey.get(e.key);
        if (mid !== undefined && mid !== e.msgId) add(`inbox ${u}: ${e.key} has msg_id ${e.msgId}, messages row has ${mid}`);
      }
      const lost = [...want].filter((k) => !seen.has(k));
      for (const k of lost) lostInInbox.add(k);
      if (lost.length > 0) as('lost', `inbox ${u}: lost ${lost.length} ACKed messages: ${lost.slice(0, 8).join(', ')}${lost.length > 8 ? ', …' : ''}`);
      checkOrder(list, `inbox ${u}`, (p) => as('order', p));
      inboxSeq.set(u, seen);
    }
    // The sender's ACK seq is the sender's own inbox seq of that message.
    for (const s of this.acked) {
      const at = inboxSeq.get(s.senderId)?.get(s.key);
      if (at !== undefined && at !== s.result!.seq) add(`ACK of ${s.key} said seq ${s.result!.seq}, the sender's inbox has it at ${at}`);
    }

    // Devices.
    for (const d of this.devices) {
      const want = exp.get(d.userId)!;
      const where = `device ${d.userId}/${d.deviceId}`;
      const seen = new Map<string, number>();
      let last = 0;
      for (const r of d.received) {
        if (seen.has(r.key)) as('dup', `${where}: duplicate ${r.key} (seq ${seen.get(r.key)} then ${r.seq})`, [r.key]);
        else seen.set(r.key, r.seq);
        if (!(r.seq > last)) as('order', `${where}: seq ${r.seq} after ${last}`);
        last = Math.max(last, r.seq);
        if (!want.has(r.key)) add(`${where}: unexpected ${r.key}`);
        const s = inboxSeq.get(d.userId)?.get(r.key);
        if (s !== undefined && s !== r.seq) add(`${where}: ${r.key} at seq ${r.seq}, inbox has it at ${s}`);
        const mid = msgIdOfKey.get(r.key);
        if (mid !== undefined && mid !== r.msgId) add(`${where}: ${r.key} msg_id ${r.msgId}, messages row has ${mid}`);
      }
      const missing = [...want].filter((k) => !seen.has(k)).sort((x, y) => (inboxSeq.get(d.userId)?.get(x) ?? 0) - (inboxSeq.get(d.userId)?.get(y) ?? 0));
      for (const k of missing) lostOnDevice.add(k);
      if (missing.length > 0) {
        const shown = missing.slice(0, 8).map((k) => {
          const at = createdAt.get(`${d.userId}:${k}`);
          const sent = bySender.get(k);
          return `${k} (seq ${inboxSeq.get(d.userId)?.get(k)}, sent +${sent ? sent.sentAt - this.t0 : '?'}ms, ACKed +${sent?.ackAt ? sent.ackAt - this.t0 : '?'}ms, row written +${at ? at - this.t0 : '?'}ms)`;
        });
        as('lost', `${where}: never received ${missing.length} of ${want.size}: ${shown.join(', ')}${missing.length > 8 ? ', …' : ''}`);
        // The SDK's view, to tell a stuck client from a server that never served the message.
        // (private fields, read defensively: only for the failure message)
        const c = d.client as unknown as { ahead?: Map<number, unknown>; syncing?: boolean; syncAgain?: boolean; gapTimer?: unknown };
        const ahead = [...(c.ahead?.keys() ?? [])].sort((x, y) => x - y);
        as(
          'lost',
          `${where}: state ${d.state}, lastSeq ${d.client.lastSeq}, syncing ${c.syncing}, syncAgain ${c.syncAgain}, gap timer ${c.gapTimer ? 'set' : 'none'}, ` +
            `${ahead.length} pushes held ahead (${ahead.slice(0, 5).join(',')}${ahead.length > 5 ? ',…' : ''}), last frame ${d.wire.lastFrameAt ? Date.now() - d.wire.lastFrameAt : '-'} ms ago, ` +
            `syncs sent ${d.wire.syncsSent} answered ${d.wire.syncAnswers}; recent: ${d.wire.events.join('; ')}`,
        );
      }
      checkOrder(d.received, where, (p) => as('order', p));
      // What the server handed this device on the wire (HandoutWatch).
      for (const k of d.watch.dupKeys) dupKeys.add(k);
      seqReused += d.watch.seqConflicts;
      if (d.watch.backwards + d.watch.dupKeys.size + d.watch.seqConflicts > 0) {
        problems.push(
          `${where}: on the wire: ${d.watch.backwards} handed below what was already handed (sync backwards), ${d.watch.dupKeys.size} handed at two seqs, ${d.watch.seqConflicts} seqs handed for two messages; ${d.watch.examples.join(' | ')}`,
        );
      }
    }
    const syncBackwards = this.devices.reduce((a, d) => a + d.watch.backwards, 0);
    const lost = new Set([...lostInInbox, ...lostOnDevice]);
    const summary = this.summary();
    const counts: TrafficCounts = {
      sent: summary.sent,
      acked: summary.acked,
      unanswered: summary.unanswered,
      rejected: summary.rejected,
      lost: lost.size,
      lostInInbox: lostInInbox.size,
      lostOnDevice: lostOnDevice.size,
      duplicated: dupKeys.size,
      outOfOrder,
      syncBackwards,
      seqReused,
      other,
    };
    return { summary, problems, counts };
  }

  /** Closes every client (idempotent). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stopChaos();
    this.stopSending();
    for (const d of this.devices) d.client.close();
  }
}

/** Each (sender, device)'s counters must increase along the list (I3). */
function checkOrder(list: readonly { senderId: number; deviceId: string; counter: number; seq: number }[], where: string, add: (p: string) => void): void {
  const lastBy = new Map<string, { counter: number; seq: number }>();
  for (const e of list) {
    const src = `${e.senderId}/${e.deviceId}`;
    const prev = lastBy.get(src);
    if (prev && e.counter <= prev.counter) add(`${where}: order broken for ${src}: #${e.counter} (seq ${e.seq}) after #${prev.counter} (seq ${prev.seq})`);
    lastBy.set(src, { counter: e.counter, seq: e.seq });
  }
}

/** A compact one-line description of a report, for assertion messages. */
export function describeReport(r: TrafficReport, log: string[] = []): string {
  const head = JSON.stringify(r.summary);
  const shown = r.problems.slice(0, 40).join('\n  ');
  const more = r.problems.length > 40 ? `\n  … ${r.problems.length - 40} more` : '';
  return `${head}\nproblems (${r.problems.length}):\n  ${shown}${more}\nlog:\n  ${log.slice(-30).join('\n  ')}`;
}

// ---- the standard fault-test population ----

export interface ScenarioShape {
  /** users (12 by default) */
  users: number;
  /** indexes of users with two devices */
  twoDevices: number[];
  /** member indexes of each group (the first is the owner) */
  groups: number[][];
}

/** ~12 users, 2 groups of 7 (two users in both), 4 users with two devices. */
export const STANDARD_SHAPE: ScenarioShape = {
  users: 12,
  twoDevices: [0, 3, 6, 9],
  groups: [
    [0, 1, 2, 3, 4, 5, 6],
    [6, 7, 8, 9, 10, 11, 5],
  ],
};

/**
 * Builds the population over HTTP (POST /api/groups with the owner's token)
 * from already registered users, and returns Traffic options for it.
 */
export async function buildScenario(
  httpUrl: string,
  users: TrafficUser[],
  shape: ScenarioShape = STANDARD_SHAPE,
): Promise<Pick<TrafficOptions, 'users' | 'devices' | 'groups'>> {
  if (users.length < shape.users) throw new Error(`buildScenario: ${shape.users} users needed, got ${users.length}`);
  const us = users.slice(0, shape.users);
  const groups: TrafficGroup[] = [];
  for (const [i, idx] of shape.groups.entries()) {
    const owner = us[idx[0]!]!;
    const memberIds = idx.slice(1).map((k) => us[k]!.userId);
    const res = await fetch(`${httpUrl}/api/groups`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.token}` },
      body: JSON.stringify({ name: `traffic-${i}`, member_ids: memberIds }),
    });
    const body = (await res.json()) as { group_id: number; member_ids: number[] };
    if (res.status !== 201) throw new Error(`create group: ${res.status} ${JSON.stringify(body)}`);
    groups.push({ groupId: body.group_id, memberIds: body.member_ids.map(Number) });
  }
  return { users: us, devices: us.map((_, i) => (shape.twoDevices.includes(i) ? 2 : 1)), groups };
}
