import { drawIndices } from './draw-indices';
import Complex from 'complex.js';
import type { Circuit } from '../../src/circuit/circuit';
import { InputValidationError } from '../../src/core/errors';
import type { PauliSum } from '../../src/core/observable';
import { innerProductsInto } from './ops/inner-product';
import { pauliExpectation, pauliMasks } from './pauli';
import { Prng, freshSeed } from '../../src/core/random';
import { simulateStatevector, type SimulateOptions } from './simulate';
import type { StateBuffers } from './state';


/**
 * An n-qubit statevector, little-endian (index = Σ_k bit_k·2^k, qubit 0 the least significant
 * bit), as Qiskit's `Statevector`. Amplitudes live in two `Float64Array`s; the public edge
 * gives `complex.js` values.
 *
 * @example
 * const sv = Statevector.fromCircuit(new Circuit(2).h(0).cx(0, 1));
 * sv.probabilities();        // Float64Array [0.5, 0, 0, 0.5] (up to rounding)
 * sv.expectationValue('ZZ'); // 1
 */
export class Statevector implements StateBuffers {
  /** Number of qubits n (2^n amplitudes). */
  readonly numQubits: number;
  /** Real parts (do not mutate). */
  readonly re: Float64Array;
  /** Imaginary parts (do not mutate). */
  readonly im: Float64Array;

  /**
   * Wraps existing buffers (not copied).
   *
   * @param state - the qubit count and the amplitude arrays
   * @throws {@link InputValidationError} when the arrays do not have 2^n entries
   */
  constructor(state: StateBuffers) {
    if (state.re.length !== 2 ** state.numQubits || state.im.length !== state.re.length) {
      throw new InputValidationError(`a ${state.numQubits}-qubit state needs ${2 ** state.numQubits} amplitudes`);
    }
    this.numQubits = state.numQubits;
    this.re = state.re;
    this.im = state.im;
  }

  /**
   * Simulates `circuit` (bound, final measurements ignored) from |0…0⟩. `options.fusion`
   * (`'auto'` by default, `true`, `false`) chooses fused passes or gate-by-gate application;
   * both give the same amplitudes to ~1e-14.
   *
   * @example Statevector.fromCircuit(new Circuit(2).h(0).cx(0, 1)).probabilities() → [½, 0, 0, ½]
   */
  static fromCircuit(circuit: Circuit, options?: SimulateOptions): Statevector {
    return new Statevector(simulateStatevector(circuit, options));
  }

  /** Builds a state from complex amplitudes (no normalisation). */
  static fromAmplitudes(amps: ReadonlyArray<Complex | { re: number; im: number } | number>): Statevector {
    const n = Math.log2(amps.length);
    if (!Number.isInteger(n)) throw new InputValidationError(`amplitude count ${amps.length} is not a power of two`);
    const re = new Float64Array(amps.length);
    const im = new Float64Array(amps.length);
    amps.forEach((a, i) => {
      if (typeof a === 'number') re[i] = a;
      else {
        re[i] = a.re;
        im[i] = a.im;
      }
    });
    return new Statevector({ numQubits: n, re, im });
  }

  /** Number of amplitudes, 2^n. */
  get dim(): number {
    return this.re.length;
  }

  /** Amplitude of basis state `index` as a complex.js value. */
  amplitude(index: number): Complex {
    if (!Number.isInteger(index) || index < 0 || index >= this.dim) {
      throw new InputValidationError(`basis index ${index} out of range [0, ${this.dim})`);
    }
    return new Complex(this.re[index]!, this.im[index]!);
  }

  /** All amplitudes as complex.js values. */
  amplitudes(): Complex[] {
    return Array.from(this.re, (r, i) => new Complex(r, this.im[i]!));
  }

  /** |amplitude|² for every basis state. */
  probabilities(): Float64Array {
    const p = new Float64Array(this.dim);
    for (let i = 0; i < p.length; i++) p[i] = this.re[i]! * this.re[i]! + this.im[i]! * this.im[i]!;
    return p;
  }

  /** ⟨this|other⟩. */
  innerProduct(other: Statevector): Complex {
    if (other.dim !== this.dim) throw new InputValidationError('states of different sizes');
    const out = new Float64Array(2);
    innerProductsInto(this.re, this.im, 0, 1, other.re, other.im, 0, 1, this.dim, out);
    return new Complex(out[0]!, out[1]!);
  }

  /** |⟨this|other⟩|². */
  fidelity(other: Statevector): number {
    const ip = this.innerProduct(other);
    return ip.re * ip.re + ip.im * ip.im;
  }

  /** The squared norm Σ|a_i|². */
  norm2(): number {
    let s = 0;
    for (let i = 0; i < this.dim; i++) s += this.re[i]! * this.re[i]! + this.im[i]! * this.im[i]!;
    return s;
  }

  /**
   * Expectation value of a Pauli string (`"ZZ"`) or a sparse Pauli sum
   * (`[["ZZ", 1], ["XI", 0.5]]`). Labels have one letter per qubit, rightmost = qubit 0.
   */
  expectationValue(observable: string | PauliSum): number {
    const terms: PauliSum = typeof observable === 'string' ? [[observable, 1]] : observable;
    let total = 0;
    for (const [label, coeff] of terms) {
      if (!Number.isFinite(coeff)) throw new InputValidationError(`coefficient of '${label}' is not finite`);
      total += coeff * pauliExpectation(this.re, this.im, pauliMasks(label, this.numQubits));
    }
    return total;
  }

  /**
   * Draws `shots` basis-state indices from |amplitude|², reproducibly for a given seed.
   * Returned in shot order.
   */
  sampleIndices(shots: number, seed?: number): Uint32Array {
    if (!Number.isInteger(shots) || shots < 0) throw new InputValidationError(`shots must be an integer ≥ 0, got ${shots}`);
    return drawIndices(this.probabilities(), shots, new Prng(seed ?? freshSeed()));
  }

  /** Equal up to a global phase within `atol` (max abs error after phase alignment). */
  equiv(other: Statevector, atol = 1e-10): boolean {
    const ip = this.innerProduct(other);
    const mag = Math.hypot(ip.re, ip.im);
    if (mag === 0) return false;
    const cr = ip.re / mag, ci = ip.im / mag; // phase e^{iα} with other ≈ e^{iα}·this
    for (let i = 0; i < this.dim; i++) {
      const ar = cr * this.re[i]! - ci * this.im[i]!;
      const ai = cr * this.im[i]! + ci * this.re[i]!;
      if (Math.abs(ar - other.re[i]!) > atol || Math.abs(ai - other.im[i]!) > atol) return false;
    }
    return true;
  }
}
