/**
 * Quantum channels as lists of Kraus operators, E(ρ) = Σ_i K_i ρ K_i†, with constructors that
 * follow Qiskit Aer's `qiskit_aer.noise.errors.standard_errors` parameterisations (stated on
 * each function). Matrices use the gate tables' layout (src/circuit/gates.ts): argument 0 of the
 * error is the least significant index bit, as Qiskit.
 */
import { gateMatrix, type GateMatrix } from '../circuit/gates';
import { InputValidationError } from '../core/errors';
import { adjoint, conjugate, identityMatrix, kron, matMul, maxAbsDiff, scale } from './matrix';

/** How far Σ K†K may be from the identity (entry modulus) for a channel to count as trace preserving. */
export const TRACE_PRESERVING_ATOL = 1e-9;

/** An immutable quantum channel on `numQubits` qubits: its Kraus operators and what it is. */
export interface QuantumError {
  /** How many qubits the channel acts on. */
  readonly numQubits: number;
  /** The Kraus operators K_i (each 2^n × 2^n, private copies); Σ K_i†K_i = I. */
  readonly kraus: readonly GateMatrix[];
  /** A short description, e.g. `depolarizing(λ=0.01, 1q)`, shown by `NoiseModel.describe()`. */
  readonly label: string;
  /**
   * For a channel built by {@link composeErrors} or {@link tensorErrors}: the channels it is
   * made of, in the order they act, each on some of this channel's arguments. Applying them in
   * turn is this channel. Simulators use the factors because they are cheaper than the product:
   * a two-qubit depolarizing channel composed with relaxation on both qubits has 16·16 = 256
   * Kraus operators, while its factors have 16 (fixed-probability Paulis) and 4 + 4 (one qubit
   * each). Absent for a channel given directly by its Kraus operators.
   */
  readonly factors?: readonly ErrorFactor[];
}

/** One factor of a composite channel: a channel without factors, on some of the composite's arguments. */
export interface ErrorFactor {
  /** The factor (itself not composite). */
  readonly error: QuantumError;
  /** Which arguments of the composite channel it acts on (its argument j is `args[j]`). */
  readonly args: readonly number[];
}

/** The factors of a channel: its own, or the channel itself on all its arguments. */
export function errorFactors(error: QuantumError): readonly ErrorFactor[] {
  return error.factors ?? [Object.freeze({ error, args: Object.freeze(Array.from({ length: error.numQubits }, (_, j) => j)) })];
}

function fail(message: string): never {
  throw new InputValidationError(message);
}

function checkProbability(name: string, value: number, max = 1): void {
  if (!Number.isFinite(value) || value < 0 || value > max) {
    fail(`${name} must be a number in [0, ${max}], got ${String(value)}`);
  }
}

/** Frobenius norm squared: Kraus operators that are exactly zero are dropped. */
function normSquared(m: GateMatrix): number {
  let s = 0;
  for (const x of m.data) s += x * x;
  return s;
}

function makeError(numQubits: number, kraus: readonly GateMatrix[], label: string, factors?: readonly ErrorFactor[]): QuantumError {
  const kept = kraus.filter((k) => normSquared(k) > 0);
  // A channel always has at least one operator; the zero map is not trace preserving anyway.
  const ops = (kept.length ? kept : kraus).map((k) => Object.freeze({ dim: k.dim, data: k.data.slice() }));
  const error: QuantumError = { numQubits, kraus: Object.freeze(ops), label };
  return Object.freeze(factors ? { ...error, factors: Object.freeze([...factors]) } : error);
}

/** Σ K†K for a list of Kraus operators. */
export function krausCompleteness(kraus: readonly GateMatrix[]): GateMatrix {
  const d = kraus[0]!.dim;
  const sum = new Float64Array(2 * d * d);
  for (const k of kraus) {
    const p = matMul(adjoint(k), k);
    for (let i = 0; i < sum.length; i++) sum[i] = sum[i]! + p.data[i]!;
  }
  return { dim: d, data: sum };
}

/** True when Σ K†K equals the identity to `TRACE_PRESERVING_ATOL` (1e-9) in every entry. */
export function isTracePreserving(error: QuantumError): boolean {
  const d = 2 ** error.numQubits;
  return maxAbsDiff(krausCompleteness(error.kraus), identityMatrix(d)) <= TRACE_PRESERVING_ATOL;
}

/**
 * A channel from arbitrary Kraus operators (Aer's `kraus_error`): square matrices of one
 * dimension 2^n, with Σ K†K = I to 1e-9.
 *
 * @throws {InputValidationError} naming the operator whose shape is wrong, or the deviation from I
 */
export function krausError(ops: readonly GateMatrix[], label = 'kraus'): QuantumError {
  if (ops.length === 0) fail('a Kraus channel needs at least one operator');
  const dim = ops[0]!.dim;
  const n = Math.log2(dim);
  if (!Number.isInteger(n) || n < 1) fail(`Kraus operator 0 has dimension ${dim}: it must be 2^n with n ≥ 1`);
  ops.forEach((k, i) => {
    if (k.dim !== dim || k.data.length !== 2 * dim * dim) {
      fail(`Kraus operator ${i} is not ${dim}×${dim} (${2 * dim * dim} interleaved numbers) like operator 0`);
    }
    if (!k.data.every(Number.isFinite)) fail(`Kraus operator ${i} has a non-finite entry`);
  });
  const dev = maxAbsDiff(krausCompleteness(ops), identityMatrix(dim));
  if (!(dev <= TRACE_PRESERVING_ATOL)) {
    fail(`the Kraus operators are not trace preserving: Σ K†K differs from the identity by ${dev.toExponential(2)} (tolerance ${TRACE_PRESERVING_ATOL})`);
  }
  return makeError(n, ops, label);
}

const PAULI: Record<string, string> = { I: 'id', X: 'x', Y: 'y', Z: 'z' };

/** The matrix of a Pauli label, Qiskit order: the last character acts on qubit 0. */
export function pauliMatrix(label: string): GateMatrix {
  let m: GateMatrix | null = null;
  for (const ch of label) {
    const gate = PAULI[ch];
    if (!gate) fail(`Pauli label '${label}' has '${ch}': only I, X, Y and Z are allowed`);
    const p = gateMatrix(gate);
    m = m ? kron(m, p) : p;
  }
  if (!m) fail('a Pauli label must not be empty');
  return m;
}

/**
 * A mixed Pauli channel (Aer's `pauli_error`): E(ρ) = Σ p_k P_k ρ P_k. Labels are Qiskit's
 * (`'XI'`: X on qubit 1), all of one length; probabilities are ≥ 0 and sum to 1 (to 1e-9).
 *
 * @example pauliError([['X', 0.1], ['I', 0.9]]) is a bit flip with probability 0.1.
 */
export function pauliError(terms: ReadonlyArray<readonly [string, number]>): QuantumError {
  if (terms.length === 0) fail('a Pauli error needs at least one (label, probability) term');
  const n = terms[0]![0].length;
  let total = 0;
  const ops = terms.map(([label, p]) => {
    if (label.length !== n) fail(`Pauli label '${label}' has ${label.length} qubits, '${terms[0]![0]}' has ${n}`);
    checkProbability(`the probability of Pauli '${label}'`, p);
    total += p;
    return scale(pauliMatrix(label), Math.sqrt(p));
  });
  if (Math.abs(total - 1) > TRACE_PRESERVING_ATOL) fail(`Pauli error probabilities sum to ${total}, not 1`);
  const desc = terms.map(([l, p]) => `${l}:${p}`).join(', ');
  return makeError(n, ops, `pauli(${desc})`);
}

/** Every Pauli label on n qubits, identity first. */
function allPauliLabels(n: number): string[] {
  let labels = [''];
  for (let i = 0; i < n; i++) labels = labels.flatMap((l) => ['I', 'X', 'Y', 'Z'].map((c) => l + c));
  return labels;
}

/**
 * The n-qubit depolarizing channel with Aer's parameterisation (`depolarizing_error(param,
 * num_qubits)`): E(ρ) = (1 − λ)ρ + λ·I/2^n, realised as the identity with probability
 * 1 − λ + λ/4^n and each of the 4^n − 1 other Paulis with λ/4^n. λ may exceed 1 up to
 * 4^n/(4^n − 1), the fully Pauli-twirled map (identity weight 0), as Aer allows.
 *
 * @throws {InputValidationError} for λ outside [0, 4^n/(4^n − 1)] or n not a positive integer
 */
export function depolarizingError(lambda: number, numQubits: number): QuantumError {
  if (!Number.isInteger(numQubits) || numQubits < 1) fail(`depolarizing error: number of qubits must be an integer ≥ 1, got ${numQubits}`);
  const terms = 4 ** numQubits;
  checkProbability(`depolarizing parameter for ${numQubits} qubit(s)`, lambda, terms / (terms - 1));
  const labels = allPauliLabels(numQubits);
  // At the maximal λ the identity weight is 0 up to rounding (±1e-16): clamp it, never √(negative).
  const idWeight = 1 - lambda + lambda / terms;
  const weight = (i: number): number => (i > 0 ? lambda / terms : idWeight < 1e-15 ? 0 : idWeight);
  const ops = labels.map((l, i) => scale(pauliMatrix(l), Math.sqrt(weight(i))));
  return makeError(numQubits, ops, `depolarizing(λ=${lambda}, ${numQubits}q)`);
}

/**
 * Generalised amplitude damping (Aer's `amplitude_damping_error(γ, excited_state_population)`):
 * with p1 = 0, K0 = [[1, 0], [0, √(1−γ)]] and K1 = [[0, √γ], [0, 0]] (|1⟩ decays to |0⟩ with
 * probability γ); with p1 > 0 the relaxation goes towards (1 − p1)|0⟩⟨0| + p1|1⟩⟨1|, through
 * √(1−p1)·(K0, K1) and √p1·([[√(1−γ), 0], [0, 1]], [[0, 0], [√γ, 0]]).
 */
export function amplitudeDampingError(gamma: number, excitedPopulation = 0): QuantumError {
  checkProbability('amplitude damping γ', gamma);
  checkProbability('amplitude damping excited-state population', excitedPopulation);
  const p1 = excitedPopulation ? `, p1=${excitedPopulation}` : '';
  return makeError(1, generalizedAmplitudeDamping(gamma, excitedPopulation), `amplitude_damping(γ=${gamma}${p1})`);
}

/**
 * Phase damping (Aer's `phase_damping_error(λ)`): K0 = [[1, 0], [0, √(1−λ)]],
 * K1 = [[0, 0], [0, √λ]]: populations unchanged, coherences multiplied by √(1−λ).
 */
export function phaseDampingError(lambda: number): QuantumError {
  checkProbability('phase damping λ', lambda);
  return makeError(1, phaseDampingKraus(lambda), `phase_damping(λ=${lambda})`);
}

function phaseDampingKraus(lambda: number): GateMatrix[] {
  const k0 = new Float64Array(8), k1 = new Float64Array(8);
  k0[0] = 1;
  k0[6] = Math.sqrt(1 - lambda);
  k1[6] = Math.sqrt(lambda);
  return [{ dim: 2, data: k0 }, { dim: 2, data: k1 }];
}

/**
 * Generalised amplitude damping: relaxation with probability γ towards the thermal state
 * (1 − p1)|0⟩⟨0| + p1|1⟩⟨1|. Coherences are multiplied by √(1−γ) whatever p1 is.
 */
function generalizedAmplitudeDamping(gamma: number, p1: number): GateMatrix[] {
  const a = Math.sqrt(1 - p1), b = Math.sqrt(p1), s = Math.sqrt(gamma), c = Math.sqrt(1 - gamma);
  const op = (e00: number, e01: number, e10: number, e11: number): GateMatrix => ({
    dim: 2,
    data: Float64Array.of(e00, 0, e01, 0, e10, 0, e11, 0),
  });
  return [op(a, 0, 0, a * c), op(0, a * s, 0, 0), op(b * c, 0, 0, b), op(0, 0, b * s, 0)];
}

/**
 * Thermal relaxation over `time` (Aer's `thermal_relaxation_error(t1, t2, time,
 * excited_state_population)`; times in any one unit): populations relax towards
 * (1 − p1, p1) with probability 1 − e^{−t/T1} and coherences decay as e^{−t/T2}, so after time
 * t from |1⟩ the |0⟩ population is (1 − p1)(1 − e^{−t/T1}). Realised as generalised amplitude
 * damping (γ = 1 − e^{−t/T1}, coherence factor e^{−t/(2T1)}) followed by phase damping for the
 * remaining factor e^{−t/T2 + t/(2T1)}, which is ≤ 1 exactly when T2 ≤ 2·T1.
 *
 * T2 > 2·T1 is refused: older Aer releases raised an error there; current ones log a warning
 * and silently use T2 = 2·T1, a quietly different channel than asked for. T1 = T2 = ∞ is the
 * identity.
 *
 * @throws {InputValidationError} when T1 or T2 is not positive, T2 > 2·T1, the time is
 *   negative, or p1 is outside [0, 1]
 */
export function thermalRelaxationError(t1: number, t2: number, time: number, excitedPopulation = 0): QuantumError {
  if (!(t1 > 0)) fail(`thermal relaxation: T1 must be > 0, got ${String(t1)}`);
  if (!(t2 > 0)) fail(`thermal relaxation: T2 must be > 0, got ${String(t2)}`);
  if (t2 - 2 * t1 > 0) fail(`thermal relaxation: T2 (${t2}) is greater than 2·T1 (${2 * t1}), which no physical qubit has`);
  if (!(time >= 0) || !Number.isFinite(time)) fail(`thermal relaxation: the time must be a finite number ≥ 0, got ${String(time)}`);
  checkProbability('thermal relaxation excited-state population', excitedPopulation);
  const gamma = 1 - Math.exp(-time / t1);
  // Extra dephasing beyond what relaxation causes; Infinity/Infinity cannot occur (time is finite).
  const extra = Math.exp(-time / t2 + time / (2 * t1));
  const phase = 1 - Math.min(1, extra) ** 2;
  const ops = composeKraus(generalizedAmplitudeDamping(gamma, excitedPopulation), phaseDampingKraus(phase));
  return makeError(1, ops, `thermal_relaxation(T1=${t1}, T2=${t2}, t=${time}, p1=${excitedPopulation})`);
}

/** Kraus operators of "first, then second": every B_j·A_i. */
function composeKraus(first: readonly GateMatrix[], second: readonly GateMatrix[]): GateMatrix[] {
  return second.flatMap((b) => first.map((a) => matMul(b, a)));
}

/**
 * The channel `first` followed by `then` on the same qubits (Aer's `first.compose(then)`).
 *
 * @throws {InputValidationError} when the qubit counts differ
 */
export function composeErrors(first: QuantumError, then: QuantumError): QuantumError {
  if (first.numQubits !== then.numQubits) {
    fail(`cannot compose a ${first.numQubits}-qubit error with a ${then.numQubits}-qubit error`);
  }
  return makeError(first.numQubits, composeKraus(first.kraus, then.kraus), `${first.label} then ${then.label}`, [
    ...errorFactors(first),
    ...errorFactors(then),
  ]);
}

/**
 * The product channel `high ⊗ low` (Aer's `high.tensor(low)`): `low` acts on the first
 * qubits (arguments 0…), `high` on the next ones, as Qiskit's tensor.
 */
export function tensorErrors(high: QuantumError, low: QuantumError): QuantumError {
  const ops = high.kraus.flatMap((a) => low.kraus.map((b) => kron(a, b)));
  // The factors of `low` and of `high` act on disjoint arguments, so their order is free.
  const shift = low.numQubits;
  const highFactors = errorFactors(high).map((f) => Object.freeze({ error: f.error, args: Object.freeze(f.args.map((a) => a + shift)) }));
  return makeError(high.numQubits + low.numQubits, ops, `(${high.label}) ⊗ (${low.label})`, [...errorFactors(low), ...highFactors]);
}

/** The Kraus operators conjugated entrywise (they act on the column index of ρ). */
export function conjugateKraus(error: QuantumError): GateMatrix[] {
  return error.kraus.map(conjugate);
}
