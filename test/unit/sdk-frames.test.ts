// The client SDK's pure helpers: its side of the wire codec
// (src/client/frames.ts) with byte fixtures, and its event emitter
// (src/client/emitter.ts).
import { describe, expect, it } from 'vitest';
import { Emitter } from '../../src/client/emitter.js';
import { batchOutputs, payload, toReceived } from '../../src/client/frames.js';
import { gochat } from '../../src/proto/index.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('client frames', () => {
  it('encodes the payloads of its Inputs (protobuf bytes)', () => {
    expect(hex(payload.login('tk', 'd1'))).toBe('0a02746b12026431'); // token=1 "tk", device_id=2 "d1"
    expect(hex(payload.heartbeat())).toBe('');
    expect(hex(payload.pushAck(300))).toBe('0802' + '18ac02'); // type=AT_PUSH, seq=300 (varint ac 02)
    expect(hex(payload.sync(5, 200))).toBe('080510c801'); // seq=5, limit=200
    const up = gochat.UpMsg.decode(payload.upMsg({ clientId: 9, sessionType: 1, receiverId: 2, messageType: 1, content: new Uint8Array([0x68, 0x69]) }));
    expect(Number(up.clientId)).toBe(9);
    expect(up.msg).toMatchObject({ sessionType: 1, messageType: 1 });
    expect(Number(up.msg!.receiverId)).toBe(2);
    expect(hex(up.msg!.content!)).toBe('6869');
    // the server sets sender_id and send_time: the client never sends them
    expect(Number(up.msg!.senderId ?? 0)).toBe(0);
    expect(Number(up.msg!.sendTime ?? 0)).toBe(0);
  });

  it('splits an OutputBatch from an ArrayBuffer (browsers) or a Uint8Array (ws); null for garbage', () => {
    const one = gochat.Output.encode({ type: 4, code: 0 }).finish();
    const two = gochat.Output.encode({ type: 5, code: 7, codeMsg: 'x' }).finish();
    const frame = gochat.OutputBatch.encode({ outputs: [one, two] }).finish();
    const viaBuffer = batchOutputs(new Uint8Array(frame).buffer)!;
    expect(viaBuffer.map(hex)).toEqual([hex(one), hex(two)]);
    expect(batchOutputs(frame)!.map(hex)).toEqual([hex(one), hex(two)]);
    expect(batchOutputs(new Uint8Array([0x0a, 0x05, 0x01]))).toBeNull(); // a field longer than the frame
    expect(batchOutputs(new Uint8Array(0))).toEqual([]);
  });

  it('turns a wire Message into numbers, with defaults for absent fields', () => {
    expect(toReceived({})).toEqual({ sessionType: 0, receiverId: 0, senderId: 0, messageType: 0, content: new Uint8Array(0), seq: 0, sendTime: 0, msgId: 0 });
    const wire = gochat.Message.decode(gochat.Message.encode({ sessionType: 2, receiverId: 5, senderId: 6, messageType: 1, content: new Uint8Array([1]), seq: 2 ** 40, sendTime: 1_700_000_000_000, msgId: 2 ** 52 }).finish());
    const { content, ...rest } = toReceived(wire);
    expect(rest).toEqual({ sessionType: 2, receiverId: 5, senderId: 6, messageType: 1, seq: 2 ** 40, sendTime: 1_700_000_000_000, msgId: 2 ** 52 });
    expect(hex(content)).toBe('01');
  });
});

describe('Emitter', () => {
  it('calls listeners in order with the value; the returned function removes one', () => {
    const e = new Emitter<{ n: number; s: string }>();
    const seen: string[] = [];
    const off = e.on('n', (v) => seen.push(`a${v}`));
    e.on('n', (v) => seen.push(`b${v}`));
    e.on('s', (v) => seen.push(`s${v}`));
    e.emit('n', 1);
    off();
    e.emit('n', 2);
    e.emit('s', 'x');
    expect(seen).toEqual(['a1', 'b1', 'b2', 'sx']);
  });

  it('an event nobody listens to is fine', () => {
    expect(() => new Emitter<{ n: number }>().emit('n', 1)).not.toThrow();
  });
});
