import { createSecretKey, type KeyObject } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';

/** Why a token was refused; stable codes for logs and HTTP errors. */
export type TokenErrorCode = 'token_missing' | 'token_invalid' | 'token_expired';

export class TokenError extends Error {
  override name = 'TokenError';
  constructor(
    readonly code: TokenErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface TokenClaims {
  userId: number;
  /** ms since epoch */
  expiresAt: number;
}

const ISSUER = 'gochat';
/** Tokens remembered as verified (a login checks its token on the upgrade and again in CT_LOGIN). */
const VERIFIED_CACHE_SIZE = 10_000;

/** HS256 JWTs: sub = user id, exp = expiry. */
export class TokenService {
  /** imported once, not on every sign and verify */
  private readonly key: KeyObject;
  /** token -> its claims, for tokens this process verified; an entry is used only before its expiry */
  private readonly verified = new Map<string, TokenClaims>();

  constructor(
    secret: string,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {
    // config/load.ts and config/secret-file.ts make sure a node never gets here without one
    if (secret === '') throw new Error('TokenService: empty signing secret');
    this.key = createSecretKey(new TextEncoder().encode(secret));
  }

  async issue(userId: number): Promise<{ token: string; expiresAt: number }> {
    const iat = Math.floor(this.now() / 1000);
    const exp = iat + Math.max(1, Math.floor(this.ttlMs / 1000));
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(String(userId))
      .setIssuer(ISSUER)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.key);
    return { token, expiresAt: exp * 1000 };
  }

  /**
   * Records claims verified by a trusted party for this exact token (the
   * primary checked the /ws token before handing the socket over), so that
   * verify() of it here (CT_LOGIN carries it again) needs no second check.
   */
  remember(token: string, claims: TokenClaims): void {
    if (claims.expiresAt <= this.now()) return;
    if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, { ...claims });
  }

  /** Verifies signature, algorithm, issuer and expiry. Throws TokenError. */
  async verify(token: string | undefined | null): Promise<TokenClaims> {
    if (!token) throw new TokenError('token_missing', 'token missing');
    if (token.length > 4096) throw new TokenError('token_invalid', 'token too long');
    const known = this.verified.get(token);
    if (known) {
      if (known.expiresAt > this.now()) return { ...known };
      this.verified.delete(token);
    }
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        currentDate: new Date(this.now()),
      });
      const userId = Number(payload.sub);
      if (!Number.isSafeInteger(userId) || userId <= 0 || payload.exp === undefined) {
        throw new TokenError('token_invalid', 'token has no valid subject');
      }
      const claims = { userId, expiresAt: payload.exp * 1000 };
      if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, claims);
      return { ...claims };
    } catch (err) {
      if (err instanceof TokenError) throw err;
      if (err instanceof joseErrors.JWTExpired) throw new TokenError('token_expired', 'token expired');
      throw new TokenError('token_invalid', 'token invalid');
    }
  }
}
