/**
 * Complex numbers at the public edge of quantum_info: callers pass a real number, a complex.js
 * value or any `{ re, im }`; results come back as complex.js values. Inside, numbers stay as
 * (re, im) pairs in typed arrays.
 */
import Complex from 'complex.js';
import { InputValidationError } from '../core/errors';

/** A coefficient or amplitude: a real number, a complex.js value or any `{ re, im }`. */
export type ComplexLike =
  | number
  | Complex
  | {
      /** The real part. */
      readonly re: number;
      /** The imaginary part. */
      readonly im: number;
    };

/**
 * The (re, im) parts of `value`.
 *
 * @param what - names the value in the error (`coefficient of 'XZ'`)
 * @throws {InputValidationError} for anything but a finite real or complex number
 */
export function complexParts(value: unknown, what: string): [number, number] {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InputValidationError(`${what} is not a finite number (got ${String(value)})`);
    return [value, 0];
  }
  if (value && typeof value === 'object' && 're' in value && 'im' in value) {
    const { re, im } = value as { re: unknown; im: unknown };
    if (typeof re === 'number' && typeof im === 'number' && Number.isFinite(re) && Number.isFinite(im)) return [re, im];
    throw new InputValidationError(`${what} has a non-finite real or imaginary part`);
  }
  throw new InputValidationError(`${what} must be a number or a complex number { re, im }, got ${typeof value}`);
}

/** A complex.js value. */
export function toComplex(re: number, im: number): Complex {
  return new Complex(re, im);
}
