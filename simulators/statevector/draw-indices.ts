/**
 * Drawing basis-state indices from a probability vector: one uniform draw per shot, the first
 * index whose cumulative probability exceeds it (binary search). Shared by the statevector's
 * sampling and the noisy Estimator's basis sampling, so both draw identically for a seed.
 */
import type { Prng } from '../../src/core/random';

/**
 * `shots` indices drawn from `probabilities` (not normalised: scaled by their sum), in shot
 * order. `probabilities` is not modified.
 */
export function drawIndices(probabilities: Float64Array, shots: number, rng: Prng): Uint32Array {
  const cdf = new Float64Array(probabilities.length);
  let acc = 0;
  for (let i = 0; i < probabilities.length; i++) cdf[i] = acc += probabilities[i]!;
  const out = new Uint32Array(shots);
  for (let s = 0; s < shots; s++) {
    const u = rng.next() * acc;
    let lo = 0, hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    out[s] = lo;
  }
  return out;
}
