/**
 * Noisy Estimator PUBs on the density-matrix simulator: ⟨P⟩ = Tr(ρP) of the state before any
 * measurement (readout errors belong to measurement and do not enter expectation values, as in
 * Aer's exact estimator).
 *
 * - precision 0: exact Tr(ρP), standard errors 0;
 * - precision p > 0: as the noiseless path (simulators/pub-runner/estimation.ts), N = ⌈1/p²⌉
 *   shots per measurement basis (terms with I read as Z share a basis), each basis drawn from
 *   the diagonal of the basis-rotated ρ, the standard error √(Σ_groups s²_g / N) from the samples.
 */
import type { Circuit } from '../../src/circuit/circuit';
import { throwIfAborted } from '../../src/core/errors';
import { yieldToEventLoop } from '../../src/core/abort';
import { deriveSeed, hash32, Prng } from '../../src/core/random';
import type { EstimatorPubResult, ParameterRows, PauliSum } from '../../src/primitives/types';
import { shotsForPrecision } from '../../src/primitives/validate';
import { densityMatrixExpectation, simulateDensityMatrix, touchedQubits, type DensityMatrix } from '../density-matrix';
import { trajectoryExpectations } from '../trajectories';
import { applyGate, type StateBuffers } from '../statevector';
import { bindRow } from '../pub-runner/sampling';
import { estimateSum } from '../pub-runner/estimation';
import { drawIndices } from '../statevector/draw-indices';
import { chooseNoiseMethod, type ResolvedNoiseMethod } from './method';
import type { NoisyRunOptions } from './sampler';

/**
 * Maps a full-width Pauli label (rightmost character = circuit qubit 0) onto the density
 * matrix's local qubits; null when the term vanishes because it has X or Y on a qubit the
 * circuit never touches (that qubit stays |0⟩, and ⟨0|X|0⟩ = ⟨0|Y|0⟩ = 0).
 */
function localLabel(label: string, qubits: readonly number[]): string | null {
  const n = label.length;
  const kept = new Set(qubits);
  for (let q = 0; q < n; q++) {
    const ch = label[n - 1 - q]!;
    if (!kept.has(q) && (ch === 'X' || ch === 'Y')) return null;
  }
  let out = '';
  for (let k = qubits.length - 1; k >= 0; k--) out += qubits[k]! < n ? label[n - 1 - qubits[k]!]! : 'I';
  return out;
}

/** Diagonal of R ρ R† with R rotating each local qubit into basis `key` (X: H; Y: S†·H). */
function basisProbabilities(rho: DensityMatrix, key: string): Float64Array {
  const n = rho.numQubits;
  const v: StateBuffers = { numQubits: 2 * n, re: rho.re.slice(), im: rho.im.slice() };
  for (let k = 0; k < key.length; k++) {
    const q = key.length - 1 - k;
    // Row bits are q + n (R), column bits q (R̄): H is real; conj(S†) = S.
    if (key[k] === 'X') {
      applyGate(v, 'h', [q + n], []);
      applyGate(v, 'h', [q], []);
    } else if (key[k] === 'Y') {
      applyGate(v, 'sdg', [q + n], []);
      applyGate(v, 'h', [q + n], []);
      applyGate(v, 's', [q], []);
      applyGate(v, 'h', [q], []);
    }
  }
  const dim = 2 ** n;
  const p = new Float64Array(dim);
  for (let i = 0; i < dim; i++) p[i] = Math.max(0, v.re[i * dim + i]!);
  return p;
}

function sampledSum(rho: DensityMatrix, sum: PauliSum, shots: number, seed: number, cache: Map<string, Uint32Array>): { ev: number; std: number } {
  const local: [string, number][] = [];
  for (const [full, coeff] of sum) {
    const label = localLabel(full, rho.qubits);
    if (label !== null) local.push([label, coeff]);
  }
  const bases = {
    outcomes: (key: string): Uint32Array => {
      let out = cache.get(key);
      if (!out) {
        out = drawIndices(basisProbabilities(rho, key), shots, new Prng(deriveSeed(seed, hash32(key))));
        cache.set(key, out);
      }
      return out;
    },
  };
  return estimateSum(bases, local, shots);
}

/**
 * Estimates one PUB under noise: every row bound and evolved once, all observables read from
 * its density matrix. Observables are on the circuit's full qubit numbering.
 *
 * @throws {ResourceLimitError} when the chosen method does not fit in memory
 */
export async function runNoisyEstimator(
  circuit: Circuit,
  rows: ParameterRows,
  observables: readonly PauliSum[],
  precision: number,
  pubSeed: number,
  options: NoisyRunOptions,
): Promise<EstimatorPubResult> {
  const requested = options.noiseMethod ?? 'auto';
  const touched = touchedQubits(circuit).length;
  const method: ResolvedNoiseMethod = chooseNoiseMethod(touched, requested);
  if (method === 'trajectories') return trajectoryPub(circuit, rows, observables, precision, pubSeed, options);
  const shots = precision > 0 ? shotsForPrecision(precision) : 0;
  const evs: number[][] = [];
  const stds: number[][] = [];
  for (let r = 0; r < rows.length; r++) {
    if (r > 0) await yieldToEventLoop();
    throwIfAborted(options.signal);
    const rho = simulateDensityMatrix(bindRow(circuit, rows[r]!), { noise: options.noise, signal: options.signal });
    if (precision === 0) {
      evs.push(observables.map((o) => densityMatrixExpectation(rho, o)));
      stds.push(observables.map(() => 0));
    } else {
      const cache = new Map<string, Uint32Array>();
      const est = observables.map((o) => sampledSum(rho, o, shots, deriveSeed(pubSeed, r), cache));
      evs.push(est.map((e) => e.ev));
      stds.push(est.map((e) => e.std));
    }
  }
  return {
    evs: Object.freeze(evs.map((row) => Object.freeze(row))),
    stds: Object.freeze(stds.map((row) => Object.freeze(row))),
    metadata: Object.freeze({
      precision,
      ...(shots ? { shots } : {}),
      method: precision === 0 ? 'exact' : 'pauli-basis-sampling',
      noiseMethod: method,
      noise: options.noise.describe(),
      seed: pubSeed,
    }),
  };
}

/**
 * Trajectories cannot be exact: precision 0 takes Qiskit's default Estimator precision.
 * 1/64 = 0.015625, as qiskit-ibm-runtime's EstimatorV2 default.
 */
const TRAJECTORY_DEFAULT_PRECISION = 0.015625;

/**
 * One PUB by quantum trajectories: per row, ⌈1/precision²⌉ trajectories (at least 2), the mean
 * of ⟨ψ|O|ψ⟩ over them and its standard error. The metadata names the precision actually used.
 */
async function trajectoryPub(
  circuit: Circuit,
  rows: ParameterRows,
  observables: readonly PauliSum[],
  precision: number,
  pubSeed: number,
  options: NoisyRunOptions,
): Promise<EstimatorPubResult> {
  const used = precision > 0 ? precision : TRAJECTORY_DEFAULT_PRECISION;
  const trajectories = Math.max(2, shotsForPrecision(used));
  const evs: number[][] = [];
  const stds: number[][] = [];
  let distinct = 0;
  for (let r = 0; r < rows.length; r++) {
    if (r > 0) await yieldToEventLoop();
    throwIfAborted(options.signal);
    const t = trajectoryExpectations(bindRow(circuit, rows[r]!), observables, {
      noise: options.noise,
      trajectories,
      seed: deriveSeed(pubSeed, r),
      signal: options.signal,
    });
    evs.push([...t.values]);
    stds.push([...t.stdErrors]);
    distinct += t.distinctTrajectories;
  }
  return {
    evs: Object.freeze(evs.map((row) => Object.freeze(row))),
    stds: Object.freeze(stds.map((row) => Object.freeze(row))),
    metadata: Object.freeze({
      precision: used,
      trajectories,
      distinctTrajectories: distinct,
      method: 'trajectory-averaging',
      noiseMethod: 'trajectories',
      noise: options.noise.describe(),
      seed: pubSeed,
    }),
  };
}
