/**
 * Outcome probabilities of quantum_info states: marginals over chosen qubits and Qiskit's
 * dictionary form (bit strings, the first listed qubit rightmost).
 */
import { InputValidationError } from '../core/errors';

/**
 * Checks `qargs` for an n-qubit state (distinct qubits in range) and returns them, or all
 * qubits in order when absent.
 *
 * @throws {InputValidationError} naming the problem
 */
export function resolveQargs(qargs: readonly number[] | undefined, n: number, what: string): number[] {
  if (qargs === undefined) return Array.from({ length: n }, (_, q) => q);
  if (!Array.isArray(qargs)) throw new InputValidationError(`${what}: qargs must be a list of qubit indices`);
  const seen = new Set<number>();
  for (const q of qargs) {
    if (!Number.isInteger(q) || q < 0 || q >= n) throw new InputValidationError(`${what}: qubit ${String(q)} is out of range [0, ${n})`);
    if (seen.has(q)) throw new InputValidationError(`${what}: qubit ${q} is listed twice`);
    seen.add(q);
  }
  return [...qargs];
}

/** The index of basis state `i` restricted to `qargs`: bit t of the result is bit `qargs[t]` of i. */
export function marginalIndex(i: number, qargs: readonly number[]): number {
  let j = 0;
  for (let t = 0; t < qargs.length; t++) j |= ((i >>> qargs[t]!) & 1) << t;
  return j;
}

/** The inverse of {@link marginalIndex}: bit t of `j` placed on bit `qargs[t]` (others 0). */
export function spreadIndex(j: number, qargs: readonly number[]): number {
  let i = 0;
  for (let t = 0; t < qargs.length; t++) i |= ((j >>> t) & 1) << qargs[t]!;
  return i;
}

/** Marginal probabilities over `qargs` of a full distribution `p` (Qiskit's `probabilities(qargs)`). */
export function marginalize(p: Float64Array, qargs: readonly number[]): Float64Array {
  const out = new Float64Array(2 ** qargs.length);
  for (let i = 0; i < p.length; i++) out[marginalIndex(i, qargs)]! += p[i]!;
  return out;
}

/** The bit-string key of index j over k bits (bit 0 rightmost). */
export function bitKey(j: number, k: number): string {
  return k === 0 ? '' : j.toString(2).padStart(k, '0');
}

/**
 * Qiskit's `probabilities_dict`: bit string → probability, zero entries left out (after
 * rounding to `decimals` places when given).
 */
export function probabilitiesToDict(p: Float64Array, k: number, decimals?: number): Record<string, number> {
  if (decimals !== undefined && (!Number.isInteger(decimals) || decimals < 0)) {
    throw new InputValidationError(`decimals must be an integer ≥ 0, got ${String(decimals)}`);
  }
  const out: Record<string, number> = {};
  for (let j = 0; j < p.length; j++) {
    const v = decimals === undefined ? p[j]! : Number(p[j]!.toFixed(decimals));
    if (v !== 0) out[bitKey(j, k)] = v;
  }
  return out;
}
