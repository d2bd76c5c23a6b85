import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as lockfile from 'proper-lockfile';
import { abortableSleep } from '../../src/core/abort';
import { ConfigurationError, throwIfAborted } from '../../src/core/errors';

/**
 * Client-side pacing of `POST /jobs`. IBM's API reference states that job creation is "rate
 * limited to 5 jobs per minute per user"; going over it earns a 429. The pacer keeps qbridge
 * under that figure instead of provoking 429s.
 *
 * The bucket holds `rate` tokens; a submission takes one, and each token comes back `windowMs`
 * after it was taken (a sliding-window log of the last `rate` submission times). Unlike a
 * token bucket that refills continuously, this never lets more than `rate` submissions into
 * ANY window of `windowMs`, which is what a server counting a sliding window enforces.
 *
 * Shared by every job of a process (one pacer per home + API host + API key, see
 * {@link pacerFor}) and across processes: with a home directory, the log lives in
 * `<home>/submit-pacing-<account hash>.json`, read and updated under a proper-lockfile lock.
 */

/** Pacing settings; the defaults are IBM's documented limit. */
export interface PacingOptions {
  /** Submissions allowed per window. @defaultValue 5 */
  rate?: number;
  /** The window, in ms. @defaultValue 60 000 */
  windowMs?: number;
  /**
   * Extra spacing added to each token's return, in ms: the client stamps a submission before
   * the request travels, the server when it arrives, so back-to-back windows need a little
   * slack. @defaultValue 1% of the window
   */
  marginMs?: number;
}

/** IBM's documented POST /jobs limit: 5 job submissions per minute per user. */
export const IBM_SUBMISSIONS_PER_WINDOW = 5;
/** The window of {@link IBM_SUBMISSIONS_PER_WINDOW}: one minute. */
export const IBM_SUBMISSION_WINDOW_MS = 60_000;

interface PacerState {
  /** Times (ms since the epoch) of the last submissions, oldest first, at most `rate`. */
  taken: number[];
}

/** Injected clock and sleep (tests). */
export interface PacerDeps {
  /** The clock, in ms since the epoch. @defaultValue `Date.now` */
  now?: () => number;
  /** Waits for a token (real time by default: these waits are the pacing). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** One account's submission pacer. */
export class SubmissionPacer {
  /** Submissions allowed per window. */
  readonly rate: number;
  /** The window, in ms. */
  readonly windowMs: number;
  /** Slack added to each token's return, in ms. */
  readonly marginMs: number;
  private readonly memory: PacerState = { taken: [] };
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** In-process serialisation: one acquire at a time reads and writes the state. */
  private chain: Promise<unknown> = Promise.resolve();

  /**
   * @param stateFile - the shared state file (cross-process), or undefined for in-process only
   * @throws {ConfigurationError} for a rate or window that is not a positive number
   */
  constructor(
    /** The shared state file (cross-process), or undefined for in-process pacing only. */
    readonly stateFile: string | undefined,
    opts: PacingOptions = {},
    deps: PacerDeps = {},
  ) {
    this.rate = opts.rate ?? IBM_SUBMISSIONS_PER_WINDOW;
    this.windowMs = opts.windowMs ?? IBM_SUBMISSION_WINDOW_MS;
    this.marginMs = opts.marginMs ?? Math.round(this.windowMs / 100);
    if (!Number.isSafeInteger(this.rate) || this.rate < 1) throw new ConfigurationError('pacing.rate must be a positive integer (submissions per window)', 'pacing.rate');
    if (!(this.windowMs > 0)) throw new ConfigurationError('pacing.windowMs must be a positive number of ms', 'pacing.windowMs');
    this.now = deps.now ?? Date.now;
    this.sleep = deps.sleep ?? abortableSleep;
  }

  /** Waits until a submission is allowed and takes its token. */
  acquire(signal?: AbortSignal): Promise<void> {
    const run = this.chain.then(() => this.acquireNow(signal));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async acquireNow(signal?: AbortSignal): Promise<void> {
    for (;;) {
      throwIfAborted(signal);
      const waitMs = await this.update((s, now) => {
        const span = this.windowMs + this.marginMs;
        s.taken = s.taken.filter((t) => t > now - span && t <= now + span);
        if (s.taken.length < this.rate) {
          s.taken.push(now);
          return 0;
        }
        return Math.max(1, s.taken[s.taken.length - this.rate]! + span - now);
      });
      if (waitMs === 0) return;
      await this.sleep(waitMs, signal);
    }
  }

  /** Runs `fn` on the state under the lock (file) or in memory, and saves it. */
  private async update(fn: (s: PacerState, now: number) => number): Promise<number> {
    if (!this.stateFile) return fn(this.memory, this.now());
    const file = this.stateFile;
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const release = await lockfile.lock(file, {
      realpath: false,
      stale: 10_000,
      retries: { retries: 200, minTimeout: 5, maxTimeout: 50, factor: 1.5 },
    });
    try {
      const state = readState(file);
      const out = fn(state, this.now());
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(state), { mode: 0o600 });
      fs.renameSync(tmp, file);
      return out;
    } finally {
      await release();
    }
  }
}

function readState(file: string): PacerState {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { taken?: unknown };
    const taken = Array.isArray(parsed.taken) ? parsed.taken.filter((t): t is number => typeof t === 'number' && Number.isFinite(t)) : [];
    return { taken: taken.sort((a, b) => a - b) };
  } catch {
    return { taken: [] }; // absent or unreadable: start empty (the server's 429 still guards)
  }
}

const PACERS = new Map<string, SubmissionPacer>();

/**
 * The process-wide pacer of one account: keyed by home, API URL and a hash of the API key (IBM
 * counts per user), so every backend and job of that account shares it.
 */
export function pacerFor(account: { home?: string; apiUrl: string; token: string }, opts: PacingOptions = {}, deps: PacerDeps = {}): SubmissionPacer {
  const hash = createHash('sha256').update(`${account.apiUrl}\n${account.token}`).digest('hex').slice(0, 16);
  const key = `${account.home ?? ''}\n${hash}\n${opts.rate ?? ''}/${opts.windowMs ?? ''}/${opts.marginMs ?? ''}`;
  let p = PACERS.get(key);
  if (!p) {
    const file = account.home ? path.join(account.home, `submit-pacing-${hash}.json`) : undefined;
    p = new SubmissionPacer(file, opts, deps);
    PACERS.set(key, p);
  }
  return p;
}
