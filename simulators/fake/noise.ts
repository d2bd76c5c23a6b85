import type { Circuit } from '../../src/circuit/circuit';
import type { SampledMemory } from '../pub-runner/sampling';
import type { Target } from '../../src/core/target';
import { Prng } from '../../src/core/random';

/**
 * The fake backends' optional noise model (`noise: true`), deliberately simple and documented:
 *
 * - **Gate noise as global depolarisation**: a circuit whose gates have calibrated errors
 *   e_1…e_k keeps its ideal output with probability F = Π(1 − e_i); otherwise the shot is
 *   fully depolarised (uniformly random measured bits). For the Estimator this scales every
 *   non-identity Pauli term by F.
 * - **Readout error**: each measured bit flips independently with the qubit's `readout_error`.
 *
 * Real devices are not this uniform; the model is for exercising noisy code paths
 * reproducibly, not for predicting hardware.
 */

/** Π(1 − gate error) over the circuit's gates (physical qubits; unknown errors count as 0). */
export function circuitFidelity(circuit: Circuit, target: Target): number {
  let f = 1;
  for (const ins of circuit.instructions) {
    if (ins.name === 'barrier' || ins.name === 'measure') continue;
    const e = target.gateErrors?.get(`${ins.name}:${ins.qubits.join(',')}`) ?? 0;
    f *= 1 - Math.min(1, Math.max(0, e));
  }
  return f;
}

/**
 * Applies depolarisation (probability 1 − `fidelity` per shot) and readout flips, in place, to
 * a sampled PUB's classical memory (layout: src/primitives/measurement.ts). `clbitQubit[c]` is
 * the physical qubit measured into classical bit c (−1: none, never noisy). Draw order per shot:
 * the depolarisation draw, then register by register, bit by bit, a random bit (when
 * depolarised) and a readout draw (when the qubit has a readout error).
 */
export function applySamplerNoise(
  sampled: SampledMemory,
  circuit: Circuit,
  clbitQubit: Int32Array,
  fidelity: number,
  target: Target,
  seed: number,
): void {
  const rng = new Prng(seed);
  const { memory, wordsPerShot: wps, shots, numRows } = sampled;
  for (let s = 0; s < shots * numRows; s++) {
    const depolarised = rng.next() >= fidelity;
    for (const reg of circuit.classicalRegisters) {
      for (let b = 0; b < reg.size; b++) {
        const c = reg.offset + b;
        const q = clbitQubit[c]!;
        if (q < 0) continue;
        const w = s * wps + (c >>> 5);
        const mask = 1 << (c & 31);
        if (depolarised) memory[w] = rng.next() < 0.5 ? memory[w]! & ~mask : memory[w]! | mask;
        const pe = target.qubitProperties?.[q]?.readoutError ?? 0;
        if (pe > 0 && rng.next() < pe) memory[w] = memory[w]! ^ mask;
      }
    }
  }
}
