/**
 * Outcomes of a noisy circuit on the density-matrix simulator: exact probabilities of the
 * classical bit strings (diagonal of ρ, then readout errors, then the measure → clbit map) and
 * counts sampled from them with the seeded PRNG of src/core/random.ts.
 */
import type { Circuit } from '../../src/circuit/circuit';
import { InputValidationError } from '../../src/core/errors';
import { freshSeed, Prng } from '../../src/core/random';
import type { NoiseModel } from '../../src/noise/noise-model';
import type { RegisterCounts } from '../../src/primitives/measurement';
import { applyReadout } from '../../src/noise/readout';
import { evolveDensityMatrix, type DensityMatrix, type FinalMeasurement } from './evolve';
import { readoutPlan } from './readout-plan';

/** Options of the density-matrix simulator. */
export interface DensityMatrixOptions {
  /** The noise model (read once, at the start: later edits do not affect the run). Default: ideal. */
  noise?: NoiseModel;
  /** Checked between instructions. */
  signal?: AbortSignal;
}

/** Exact outcome probabilities and what produced them. */
export interface DensityMatrixProbabilities {
  /**
   * P(bit string) over all the circuit's classical bits, clbit 0 rightmost (Qiskit's order
   * within a register; registers concatenated, last register leftmost, without spaces).
   * Only non-zero outcomes are listed, in ascending key order.
   */
  readonly probabilities: ReadonlyMap<string, number>;
  /** The circuit qubits simulated (the ones it touches), ascending. */
  readonly qubits: readonly number[];
  /** How many quantum errors were applied after gates. */
  readonly errorsApplied: number;
  /** The circuit qubits whose readout had an assignment error applied. */
  readonly readoutQubits: readonly number[];
  /** `NoiseModel.describe()` of the model used (or that none was). */
  readonly noise: string;
}

/** The final density matrix (before measurement) over the qubits the circuit touches. */
export function simulateDensityMatrix(circuit: Circuit, options: DensityMatrixOptions = {}): DensityMatrix {
  return evolveDensityMatrix(circuit, options.noise?.snapshot() ?? null, options.signal).rho;
}

/**
 * Exact probabilities of the measured bit strings under the noise model, readout errors
 * included.
 *
 * @throws {InputValidationError} when a multi-qubit readout error covers a qubit the circuit does not measure
 */
export function measurementProbabilities(circuit: Circuit, options: DensityMatrixOptions = {}): DensityMatrixProbabilities {
  const snap = options.noise?.snapshot() ?? null;
  const { rho, measurements, errorsApplied } = evolveDensityMatrix(circuit, snap, options.signal);
  const dim = 2 ** rho.numQubits;
  const probs = new Float64Array(dim);
  // Rounding can leave diagonal entries a few ulps below zero; they are probabilities.
  for (let i = 0; i < dim; i++) probs[i] = Math.max(0, rho.re[i * dim + i]!);
  const readout = readoutPlan(snap, measurements);
  for (const step of readout.steps) applyReadout(probs, step.bits, step.error);
  return {
    probabilities: toBitStrings(probs, measurements, circuit.numClbits),
    qubits: rho.qubits,
    errorsApplied,
    readoutQubits: readout.qubits,
    noise: options.noise ? options.noise.describe() : 'no noise model (ideal)',
  };
}

/**
 * Marginalises weights over simulated basis indices (probabilities, or shot counts) onto the
 * classical bits (a later measure into a bit wins); keys ascending, zero weights left out.
 */
export function toBitStrings(probs: Float64Array, measurements: readonly FinalMeasurement[], numClbits: number): Map<string, number> {
  const acc = new Map<string, number>();
  const writer = new Map<number, number>(); // clbit → local qubit of its last measurement
  for (const m of measurements) writer.set(m.clbit, m.local);
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i]!;
    if (p === 0) continue;
    let key = '';
    for (let c = numClbits - 1; c >= 0; c--) {
      const local = writer.get(c);
      key += local !== undefined && (i >> local) & 1 ? '1' : '0';
    }
    acc.set(key, (acc.get(key) ?? 0) + p);
  }
  return new Map([...acc].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Options for {@link sampleDensityMatrixCounts}. */
export interface DensityMatrixSampleOptions extends DensityMatrixOptions {
  /** Number of shots (integer ≥ 1). */
  shots: number;
  /** PRNG seed; omitted → a fresh one, reported in the result. */
  seed?: number;
}

/** Sampled counts and what produced them. */
export interface DensityMatrixCounts extends Omit<DensityMatrixProbabilities, 'probabilities'> {
  /** Shots per bit string (keys as in {@link DensityMatrixProbabilities.probabilities}). */
  readonly counts: Readonly<Record<string, number>>;
  /** The same shots split by classical register, Qiskit's per-register keys (highest bit leftmost). */
  readonly registerCounts: RegisterCounts;
  /** The seed used. */
  readonly seed: number;
  /** The number of shots. */
  readonly shots: number;
}

/**
 * Counts drawn from the exact probabilities: one multinomial draw as successive binomials over
 * the outcomes in ascending key order (reproducible for a seed).
 *
 * @throws {InputValidationError} for a shot count that is not a positive integer
 */
export function sampleDensityMatrixCounts(circuit: Circuit, options: DensityMatrixSampleOptions): DensityMatrixCounts {
  const { shots } = options;
  if (!Number.isInteger(shots) || shots < 1) throw new InputValidationError(`shots must be a positive integer, got ${String(shots)}`);
  const seed = options.seed ?? freshSeed();
  const exact = measurementProbabilities(circuit, options);
  const rng = new Prng(seed);
  const counts: Record<string, number> = {};
  let left = shots;
  let mass = 0;
  for (const p of exact.probabilities.values()) mass += p;
  for (const [key, p] of exact.probabilities) {
    if (left === 0) break;
    const k = mass > p ? rng.binomial(left, p / mass) : left;
    if (k > 0) counts[key] = k;
    left -= k;
    mass -= p;
  }
  const { qubits, errorsApplied, readoutQubits, noise } = exact;
  const registerCounts = splitByRegister(circuit, counts);
  return { qubits, errorsApplied, readoutQubits, noise, counts, registerCounts, seed, shots };
}

/** Counts over all clbits (clbit 0 rightmost) → counts per register (a register is a run of clbits). */
export function splitByRegister(circuit: Circuit, counts: Readonly<Record<string, number>>): RegisterCounts {
  const n = circuit.numClbits;
  const out: RegisterCounts = {};
  for (const reg of circuit.classicalRegisters) {
    const acc: Record<string, number> = {};
    for (const [key, k] of Object.entries(counts)) {
      const bits = key.slice(n - reg.offset - reg.size, n - reg.offset);
      acc[bits] = (acc[bits] ?? 0) + k;
    }
    out[reg.name] = Object.fromEntries(Object.entries(acc).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  return out;
}
