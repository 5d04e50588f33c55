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

/** HS256 JWTs: sub = user id, exp = expiry. */
export class TokenService {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.key = new TextEncoder().encode(secret);
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

  /** Verifies signature, algorithm, issuer and expiry. Throws TokenError. */
  async verify(token: string | undefined | null): Promise<TokenClaims> {
    if (!token) throw new TokenError('token_missing', 'token missing');
    if (token.length > 4096) throw new TokenError('token_invalid', 'token too long');
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
      return { userId, expiresAt: payload.exp * 1000 };
    } catch (err) {
      if (err instanceof TokenError) throw err;
      if (err instanceof joseErrors.JWTExpired) throw new TokenError('token_expired', 'token expired');
      throw new TokenError('token_invalid', 'token invalid');
    }
  }
}
