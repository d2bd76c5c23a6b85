/**
 * Estimator execution on the statevector simulator.
 *
 * - precision 0: exact ⟨ψ|O|ψ⟩ from the statevector, standard errors 0 (as Qiskit's
 *   StatevectorEstimator with precision 0);
 * - precision p > 0: a shot-based estimate, as hardware would give, with N = ⌈1/p²⌉ shots per
 *   measurement basis (Qiskit's BackendEstimatorV2 rule). Terms are grouped by measurement
 *   basis (the label with I read as Z, so e.g. ZI and IZ share samples); each group's state is
 *   rotated into that basis (X: H; Y: S†·H), sampled with a seed derived from the request seed,
 *   and every shot gives v = Σ_k c_k·(−1)^{parity(outcome ∧ support_k)}. The estimate is the sum
 *   of group means (identity terms added exactly); its standard error is
 *   √(Σ_groups s²_g / N) with s²_g the unbiased sample variance of v — computed from the
 *   samples, not from the exact value. (Qiskit's StatevectorEstimator instead adds Gaussian
 *   noise of std = precision to the exact value; sampling is closer to real hardware.)
 */
import type { Circuit } from '../../src/circuit/circuit';
import { throwIfAborted } from '../../src/core/errors';
import type { EstimatorPubResult, ParameterRows, PauliSum } from '../../src/primitives/types';
import { shotsForPrecision } from '../../src/primitives/validate';
import { applyGate, simulateStatevector, Statevector, type StateBuffers } from '../statevector';
import { yieldToEventLoop } from '../../src/core/abort';
import { bindRow } from './sampling';
import { deriveSeed, hash32 } from '../../src/core/random';
import { parity } from '../../src/core/bits';

/** Estimates one PUB: every row bound and simulated once; all observables evaluated on it. */
export async function estimatePub(
  circuit: Circuit,
  rows: ParameterRows,
  observables: readonly PauliSum[],
  precision: number,
  pubSeed: number,
  signal?: AbortSignal,
): Promise<EstimatorPubResult> {
  const shots = precision > 0 ? shotsForPrecision(precision) : 0;
  const evs: number[][] = [];
  const stds: number[][] = [];
  for (let r = 0; r < rows.length; r++) {
    if (r > 0) await yieldToEventLoop();
    throwIfAborted(signal);
    const state = simulateStatevector(bindRow(circuit, rows[r]!), { signal });
    if (precision === 0) {
      const sv = new Statevector(state);
      evs.push(observables.map((o) => sv.expectationValue(o)));
      stds.push(observables.map(() => 0));
    } else {
      const sampler = new BasisSampler(state, shots, deriveSeed(pubSeed, r));
      const est = observables.map((o) => estimateSum(sampler, o, shots));
      evs.push(est.map((e) => e.ev));
      stds.push(est.map((e) => e.std));
    }
  }
  return {
    evs: Object.freeze(evs.map((r) => Object.freeze(r))),
    stds: Object.freeze(stds.map((r) => Object.freeze(r))),
    metadata: Object.freeze({
      precision,
      ...(shots ? { shots } : {}),
      method: precision === 0 ? 'exact' : 'pauli-basis-sampling',
    }),
  };
}

/** Samples of a state in Pauli measurement bases, cached per basis key (one draw per basis). */
class BasisSampler {
  private readonly cache = new Map<string, Uint32Array>();
  constructor(
    private readonly state: StateBuffers,
    private readonly shots: number,
    private readonly seed: number,
  ) {}

  /** Outcomes (basis indices, shot order) of measuring in basis `key` (letters X, Y, Z; leftmost = top qubit). */
  outcomes(key: string): Uint32Array {
    let out = this.cache.get(key);
    if (!out) {
      const n = this.state.numQubits;
      const rotated: StateBuffers = { numQubits: n, re: this.state.re.slice(), im: this.state.im.slice() };
      for (let k = 0; k < key.length; k++) {
        const q = key.length - 1 - k;
        if (key[k] === 'X') applyGate(rotated, 'h', [q], []);
        else if (key[k] === 'Y') {
          applyGate(rotated, 'sdg', [q], []);
          applyGate(rotated, 'h', [q], []);
        }
      }
      out = new Statevector(rotated).sampleIndices(this.shots, deriveSeed(this.seed, hash32(key)));
      this.cache.set(key, out);
    }
    return out;
  }
}

/** Where measurement outcomes of a basis come from: `key` is the basis (letters X, Y, Z per qubit). */
export interface BasisOutcomes {
  /** `shots` sampled basis-state indices of the state rotated into basis `key`. */
  outcomes(key: string): Uint32Array;
}

/**
 * ⟨Σ c_j P_j⟩ from sampled bases and its standard error: terms sharing a basis (I read as Z)
 * share its shots; each basis contributes its sample variance / shots.
 */
export function estimateSum(sampler: BasisOutcomes, sum: PauliSum, shots: number): { ev: number; std: number } {
  let constant = 0;
  const groups = new Map<string, Array<{ mask: number; coeff: number }>>();
  for (const [label, coeff] of sum) {
    if (/^I*$/.test(label)) {
      constant += coeff;
      continue;
    }
    let mask = 0;
    for (let k = 0; k < label.length; k++) if (label[k] !== 'I') mask |= 1 << (label.length - 1 - k);
    const key = label.replace(/I/g, 'Z');
    const g = groups.get(key) ?? [];
    g.push({ mask, coeff });
    groups.set(key, g);
  }
  let ev = constant;
  let variance = 0;
  for (const [key, terms] of groups) {
    const outcomes = sampler.outcomes(key);
    let sum1 = 0, sum2 = 0;
    for (let s = 0; s < shots; s++) {
      const idx = outcomes[s]!;
      let v = 0;
      for (const t of terms) v += parity(idx & t.mask) ? -t.coeff : t.coeff;
      sum1 += v;
      sum2 += v * v;
    }
    const mean = sum1 / shots;
    // Unbiased sample variance of one shot's value; 0 with a single shot (no spread to measure).
    const s2 = shots > 1 ? Math.max(0, (sum2 - shots * mean * mean) / (shots - 1)) : 0;
    ev += mean;
    variance += s2 / shots;
  }
  return { ev, std: Math.sqrt(variance) };
}
