/**
 * Writing the shots of a dynamic circuit's leaves (branches or shot groups) into classical
 * memory: the shot slots are shuffled once, so leaves do not come out as runs, and each leaf's
 * final measurements are sampled from its state.
 */
import type { Instruction } from '../../src/circuit/circuit';
import type { Prng } from '../../src/core/random';
import { Statevector, type StateBuffers } from '../statevector';

/** Fills `out` (`wps` words per shot) leaf by leaf, in a shuffled shot order drawn at construction. */
export class ShotWriter {
  private readonly order: Uint32Array;
  private next = 0;

  /**
   * @param finals - the measurements sampled from each leaf's final state (not simulated)
   */
  constructor(
    shots: number,
    private readonly finals: readonly Instruction[],
    private readonly rng: Prng,
    private readonly out: Uint32Array,
    private readonly wps: number,
  ) {
    this.order = new Uint32Array(shots);
    for (let s = 0; s < shots; s++) this.order[s] = s;
    for (let s = shots - 1; s > 0; s--) {
      const j = rng.integer(s + 1);
      [this.order[s], this.order[j]] = [this.order[j]!, this.order[s]!];
    }
  }

  /** Writes `k` shots of a leaf: its classical `bits`, the final measurements sampled from `state`. */
  write(state: StateBuffers, bits: Uint8Array, k: number): void {
    const indices = this.finals.length ? new Statevector(state).sampleIndices(k, this.rng.nextUint32()) : null;
    for (let s = 0; s < k; s++) {
      const base = this.order[this.next++]! * this.wps;
      const shot = bits.slice();
      if (indices) for (const m of this.finals) shot[m.clbits[0]!] = (indices[s]! >>> m.qubits[0]!) & 1;
      for (let c = 0; c < shot.length; c++) if (shot[c]) this.out[base + (c >>> 5)]! |= 1 << (c & 31);
    }
  }
}
