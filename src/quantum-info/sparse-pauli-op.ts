/**
 * Qiskit's `SparsePauliOp`: a sum of Pauli strings with complex coefficients. Labels are
 * Qiskit's: one letter per qubit, the rightmost letter acting on qubit 0 (little-endian).
 * Values are immutable: every operation returns a new operator.
 */
import type Complex from 'complex.js';
import { parity } from '../core/bits';
import { InputValidationError, ResourceLimitError } from '../core/errors';
import { applyLayoutToObservable } from '../transpiler/observable-layout';
import type { TranspileLayout } from '../transpiler';
import { complexParts, toComplex, type ComplexLike } from './complex-input';
import { labelMasks, pauliProduct, timesIPower } from './pauli-algebra';

const LABEL = /^[IXYZ]*$/;

/**
 * The most qubits a dense matrix of quantum_info is built for (`toMatrix`, `Operator`): a
 * 2^10 × 2^10 complex matrix is 16 MiB of typed arrays and a million complex.js values when
 * returned as rows; one more qubit quadruples both.
 */
export const MAX_DENSE_QUBITS = 10;

/** A layout as {@link SparsePauliOp.applyLayout} takes it. */
export type PauliLayout = readonly number[] | Pick<TranspileLayout, 'final'> | null;

/**
 * A sparse Pauli operator Σ_k c_k·P_k, as Qiskit's `SparsePauliOp`.
 *
 * @example
 * const h = SparsePauliOp.fromList([['ZZ', 1], ['XI', 0.5]]);
 * h.compose(h).simplify().toList(); // [['II', 1.25], ['XZ', ...]] (Pauli products with phases)
 */
export class SparsePauliOp {
  private readonly labelList: readonly string[];
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  /** How many qubits each Pauli string acts on. */
  readonly numQubits: number;

  /**
   * An operator from one label or a list of labels, with coefficients (default 1 each), as
   * Qiskit's `SparsePauliOp("XX")` and `SparsePauliOp(["XX", "ZZ"], [1, 2j])`.
   *
   * @param labels - Pauli strings of one length over IXYZ (rightmost letter = qubit 0)
   * @param coeffs - one coefficient per label (or one for a single label)
   * @throws {InputValidationError} for an empty list, a letter outside IXYZ, labels of different lengths, a coefficient count that differs
   */
  constructor(labels: string | readonly string[], coeffs?: ComplexLike | readonly ComplexLike[]) {
    const list = typeof labels === 'string' ? [labels] : labels;
    if (!Array.isArray(list) || list.length === 0) {
      throw new InputValidationError('a SparsePauliOp needs at least one Pauli label (use SparsePauliOp.fromList([], numQubits) for an empty sum)');
    }
    const values: readonly unknown[] = coeffs === undefined ? list.map(() => 1) : Array.isArray(coeffs) ? coeffs : [coeffs];
    if (values.length !== list.length) {
      throw new InputValidationError(`a SparsePauliOp got ${list.length} label(s) but ${values.length} coefficient(s)`);
    }
    const n = checkLabel(list[0], 0, undefined);
    list.forEach((l, i) => checkLabel(l, i, n));
    this.numQubits = n;
    this.labelList = Object.freeze([...list]);
    this.re = new Float64Array(list.length);
    this.im = new Float64Array(list.length);
    values.forEach((v, i) => {
      [this.re[i], this.im[i]] = complexParts(v, `coefficient ${i} ('${list[i]}')`);
    });
    Object.freeze(this);
  }

  /** Internal: an operator from checked parts (no copy). */
  private static of(numQubits: number, labels: readonly string[], re: Float64Array, im: Float64Array): SparsePauliOp {
    const op = Object.create(SparsePauliOp.prototype) as { -readonly [K in keyof SparsePauliOp]: unknown } & Record<string, unknown>;
    op.numQubits = numQubits;
    op.labelList = Object.freeze([...labels]);
    op.re = re;
    op.im = im;
    return Object.freeze(op) as unknown as SparsePauliOp;
  }

  /**
   * Qiskit's `SparsePauliOp.from_list([("XX", 1), ("ZI", 2j)])`. An empty list needs `numQubits`.
   *
   * @throws {InputValidationError} for a bad label or coefficient, naming the term
   */
  static fromList(list: ReadonlyArray<readonly [string, ComplexLike]>, numQubits?: number): SparsePauliOp {
    if (!Array.isArray(list)) throw new InputValidationError('SparsePauliOp.fromList takes a list of [label, coefficient] pairs');
    if (list.length === 0) {
      if (numQubits === undefined) throw new InputValidationError('SparsePauliOp.fromList of an empty list needs numQubits');
      return SparsePauliOp.of(checkQubitCount(numQubits), [], new Float64Array(0), new Float64Array(0));
    }
    list.forEach((term, i) => {
      if (!Array.isArray(term) || term.length !== 2) throw new InputValidationError(`SparsePauliOp.fromList: term ${i} is not a [label, coefficient] pair`);
    });
    const op = new SparsePauliOp(list.map((t) => t[0]), list.map((t) => t[1]));
    if (numQubits !== undefined && numQubits !== op.numQubits) {
      throw new InputValidationError(`SparsePauliOp.fromList: labels have ${op.numQubits} letter(s) but numQubits is ${numQubits}`);
    }
    return op;
  }

  /**
   * Qiskit's `SparsePauliOp.from_sparse_list([("ZX", [1, 4], 1)], num_qubits=5)`: letter k of
   * each string acts on qubit `indices[k]`, every other qubit is I.
   *
   * @example SparsePauliOp.fromSparseList([['ZX', [1, 4], 1]], 5).labels → ['XIIZI']
   * @throws {InputValidationError} for a bad letter, an index out of range or repeated, a length mismatch
   */
  static fromSparseList(list: ReadonlyArray<readonly [string, readonly number[], ComplexLike]>, numQubits: number): SparsePauliOp {
    const n = checkQubitCount(numQubits);
    if (!Array.isArray(list)) throw new InputValidationError('SparsePauliOp.fromSparseList takes a list of [paulis, indices, coefficient] triples');
    const labels = list.map((term, t) => {
      if (!Array.isArray(term) || term.length !== 3 || typeof term[0] !== 'string' || !Array.isArray(term[1])) {
        throw new InputValidationError(`SparsePauliOp.fromSparseList: term ${t} is not a [paulis, indices, coefficient] triple`);
      }
      const [paulis, indices] = term;
      if (paulis.length !== indices.length) {
        throw new InputValidationError(`SparsePauliOp.fromSparseList: term ${t} has ${paulis.length} letter(s) but ${indices.length} index(es)`);
      }
      const out = new Array<string>(n).fill('I');
      const seen = new Set<number>();
      indices.forEach((q, k) => {
        if (!Number.isInteger(q) || q < 0 || q >= n) throw new InputValidationError(`SparsePauliOp.fromSparseList: term ${t}: qubit ${String(q)} is out of range [0, ${n})`);
        if (seen.has(q)) throw new InputValidationError(`SparsePauliOp.fromSparseList: term ${t}: qubit ${q} appears twice`);
        seen.add(q);
        const letter = paulis[k]!;
        if (!'IXYZ'.includes(letter)) throw new InputValidationError(`SparsePauliOp.fromSparseList: term ${t}: letter '${letter}' is not one of I, X, Y, Z`);
        out[n - 1 - q] = letter;
      });
      return out.join('');
    });
    if (labels.length === 0) return SparsePauliOp.of(n, [], new Float64Array(0), new Float64Array(0));
    return new SparsePauliOp(labels, list.map((t) => t[2]));
  }

  /** The n-qubit identity `I…I` with coefficient 1. */
  static identity(numQubits: number): SparsePauliOp {
    return new SparsePauliOp('I'.repeat(checkQubitCount(numQubits)));
  }

  /** How many terms (Pauli strings, duplicates included until {@link simplify}). */
  get size(): number {
    return this.labelList.length;
  }

  /** The Pauli labels, in term order. */
  get labels(): string[] {
    return [...this.labelList];
  }

  /** The coefficients, in term order, as complex.js values. */
  get coeffs(): Complex[] {
    return Array.from(this.re, (r, i) => toComplex(r, this.im[i]!));
  }

  /** `[label, coefficient]` per term: Qiskit's `to_list()`. */
  toList(): Array<[string, Complex]> {
    return this.labelList.map((l, i) => [l, toComplex(this.re[i]!, this.im[i]!)]);
  }

  /**
   * Term `i` as `[label, re, im]` (for consumers that want numbers).
   * @internal
   */
  termParts(i: number): [string, number, number] {
    return [this.labelList[i]!, this.re[i]!, this.im[i]!];
  }

  /**
   * Operator composition as Qiskit defines it: `a.compose(b)` applies `a` first, then `b`, so
   * its matrix is B·A (`front: true` gives A·B, as {@link dot}). With `qargs`, `other` acts on
   * those qubits of this operator (other's qubit j on `qargs[j]`).
   */
  compose(other: SparsePauliOp, options: { qargs?: readonly number[]; front?: boolean } = {}): SparsePauliOp {
    const b = this.widen(other, options.qargs, 'compose');
    return options.front ? product(this, b) : product(b, this);
  }

  /** The matrix product A·B (Qiskit's `a.dot(b)`, `a @ b`): `b` is applied first. */
  dot(other: SparsePauliOp, options: { qargs?: readonly number[] } = {}): SparsePauliOp {
    return product(this, this.widen(other, options.qargs, 'dot'));
  }

  /** `this ⊗ other`: `other` on the low qubits (labels concatenated, this one's left). */
  tensor(other: SparsePauliOp): SparsePauliOp {
    const labels: string[] = [];
    const re = new Float64Array(this.size * other.size);
    const im = new Float64Array(re.length);
    let k = 0;
    for (let i = 0; i < this.size; i++) {
      for (let j = 0; j < other.size; j++, k++) {
        labels.push(this.labelList[i]! + other.labelList[j]!);
        re[k] = this.re[i]! * other.re[j]! - this.im[i]! * other.im[j]!;
        im[k] = this.re[i]! * other.im[j]! + this.im[i]! * other.re[j]!;
      }
    }
    return SparsePauliOp.of(this.numQubits + other.numQubits, labels, re, im);
  }

  /** `other ⊗ this` (Qiskit's `expand`): this operator on the low qubits. */
  expand(other: SparsePauliOp): SparsePauliOp {
    return other.tensor(this);
  }

  /** The sum: the terms of both, in order (call {@link simplify} to merge equal strings). */
  add(other: SparsePauliOp): SparsePauliOp {
    this.sameWidth(other, 'add');
    const re = new Float64Array(this.size + other.size);
    const im = new Float64Array(re.length);
    re.set(this.re);
    re.set(other.re, this.size);
    im.set(this.im);
    im.set(other.im, this.size);
    return SparsePauliOp.of(this.numQubits, [...this.labelList, ...other.labelList], re, im);
  }

  /** `this − other`. */
  sub(other: SparsePauliOp): SparsePauliOp {
    return this.add(other.mul(-1));
  }

  /** Every coefficient times `scalar` (real or complex). */
  mul(scalar: ComplexLike): SparsePauliOp {
    const [sr, si] = complexParts(scalar, 'the scalar');
    const re = new Float64Array(this.size);
    const im = new Float64Array(this.size);
    for (let i = 0; i < this.size; i++) {
      re[i] = this.re[i]! * sr - this.im[i]! * si;
      im[i] = this.re[i]! * si + this.im[i]! * sr;
    }
    return SparsePauliOp.of(this.numQubits, this.labelList, re, im);
  }

  /** The adjoint: Pauli strings are Hermitian, so the coefficients are conjugated. */
  adjoint(): SparsePauliOp {
    return SparsePauliOp.of(this.numQubits, this.labelList, this.re.slice(), this.im.map((x) => -x));
  }

  /**
   * Merges equal Pauli strings (in order of first appearance) and drops terms with
   * |coefficient| ≤ `atol` (Qiskit's default 1e-8). An operator with nothing left is `I…I`
   * with coefficient 0, as in Qiskit.
   */
  simplify(atol = 1e-8): SparsePauliOp {
    const at = new Map<string, number>();
    const labels: string[] = [];
    const re: number[] = [];
    const im: number[] = [];
    this.labelList.forEach((l, i) => {
      const k = at.get(l);
      if (k === undefined) {
        at.set(l, labels.length);
        labels.push(l);
        re.push(this.re[i]!);
        im.push(this.im[i]!);
      } else {
        re[k]! += this.re[i]!;
        im[k]! += this.im[i]!;
      }
    });
    const keep = labels.map((_, k) => Math.hypot(re[k]!, im[k]!) > atol);
    if (!keep.some(Boolean)) return SparsePauliOp.of(this.numQubits, ['I'.repeat(this.numQubits)], new Float64Array(1), new Float64Array(1));
    const pick = <T>(xs: readonly T[]): T[] => xs.filter((_, k) => keep[k]);
    return SparsePauliOp.of(this.numQubits, pick(labels), Float64Array.from(pick(re)), Float64Array.from(pick(im)));
  }

  /**
   * Moves the operator onto physical qubits, as Qiskit's `apply_layout`: virtual qubit v goes to
   * `layout[v]` (a transpile result's `layout` uses its `final` positions), on `numQubits`
   * qubits (default: the layout's width for a list, this operator's for `null`).
   *
   * @example SparsePauliOp.fromList([['YI', 2], ['XI', 1]]).applyLayout([4, 0], 5) → IIIIY, IIIIX
   * @throws {InputValidationError} for a layout of another length, a negative, repeated or out-of-range position, too few qubits
   */
  applyLayout(layout: PauliLayout, numQubits?: number): SparsePauliOp {
    if (layout === null) {
      const n = numQubits ?? this.numQubits;
      if (!Number.isInteger(n) || n < this.numQubits) {
        throw new InputValidationError(`applyLayout: numQubits ${String(n)} is smaller than the operator's ${this.numQubits} qubit(s)`);
      }
      return this.applyLayout(Array.from({ length: this.numQubits }, (_, i) => i), n);
    }
    const positions = Array.isArray(layout) ? (layout as readonly number[]) : (layout as Pick<TranspileLayout, 'final'>).final;
    if (!Array.isArray(positions) || positions.length !== this.numQubits) {
      throw new InputValidationError(`applyLayout: the layout has ${Array.isArray(positions) ? positions.length : 0} position(s) but the operator has ${this.numQubits} qubit(s)`);
    }
    const n = numQubits ?? (positions.length ? Math.max(...positions) + 1 : 0);
    if (!Number.isInteger(n) || n < this.numQubits) {
      throw new InputValidationError(`applyLayout: numQubits ${String(n)} is smaller than the operator's ${this.numQubits} qubit(s)`);
    }
    const seen = new Set<number>();
    positions.forEach((p, v) => {
      if (!Number.isInteger(p) || p < 0 || p >= n) throw new InputValidationError(`applyLayout: virtual qubit ${v} maps to ${String(p)}, outside [0, ${n})`);
      if (seen.has(p)) throw new InputValidationError(`applyLayout: physical qubit ${p} is used twice`);
      seen.add(p);
    });
    // The label permutation has one home: the transpiler's observable layout.
    const moved = applyLayoutToObservable(this.labelList.map((l) => [l, 0] as const), positions, n).map(([l]) => l);
    return SparsePauliOp.of(n, moved, this.re.slice(), this.im.slice());
  }

  /**
   * Equal as operators within `atol` (Qiskit's `equiv`): the difference simplifies to zero.
   */
  equiv(other: SparsePauliOp, atol = 1e-8): boolean {
    if (other.numQubits !== this.numQubits) return false;
    const d = this.sub(other).simplify(atol);
    return d.size === 1 && d.re[0] === 0 && d.im[0] === 0;
  }

  /**
   * The dense 2^n × 2^n matrix (row r, column c; index bit k = qubit k), as complex.js rows.
   *
   * @throws {ResourceLimitError} above {@link MAX_DENSE_QUBITS} qubits
   */
  toMatrix(): Complex[][] {
    const { dim, re, im } = this.denseParts();
    return Array.from({ length: dim }, (_, r) => Array.from({ length: dim }, (_, c) => toComplex(re[r * dim + c]!, im[r * dim + c]!)));
  }

  /**
   * The dense matrix as row-major typed arrays (internal; see {@link toMatrix}).
   * Pauli string P with X-mask x, Z-mask z and nY letters Y has one entry per column c:
   * P[c ⊕ x][c] = i^{nY}·(−1)^{popcount(c ∧ z)} (Y = i·X·Z).
   * @internal
   */
  denseParts(): { dim: number; re: Float64Array; im: Float64Array } {
    const n = this.numQubits;
    if (n > MAX_DENSE_QUBITS) {
      throw new ResourceLimitError(`a dense matrix of ${n} qubits is refused: quantum_info builds dense matrices up to ${MAX_DENSE_QUBITS} qubits`);
    }
    const dim = 2 ** n;
    const re = new Float64Array(dim * dim);
    const im = new Float64Array(dim * dim);
    this.labelList.forEach((label, t) => {
      const { x, z, ny } = labelMasks(label);
      const [pr, pi] = timesIPower(this.re[t]!, this.im[t]!, ny);
      for (let c = 0; c < dim; c++) {
        const sign = parity(c & z) ? -1 : 1;
        const at = (c ^ x) * dim + c;
        re[at]! += sign * pr;
        im[at]! += sign * pi;
      }
    });
    return { dim, re, im };
  }

  /** `other` widened onto this operator's qubits at `qargs` (or checked to be as wide). */
  private widen(other: SparsePauliOp, qargs: readonly number[] | undefined, op: string): SparsePauliOp {
    if (!(other instanceof SparsePauliOp)) throw new InputValidationError(`${op}: the other operand must be a SparsePauliOp`);
    if (qargs === undefined) {
      this.sameWidth(other, op);
      return other;
    }
    if (qargs.length !== other.numQubits) {
      throw new InputValidationError(`${op}: qargs lists ${qargs.length} qubit(s) but the other operator has ${other.numQubits}`);
    }
    return other.applyLayout(qargs, this.numQubits);
  }

  private sameWidth(other: SparsePauliOp, op: string): void {
    if (other.numQubits !== this.numQubits) {
      throw new InputValidationError(`${op}: operators on ${this.numQubits} and ${other.numQubits} qubits (pass qargs to act on some qubits)`);
    }
  }
}

/** The matrix product A·B term by term, phases from the one-qubit products. */
function product(a: SparsePauliOp, b: SparsePauliOp): SparsePauliOp {
  const labels: string[] = [];
  const re = new Float64Array(a.size * b.size);
  const im = new Float64Array(re.length);
  let k = 0;
  for (let i = 0; i < a.size; i++) {
    const [la, ar, ai] = a.termParts(i);
    for (let j = 0; j < b.size; j++, k++) {
      const [lb, br, bi] = b.termParts(j);
      let phase = 0;
      let out = '';
      for (let q = 0; q < la.length; q++) {
        const [letter, p] = pauliProduct(la[q]!, lb[q]!);
        out += letter;
        phase += p;
      }
      labels.push(out);
      [re[k], im[k]] = timesIPower(ar * br - ai * bi, ar * bi + ai * br, phase);
    }
  }
  return SparsePauliOp.fromList(labels.map((l, t) => [l, { re: re[t]!, im: im[t]! }] as const), a.numQubits);
}

function checkLabel(label: unknown, i: number, n: number | undefined): number {
  if (typeof label !== 'string' || !LABEL.test(label)) {
    throw new InputValidationError(`Pauli label ${i} ('${String(label).slice(0, 64)}') must use only the letters I, X, Y, Z`);
  }
  if (n !== undefined && label.length !== n) {
    throw new InputValidationError(`Pauli label ${i} ('${label.slice(0, 64)}') has ${label.length} letter(s); the first label has ${n}`);
  }
  return label.length;
}

function checkQubitCount(n: unknown): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw new InputValidationError(`numQubits must be an integer ≥ 0, got ${String(n)}`);
  return n;
}
