import { ConfigurationError } from '../core/errors';

/** Client-side pacing of IBM job submissions: `rate` submissions per `windowMs`. */
export interface SubmitRate {
  /** Submissions allowed per window. */
  readonly rate: number;
  /** The window, in ms. */
  readonly windowMs: number;
}

/**
 * Parses `QBRIDGE_IBM_SUBMIT_RATE`: `N/SECONDS`, e.g. `5/60` (IBM's documented limit of 5 job
 * submissions per minute per user, also the default when unset). An account with a higher
 * limit, or a test server, sets its own figure.
 * @throws {ConfigurationError} naming `name` for anything but a positive integer over positive seconds
 */
export function parseSubmitRate(value: string, name: string): SubmitRate {
  const m = /^\s*(\d+)\s*\/\s*(\d+(?:\.\d+)?)\s*$/.exec(value);
  const rate = m ? Number(m[1]) : NaN;
  const seconds = m ? Number(m[2]) : NaN;
  if (!m || !Number.isSafeInteger(rate) || rate < 1 || !(seconds > 0)) {
    throw new ConfigurationError(`${name} must be submissions per seconds, e.g. 5/60 (got '${value}')`, name);
  }
  return { rate, windowMs: Math.round(seconds * 1000) };
}
