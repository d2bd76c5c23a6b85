/**
 * Qiskit's `Statevector` methods on the engine's statevector: the engine class
 * (simulators/statevector) holds the amplitudes and simulates circuits; this subclass adds
 * labels, evolution of any state, marginal probabilities, counts, SparsePauliOp expectation
 * values and tensor products. It is the `Statevector` the package exports.
 */
import type Complex from 'complex.js';
import type { Circuit } from '../circuit/circuit';
import { InputValidationError } from '../core/errors';
import type { PauliSum } from '../core/observable';
import {
  Statevector as EngineStatevector,
  applyGate,
  assertStateFits,
  pauliExpectation,
  pauliMasks,
  simulateStatevector,
  type SimulateOptions,
  type StateBuffers,
} from '../../simulators/statevector';
import { toComplex, type ComplexLike } from './complex-input';
import { applyOnBits, unitarySteps } from './dense';
import { Operator, checkQargs } from './operator';
import { bitKey, marginalIndex, marginalize, probabilitiesToDict, resolveQargs } from './probabilities';
import { SparsePauliOp } from './sparse-pauli-op';

const S2 = Math.SQRT1_2;

/** Amplitudes (re0, im0, re1, im1) of the one-qubit states of a label (Qiskit's from_label). */
const LABEL_STATES: Readonly<Record<string, readonly [number, number, number, number]>> = {
  '0': [1, 0, 0, 0],
  '1': [0, 0, 1, 0],
  '+': [S2, 0, S2, 0],
  '-': [S2, 0, -S2, 0],
  r: [S2, 0, 0, S2],
  l: [S2, 0, 0, -S2],
};

/** An observable {@link Statevector.expectationValue} takes. */
export type StateObservable = string | PauliSum | SparsePauliOp | Operator;

/**
 * A coefficient or value counts as real when its imaginary part is at most this times
 * max(1, |re|) (a Hermitian observable's value up to rounding).
 */
const REAL_RTOL = 1e-10;

/**
 * An n-qubit statevector with Qiskit's `Statevector` methods. Little-endian: index
 * Σ_k bit_k·2^k, labels and bit strings with qubit 0 rightmost.
 *
 * @example
 * const bell = Statevector.fromLabel('00').evolve(new Circuit(2).h(0).cx(0, 1));
 * bell.probabilitiesDict();               // { '00': 0.5, '11': 0.5 } (up to rounding)
 * bell.sampleCounts(1000, { seed: 7 });   // { '00': …, '11': … }
 * bell.expectationValue(new SparsePauliOp(['ZZ', 'XX'], [1, 0.5])); // 1.5
 */
export class Statevector extends EngineStatevector {
  /**
   * Simulates `circuit` from |0…0⟩ on the engine (final measurements ignored).
   *
   * @throws {CircuitValidationError} for unbound parameters, mid-circuit measurements or resets
   */
  static override fromCircuit(circuit: Circuit, options?: SimulateOptions): Statevector {
    return new Statevector(simulateStatevector(circuit, options));
  }

  /** A state from complex amplitudes (no normalisation), index i = basis state i. */
  static override fromAmplitudes(amps: ReadonlyArray<ComplexLike>): Statevector {
    return new Statevector(EngineStatevector.fromAmplitudes(amps as ReadonlyArray<Complex | number>));
  }

  /**
   * A product state from a label over `0 1 + - r l`, leftmost letter on the highest qubit
   * (Qiskit's `Statevector.from_label`): r = (|0⟩ + i|1⟩)/√2, l = (|0⟩ − i|1⟩)/√2.
   *
   * @example Statevector.fromLabel('01').probabilities() → [0, 1, 0, 0] (qubit 0 is 1)
   * @throws {InputValidationError} for another letter
   */
  static fromLabel(label: string): Statevector {
    if (typeof label !== 'string' || label.length === 0) throw new InputValidationError('Statevector.fromLabel needs a non-empty label');
    assertStateFits(label.length);
    let re = Float64Array.of(1);
    let im = Float64Array.of(0);
    for (let k = 0; k < label.length; k++) {
      const s = LABEL_STATES[label[k]!];
      if (!s) throw new InputValidationError(`Statevector.fromLabel: '${label[k]}' at position ${k} is not one of 0, 1, +, -, r, l`);
      // The next letter is the next lower qubit: it becomes the new least significant bit.
      const nr = new Float64Array(2 * re.length), ni = new Float64Array(2 * re.length);
      for (let i = 0; i < re.length; i++) {
        for (let b = 0; b < 2; b++) {
          const vr = s[2 * b]!, vi = s[2 * b + 1]!;
          nr[2 * i + b] = re[i]! * vr - im[i]! * vi;
          ni[2 * i + b] = re[i]! * vi + im[i]! * vr;
        }
      }
      re = nr;
      im = ni;
    }
    return new Statevector({ numQubits: label.length, re, im });
  }

  /** The basis state |index⟩ of `numQubits` qubits (Qiskit's `from_int`). */
  static fromInt(index: number, numQubits: number): Statevector {
    if (!Number.isInteger(numQubits) || numQubits < 0) throw new InputValidationError(`numQubits must be an integer ≥ 0, got ${String(numQubits)}`);
    assertStateFits(numQubits);
    if (!Number.isInteger(index) || index < 0 || index >= 2 ** numQubits) throw new InputValidationError(`basis index ${String(index)} out of range [0, ${2 ** numQubits})`);
    const re = new Float64Array(2 ** numQubits);
    re[index] = 1;
    return new Statevector({ numQubits, re, im: new Float64Array(re.length) });
  }

  /** Wraps any state buffers (or engine statevector) as this class. */
  static from(state: StateBuffers): Statevector {
    return state instanceof Statevector ? state : new Statevector(state);
  }

  /**
   * The state after `op` (a circuit's gates and global phase, or an {@link Operator}), as
   * Qiskit's `evolve`. With `qargs`, `op` acts on those qubits (its qubit j on `qargs[j]`).
   *
   * @throws {InputValidationError} for a width mismatch or bad qargs
   * @throws {CircuitValidationError} for measurements, resets or unbound parameters
   */
  evolve(op: Circuit | Operator, qargs?: readonly number[]): Statevector {
    const k = op.numQubits;
    if (qargs === undefined && k !== this.numQubits) {
      throw new InputValidationError(`evolve: the operation has ${k} qubit(s) but the state has ${this.numQubits} (pass qargs)`);
    }
    const where = qargs ?? Array.from({ length: k }, (_, q) => q);
    checkQargs(where, this.numQubits, 'evolve', k);
    if (op instanceof Operator) {
      const data = new Float64Array(2 * this.dim);
      for (let i = 0; i < this.dim; i++) {
        data[2 * i] = this.re[i]!;
        data[2 * i + 1] = this.im[i]!;
      }
      applyOnBits(data, this.numQubits, op.matrix, where);
      const re = new Float64Array(this.dim), im = new Float64Array(this.dim);
      for (let i = 0; i < this.dim; i++) {
        re[i] = data[2 * i]!;
        im[i] = data[2 * i + 1]!;
      }
      return new Statevector({ numQubits: this.numQubits, re, im });
    }
    const { steps, globalPhase } = unitarySteps(op);
    const state = { numQubits: this.numQubits, re: this.re.slice(), im: this.im.slice() };
    for (const s of steps) applyGate(state, s.name, s.qubits.map((q) => where[q]!), s.params);
    if (globalPhase !== 0) {
      const c = Math.cos(globalPhase), sn = Math.sin(globalPhase);
      for (let i = 0; i < state.re.length; i++) {
        const r = state.re[i]!, m = state.im[i]!;
        state.re[i] = c * r - sn * m;
        state.im[i] = sn * r + c * m;
      }
    }
    return new Statevector(state);
  }

  /**
   * |amplitude|² per basis state, or the marginal over `qargs` (bit t of the index is qubit
   * `qargs[t]`), as Qiskit's `probabilities(qargs)`.
   */
  override probabilities(qargs?: readonly number[]): Float64Array {
    const p = super.probabilities();
    return qargs === undefined ? p : marginalize(p, resolveQargs(qargs, this.numQubits, 'probabilities'));
  }

  /**
   * Qiskit's `probabilities_dict`: bit string (qubit `qargs[0]` rightmost) → probability, zero
   * entries left out; `decimals` rounds first.
   */
  probabilitiesDict(qargs?: readonly number[], decimals?: number): Record<string, number> {
    const q = resolveQargs(qargs, this.numQubits, 'probabilitiesDict');
    return probabilitiesToDict(marginalize(super.probabilities(), q), q.length, decimals);
  }

  /**
   * `shots` samples of the measured bit strings over `qargs` (all qubits by default), as
   * Qiskit's `sample_counts`; reproducible for a given `seed`. Only outcomes drawn are keys.
   */
  sampleCounts(shots: number, options: { qargs?: readonly number[]; seed?: number } = {}): Record<string, number> {
    const q = resolveQargs(options.qargs, this.numQubits, 'sampleCounts');
    const tally = new Map<number, number>();
    for (const i of this.sampleIndices(shots, options.seed)) {
      const j = marginalIndex(i, q);
      tally.set(j, (tally.get(j) ?? 0) + 1);
    }
    const out: Record<string, number> = {};
    for (const [j, count] of tally) out[bitKey(j, q.length)] = count;
    return out;
  }

  /**
   * ⟨ψ|O|ψ⟩ of a Hermitian observable: a Pauli label, a `[label, coeff]` sum, a
   * {@link SparsePauliOp} or an {@link Operator}; with `qargs`, O acts on those qubits.
   *
   * @throws {InputValidationError} when the value is not real (a non-Hermitian observable: use
   *   {@link expectationValueComplex})
   */
  override expectationValue(observable: StateObservable, qargs?: readonly number[]): number {
    const [re, im] = this.expectationParts(observable, qargs);
    if (Math.abs(im) > REAL_RTOL * Math.max(1, Math.abs(re))) {
      throw new InputValidationError(`expectationValue: the value ${re} ${im < 0 ? '-' : '+'} ${Math.abs(im)}i is not real (the observable is not Hermitian); use expectationValueComplex`);
    }
    return re;
  }

  /** ⟨ψ|O|ψ⟩ of any operator, as a complex.js value (Qiskit's `expectation_value`). */
  expectationValueComplex(observable: StateObservable, qargs?: readonly number[]): Complex {
    const [re, im] = this.expectationParts(observable, qargs);
    return toComplex(re, im);
  }

  /** ⟨this|other⟩ (any state of the same size). */
  override innerProduct(other: StateBuffers): Complex {
    return super.innerProduct(Statevector.from(other));
  }

  /** |⟨this|other⟩|². */
  override fidelity(other: StateBuffers): number {
    return super.fidelity(Statevector.from(other));
  }

  /** Equal up to a global phase within `atol` (max abs error after phase alignment), as Qiskit's `equiv`. */
  override equiv(other: StateBuffers, atol = 1e-10): boolean {
    return super.equiv(Statevector.from(other), atol);
  }

  /** `this ⊗ other`: `other` on the low qubits. */
  tensor(other: StateBuffers): Statevector {
    const n = this.numQubits + other.numQubits;
    assertStateFits(n);
    const re = new Float64Array(2 ** n), im = new Float64Array(2 ** n);
    const db = other.re.length;
    for (let a = 0; a < this.dim; a++) {
      for (let b = 0; b < db; b++) {
        re[a * db + b] = this.re[a]! * other.re[b]! - this.im[a]! * other.im[b]!;
        im[a * db + b] = this.re[a]! * other.im[b]! + this.im[a]! * other.re[b]!;
      }
    }
    return new Statevector({ numQubits: n, re, im });
  }

  /** `other ⊗ this`: this state on the low qubits. */
  expand(other: StateBuffers): Statevector {
    return Statevector.from(other).tensor(this);
  }

  private expectationParts(observable: StateObservable, qargs: readonly number[] | undefined): [number, number] {
    if (observable instanceof Operator) {
      const o = this.evolve(observable, qargs);
      const ip = this.innerProduct(o);
      return [ip.re, ip.im];
    }
    let op: SparsePauliOp;
    if (observable instanceof SparsePauliOp) op = observable;
    else if (typeof observable === 'string') op = new SparsePauliOp(observable);
    else if (Array.isArray(observable)) op = SparsePauliOp.fromList(observable);
    else throw new InputValidationError('expectationValue takes a Pauli label, a [label, coefficient] list, a SparsePauliOp or an Operator');
    if (qargs !== undefined) op = op.applyLayout(resolveQargs(qargs, this.numQubits, 'expectationValue'), this.numQubits);
    if (op.numQubits !== this.numQubits) {
      throw new InputValidationError(`expectationValue: the observable has ${op.numQubits} qubit(s) but the state has ${this.numQubits} (pass qargs)`);
    }
    let re = 0, im = 0;
    for (let t = 0; t < op.size; t++) {
      const [label, cr, ci] = op.termParts(t);
      // Each Pauli string is Hermitian: ⟨P⟩ is real.
      const ev = pauliExpectation(this.re, this.im, pauliMasks(label, this.numQubits));
      re += cr * ev;
      im += ci * ev;
    }
    return [re, im];
  }
}
