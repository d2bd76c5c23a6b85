import { InputValidationError } from '../core/errors';

/**
 * Parses an integer flag strictly (digits only: no `1e3`, `0x10`, `2.0` or blank), naming the
 * flag in the error; `undefined` (flag not given) stays `undefined`.
 *
 * @example integerFlag('--shots', '100', 1, 1e6) === 100; integerFlag('--shots', '1e3', 1, 1e6) throws
 * @throws {InputValidationError} when the text is not an integer in [min, max]
 */
export function integerFlag(name: string, raw: string, min: number, max?: number): number;
export function integerFlag(name: string, raw: string | undefined, min: number, max?: number): number | undefined;
export function integerFlag(name: string, raw: string | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (raw === undefined) return undefined;
  const v = /^[+]?[0-9]+$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(v) || v < min || v > max) {
    throw new InputValidationError(`${name} must be an integer from ${min} to ${max}, got '${raw}'`);
  }
  return v;
}

/**
 * Parses a finite number flag (`NaN`, `Infinity` and blank are refused), naming the flag.
 *
 * @throws {InputValidationError} when the text is not a finite number
 */
export function numberFlag(name: string, raw: string): number {
  const v = raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(v)) throw new InputValidationError(`${name} must be a finite number, got '${raw}'`);
  return v;
}

/**
 * Most shots any command accepts (`--shots`): the local simulator holds every sampled outcome in
 * memory (its own limit is the same 10 000 000), and no IBM device accepts more.
 */
export const MAX_SHOTS = 10_000_000;

/**
 * `--shots N` for every command that samples (run, kernel, qsvc): one parser, one range, one
 * message. The backend's own, possibly lower, limit is checked by {@link checkShotsForBackend}
 * once the backend is known.
 *
 * @example shotsFlag('100') === 100; shotsFlag('0') throws "--shots must be an integer from 1 to 10000000, got '0'"
 * @throws {InputValidationError} naming `--shots` unless an integer in [1, {@link MAX_SHOTS}]
 */
export function shotsFlag(raw: string): number;
export function shotsFlag(raw: string | undefined): number | undefined;
export function shotsFlag(raw: string | undefined): number | undefined {
  return integerFlag('--shots', raw, 1, MAX_SHOTS);
}

/**
 * Refuses `--shots` above the backend's limit before anything is submitted, naming the flag
 * (the library's own check names its `shots` field instead).
 *
 * @throws {InputValidationError} when `shots` exceeds `backend.target.maxShots`
 */
export function checkShotsForBackend(shots: number | undefined, backend: { name: string; target: { maxShots: number } }): void {
  if (shots !== undefined && shots > backend.target.maxShots) {
    throw new InputValidationError(`--shots ${shots} exceeds backend '${backend.name}''s limit of ${backend.target.maxShots} shots`);
  }
}
