import { ParameterExpression, type Angle } from '../circuit/parameter';

/**
 * Angle arithmetic that keeps numbers numeric and folds constants, so bound circuits stay
 * plain numbers and parameterised ones stay exact expressions (no rounding of symbols).
 */

const TWO_PI = 2 * Math.PI;

/** a + b. */
export function addA(a: Angle, b: Angle): Angle {
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  if (typeof b === 'number') return b === 0 ? a : (a as ParameterExpression).add(b);
  if (typeof a === 'number') return a === 0 ? b : b.add(a);
  return a.add(b);
}

/** a − b. */
export function subA(a: Angle, b: Angle): Angle {
  return addA(a, negA(b));
}

/** −a. */
export function negA(a: Angle): Angle {
  return typeof a === 'number' ? -a : a.neg();
}

/** k·a for a numeric factor k. */
export function scaleA(a: Angle, k: number): Angle {
  if (typeof a === 'number') return a * k;
  if (k === 1) return a;
  if (k === -1) return a.neg();
  return a.mul(k);
}

/** Sum of several angles. */
export function sumA(...xs: Angle[]): Angle {
  return xs.reduce<Angle>((acc, x) => addA(acc, x), 0);
}

/** True when the angle is a number within `tol` of 0. */
export function isZero(a: Angle, tol = 1e-12): boolean {
  return typeof a === 'number' && Math.abs(a) <= tol;
}

/**
 * Folds an rz angle into (−π, π]: rz(θ + 2πk) = (−1)^k rz(θ), so the returned `phase` (πk mod
 * 2π) must be added to the global phase. Expressions are returned unchanged.
 */
export function normalizeRz(a: Angle): { angle: Angle; phase: number } {
  if (typeof a !== 'number') return { angle: a, phase: 0 };
  const k = Math.round(a / TWO_PI);
  let r = a - k * TWO_PI;
  let phase = (k & 1) !== 0 ? Math.PI : 0;
  if (r <= -Math.PI) {
    r += TWO_PI;
    phase = phase ? 0 : Math.PI;
  }
  return { angle: r, phase };
}

/** Reduces a numeric phase into (−π, π] (global phases are 2π-periodic). */
export function wrapPhase(a: Angle): Angle {
  if (typeof a !== 'number') return a;
  const r = a - TWO_PI * Math.round(a / TWO_PI);
  return r <= -Math.PI ? r + TWO_PI : r;
}
