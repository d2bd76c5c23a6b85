/**
 * Classical readout (assignment) errors, as Qiskit Aer's `ReadoutError`: a row-stochastic
 * matrix whose row i is P(measured = j | prepared = i), outcome index little-endian over the
 * error's qubits (bit k = the k-th qubit it is attached to).
 */
import { InputValidationError } from '../core/errors';

/** How far a row of probabilities may sum from 1. */
export const READOUT_ROW_ATOL = 1e-9;

/** An immutable readout error on one or more qubits. */
export class ReadoutError {
  /** How many qubits the assignment matrix covers (2^n rows). */
  readonly numQubits: number;
  /** Row i: P(measured j | prepared i), a frozen copy. */
  readonly probabilities: readonly (readonly number[])[];

  /**
   * @param probabilities - the assignment matrix: 2^n rows of 2^n probabilities, each row
   *   summing to 1 (to 1e-9); `[[1 − p0, p0], [p1, 1 − p1]]` for one qubit whose |0⟩ reads 1
   *   with p0 and whose |1⟩ reads 0 with p1
   * @throws {InputValidationError} naming the bad row
   */
  constructor(probabilities: ReadonlyArray<ReadonlyArray<number>>) {
    const dim = probabilities.length;
    const n = Math.log2(dim);
    if (!Number.isInteger(n) || n < 1) {
      throw new InputValidationError(`a readout error needs 2^n rows (n ≥ 1), got ${dim}`);
    }
    probabilities.forEach((row, i) => {
      if (row.length !== dim) throw new InputValidationError(`readout error row ${i} has ${row.length} entries, expected ${dim}`);
      row.forEach((p, j) => {
        if (!Number.isFinite(p) || p < 0 || p > 1) {
          throw new InputValidationError(`readout error entry (${i}, ${j}) must be a probability in [0, 1], got ${String(p)}`);
        }
      });
      const sum = row.reduce((a, b) => a + b, 0);
      if (Math.abs(sum - 1) > READOUT_ROW_ATOL) {
        throw new InputValidationError(`readout error row ${i} (prepared ${i}) sums to ${sum}, not 1`);
      }
    });
    this.numQubits = n;
    this.probabilities = Object.freeze(probabilities.map((r) => Object.freeze([...r])));
    Object.freeze(this);
  }

  /** A short description for `NoiseModel.describe()`. */
  get label(): string {
    return `readout(${this.probabilities.map((r) => `[${r.join(', ')}]`).join(', ')})`;
  }
}

/**
 * Applies a readout error in place to a probability vector over basis indices: the error's
 * k-th qubit is bit `bits[k]` of the index. Entries outside the error's bits are untouched.
 */
export function applyReadout(probs: Float64Array, bits: readonly number[], error: ReadoutError): void {
  const dim = 1 << bits.length;
  let mask = 0;
  const offs = new Int32Array(dim);
  for (const b of bits) mask |= 1 << b;
  for (let s = 0; s < dim; s++) {
    let o = 0;
    for (let k = 0; k < bits.length; k++) if ((s >> k) & 1) o |= 1 << bits[k]!;
    offs[s] = o;
  }
  const local = new Float64Array(dim);
  const m = error.probabilities;
  for (let base = 0; base < probs.length; base++) {
    if (base & mask) continue;
    local.fill(0);
    for (let prepared = 0; prepared < dim; prepared++) {
      const p = probs[base + offs[prepared]!]!;
      if (p === 0) continue;
      const row = m[prepared]!;
      for (let measured = 0; measured < dim; measured++) local[measured] = local[measured]! + p * row[measured]!;
    }
    for (let s = 0; s < dim; s++) probs[base + offs[s]!] = local[s]!;
  }
}
