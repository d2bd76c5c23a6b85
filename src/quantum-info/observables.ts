/**
 * The one coercion of observables into the primitives' {@link PauliSum} form, the way Qiskit's
 * `ObservablesArray` reads its input: a label `'ZZ'` is one observable with coefficient 1, a
 * list of labels `['ZZ', 'XX']` is that many observables, a `SparsePauliOp` is one, a mapping
 * `{ ZZ: 1, XX: 0.5 }` is one, and a list may mix these with `[label, coeff]` sums.
 */
import type { PauliSum } from '../core/observable';
import { InputValidationError } from '../core/errors';
import { SparsePauliOp } from './sparse-pauli-op';

/** One observable in any form the primitives take. */
export type ObservableLike = PauliSum | SparsePauliOp | string | Readonly<Record<string, number>>;

/** One observable, or a list of them (`evs` has one entry per observable). */
export type ObservablesLike = ObservableLike | readonly ObservableLike[];

/**
 * A coefficient counts as real when its imaginary part is at most this times max(1, |re|):
 * products of Pauli operators leave imaginary parts of a few ulps on Hermitian sums.
 */
const REAL_RTOL = 1e-10;

/**
 * The observables of `input` as a list of Pauli sums (real coefficients: the Estimator needs
 * Hermitian observables). Labels are not checked against a qubit count here; the primitives'
 * validation does that.
 *
 * @param pubIndex - names the PUB in errors
 * @throws {InputValidationError} naming the PUB, the observable and the term: an empty list, a
 *   value of another type, or a coefficient with a non-zero imaginary part (a non-Hermitian
 *   observable)
 */
export function observablesToPauliSums(input: ObservablesLike, pubIndex = 0): PauliSum[] {
  const out = coerceObservables(input, pubIndex);
  return isSingle(input) ? [out as PauliSum] : (out as PauliSum[]);
}

/**
 * As {@link observablesToPauliSums}, keeping the shape of the input: one observable gives one
 * Pauli sum, a list gives a list (the primitives report one value per listed observable).
 *
 * @throws {InputValidationError} as {@link observablesToPauliSums}
 */
export function coerceObservables(input: ObservablesLike, pubIndex = 0): PauliSum | PauliSum[] {
  const where = `PUB ${pubIndex}`;
  if (isSingle(input)) return oneToPauliSum(input, where, 0);
  if (!Array.isArray(input) || input.length === 0) {
    throw new InputValidationError(`${where}: observables must be a Pauli label, a SparsePauliOp, a [label, coefficient] list or a non-empty list of these`);
  }
  return (input as readonly ObservableLike[]).map((o, k) => oneToPauliSum(o, where, k));
}

/** True for one observable (not a list of observables). */
function isSingle(input: unknown): input is ObservableLike {
  if (typeof input === 'string' || input instanceof SparsePauliOp) return true;
  if (Array.isArray(input)) return input.length > 0 && Array.isArray(input[0]) && typeof (input[0] as unknown[])[0] === 'string';
  return input !== null && typeof input === 'object';
}

function oneToPauliSum(o: unknown, where: string, k: number): PauliSum {
  const what = `${where}: observable ${k}`;
  if (typeof o === 'string') return [[o, 1]];
  if (o instanceof SparsePauliOp) return sparseToPauliSum(o, what);
  if (Array.isArray(o)) {
    if (o.length === 0) throw new InputValidationError(`${what} must be a non-empty list of [label, coefficient] terms`);
    return o.map((term: unknown, t) => {
      if (!Array.isArray(term) || term.length !== 2 || typeof term[0] !== 'string') {
        throw new InputValidationError(`${what}, term ${t} is not a [label, coefficient] pair`);
      }
      return [term[0], realCoefficient(term[1], `${what}, term ${t} ('${term[0]}')`)] as const;
    });
  }
  if (o !== null && typeof o === 'object') {
    const entries = Object.entries(o as Record<string, unknown>);
    if (entries.length === 0) throw new InputValidationError(`${what} is an empty mapping`);
    return entries.map(([label, c]) => [label, realCoefficient(c, `${what}, term '${label}'`)] as const);
  }
  throw new InputValidationError(`${what} must be a Pauli label, a SparsePauliOp, a [label, coefficient] list or a { label: coefficient } mapping`);
}

/**
 * A SparsePauliOp's terms with real coefficients. Distinct Pauli strings are linearly
 * independent Hermitian matrices, so a sum is Hermitian exactly when its merged coefficients
 * are real: equal strings are merged first (only when some coefficient is complex, so a real
 * operator keeps its terms as given).
 */
function sparseToPauliSum(op: SparsePauliOp, what: string): PauliSum {
  const complexAt = (o: SparsePauliOp): number => {
    for (let t = 0; t < o.size; t++) {
      const [, re, im] = o.termParts(t);
      if (Math.abs(im) > REAL_RTOL * Math.max(1, Math.abs(re))) return t;
    }
    return -1;
  };
  let terms = op;
  if (complexAt(op) >= 0) terms = op.simplify(0);
  const bad = complexAt(terms);
  if (bad >= 0) {
    const [label, re, im] = terms.termParts(bad);
    throw new InputValidationError(
      `${what} is not Hermitian: the coefficient of '${label}' is ${re} ${im < 0 ? '-' : '+'} ${Math.abs(im)}i; ` +
        'the Estimator needs real coefficients',
    );
  }
  return Array.from({ length: terms.size }, (_, t) => {
    const [label, re] = terms.termParts(t);
    return [label, re] as const;
  });
}

function realCoefficient(c: unknown, what: string): number {
  if (typeof c === 'number') {
    if (!Number.isFinite(c)) throw new InputValidationError(`${what} has a non-finite coefficient`);
    return c;
  }
  if (c && typeof c === 'object' && 're' in c && 'im' in c) {
    const { re, im } = c as { re: unknown; im: unknown };
    if (typeof re !== 'number' || typeof im !== 'number' || !Number.isFinite(re) || !Number.isFinite(im)) {
      throw new InputValidationError(`${what} has a non-finite coefficient`);
    }
    if (Math.abs(im) > REAL_RTOL * Math.max(1, Math.abs(re))) {
      throw new InputValidationError(`${what} has the complex coefficient ${re} ${im < 0 ? '-' : '+'} ${Math.abs(im)}i; the Estimator needs real coefficients (a Hermitian observable)`);
    }
    return re;
  }
  throw new InputValidationError(`${what} has a non-finite coefficient`);
}
