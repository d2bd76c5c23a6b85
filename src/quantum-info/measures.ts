/**
 * Qiskit's quantum_info functions on states and channels: `partial_trace`, `state_fidelity`,
 * `process_fidelity`, `average_gate_fidelity`.
 */
import type { GateMatrix } from '../circuit/gates';
import { InputValidationError } from '../core/errors';
import type { QuantumError } from '../noise/channels';
import { matMul } from '../noise/matrix';
import { Statevector as EngineStatevector, type StateBuffers } from '../../simulators/statevector';
import { assertDenseFits, hermitianFunction, hilbertSchmidt, traceOf } from './dense';
import { DensityMatrix } from './density-matrix';
import { Operator, checkQargs } from './operator';
import { spreadIndex } from './probabilities';

/** A state the fidelity functions take: a statevector (pure) or a {@link DensityMatrix}. */
export type QuantumState = StateBuffers | DensityMatrix;

/**
 * The reduced density matrix with the qubits `qargs` traced out, as Qiskit's
 * `partial_trace(state, qargs)`; the kept qubits keep their order. A statevector is reduced
 * directly (ρ[r][c] = Σ_t ψ[r, t]·conj(ψ[c, t])), so only the kept part must be small.
 *
 * @example partialTrace(bellState, [1]) → I/2 on qubit 0
 * @throws {InputValidationError} for bad qargs
 * @throws {ResourceLimitError} when more than MAX_DENSE_QUBITS qubits are kept
 */
export function partialTrace(state: QuantumState, qargs: readonly number[]): DensityMatrix {
  if (state instanceof DensityMatrix) return state.partialTrace(qargs);
  const n = state.numQubits;
  checkQargs(qargs, n, 'partialTrace');
  const out = new Set(qargs);
  const keep = Array.from({ length: n }, (_, q) => q).filter((q) => !out.has(q));
  assertDenseFits(keep.length, 'partialTrace');
  const dk = 2 ** keep.length, dt = 2 ** qargs.length;
  const keptBits = Array.from({ length: dk }, (_, j) => spreadIndex(j, keep));
  const data = new Float64Array(2 * dk * dk);
  for (let t = 0; t < dt; t++) {
    const tb = spreadIndex(t, qargs);
    for (let r = 0; r < dk; r++) {
      const ar = state.re[keptBits[r]! | tb]!, ai = state.im[keptBits[r]! | tb]!;
      if (ar === 0 && ai === 0) continue;
      for (let c = 0; c < dk; c++) {
        const br = state.re[keptBits[c]! | tb]!, bi = state.im[keptBits[c]! | tb]!;
        data[2 * (r * dk + c)]! += ar * br + ai * bi;
        data[2 * (r * dk + c) + 1]! += ai * br - ar * bi;
      }
    }
  }
  return DensityMatrix.fromMatrix({ dim: dk, data });
}

/**
 * The fidelity of two states, as Qiskit's `state_fidelity`: |⟨a|b⟩|² for two pure states,
 * ⟨a|ρ|a⟩ for a pure and a mixed one, and Uhlmann's (Tr √(√ρ₁ ρ₂ √ρ₁))² for two mixed ones
 * (square roots through the eigen-decomposition of the Hermitian matrices).
 *
 * @param options - `validate` (default true): refuse states that are not normalised (or not
 *   Hermitian, trace-1 and positive semidefinite), as Qiskit does
 * @throws {InputValidationError} for states of different sizes or, with `validate`, an invalid state
 */
export function stateFidelity(a: QuantumState, b: QuantumState, options: { validate?: boolean; atol?: number } = {}): number {
  const atol = options.atol ?? 1e-8;
  if (options.validate ?? true) {
    checkState(a, 'first', atol);
    checkState(b, 'second', atol);
  }
  if (a.numQubits !== b.numQubits) throw new InputValidationError(`stateFidelity: states of ${a.numQubits} and ${b.numQubits} qubits`);
  if (!(a instanceof DensityMatrix) && !(b instanceof DensityMatrix)) {
    return new EngineStatevector(a).fidelity(new EngineStatevector(b));
  }
  if (!(a instanceof DensityMatrix)) return pureMixed(a, b as DensityMatrix);
  if (!(b instanceof DensityMatrix)) return pureMixed(b, a);
  const s = hermitianFunction(a.matrix, (x) => Math.sqrt(Math.max(0, x))).result;
  const m = matMul(matMul(s, b.matrix), s);
  const { values } = hermitianFunction(m, (x) => x);
  let t = 0;
  for (const v of values) t += Math.sqrt(Math.max(0, v));
  return t * t;
}

/** ⟨ψ|ρ|ψ⟩ (real for Hermitian ρ). */
function pureMixed(psi: StateBuffers, rho: DensityMatrix): number {
  const d = rho.dim, m = rho.matrix.data;
  let re = 0;
  for (let r = 0; r < d; r++) {
    // conj(ψ_r)·Σ_c ρ_rc ψ_c, real part
    let sr = 0, si = 0;
    for (let c = 0; c < d; c++) {
      const xr = m[2 * (r * d + c)]!, xi = m[2 * (r * d + c) + 1]!;
      sr += xr * psi.re[c]! - xi * psi.im[c]!;
      si += xr * psi.im[c]! + xi * psi.re[c]!;
    }
    re += psi.re[r]! * sr + psi.im[r]! * si;
  }
  return re;
}

function checkState(s: QuantumState, which: string, atol: number): void {
  if (s instanceof DensityMatrix) {
    if (!s.isValid(atol)) throw new InputValidationError(`stateFidelity: the ${which} state is not a valid density matrix (Hermitian, trace 1, positive semidefinite)`);
    return;
  }
  if (!s || !(s.re instanceof Float64Array)) throw new InputValidationError(`stateFidelity: the ${which} state must be a Statevector or a DensityMatrix`);
  let norm = 0;
  for (let i = 0; i < s.re.length; i++) norm += s.re[i]! ** 2 + s.im[i]! ** 2;
  if (Math.abs(norm - 1) > atol) throw new InputValidationError(`stateFidelity: the ${which} state is not normalised (squared norm ${norm})`);
}

/** A channel the process fidelities take: a unitary {@link Operator} or a noise channel's Kraus form. */
export type Channel = Operator | QuantumError;

/**
 * The process fidelity of `channel` to the unitary `target` (default: the identity), as
 * Qiskit's `process_fidelity`: F = Σ_i |Tr(T†K_i)|² / d² for Kraus operators K_i (one, U,
 * for a unitary channel: |Tr(T†U)|² / d²).
 *
 * @example processFidelity(depolarizingError(λ, 1)) = 1 − 3λ/4
 * @throws {InputValidationError} for a non-unitary Operator (as channel or target) or mismatched sizes
 */
export function processFidelity(channel: Channel, target?: Operator): number {
  const kraus = krausOf(channel);
  const d = kraus[0]!.dim;
  if (target !== undefined) {
    if (!(target instanceof Operator)) throw new InputValidationError('processFidelity: the target must be an Operator');
    if (target.dim !== d) throw new InputValidationError(`processFidelity: the channel acts on ${Math.log2(d)} qubit(s), the target on ${target.numQubits}`);
    if (!target.isUnitary(1e-8)) throw new InputValidationError('processFidelity: the target Operator is not unitary');
  }
  let f = 0;
  for (const k of kraus) {
    // Tr(T†K) = Σ conj(T_ij) K_ij; the identity target gives Tr K.
    const [re, im] = target ? hilbertSchmidt(target.matrix, k) : traceOf(k);
    f += re * re + im * im;
  }
  return f / (d * d);
}

/**
 * The average gate fidelity (d·F_pro + 1)/(d + 1) of `channel` to `target`, as Qiskit's
 * `average_gate_fidelity` for trace-preserving channels.
 *
 * @throws {InputValidationError} as {@link processFidelity}
 */
export function averageGateFidelity(channel: Channel, target?: Operator): number {
  const d = krausOf(channel)[0]!.dim;
  return (d * processFidelity(channel, target) + 1) / (d + 1);
}

function krausOf(channel: Channel): readonly GateMatrix[] {
  if (channel instanceof Operator) {
    if (!channel.isUnitary(1e-8)) throw new InputValidationError('processFidelity: the channel Operator is not unitary (pass a noise channel for a non-unitary map)');
    return [channel.matrix];
  }
  if (channel && Array.isArray((channel as QuantumError).kraus) && (channel as QuantumError).kraus.length > 0) return (channel as QuantumError).kraus;
  throw new InputValidationError('processFidelity: the channel must be an Operator or a quantum channel with Kraus operators');
}
