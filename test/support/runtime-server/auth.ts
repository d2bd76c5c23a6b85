/**
 * The fake IAM: exchanges the API key for short-lived, syntactically valid (unsigned) JWTs and
 * checks bearer tokens on API calls (`Authorization: Bearer <access_token>`). Tokens can be revoked at any time to
 * simulate "expired mid-run".
 */
import { randomBytes } from 'node:crypto';

const b64url = (s: string): string => Buffer.from(s).toString('base64url');

/** Issued-token bookkeeping. */
export class TokenAuthority {
  private readonly tokens = new Map<string, number>(); // token -> expiry (ms since epoch)
  issued = 0;

  constructor(
    private readonly apiKey: string,
    /** Real lifetime enforced by the server, in ms. */
    public ttlMs: number,
  ) {}

  /** True for the configured key. */
  keyValid(key: string | null): boolean {
    return key === this.apiKey;
  }

  /** Issues a token; returns the IAM response body (`access_token`, `refresh_token`, `token_type`, `expires_in`, `expiration`). */
  issue(now = Date.now()): Record<string, unknown> {
    const iat = Math.floor(now / 1000);
    const expiresIn = Math.max(1, Math.round(this.ttlMs / 1000));
    const header = b64url(JSON.stringify({ kid: 'fake-test-key', alg: 'RS256' }));
    const payload = b64url(
      JSON.stringify({
        iam_id: 'IBMid-0000000000',
        sub: 'test-user@example.com',
        iat,
        exp: iat + expiresIn,
        jti: randomBytes(8).toString('hex'),
        grant_type: 'urn:ibm:params:oauth:grant-type:apikey',
        scope: 'ibm openid',
      }),
    );
    const token = `${header}.${payload}.c2lnbmF0dXJlLW5vdC12YWxpZA`;
    this.tokens.set(token, now + this.ttlMs);
    this.issued++;
    return {
      access_token: token,
      refresh_token: 'not_supported',
      token_type: 'Bearer',
      expires_in: expiresIn,
      expiration: iat + expiresIn,
      scope: 'ibm openid',
    };
  }

  /** Checks an `Authorization` header value. */
  check(header: string | undefined, now = Date.now()): 'ok' | 'missing' | 'unknown' | 'expired' {
    if (!header) return 'missing';
    const m = /^Bearer (\S+)$/.exec(header);
    if (!m) return 'unknown';
    const exp = this.tokens.get(m[1]!);
    if (exp === undefined) return 'unknown';
    return exp > now ? 'ok' : 'expired';
  }

  /** Every token issued so far (leak tests search outputs for them). */
  allTokens(): string[] {
    return [...this.tokens.keys()];
  }

  /** Expires every token issued so far (the next API call gets 401). */
  revokeAll(): void {
    for (const t of this.tokens.keys()) this.tokens.set(t, 0);
  }
}
