import { describe, expect, it } from 'vitest';
import { TokenError, TokenService } from '../../src/auth/token.js';

const SECRET = 'unit-test-secret-unit-test-secret';

describe('TokenService', () => {
  it('verifies what it issued: the user id and expiry', async () => {
    let now = 1_700_000_000_000;
    const t = new TokenService(SECRET, 60_000, () => now);
    const { token, expiresAt } = await t.issue(42);
    expect(await t.verify(token)).toEqual({ userId: 42, expiresAt });
    now += 1000;
    expect((await t.verify(token)).userId).toBe(42); // from the verified-token cache
  });

  it('an expired token is refused, even one verified before it expired', async () => {
    let now = 1_700_000_000_000;
    const t = new TokenService(SECRET, 10_000, () => now);
    const { token } = await t.issue(7);
    await t.verify(token);
    now += 11_000;
    await expect(t.verify(token)).rejects.toMatchObject({ code: 'token_expired' });
  });

  it('will not sign with an empty secret (no node runs without one)', () => {
    expect(() => new TokenService('', 60_000)).toThrow(/empty signing secret/);
  });

  it('refuses a forged, tampered or missing token', async () => {
    const t = new TokenService(SECRET, 60_000);
    const other = new TokenService('another-secret-another-secret-xx', 60_000);
    const { token } = await other.issue(1);
    await expect(t.verify(token)).rejects.toBeInstanceOf(TokenError);
    const mine = (await t.issue(1)).token;
    await t.verify(mine);
    const [h, p, s] = mine.split('.');
    const tampered = [h, Buffer.from(JSON.stringify({ sub: '2', iss: 'gochat', exp: 9_999_999_999 })).toString('base64url'), s].join('.');
    await expect(t.verify(tampered)).rejects.toMatchObject({ code: 'token_invalid' });
    expect(p).toBeTruthy();
    await expect(t.verify('')).rejects.toMatchObject({ code: 'token_missing' });
    await expect(t.verify('x'.repeat(5000))).rejects.toMatchObject({ code: 'token_invalid' });
  });

  it('keeps at most 10,000 verified tokens', async () => {
    const t = new TokenService(SECRET, 60_000);
    const tokens = await Promise.all(Array.from({ length: 10_050 }, (_, i) => t.issue(i + 1)));
    for (const { token } of tokens) await t.verify(token);
    expect((t as unknown as { verified: Map<string, unknown> }).verified.size).toBe(10_000);
    expect((await t.verify(tokens[0]!.token)).userId).toBe(1); // evicted, verified again
  });
});
