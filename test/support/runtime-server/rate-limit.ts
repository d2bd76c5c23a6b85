/**
 * The server side of IBM's job creation limit ("rate limited to 5 jobs per minute per user"):
 * a sliding window per user. A `POST /jobs` over the limit is answered 429 with `Retry-After`
 * (seconds, fractional so scaled windows stay exact) and creates nothing.
 */

/** `jobs` job creations per `windowMs` per user. */
export interface JobRateLimit {
  jobs: number;
  windowMs: number;
}

/** Sliding-window log of accepted job creations, per user key. */
export class JobRateLimiter {
  private readonly log = new Map<string, number[]>();
  /** Requests refused with 429 so far. */
  refused = 0;

  constructor(readonly limit: JobRateLimit) {}

  /** Takes a slot for `user` at `now`: 0 when allowed, else the ms until a slot frees. */
  take(user: string, now = Date.now()): number {
    const times = (this.log.get(user) ?? []).filter((t) => t > now - this.limit.windowMs);
    this.log.set(user, times);
    if (times.length < this.limit.jobs) {
      times.push(now);
      return 0;
    }
    this.refused++;
    return Math.max(1, times[times.length - this.limit.jobs]! + this.limit.windowMs - now);
  }
}
