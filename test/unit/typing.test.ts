// Typing indicators (src/chat/typing.ts): the per-(device, conversation)
// gate on a fake clock, and who gets a typing, with a directory and signals
// held in memory.
import { describe, expect, it } from 'vitest';
import { IntervalGate, TypingRelay, TYPING_MAX_GROUP_MEMBERS } from '../../src/chat/typing.js';
import type { SignalKind } from '../../src/metrics/metrics.js';

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

describe('IntervalGate', () => {
  it('one per key per interval; keys are independent; old keys are forgotten', () => {
    let t = 0;
    const g = new IntervalGate(1000, () => t);
    expect(g.allow('a')).toBe(true);
    expect(g.allow('a')).toBe(false);
    expect(g.allow('b')).toBe(true);
    t = 999;
    expect(g.allow('a')).toBe(false);
    t = 1000;
    expect(g.allow('a')).toBe(true);
    expect(g.size).toBe(1); // b (let through at 0) is forgotten
    t = 1500;
    expect(g.allow('c')).toBe(true);
    expect(g.allow('b')).toBe(true);
    expect(g.size).toBe(3);
    t = 10_000;
    expect(g.allow('d')).toBe(true);
    expect(g.size).toBe(1);
  });

  it('memory stays bounded under a flood of keys', () => {
    let t = 0;
    const g = new IntervalGate(1000, () => t, 500);
    for (let i = 0; i < 5000; i++) {
      expect(g.allow(`k${i}`)).toBe(true);
      if (i % 10 === 0) t++;
    }
    expect(g.size).toBe(500);
  });
});

function relay(groups: Record<number, number[]>, users: number[]) {
  let t = 0;
  const sent: { kind: SignalKind; to: number[]; msg: unknown }[] = [];
  const codes: number[] = [];
  const r = new TypingRelay({
    directory: {
      existingUsers: async (ids) => new Set(ids.filter((u) => users.includes(u))),
      groupMembers: async (g) => groups[g] ?? null,
    },
    signals: { send: (kind, to, output) => sent.push({ kind, to: [...to], msg: JSON.parse(Buffer.from(output).toString()) }) },
    encode: (m) => Buffer.from(JSON.stringify(m)),
    metrics: { observeCommand: (cmd, code) => (expect(cmd).toBe('typing'), codes.push(code)) },
    now: () => t,
  });
  return { r, sent, codes, advance: (ms: number) => (t += ms) };
}

describe('TypingRelay', () => {
  it('1:1: to the peer with user_id set by the server; at most one per second per (device, conversation)', async () => {
    const { r, sent, codes, advance } = relay({}, [1, 2, 3]);
    r.typing(1, 'phone', { sessionType: 1, peerId: 2, typing: true });
    r.typing(1, 'phone', { sessionType: 1, peerId: 2, typing: false }); // same second: dropped
    r.typing(1, 'web', { sessionType: 1, peerId: 2, typing: true }); // another device
    r.typing(1, 'phone', { sessionType: 1, peerId: 3, typing: true }); // another conversation
    await settle();
    expect(sent).toEqual([
      { kind: 'typing', to: [2], msg: { sessionType: 1, peerId: 2, userId: 1, typing: true } },
      { kind: 'typing', to: [2], msg: { sessionType: 1, peerId: 2, userId: 1, typing: true } },
      { kind: 'typing', to: [3], msg: { sessionType: 1, peerId: 3, userId: 1, typing: true } },
    ]);
    expect(codes.sort()).toEqual([0, 0, 0, 6]);
    advance(1000);
    r.typing(1, 'phone', { sessionType: 1, peerId: 2, typing: false });
    await settle();
    expect(sent).toHaveLength(4);
  });

  it('groups: to the other members; not from a non-member, not in a group over the limit, not to unknown groups or users', async () => {
    const big = Array.from({ length: TYPING_MAX_GROUP_MEMBERS + 1 }, (_, i) => i + 1);
    const edge = big.slice(0, TYPING_MAX_GROUP_MEMBERS);
    const { r, sent, codes } = relay({ 10: [1, 2, 3], 11: big, 12: edge }, [1, 2, 3]);
    r.typing(2, 'd', { sessionType: 2, peerId: 10, typing: true });
    r.typing(7, 'd', { sessionType: 2, peerId: 10, typing: true }); // not a member
    r.typing(1, 'd', { sessionType: 2, peerId: 11, typing: true }); // 101 members
    r.typing(1, 'd', { sessionType: 2, peerId: 12, typing: true }); // 100 members: fine
    r.typing(1, 'd', { sessionType: 2, peerId: 99, typing: true }); // no such group
    r.typing(1, 'd', { sessionType: 1, peerId: 99, typing: true }); // no such user
    r.typing(1, 'd', { sessionType: 1, peerId: 1, typing: true }); // oneself
    r.typing(1, 'd', { sessionType: 3, peerId: 2, typing: true }); // no such session type
    r.typing(1, 'd', { sessionType: 1, peerId: 0, typing: true });
    await settle();
    expect(sent.map((s) => s.to)).toEqual([[1, 3], edge.filter((u) => u !== 1)]);
    expect((sent[0]!.msg as { userId: number }).userId).toBe(2);
    expect(codes.sort((a, b) => a - b)).toEqual([0, 0, 1, 1, 1, 3, 4, 4, 5]);
  });

  it('a failed lookup drops the typing (counted as unavailable), nothing thrown', async () => {
    const codes: number[] = [];
    const errors: unknown[] = [];
    const r = new TypingRelay({
      directory: { existingUsers: async () => Promise.reject(new Error('down')), groupMembers: async () => null },
      signals: { send: () => expect.unreachable() },
      encode: () => new Uint8Array(),
      metrics: { observeCommand: (_c, code) => codes.push(code) },
      onError: (e) => errors.push(e),
    });
    r.typing(1, 'd', { sessionType: 1, peerId: 2, typing: true });
    await settle();
    expect(codes).toEqual([7]);
    expect(errors).toHaveLength(1);
  });
});
