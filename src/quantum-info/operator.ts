/**
 * Qiskit's `Operator`: the dense matrix of an n-qubit unitary (or any square operator), little-
 * endian (index bit k = qubit k), immutable.
 */
import type Complex from 'complex.js';
import type { Circuit } from '../circuit/circuit';
import { gateMatrix, type GateMatrix } from '../circuit/gates';
import { InputValidationError, ResourceLimitError } from '../core/errors';
import { adjoint, identityMatrix, kron, matMul } from '../noise/matrix';
import { complexParts, toComplex, type ComplexLike } from './complex-input';
import { applyOnBits, applyPhase, assertDenseFits, fromComplexRows, hilbertSchmidt, toComplexRows, traceOf, unitarySteps } from './dense';
import { SparsePauliOp } from './sparse-pauli-op';
import { pauliTrace } from './pauli-algebra';

const S2 = Math.SQRT1_2;

/**
 * The most qubits {@link Operator.toSparsePauliOp} decomposes: 4^n Pauli strings, each traced
 * against the 2^n × 2^n matrix in 2^n steps, is 1.7·10^7 steps at 8 qubits and 64 times more at 10.
 */
export const PAULI_DECOMPOSITION_MAX_QUBITS = 8;

/**
 * One-letter operators of {@link Operator.fromLabel}, as Qiskit's `Operator.from_label`:
 * Paulis, H, S, T, and the projectors |ψ⟩⟨ψ| onto the one-qubit states 0, 1, +, −, r, l.
 */
function letterMatrix(ch: string): GateMatrix | null {
  const proj = (a: readonly [number, number], b: readonly [number, number]): GateMatrix => {
    // |ψ⟩⟨ψ| for ψ = (a, b): entry (r, c) = ψ_r·conj(ψ_c)
    const v = [a, b];
    const data = new Float64Array(8);
    for (let r = 0; r < 2; r++) {
      for (let c = 0; c < 2; c++) {
        const [xr, xi] = v[r]!, [yr, yi] = v[c]!;
        data[2 * (r * 2 + c)] = xr * yr + xi * yi;
        data[2 * (r * 2 + c) + 1] = xi * yr - xr * yi;
      }
    }
    return { dim: 2, data };
  };
  switch (ch) {
    case 'I':
      return identityMatrix(2);
    case 'X':
    case 'Y':
    case 'Z':
    case 'H':
    case 'S':
    case 'T':
      return gateMatrix(ch.toLowerCase());
    case '0':
      return proj([1, 0], [0, 0]);
    case '1':
      return proj([0, 0], [1, 0]);
    case '+':
      return proj([S2, 0], [S2, 0]);
    case '-':
      return proj([S2, 0], [-S2, 0]);
    case 'r':
      return proj([S2, 0], [0, S2]);
    case 'l':
      return proj([S2, 0], [0, -S2]);
    default:
      return null;
  }
}

/**
 * An n-qubit operator as a dense 2^n × 2^n matrix, as Qiskit's `Operator` (up to
 * {@link MAX_DENSE_QUBITS} qubits).
 *
 * @example
 * const u = Operator.fromCircuit(new Circuit(2).h(0).cx(0, 1));
 * u.equiv(Operator.fromCircuit(new Circuit(2).h(0).cx(0, 1).rz(0, 0))); // true
 */
export class Operator {
  /** The matrix (a private copy; read it through {@link toMatrix} or {@link data}). */
  private readonly mat: GateMatrix;
  /** How many qubits the operator acts on. */
  readonly numQubits: number;

  /**
   * An operator from its matrix rows (side 2^n).
   *
   * @throws {InputValidationError} for a ragged or non-square matrix, or a side that is not a power of two
   */
  constructor(rows: ReadonlyArray<ReadonlyArray<ComplexLike>>) {
    const m = fromComplexRows(rows, 'Operator');
    assertDenseFits(Math.log2(m.dim), 'an Operator');
    this.mat = m;
    this.numQubits = Math.log2(m.dim);
    Object.freeze(this);
  }

  /**
   * Wraps a matrix in the gate tables' layout (not copied).
   * @internal
   */
  static fromMatrix(m: GateMatrix): Operator {
    const op = Object.create(Operator.prototype) as { mat: GateMatrix; numQubits: number };
    op.mat = m;
    op.numQubits = Math.log2(m.dim);
    return Object.freeze(op) as unknown as Operator;
  }

  /**
   * The unitary of a circuit (gates and global phase; barriers skipped), as Qiskit's
   * `Operator(circuit)`.
   *
   * @throws {CircuitValidationError} for measurements, resets or unbound parameters
   * @throws {ResourceLimitError} above {@link MAX_DENSE_QUBITS} qubits
   */
  static fromCircuit(circuit: Circuit): Operator {
    const n = circuit.numQubits;
    assertDenseFits(n, 'Operator.fromCircuit');
    const { steps, globalPhase } = unitarySteps(circuit);
    const u = identityMatrix(2 ** n);
    // Row-major U is a 2n-bit vector whose row index is bits n…2n−1: G·U acts there.
    for (const s of steps) applyOnBits(u.data, 2 * n, s.matrix, s.qubits.map((q) => q + n));
    applyPhase(u.data, globalPhase);
    return Operator.fromMatrix(u);
  }

  /**
   * A tensor product of one-letter operators, leftmost letter on the highest qubit (Qiskit's
   * `Operator.from_label`): I, X, Y, Z, H, S, T and the projectors 0, 1, +, −, r, l.
   *
   * @throws {InputValidationError} for another letter
   */
  static fromLabel(label: string): Operator {
    if (typeof label !== 'string' || label.length === 0) throw new InputValidationError('Operator.fromLabel needs a non-empty label');
    assertDenseFits(label.length, 'Operator.fromLabel');
    let m: GateMatrix = identityMatrix(1);
    for (let k = 0; k < label.length; k++) {
      const g = letterMatrix(label[k]!);
      if (!g) throw new InputValidationError(`Operator.fromLabel: '${label[k]}' at position ${k} is not one of I, X, Y, Z, H, S, T, 0, 1, +, -, r, l`);
      m = kron(m, g);
    }
    return Operator.fromMatrix(m);
  }

  /** The dense matrix of a {@link SparsePauliOp}. */
  static fromSparsePauliOp(op: SparsePauliOp): Operator {
    const { dim, re, im } = op.denseParts();
    const data = new Float64Array(2 * dim * dim);
    for (let i = 0; i < re.length; i++) {
      data[2 * i] = re[i]!;
      data[2 * i + 1] = im[i]!;
    }
    return Operator.fromMatrix({ dim, data });
  }

  /** The matrix dimension 2^n. */
  get dim(): number {
    return this.mat.dim;
  }

  /**
   * The Pauli decomposition O = Σ_P c_P·P with c_P = Tr(P·O)/2^n (Qiskit's
   * `SparsePauliOp.from_operator`), terms with |c_P| ≤ `atol` left out (the zero operator is
   * `I…I` with coefficient 0).
   *
   * @example Operator.fromLabel('H').toSparsePauliOp() → X/√2 + Z/√2
   * @throws {ResourceLimitError} above {@link PAULI_DECOMPOSITION_MAX_QUBITS} qubits
   */
  toSparsePauliOp(atol = 1e-8): SparsePauliOp {
    const n = this.numQubits;
    if (n > PAULI_DECOMPOSITION_MAX_QUBITS) {
      throw new ResourceLimitError(`a Pauli decomposition of ${n} qubits is refused (4^${n} strings); the limit is ${PAULI_DECOMPOSITION_MAX_QUBITS} qubits`);
    }
    const terms: Array<[string, { re: number; im: number }]> = [];
    for (let p = 0; p < 4 ** n; p++) {
      // Base-4 digits of p, highest qubit first: 0 = I, 1 = X, 2 = Y, 3 = Z.
      let label = '';
      for (let q = n - 1; q >= 0; q--) label += 'IXYZ'[Math.floor(p / 4 ** q) % 4]!;
      const [re, im] = pauliTrace(label, this.mat);
      if (Math.hypot(re, im) / this.dim > atol) terms.push([label, { re: re / this.dim, im: im / this.dim }]);
    }
    return terms.length ? SparsePauliOp.fromList(terms) : SparsePauliOp.fromList([['I'.repeat(n), 0]]);
  }

  /** The matrix in the gate tables' layout (interleaved re/im, row-major), a copy. */
  get data(): GateMatrix {
    return { dim: this.mat.dim, data: this.mat.data.slice() };
  }

  /**
   * The matrix without a copy (do not mutate).
   * @internal
   */
  get matrix(): GateMatrix {
    return this.mat;
  }

  /** The matrix as rows of complex.js values. */
  toMatrix(): Complex[][] {
    return toComplexRows(this.mat);
  }

  /**
   * Qiskit's composition: `a.compose(b)` applies `a` first, then `b` (matrix B·A); with `front`,
   * A·B ({@link dot}). With `qargs`, `other` acts on those qubits (its qubit j on `qargs[j]`).
   */
  compose(other: Operator, options: { qargs?: readonly number[]; front?: boolean } = {}): Operator {
    const b = this.widen(other, options.qargs, 'compose');
    return Operator.fromMatrix(options.front ? matMul(this.mat, b) : matMul(b, this.mat));
  }

  /** The matrix product A·B (Qiskit's `a.dot(b)`): `b` is applied first. */
  dot(other: Operator, options: { qargs?: readonly number[] } = {}): Operator {
    return Operator.fromMatrix(matMul(this.mat, this.widen(other, options.qargs, 'dot')));
  }

  /** `this ⊗ other`: `other` on the low qubits. */
  tensor(other: Operator): Operator {
    assertDenseFits(this.numQubits + other.numQubits, 'Operator.tensor');
    return Operator.fromMatrix(kron(this.mat, other.mat));
  }

  /** `other ⊗ this`: this operator on the low qubits. */
  expand(other: Operator): Operator {
    return other.tensor(this);
  }

  /** The conjugate transpose. */
  adjoint(): Operator {
    return Operator.fromMatrix(adjoint(this.mat));
  }

  /** `this` applied `k` times (k ≥ 0 an integer; k = 0 is the identity). */
  power(k: number): Operator {
    if (!Number.isInteger(k) || k < 0) throw new InputValidationError(`Operator.power takes an integer ≥ 0, got ${String(k)}`);
    let out = identityMatrix(this.dim);
    for (let i = 0; i < k; i++) out = matMul(this.mat, out);
    return Operator.fromMatrix(out);
  }

  /** Every entry times `scalar`. */
  mul(scalar: ComplexLike): Operator {
    const [sr, si] = complexParts(scalar, 'the scalar');
    const data = new Float64Array(this.mat.data.length);
    for (let i = 0; i < data.length; i += 2) {
      const re = this.mat.data[i]!, im = this.mat.data[i + 1]!;
      data[i] = re * sr - im * si;
      data[i + 1] = re * si + im * sr;
    }
    return Operator.fromMatrix({ dim: this.dim, data });
  }

  /** The entrywise sum. */
  add(other: Operator): Operator {
    this.sameWidth(other, 'add');
    return Operator.fromMatrix({ dim: this.dim, data: this.mat.data.map((x, i) => x + other.mat.data[i]!) });
  }

  /** The trace, as a complex.js value. */
  trace(): Complex {
    const [re, im] = traceOf(this.mat);
    return toComplex(re, im);
  }

  /** True when U†U = I within `atol` entrywise. */
  isUnitary(atol = 1e-10): boolean {
    const p = matMul(adjoint(this.mat), this.mat);
    for (let r = 0; r < this.dim; r++) {
      for (let c = 0; c < this.dim; c++) {
        const want = r === c ? 1 : 0;
        if (Math.hypot(p.data[2 * (r * this.dim + c)]! - want, p.data[2 * (r * this.dim + c) + 1]!) > atol) return false;
      }
    }
    return true;
  }

  /**
   * Equal up to a global phase within `atol` entrywise (Qiskit's `equiv`): the phase is the one
   * that best aligns the two, arg Tr(A†B).
   */
  equiv(other: Operator, atol = 1e-8): boolean {
    if (!(other instanceof Operator) || other.dim !== this.dim) return false;
    const [hr, hi] = hilbertSchmidt(this.mat, other.mat);
    const mag = Math.hypot(hr, hi);
    const cr = mag === 0 ? 1 : hr / mag, ci = mag === 0 ? 0 : hi / mag;
    const a = this.mat.data, b = other.mat.data;
    for (let i = 0; i < a.length; i += 2) {
      const ar = cr * a[i]! - ci * a[i + 1]!, ai = cr * a[i + 1]! + ci * a[i]!;
      if (Math.hypot(ar - b[i]!, ai - b[i + 1]!) > atol) return false;
    }
    return true;
  }

  private widen(other: Operator, qargs: readonly number[] | undefined, op: string): GateMatrix {
    if (!(other instanceof Operator)) throw new InputValidationError(`${op}: the other operand must be an Operator`);
    if (qargs === undefined) {
      this.sameWidth(other, op);
      return other.mat;
    }
    return embedOn(other.mat, qargs, this.numQubits, op);
  }

  private sameWidth(other: Operator, op: string): void {
    if (other.numQubits !== this.numQubits) {
      throw new InputValidationError(`${op}: operators on ${this.numQubits} and ${other.numQubits} qubits (pass qargs to act on some qubits)`);
    }
  }
}

/**
 * The n-qubit matrix of `g` acting on `qargs` (g's qubit j on `qargs[j]`), identity elsewhere.
 *
 * @throws {InputValidationError} for a qargs list of the wrong length, repeated or out of range
 */
export function embedOn(g: GateMatrix, qargs: readonly number[], n: number, op: string): GateMatrix {
  checkQargs(qargs, n, op, Math.log2(g.dim));
  const full = identityMatrix(2 ** n);
  applyOnBits(full.data, 2 * n, g, qargs.map((q) => q + n));
  return full;
}

/**
 * Checks `qargs`: `k` distinct qubits in [0, n) (any count when `k` is undefined).
 *
 * @throws {InputValidationError} naming the problem
 */
export function checkQargs(qargs: readonly number[], n: number, op: string, k?: number): void {
  if (!Array.isArray(qargs)) throw new InputValidationError(`${op}: qargs must be a list of qubit indices`);
  if (k !== undefined && qargs.length !== k) throw new InputValidationError(`${op}: qargs lists ${qargs.length} qubit(s) but the operator acts on ${k}`);
  const seen = new Set<number>();
  for (const q of qargs) {
    if (!Number.isInteger(q) || q < 0 || q >= n) throw new InputValidationError(`${op}: qubit ${String(q)} is out of range [0, ${n})`);
    if (seen.has(q)) throw new InputValidationError(`${op}: qubit ${q} is listed twice in qargs`);
    seen.add(q);
  }
}
