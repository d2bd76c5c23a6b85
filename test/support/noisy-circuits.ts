/**
 * Random noisy circuits for the noise-method tests, and an independent dense reference for
 * them: plain 2^n × 2^n complex matrices (test/support/dense.ts), every gate and Kraus operator
 * embedded as a full operator element by element, ρ → U ρ U† and ρ → Σ K ρ K†. It shares no
 * code with the simulators; the errors come from a plain gate-name → channel table of its own
 * (the library's `quantumErrorFor` lookup is not used).
 */
import { Circuit } from '../../src/circuit/circuit';
import { gateMatrix } from '../../src/circuit/gates';
import type { Prng } from '../../src/core/random';
import {
  amplitudeDampingError,
  composeErrors,
  depolarizingError,
  NoiseModel,
  pauliError,
  ReadoutError,
  tensorErrors,
  thermalRelaxationError,
  type QuantumError,
} from '../../src/noise';
import { add, dagger, matmul, type Mat } from './dense';

/** Gate name → the error attached after it on every qubit. */
export type ErrorTable = ReadonlyMap<string, QuantumError>;

/**
 * Depolarizing, amplitude damping, thermal relaxation and Pauli errors on the gates
 * randomNoisyCircuit draws, and on swap a composite one as a device model builds it
 * (depolarizing, then relaxation on each qubit), which the trajectory simulator unravels
 * factor by factor.
 */
export function mixedErrorTable(): ErrorTable {
  return new Map<string, QuantumError>([
    ['sx', depolarizingError(0.03, 1)],
    ['x', amplitudeDampingError(0.05)],
    ['rz', thermalRelaxationError(100, 80, 3)],
    ['h', pauliError([['X', 0.02], ['Y', 0.01], ['Z', 0.03], ['I', 0.94]])],
    ['cx', depolarizingError(0.04, 2)],
    ['cz', pauliError([['XZ', 0.02], ['IZ', 0.01], ['II', 0.97]])],
    ['ry', thermalRelaxationError(50, 30, 2, 0.1)],
    ['swap', composeErrors(depolarizingError(0.04, 2), tensorErrors(thermalRelaxationError(40, 50, 3), amplitudeDampingError(0.06)))],
  ]);
}

/** The table as a NoiseModel (all-qubit errors), with readout errors on every qubit and a local one on qubit 1. */
export function noiseModelOf(table: ErrorTable, readout = true): NoiseModel {
  const model = new NoiseModel();
  for (const [gate, e] of table) model.addAllQubitQuantumError(e, gate);
  if (readout) {
    model.addReadoutError(new ReadoutError([[0.97, 0.03], [0.05, 0.95]]));
    model.addReadoutError(new ReadoutError([[0.9, 0.1], [0.2, 0.8]]), [1]);
  }
  return model;
}

const ONE = ['sx', 'x', 'h', 's', 't'];
const ONE_P = ['rz', 'ry', 'rx'];
const TWO = ['cx', 'cz', 'swap'];

/** A seeded random circuit on n qubits (no measurements), optionally with a reset in the middle. */
export function randomNoisyCircuit(n: number, depth: number, rng: Prng, withReset = false): Circuit {
  const c = new Circuit(n, n);
  for (let i = 0; i < depth; i++) {
    const a = rng.integer(n);
    let b = rng.integer(n - 1);
    if (b >= a) b++;
    const kind = rng.integer(3);
    if (kind === 0) c.append(ONE[rng.integer(ONE.length)]!, [a]);
    else if (kind === 1) c.append(ONE_P[rng.integer(ONE_P.length)]!, [a], [rng.next() * 6 - 3]);
    else c.append(TWO[rng.integer(TWO.length)]!, [a, b]);
    if (withReset && i === depth >> 1) c.reset(a);
  }
  return c;
}

/** A k-qubit matrix on `qubits` of n as a full 2^n operator (argument j = bit qubits[j]). */
export function embed(m: { dim: number; data: Float64Array }, qubits: readonly number[], n: number): Mat {
  const N = 2 ** n;
  const data = new Float64Array(2 * N * N);
  const local = (i: number): number => qubits.reduce((acc, q, j) => acc | (((i >> q) & 1) << j), 0);
  const rest = (i: number): number => qubits.reduce((acc, q) => acc & ~(1 << q), i);
  for (let r = 0; r < N; r++)
    for (let c = 0; c < N; c++) {
      if (rest(r) !== rest(c)) continue;
      const o = 2 * (local(r) * m.dim + local(c));
      data[2 * (r * N + c)] = m.data[o]!;
      data[2 * (r * N + c) + 1] = m.data[o + 1]!;
    }
  return { dim: N, data };
}

const RESET = [
  { dim: 2, data: Float64Array.of(1, 0, 0, 0, 0, 0, 0, 0) },
  { dim: 2, data: Float64Array.of(0, 0, 1, 0, 0, 0, 0, 0) },
];

/** ρ of the circuit (all its qubits) by full-operator Kraus sums; measurements are skipped. */
export function denseKrausRho(circuit: Circuit, table: ErrorTable): Mat {
  const n = circuit.numQubits;
  const N = 2 ** n;
  let rho: Mat = { dim: N, data: new Float64Array(2 * N * N) };
  rho.data[0] = 1;
  const channel = (kraus: readonly { dim: number; data: Float64Array }[], qubits: readonly number[]): void => {
    let sum: Mat = { dim: N, data: new Float64Array(2 * N * N) };
    for (const k of kraus) {
      const e = embed(k, qubits, n);
      sum = add(sum, matmul(matmul(e, rho), dagger(e)));
    }
    rho = sum;
  };
  for (const ins of circuit.instructions) {
    if (ins.name === 'barrier' || ins.name === 'measure') continue;
    if (ins.name === 'reset') {
      channel(RESET, ins.qubits);
      continue;
    }
    channel([gateMatrix(ins.name, ins.params as number[])], ins.qubits);
    const err = table.get(ins.name);
    if (err) channel(err.kraus, ins.qubits);
  }
  return rho;
}
