import { describe, expect, it } from 'vitest';
import { Code } from '../../src/errors.js';
import { decodeInput, encodeAck, encodeBatch, encodeConversations, encodePresence, encodePush, encodeQueued, encodeRead, encodeTyping, PushTemplate } from '../../src/gateway/codec.js';
import { gochat } from '../../src/proto/index.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const msg = {
  sessionType: 2,
  receiverId: 77,
  senderId: 5,
  messageType: 1,
  content: Buffer.from('héllo, group'),
  sendTime: 1_795_000_000_123,
  msgId: 2 ** 40 + 3,
};

describe('decodeInput', () => {
  it('decodes a heartbeat from bytes: Input{type=2}', () => {
    expect(decodeInput(hex('0802'))).toEqual({ type: 'heartbeat' });
  });

  it('decodes a CT_MESSAGE UpMsg', () => {
    const up = gochat.UpMsg.encode({ clientId: 9, msg: { sessionType: 1, receiverId: 3, messageType: 1, content: Buffer.from([0, 255]) } }).finish();
    const f = decodeInput(gochat.Input.encode({ type: 3, data: up }).finish());
    expect(f).toEqual({ type: 'message', clientId: 9, msg: { sessionType: 1, receiverId: 3, messageType: 1, content: expect.anything() } });
    if (f.type === 'message') expect(Buffer.from(f.msg!.content)).toEqual(Buffer.from([0, 255]));
  });

  it('an UpMsg without a message is kept (answered with code 1 later), not a crash', () => {
    const f = decodeInput(gochat.Input.encode({ type: 3, data: gochat.UpMsg.encode({ clientId: 1 }).finish() }).finish());
    expect(f).toEqual({ type: 'message', clientId: 1, msg: null });
  });

  it.each([
    ['garbage', hex('ffffffffff')],
    ['truncated length', hex('0803 12 05 0102')],
    ['unknown command', hex('0863')],
    ['client_id 0', gochat.Input.encode({ type: 3, data: gochat.UpMsg.encode({ clientId: 0 }).finish() }).finish()],
    ['huge varint client_id', gochat.Input.encode({ type: 3, data: hex('10 ffffffffffffffff01') }).finish()],
    ['malformed payload', gochat.Input.encode({ type: 5, data: hex('08') }).finish()],
  ])('%s → invalid with code 1', (_name, bytes) => {
    const f = decodeInput(bytes);
    expect(f.type).toBe('invalid');
    if (f.type === 'invalid') expect(f.code).toBe(Code.BAD_REQUEST);
  });

  it('an empty frame is an Input of type 0: invalid', () => {
    expect(decodeInput(new Uint8Array(0)).type).toBe('invalid');
  });
});

describe('encoders', () => {
  it('encodeAck matches the hand-written bytes', () => {
    // Output{type=4, data=ACKMsg{type=1, client_id=7, seq=300}}
    expect(Buffer.from(encodeAck(1, 7, 300))).toEqual(hex('0804 2207 0801 1007 18ac02'));
  });

  it('encodeBatch wraps each Output as a length-delimited field 1', () => {
    expect(Buffer.from(encodeBatch([hex('0802'), hex('0804')]))).toEqual(hex('0a020802 0a020804'));
  });
});

describe('PushTemplate (encode once, patch the seq)', () => {
  it.each([1, 127, 128, 300, 16_384, 2 ** 31, 2 ** 53 - 1])('decodes exactly like encodePush for seq %d', (seq) => {
    const t = new PushTemplate(msg);
    const fromTemplate = gochat.PushMsg.decode(gochat.Output.decode(t.output(seq)).data).msg!;
    const direct = gochat.PushMsg.decode(gochat.Output.decode(encodePush({ ...msg, seq })).data).msg!;
    const plain = (m: gochat.IMessage) => gochat.Message.toObject(m as gochat.Message, { bytes: String, longs: Number, defaults: true });
    expect(plain(fromTemplate)).toEqual(plain(direct));
    expect(Number(fromTemplate.seq)).toBe(seq);
    expect(gochat.Output.decode(t.output(seq)).type).toBe(gochat.CmdType.CT_MESSAGE);
  });

  it('large content (multi-byte lengths) still round-trips', () => {
    const big = { ...msg, content: Buffer.alloc(20_000, 7) };
    const m = gochat.PushMsg.decode(gochat.Output.decode(new PushTemplate(big).output(42)).data).msg!;
    expect(Buffer.from(m.content!).equals(big.content)).toBe(true);
    expect(Number(m.seq)).toBe(42);
  });

  it('a template rebuilt from another worker\'s body writes the same bytes', () => {
    const t = new PushTemplate(msg);
    const copy = new PushTemplate(Uint8Array.from(t.body));
    for (const seq of [1, 300, 2 ** 40]) expect(Buffer.from(copy.output(seq))).toEqual(Buffer.from(t.output(seq)));
  });

  it.each([0, 1, 127, 128, 16_383, 16_384, 2 ** 21 - 1, 2 ** 21, 2 ** 28, 2 ** 35, 2 ** 53 - 1])('outputLength(%d) is the length writeOutput writes', (seq) => {
    for (const size of [0, 100, 200, 20_000]) {
      const t = new PushTemplate({ ...msg, content: Buffer.alloc(size, 1) });
      const buf = new Uint8Array(t.outputLength(seq) + 10);
      expect(t.writeOutput(buf, 5, seq)).toBe(5 + t.outputLength(seq));
      const m = gochat.PushMsg.decode(gochat.Output.decode(buf.subarray(5, 5 + t.outputLength(seq))).data).msg!;
      expect(Number(m.seq ?? 0)).toBe(seq);
      expect(m.content?.length ?? 0).toBe(size);
    }
  });

  it('encodeQueued writes encoded Outputs and templates with their seqs into one OutputBatch that protobufjs decodes', () => {
    const t = new PushTemplate(msg);
    const ack = encodeAck(1, 7, 300);
    const items = [ack, t, t, ack];
    const seqs = [0, 5, 2 ** 33, 0];
    const lens = items.map((it, i) => (it instanceof Uint8Array ? it.length : it.outputLength(seqs[i]!)));
    const batch = gochat.OutputBatch.decode(encodeQueued(items, seqs, lens));
    expect(batch.outputs.map((o) => Buffer.from(o))).toEqual([Buffer.from(ack), Buffer.from(t.output(5)), Buffer.from(t.output(2 ** 33)), Buffer.from(ack)]);
    expect(Buffer.from(encodeQueued(items, seqs, lens))).toEqual(Buffer.from(gochat.OutputBatch.encode({ outputs: batch.outputs }).finish()));
  });
});

describe('conversation-state commands (DESIGN.md §6a)', () => {
  const frame = (type: number, data: Uint8Array) => gochat.Input.encode({ type, data }).finish();
  const CT = gochat.CmdType;

  it('decodes CT_READ, CT_TYPING, CT_PRESENCE and CT_CONVERSATIONS; reader_id / user_id from the client are ignored', () => {
    expect(decodeInput(frame(CT.CT_READ, gochat.ReadMsg.encode({ sessionType: 1, peerId: 42, seq: 7, readerId: 99 }).finish()))).toEqual({ type: 'read', sessionType: 1, peerId: 42, seq: 7 });
    expect(decodeInput(frame(CT.CT_READ, gochat.ReadMsg.encode({ sessionType: 2, peerId: 5 }).finish()))).toEqual({ type: 'read', sessionType: 2, peerId: 5, seq: 0 });
    expect(decodeInput(frame(CT.CT_TYPING, gochat.TypingMsg.encode({ sessionType: 2, peerId: 3, typing: true, userId: 1 }).finish()))).toEqual({ type: 'typing', sessionType: 2, peerId: 3, typing: true });
    expect(decodeInput(frame(CT.CT_PRESENCE, new Uint8Array(0)))).toEqual({ type: 'presence' });
    expect(decodeInput(frame(CT.CT_CONVERSATIONS, gochat.ConversationsInputMsg.encode({ limit: 20 }).finish()))).toEqual({ type: 'conversations', limit: 20 });
    expect(decodeInput(frame(CT.CT_CONVERSATIONS, new Uint8Array(0)))).toEqual({ type: 'conversations', limit: 0 });
  });

  it('refuses a bad session type, peer id or seq with code 1', () => {
    const bad = [
      gochat.ReadMsg.encode({ sessionType: 0, peerId: 1, seq: 1 }).finish(),
      gochat.ReadMsg.encode({ sessionType: 3 as gochat.SessionType, peerId: 1, seq: 1 }).finish(),
      gochat.ReadMsg.encode({ sessionType: 1, peerId: 0, seq: 1 }).finish(),
      gochat.ReadMsg.encode({ sessionType: 1, peerId: 2 ** 53, seq: 1 }).finish(),
      gochat.ReadMsg.encode({ sessionType: 1, peerId: 1, seq: 2 ** 53 }).finish(),
      hex('0801'), // truncated
    ];
    for (const b of bad) expect(decodeInput(frame(CT.CT_READ, b))).toMatchObject({ type: 'invalid', code: 1 });
    expect(decodeInput(frame(CT.CT_TYPING, gochat.TypingMsg.encode({ sessionType: 1, peerId: 0 }).finish()))).toMatchObject({ type: 'invalid', code: 1 });
    expect(decodeInput(frame(10, new Uint8Array(0)))).toMatchObject({ type: 'invalid', code: 1 });
  });

  it('encodes the answers and signals so that they decode to what was given', () => {
    const read = gochat.Output.decode(encodeRead({ sessionType: 1, peerId: 4, seq: 9, readerId: 4 }));
    expect(read.type).toBe(CT.CT_READ);
    expect(gochat.ReadMsg.decode(read.data)).toMatchObject({ sessionType: 1, peerId: 4, seq: 9, readerId: 4 });
    const typing = gochat.Output.decode(encodeTyping({ sessionType: 2, peerId: 8, userId: 3, typing: true }));
    expect(gochat.TypingMsg.decode(typing.data)).toMatchObject({ sessionType: 2, peerId: 8, userId: 3, typing: true });
    const pres = gochat.Output.decode(encodePresence([{ userId: 5, online: true, lastSeen: 1_700_000_000_000 }]));
    expect(gochat.PresenceMsg.decode(pres.data).presences).toMatchObject([{ userId: 5, online: true, lastSeen: 1_700_000_000_000 }]);
    const last = { sessionType: 1, receiverId: 2, senderId: 1, messageType: 5, content: new Uint8Array(0), seq: 12, sendTime: 1, msgId: 77 };
    const conv = gochat.Output.decode(encodeConversations([{ sessionType: 1, peerId: 2, lastMessage: last, readSeq: 10, unread: 2, peerReadSeq: 11 }, { sessionType: 2, peerId: 9, lastMessage: null, readSeq: 0, unread: 0, peerReadSeq: 0 }]));
    const list = gochat.ConversationsOutputMsg.decode(conv.data).conversations;
    expect(list).toHaveLength(2);
    expect(list[0]).toMatchObject({ sessionType: 1, peerId: 2, readSeq: 10, unread: 2, peerReadSeq: 11 });
    expect(list[0]!.lastMessage).toMatchObject({ messageType: 5, seq: 12, msgId: 77 });
    expect(list[1]!.lastMessage).toBeNull();
  });
});
