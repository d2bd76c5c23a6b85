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
