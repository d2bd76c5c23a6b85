/**
 * Qiskit's `DensityMatrix`: a dense 2^n × 2^n state ρ (up to {@link MAX_DENSE_QUBITS} qubits),
 * little-endian, immutable. Evolution is ρ → UρU† gate by gate: row-major ρ is a 2n-bit vector
 * whose row index is bits n…2n−1, so U acts on bits q + n and Ū on bits q.
 */
import type Complex from 'complex.js';
import type { Circuit } from '../circuit/circuit';
import type { GateMatrix } from '../circuit/gates';
import { InputValidationError } from '../core/errors';
import type { PauliSum } from '../core/observable';
import type { QuantumError } from '../noise/channels';
import { conjugate } from '../noise/matrix';
import { toComplex, type ComplexLike } from './complex-input';
import { applyOnBits, assertDenseFits, fromComplexRows, hermitianFunction, toComplexRows, traceOf, unitarySteps } from './dense';
import { Operator, checkQargs } from './operator';
import { marginalize, probabilitiesToDict, resolveQargs, spreadIndex } from './probabilities';
import { pauliTrace } from './pauli-algebra';
import { SparsePauliOp } from './sparse-pauli-op';
import { Statevector } from './statevector';
import type { StateBuffers } from '../../simulators/statevector';

const REAL_RTOL = 1e-10;

/**
 * A density matrix with Qiskit's `DensityMatrix` methods.
 *
 * @example
 * const rho = DensityMatrix.fromLabel('00').evolve(new Circuit(2).h(0).cx(0, 1));
 * rho.partialTrace([1]).toMatrix(); // I/2
 * rho.purity();                     // 1
 */
export class DensityMatrix {
  private readonly rho: GateMatrix;
  /** How many qubits the state has (ρ is 2^n × 2^n). */
  readonly numQubits: number;

  /**
   * A density matrix from its rows (side 2^n; not checked to be a valid state: see {@link isValid}).
   *
   * @throws {InputValidationError} for a ragged or non-square matrix or a side that is not a power of two
   */
  constructor(rows: ReadonlyArray<ReadonlyArray<ComplexLike>>) {
    const m = fromComplexRows(rows, 'DensityMatrix');
    assertDenseFits(Math.log2(m.dim), 'a DensityMatrix');
    this.rho = m;
    this.numQubits = Math.log2(m.dim);
    Object.freeze(this);
  }

  /**
   * Wraps a matrix in the gate tables' layout (not copied).
   * @internal
   */
  static fromMatrix(m: GateMatrix): DensityMatrix {
    const out = Object.create(DensityMatrix.prototype) as { rho: GateMatrix; numQubits: number };
    out.rho = m;
    out.numQubits = Math.log2(m.dim);
    return Object.freeze(out) as unknown as DensityMatrix;
  }

  /** |ψ⟩⟨ψ| of a statevector. */
  static fromStatevector(state: StateBuffers): DensityMatrix {
    assertDenseFits(state.numQubits, 'a DensityMatrix');
    const d = state.re.length;
    const data = new Float64Array(2 * d * d);
    for (let r = 0; r < d; r++) {
      for (let c = 0; c < d; c++) {
        const ar = state.re[r]!, ai = state.im[r]!, br = state.re[c]!, bi = -state.im[c]!;
        data[2 * (r * d + c)] = ar * br - ai * bi;
        data[2 * (r * d + c) + 1] = ar * bi + ai * br;
      }
    }
    return DensityMatrix.fromMatrix({ dim: d, data });
  }

  /** The pure product state of a label over `0 1 + - r l` (see {@link Statevector.fromLabel}). */
  static fromLabel(label: string): DensityMatrix {
    assertDenseFits(typeof label === 'string' ? label.length : 0, 'a DensityMatrix');
    return DensityMatrix.fromStatevector(Statevector.fromLabel(label));
  }

  /** The state a circuit prepares from |0…0⟩ (gates and global phase; no measurements). */
  static fromCircuit(circuit: Circuit): DensityMatrix {
    assertDenseFits(circuit.numQubits, 'a DensityMatrix');
    return DensityMatrix.fromStatevector(Statevector.fromInt(0, circuit.numQubits)).evolve(circuit);
  }

  /** The matrix in the gate tables' layout (interleaved re/im, row-major), a copy. */
  get data(): GateMatrix {
    return { dim: this.rho.dim, data: this.rho.data.slice() };
  }

  /**
   * The matrix without a copy (do not mutate).
   * @internal
   */
  get matrix(): GateMatrix {
    return this.rho;
  }

  /** The matrix dimension 2^n. */
  get dim(): number {
    return this.rho.dim;
  }

  /** ρ as rows of complex.js values. */
  toMatrix(): Complex[][] {
    return toComplexRows(this.rho);
  }

  /**
   * ρ → UρU† for a circuit's gates (and global phase, which cancels) or an {@link Operator},
   * or ρ → Σ_i K_i ρ K_i† for a noise channel (`depolarizingError(0.1, 1)`, ...: Qiskit's
   * `evolve(QuantumChannel)`); with `qargs`, it acts on those qubits (its qubit j on `qargs[j]`).
   *
   * @throws {InputValidationError} for a width mismatch or bad qargs
   * @throws {CircuitValidationError} for measurements, resets or unbound parameters
   */
  evolve(op: Circuit | Operator | QuantumError, qargs?: readonly number[]): DensityMatrix {
    const n = this.numQubits, k = op.numQubits;
    if (qargs === undefined && k !== n) throw new InputValidationError(`evolve: the operation has ${k} qubit(s) but the state has ${n} (pass qargs)`);
    const where = qargs ?? Array.from({ length: k }, (_, q) => q);
    checkQargs(where, n, 'evolve', k);
    const data = this.rho.data.slice();
    const conjugateBy = (g: GateMatrix, qs: readonly number[]): void => {
      applyOnBits(data, 2 * n, g, qs.map((q) => q + n));
      applyOnBits(data, 2 * n, conjugate(g), qs);
    };
    if (op instanceof Operator) conjugateBy(op.matrix, where);
    else if (isChannel(op)) {
      const sum = new Float64Array(data.length);
      for (const k of op.kraus) {
        const term = this.rho.data.slice();
        applyOnBits(term, 2 * n, k, where.map((q) => q + n));
        applyOnBits(term, 2 * n, conjugate(k), where);
        for (let i = 0; i < sum.length; i++) sum[i]! += term[i]!;
      }
      return DensityMatrix.fromMatrix({ dim: this.dim, data: sum });
    } else {
      const { steps } = unitarySteps(op);
      for (const s of steps) conjugateBy(s.matrix, s.qubits.map((q) => where[q]!));
    }
    return DensityMatrix.fromMatrix({ dim: this.dim, data });
  }

  /** The diagonal of ρ (clamped at 0: rounding leaves a few ulps below), or its marginal over `qargs`. */
  probabilities(qargs?: readonly number[]): Float64Array {
    const p = new Float64Array(this.dim);
    for (let i = 0; i < this.dim; i++) p[i] = Math.max(0, this.rho.data[2 * (i * this.dim + i)]!);
    return qargs === undefined ? p : marginalize(p, resolveQargs(qargs, this.numQubits, 'probabilities'));
  }

  /** Qiskit's `probabilities_dict` (see {@link Statevector.probabilitiesDict}). */
  probabilitiesDict(qargs?: readonly number[], decimals?: number): Record<string, number> {
    const q = resolveQargs(qargs, this.numQubits, 'probabilitiesDict');
    return probabilitiesToDict(this.probabilities(q), q.length, decimals);
  }

  /**
   * Tr(Oρ) of a Hermitian observable (Pauli label, `[label, coeff]` sum, {@link SparsePauliOp}
   * or {@link Operator}); with `qargs`, O acts on those qubits.
   *
   * @throws {InputValidationError} when the value is not real (use {@link expectationValueComplex})
   */
  expectationValue(observable: string | PauliSum | SparsePauliOp | Operator, qargs?: readonly number[]): number {
    const [re, im] = this.expectationParts(observable, qargs);
    if (Math.abs(im) > REAL_RTOL * Math.max(1, Math.abs(re))) {
      throw new InputValidationError(`expectationValue: the value ${re} ${im < 0 ? '-' : '+'} ${Math.abs(im)}i is not real (the observable is not Hermitian); use expectationValueComplex`);
    }
    return re;
  }

  /** Tr(Oρ) of any operator, as a complex.js value. */
  expectationValueComplex(observable: string | PauliSum | SparsePauliOp | Operator, qargs?: readonly number[]): Complex {
    const [re, im] = this.expectationParts(observable, qargs);
    return toComplex(re, im);
  }

  /** Tr ρ, as a complex.js value. */
  trace(): Complex {
    const [re, im] = traceOf(this.rho);
    return toComplex(re, im);
  }

  /** Tr(ρ²) = Σ|ρ_ij|² (ρ Hermitian): 1 for a pure state, 1/2^n for the maximally mixed one. */
  purity(): number {
    let s = 0;
    for (const x of this.rho.data) s += x * x;
    return s;
  }

  /**
   * The reduced state with the qubits `qargs` traced out (Qiskit's `partial_trace(state, qargs)`);
   * the remaining qubits keep their order.
   *
   * @throws {InputValidationError} for bad qargs
   */
  partialTrace(qargs: readonly number[]): DensityMatrix {
    const n = this.numQubits;
    checkQargs(qargs, n, 'partialTrace');
    const out = new Set(qargs);
    const keep = Array.from({ length: n }, (_, q) => q).filter((q) => !out.has(q));
    const dk = 2 ** keep.length, dt = 2 ** qargs.length;
    const data = new Float64Array(2 * dk * dk);
    for (let r = 0; r < dk; r++) {
      for (let c = 0; c < dk; c++) {
        let sr = 0, si = 0;
        const rb = spreadIndex(r, keep), cb = spreadIndex(c, keep);
        for (let t = 0; t < dt; t++) {
          const tb = spreadIndex(t, qargs);
          const at = 2 * ((rb | tb) * this.dim + (cb | tb));
          sr += this.rho.data[at]!;
          si += this.rho.data[at + 1]!;
        }
        data[2 * (r * dk + c)] = sr;
        data[2 * (r * dk + c) + 1] = si;
      }
    }
    return DensityMatrix.fromMatrix({ dim: dk, data });
  }

  /** True when ρ is Hermitian, of trace 1 and positive semidefinite, within `atol`. */
  isValid(atol = 1e-8): boolean {
    const d = this.dim, m = this.rho.data;
    for (let r = 0; r < d; r++) {
      for (let c = 0; c < d; c++) {
        if (Math.hypot(m[2 * (r * d + c)]! - m[2 * (c * d + r)]!, m[2 * (r * d + c) + 1]! + m[2 * (c * d + r) + 1]!) > atol) return false;
      }
    }
    const [tr, ti] = traceOf(this.rho);
    if (Math.abs(tr - 1) > atol || Math.abs(ti) > atol) return false;
    return hermitianFunction(this.rho, (x) => x).values.every((v) => v >= -atol);
  }

  private expectationParts(observable: string | PauliSum | SparsePauliOp | Operator, qargs: readonly number[] | undefined): [number, number] {
    const n = this.numQubits, d = this.dim, m = this.rho.data;
    if (observable instanceof Operator) {
      const k = observable.numQubits;
      const where = qargs ?? Array.from({ length: k }, (_, q) => q);
      checkQargs(where, n, 'expectationValue', k);
      // Tr(Oρ) = Σ_rc O_rc ρ_cr: O ρ is O on the row bits.
      const prod = m.slice();
      applyOnBits(prod, 2 * n, observable.matrix, where.map((q) => q + n));
      return traceOf({ dim: d, data: prod });
    }
    let op: SparsePauliOp;
    if (observable instanceof SparsePauliOp) op = observable;
    else if (typeof observable === 'string') op = new SparsePauliOp(observable);
    else if (Array.isArray(observable)) op = SparsePauliOp.fromList(observable);
    else throw new InputValidationError('expectationValue takes a Pauli label, a [label, coefficient] list, a SparsePauliOp or an Operator');
    if (qargs !== undefined) op = op.applyLayout(resolveQargs(qargs, n, 'expectationValue'), n);
    if (op.numQubits !== n) throw new InputValidationError(`expectationValue: the observable has ${op.numQubits} qubit(s) but the state has ${n} (pass qargs)`);
    let re = 0, im = 0;
    for (let t = 0; t < op.size; t++) {
      const [label, cr, ci] = op.termParts(t);
      const [pr, pi] = pauliTrace(label, this.rho);
      re += cr * pr - ci * pi;
      im += cr * pi + ci * pr;
    }
    return [re, im];
  }
}

/** A noise channel: Kraus operators and a qubit count (the noise module's QuantumError). */
function isChannel(op: unknown): op is QuantumError {
  return !!op && typeof op === 'object' && Array.isArray((op as QuantumError).kraus) && typeof (op as QuantumError).numQubits === 'number';
}
