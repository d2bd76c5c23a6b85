import { Mutex } from 'async-mutex';
import { raceSignal } from '../../src/core/abort';
import { AbortedError, AuthenticationError, ConnectionError, InvalidResponseError, QbridgeError } from '../../src/core/errors';
import type { FetchFn } from './transport';
import { parseJsonText, validateIamToken } from './validate';

/** Options of {@link IamTokenManager}. */
export interface IamOptions {
  /** The IBM Cloud API key (QISKIT_IBM_TOKEN). Kept in a private field, never logged. */
  apiKey: string;
  /** IAM base URL, e.g. `https://iam.cloud.ibm.com`. */
  iamUrl: string;
  /** The transport (retries, timeouts); IAM errors come back as typed errors. */
  fetch: FetchFn;
  now?: () => number;
  /** Refresh once this fraction of the token lifetime has passed. @defaultValue 0.8 (as IBM's SDK) */
  refreshFraction?: number;
}

interface CachedToken {
  token: string;
  refreshAt: number;
}

/**
 * Exchanges an IBM Cloud API key for an IAM bearer token and caches it.
 *
 * - Refreshes proactively after 80 % of the lifetime (IBM python-sdk-core's rule) or when less
 *   than a minute is left, using `expiration`/`expires_in` from the response.
 * - Single flight: an async-mutex makes concurrent callers share ONE exchange.
 * - A failed exchange is an {@link AuthenticationError}; the raw API key is never sent to the
 *   Quantum API as a fallback (unlike the Python client's `apikey` header fallback).
 */
export class IamTokenManager {
  readonly #apiKey: string;
  readonly #url: string;
  readonly #fetch: FetchFn;
  readonly #now: () => number;
  readonly #fraction: number;
  readonly #mutex = new Mutex();
  #cached?: CachedToken;
  /** Number of exchanges made (diagnostics and tests). */
  exchanges = 0;

  constructor(opts: IamOptions) {
    this.#apiKey = opts.apiKey;
    this.#url = `${opts.iamUrl.replace(/\/+$/, '')}/identity/token`;
    this.#fetch = opts.fetch;
    this.#now = opts.now ?? Date.now;
    this.#fraction = opts.refreshFraction ?? 0.8;
  }

  /** A valid access token, exchanging or refreshing as needed. The caller's signal only stops its wait. */
  async getToken(signal?: AbortSignal): Promise<string> {
    const c = this.#cached;
    if (c && this.#now() < c.refreshAt) return c.token;
    // The exchange itself is shared: no caller's signal may cancel it for the others.
    return raceSignal(
      this.#mutex.runExclusive(async () => {
        const again = this.#cached;
        if (again && this.#now() < again.refreshAt) return again.token;
        this.#cached = await this.#exchange();
        return this.#cached.token;
      }),
      signal,
    );
  }

  /** Drops `token` from the cache (after a 401) so the next {@link getToken} exchanges again. */
  invalidate(token: string): void {
    if (this.#cached?.token === token) this.#cached = undefined;
  }

  async #exchange(): Promise<CachedToken> {
    this.exchanges++;
    const body = new URLSearchParams({
      grant_type: 'urn:ibm:params:oauth:grant-type:apikey',
      apikey: this.#apiKey,
    }).toString();
    const request = new Request(this.#url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body,
    });
    let text: string;
    try {
      const response = await this.#fetch(request);
      text = await response.text();
    } catch (e) {
      // A network failure (an unresolved host, a refused or cut connection, a timeout) says
      // nothing about the key: it stays a ConnectionError, whose message names the host.
      if (e instanceof AuthenticationError || e instanceof ConnectionError || e instanceof AbortedError) throw e;
      const detail = e instanceof QbridgeError ? e.message : 'network error';
      throw new AuthenticationError(`IAM API-key exchange failed: ${detail}`, {
        status: (e as { status?: number }).status ?? 0,
        ibmCode: (e as { ibmCode?: number | string }).ibmCode,
      }, { cause: e });
    }
    let parsed;
    try {
      parsed = validateIamToken(parseJsonText(text, 'IAM token response'));
    } catch (e) {
      throw new AuthenticationError('IAM API-key exchange returned an unusable token response', { status: 200 }, {
        cause: e instanceof InvalidResponseError ? e : undefined,
      });
    }
    const now = this.#now();
    // expires_in is relative, so a skewed local clock cannot make a fresh token look expired;
    // the absolute `expiration` is the fallback.
    const expiresAt =
      parsed.expires_in !== undefined
        ? now + parsed.expires_in * 1000
        : parsed.expiration !== undefined
          ? parsed.expiration * 1000
          : now + 3_600_000;
    const lifetime = Math.max(0, expiresAt - now);
    const refreshAt = Math.min(now + lifetime * this.#fraction, expiresAt - 60_000);
    return { token: parsed.access_token, refreshAt: Math.max(now, refreshAt) };
  }
}
