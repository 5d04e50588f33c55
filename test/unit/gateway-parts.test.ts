// Pure parts of the WebSocket gateway: the connection table
// (src/gateway/registry.ts) and the per-connection and per-user budgets
// (src/gateway/limits.ts) on an injected clock. Connections are stand-ins
// carrying only the fields these parts read.
import { describe, expect, it } from 'vitest';
import type { Connection } from '../../src/gateway/connection.js';
import { GatewayBudgets, type GatewayLimits } from '../../src/gateway/limits.js';
import { ConnectionRegistry } from '../../src/gateway/registry.js';

const conn = (id: number, userId = 0, deviceId = '') => ({ id, userId, deviceId, limits: null }) as unknown as Connection;

describe('ConnectionRegistry', () => {
  it('counts only logged-in devices and lists users', () => {
    const r = new ConnectionRegistry();
    const a = conn(1, 7, 'phone');
    const b = conn(2, 7, 'laptop');
    const anon = conn(3);
    for (const c of [a, b, anon]) r.open.add(c);
    expect(r.login(a, 7, 'phone', 5)).toBeNull();
    expect(r.login(b, 7, 'laptop', 5)).toBeNull();
    expect(r.loggedInCount).toBe(2);
    expect(r.userIds(10)).toEqual([7]);
    expect(r.userIds(0)).toEqual([]);
    expect([...r.devices()]).toEqual([{ userId: 7, deviceId: 'phone' }, { userId: 7, deviceId: 'laptop' }]);
    expect([...r.devicesOf(7)!.values()]).toEqual([a, b]);
    expect(r.devicesOf(8)).toBeUndefined();
  });

  it('a second login of the same device returns the connection it replaces', () => {
    const r = new ConnectionRegistry();
    const first = conn(1, 7, 'phone');
    const second = conn(2, 7, 'phone');
    r.login(first, 7, 'phone', 1);
    expect(r.login(second, 7, 'phone', 1)).toBe(first); // replacing is allowed at the limit
    expect(r.devicesOf(7)!.get('phone')).toBe(second);
    // The replaced connection closing later does not remove its successor.
    expect(r.remove(first)).toBe('none');
    expect(r.loggedInCount).toBe(1);
  });

  it('refuses a new device past maxPerUser, registering nothing', () => {
    const r = new ConnectionRegistry();
    r.login(conn(1, 7, 'a'), 7, 'a', 2);
    r.login(conn(2, 7, 'b'), 7, 'b', 2);
    expect(r.login(conn(3, 7, 'c'), 7, 'c', 2)).toBe('full');
    expect([...r.devicesOf(7)!.keys()]).toEqual(['a', 'b']);
    expect(r.login(conn(4, 9, 'x'), 9, 'x', 0)).toBe('full');
    expect(r.devicesOf(9)).toBeUndefined(); // no empty entry left behind
    expect(r.userIds(10)).toEqual([7]);
  });

  it('remove tells whether the device or the user left', () => {
    const r = new ConnectionRegistry();
    const a = conn(1, 7, 'a');
    const b = conn(2, 7, 'b');
    const anon = conn(3);
    for (const c of [a, b, anon]) r.open.add(c);
    r.login(a, 7, 'a', 5);
    r.login(b, 7, 'b', 5);
    expect(r.remove(anon)).toBe('none');
    expect(r.remove(a)).toBe('device');
    expect(r.remove(b)).toBe('user');
    expect(r.devicesOf(7)).toBeUndefined();
    expect(r.open.size).toBe(0);
    expect(r.loggedInCount).toBe(0);
  });
});

describe('GatewayBudgets', () => {
  const limits: GatewayLimits = { messagesPerSec: 5, userMessagesPerSec: 8, bytesPerSec: 1000, syncsPerSec: 2, commandsPerSec: 3, maxConnectionsPerUser: 5, allowedOrigins: [] };
  function setup() {
    const clock = { t: 0 };
    const budgets = new GatewayBudgets(limits, () => clock.t);
    const c = (userId: number) => {
      const x = conn(1, userId) as unknown as { limits: unknown };
      x.limits = budgets.forConnection();
      return x as unknown as Connection;
    };
    return { clock, budgets, c };
  }

  it('messages: a burst of two seconds per connection, refilled at the rate', () => {
    const { clock, budgets, c } = setup();
    const a = c(7);
    let n = 0;
    while (budgets.takeMessage(a)) n++;
    expect(n).toBe(10);
    clock.t += 200; // one message's worth at 5/s
    expect(budgets.takeMessage(a)).toBe(true);
    expect(budgets.takeMessage(a)).toBe(false);
  });

  it("messages: a user's devices share the user budget; forgetUser starts it afresh", () => {
    const { budgets, c } = setup();
    const a = c(7);
    const b = c(7);
    let n = 0;
    while (budgets.takeMessage(n % 2 ? a : b)) n++;
    expect(n).toBe(16); // 8/s for two seconds, less than the two connections' 20
    budgets.forgetUser(7);
    expect(budgets.takeMessage(c(7))).toBe(true);
  });

  it('syncs: a budget of their own', () => {
    const { budgets, c } = setup();
    const a = c(7);
    expect([1, 2, 3, 4, 5].map(() => budgets.takeSync(a))).toEqual([true, true, true, true, false]);
    expect(budgets.takeMessage(a)).toBe(true);
  });

  it('conversation-state commands: a budget of their own, apart from messages and syncs', () => {
    const { clock, budgets, c } = setup();
    const a = c(7);
    let n = 0;
    while (budgets.takeCommand(a)) n++;
    expect(n).toBe(6); // 3/s for two seconds
    expect(budgets.takeMessage(a)).toBe(true);
    expect(budgets.takeSync(a)).toBe(true);
    clock.t += 334;
    expect(budgets.takeCommand(a)).toBe(true);
    expect(budgets.takeCommand(a)).toBe(false);
  });

  it('frames: charged at least 64 bytes each; the answer is how long to stop reading', () => {
    const { clock, budgets, c } = setup();
    const a = c(0); // not logged in: no user budget
    // 2000 bytes of burst: 31 tiny frames cost 1984, the 32nd goes 48 bytes into debt
    for (let i = 0; i < 31; i++) expect(budgets.chargeFrame(a, 1)).toBe(0);
    expect(budgets.chargeFrame(a, 1)).toBe(48); // 48 bytes at 1000/s
    clock.t += 48;
    expect(budgets.chargeFrame(a, 500)).toBe(500);
  });
});
