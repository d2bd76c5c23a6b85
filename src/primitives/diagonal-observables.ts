/**
 * Diagonal observables read against measured bit strings, as Qiskit's
 * `sampled_expectation_value` does for `BitArray.expectation_values`: each label character is
 * `I` (1), `Z` (+1 for bit 0, −1 for bit 1), `0` (projector on bit 0) or `1` (projector on bit
 * 1); the label's last character is bit 0. Any other character (`X`, `Y`, `+`, …) is not
 * diagonal in the computational basis and is refused, since counts cannot estimate it.
 */
import { InputValidationError } from '../core/errors';
import { SparsePauliOp } from '../quantum-info/sparse-pauli-op';

/** One diagonal observable: a label, a `[label, coefficient]` sum, a `{ label: coeff }` map or a SparsePauliOp. */
export type DiagonalObservableLike =
  | string
  | SparsePauliOp
  | ReadonlyArray<readonly [string, number]>
  | Readonly<Record<string, number>>;

/** A checked term: a diagonal label and a real coefficient. */
export interface DiagonalTerm {
  /** Label as given (highest bit first). */
  readonly label: string;
  /** Real part of the coefficient (Qiskit keeps only the real part of sampled expectation values). */
  readonly coeff: number;
}

/** True when `x` is one observable rather than a list of them. */
export function isSingleDiagonal(x: unknown): x is DiagonalObservableLike {
  if (typeof x === 'string' || x instanceof SparsePauliOp) return true;
  if (Array.isArray(x)) return x.length > 0 && Array.isArray(x[0]) && typeof (x[0] as unknown[])[0] === 'string';
  return x !== null && typeof x === 'object';
}

/**
 * The terms of one observable, each label checked against `numBits` and for diagonality.
 *
 * @param where - names the observable in errors (e.g. `observable 2`)
 * @throws {InputValidationError} a label of the wrong length, a non-diagonal character, a
 *   non-finite coefficient, or a value of another type
 */
export function diagonalTerms(o: DiagonalObservableLike, numBits: number, where: string): DiagonalTerm[] {
  let terms: Array<[string, number]>;
  if (typeof o === 'string') terms = [[o, 1]];
  else if (o instanceof SparsePauliOp) terms = o.toList().map(([l, c]) => [l, c.re]);
  else if (Array.isArray(o)) terms = (o as ReadonlyArray<readonly [string, number]>).map(([l, c]) => [l, c]);
  else if (o !== null && typeof o === 'object') terms = Object.entries(o as Record<string, number>);
  else throw new InputValidationError(`${where} must be a label, a [label, coefficient] list, a { label: coefficient } map or a SparsePauliOp`);
  return terms.map(([label, coeff], t) => {
    if (typeof label !== 'string' || label.length !== numBits) {
      throw new InputValidationError(`${where} term ${t}: label '${String(label).slice(0, 40)}' has ${String(label).length} characters, the bit array has ${numBits} bits`);
    }
    const bad = /[^IZ01]/.exec(label);
    if (bad) throw new InputValidationError(`${where} term ${t}: '${label.slice(0, 40)}' is not diagonal ('${bad[0]}' at position ${bad.index}); bit arrays estimate only I, Z, 0 and 1`);
    if (typeof coeff !== 'number' || !Number.isFinite(coeff)) throw new InputValidationError(`${where} term ${t}: coefficient must be a finite number`);
    return { label, coeff };
  });
}

/** The value of a diagonal label on one outcome given as a bit string (highest bit first). */
export function diagonalValue(label: string, bits: string): number {
  let v = 1;
  for (let i = 0; i < label.length; i++) {
    const c = label[i]!;
    const b = bits[i]!;
    if (c === 'Z') { if (b === '1') v = -v; }
    else if (c === '0') { if (b === '1') return 0; }
    else if (c === '1') { if (b === '0') return 0; }
  }
  return v;
}
