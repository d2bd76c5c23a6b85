import type { Circuit } from '../../src/circuit/circuit';
import { BitArray } from '../../src/primitives/bit-array';
import type { SamplerPubResult } from '../../src/primitives/types';
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
 * Applies depolarisation (probability 1 − `fidelity` per shot) and readout flips to a sampler
 * result. `clbitQubit[c]` is the physical qubit measured into classical bit c (−1: none).
 */
export function applySamplerNoise(
  result: SamplerPubResult,
  circuit: Circuit,
  clbitQubit: Int32Array,
  fidelity: number,
  target: Target,
  seed: number,
): SamplerPubResult {
  const rng = new Prng(seed);
  const data: Record<string, BitArray> = {};
  const { shots, numRows } = result.metadata;
  // Per register: bit strings per row, noise per shot (registers share a shot's depolarisation draw).
  const regs = circuit.classicalRegisters;
  const strings = regs.map((r) => result.data[r.name]!.getBitstrings().map((s) => s.split('')));
  for (let s = 0; s < shots * numRows; s++) {
    const depolarised = rng.next() >= fidelity;
    regs.forEach((reg, k) => {
      const bits = strings[k]![s]!;
      for (let b = 0; b < reg.size; b++) {
        const q = clbitQubit[reg.offset + b]!;
        if (q < 0) continue;
        const pos = reg.size - 1 - b;
        if (depolarised) bits[pos] = rng.next() < 0.5 ? '0' : '1';
        const pe = target.qubitProperties?.[q]?.readoutError ?? 0;
        if (pe > 0 && rng.next() < pe) bits[pos] = bits[pos] === '1' ? '0' : '1';
      }
    });
  }
  regs.forEach((reg, k) => {
    data[reg.name] = BitArray.fromBitstrings(strings[k]!.map((b) => b.join('')), reg.size, numRows);
  });
  return { data: Object.freeze(data), metadata: Object.freeze({ ...result.metadata, noise: 'depolarising+readout', fidelity }) };
}
