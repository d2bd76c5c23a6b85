import type Complex from 'complex.js';
import { InputValidationError, ResourceLimitError } from '../../../src/core/errors';
import { SparsePauliOp } from '../../../src/quantum-info/sparse-pauli-op';
import { add, eye, kron, mat, matmul, scale, type Mat } from '../../support/dense';

// Dense reference: Pauli matrices written out, labels read left = highest qubit (kron order).
const P: Record<string, Mat> = {
  I: eye(2),
  X: mat([[0, 1], [1, 0]]),
  Y: mat([[0, [0, -1]], [[0, 1], 0]]),
  Z: mat([[1, 0], [0, -1]]),
};
const pauliDense = (label: string): Mat => [...label].map((c) => P[c]!).reduce((acc, m) => kron(acc, m));
function opDense(terms: ReadonlyArray<readonly [string, number, number?]>): Mat {
  return terms.map(([l, re, im]) => scale(pauliDense(l), re, im ?? 0)).reduce((acc, m) => add(acc, m));
}
function toMat(rows: Complex[][]): Mat {
  return mat(rows.map((row) => row.map((c) => [c.re, c.im] as const)));
}
function expectMatClose(a: Mat, b: Mat): void {
  expect(a.dim).toBe(b.dim);
  a.data.forEach((x, i) => expect(x).toBeCloseTo(b.data[i]!, 12));
}
const parts = (op: SparsePauliOp): Array<[string, number, number]> => op.toList().map(([l, c]) => [l, c.re, c.im]);

describe('SparsePauliOp (issue 15: SparsePauliOp)', () => {
  const a = SparsePauliOp.fromList([['XZ', 1], ['YI', { re: 0, im: 0.5 }], ['ZZ', -2]]);
  const b = SparsePauliOp.fromList([['IX', 0.3], ['YY', { re: 1, im: -1 }]]);
  const aDense = opDense([['XZ', 1], ['YI', 0, 0.5], ['ZZ', -2]]);
  const bDense = opDense([['IX', 0.3], ['YY', 1, -1]]);

  it('toMatrix matches the dense sum of Kronecker products (rightmost letter = qubit 0)', () => {
    expectMatClose(toMat(a.toMatrix()), aDense);
    // 'IX' is X on qubit 0: it flips bit 0, so |0⟩ = index 0 goes to index 1.
    const m = new SparsePauliOp('IX').toMatrix();
    expect(m[1]![0]!.re).toBe(1);
    expect(m[2]![0]!.re).toBe(0);
  });

  it('x.dot(y) = iZ (Qiskit test_dot_real) and compose is the other order: a.compose(b) = B·A', () => {
    const z = new SparsePauliOp('X').dot(new SparsePauliOp('Y'));
    expect(parts(z)).toEqual([['Z', 0, 1]]);
    expect(parts(new SparsePauliOp('X').compose(new SparsePauliOp('Y')))).toEqual([['Z', 0, -1]]);
    expectMatClose(toMat(a.compose(b).toMatrix()), matmul(bDense, aDense));
    expectMatClose(toMat(a.dot(b).toMatrix()), matmul(aDense, bDense));
    expectMatClose(toMat(a.compose(b, { front: true }).toMatrix()), matmul(aDense, bDense));
  });

  it('compose with qargs puts the other operator on those qubits', () => {
    const three = SparsePauliOp.fromList([['XYZ', 1], ['IIX', 2]]);
    const one = SparsePauliOp.fromList([['Y', 1]]);
    // Y on qubit 2 of a 3-qubit operator = 'YII'.
    const expected = matmul(pauliDense('YII'), opDense([['XYZ', 1], ['IIX', 2]]));
    expectMatClose(toMat(three.compose(one, { qargs: [2] }).toMatrix()), expected);
  });

  it('tensor puts the argument on the low qubits, expand on the high ones', () => {
    expectMatClose(toMat(a.tensor(b).toMatrix()), kron(aDense, bDense));
    expectMatClose(toMat(a.expand(b).toMatrix()), kron(bDense, aDense));
    expect(new SparsePauliOp('X').tensor(new SparsePauliOp('Z')).labels).toEqual(['XZ']);
  });

  it('add, sub and scalar multiplication (complex scalars included)', () => {
    expectMatClose(toMat(a.add(b).toMatrix()), add(aDense, bDense));
    expectMatClose(toMat(a.sub(b).toMatrix()), add(aDense, scale(bDense, -1)));
    expectMatClose(toMat(a.mul({ re: 0, im: 2 }).toMatrix()), scale(aDense, 0, 2));
    expect(a.add(b).size).toBe(5);
  });

  it('simplify merges equal strings in first-appearance order and drops near-zero terms', () => {
    const op = SparsePauliOp.fromList([['XX', 1], ['ZZ', 2], ['XX', 3], ['YY', 1e-9], ['ZZ', -2]]);
    expect(parts(op.simplify())).toEqual([['XX', 4, 0]]);
    expect(parts(op.simplify(1e-12))).toEqual([['XX', 4, 0], ['YY', 1e-9, 0]]);
    // Everything cancels: Qiskit returns the identity with coefficient 0.
    expect(parts(SparsePauliOp.fromList([['XZ', 1], ['XZ', -1]]).simplify())).toEqual([['II', 0, 0]]);
    // (X+Z)² = 2·I: the cross terms XZ + ZX = −iY + iY cancel.
    const xz = SparsePauliOp.fromList([['X', 1], ['Z', 1]]);
    expect(parts(xz.compose(xz).simplify())).toEqual([['I', 2, 0]]);
  });

  it('fromSparseList places letters on the given qubits (Qiskit documentation example)', () => {
    // Qiskit: from_sparse_list([("ZX", [1, 4], 1), ("YY", [0, 3], -1)], num_qubits=5)
    // has the labels 'XIIZI' and 'IYIIY'.
    const op = SparsePauliOp.fromSparseList([['ZX', [1, 4], 1], ['YY', [0, 3], -1]], 5);
    expect(op.labels).toEqual(['XIIZI', 'IYIIY']);
    expect(op.coeffs.map((c) => c.re)).toEqual([1, -1]);
    expect(() => SparsePauliOp.fromSparseList([['XX', [1, 1], 1]], 3)).toThrow(/qubit 1 appears twice/);
    expect(() => SparsePauliOp.fromSparseList([['X', [3], 1]], 3)).toThrow(/out of range/);
  });

  it('applyLayout moves virtual qubits to physical ones (Qiskit test_apply_layout_* values)', () => {
    const op = SparsePauliOp.fromList([['YI', 2], ['XI', 1]]);
    expect(op.applyLayout([1, 0]).labels).toEqual(['IY', 'IX']);
    expect(op.applyLayout([4, 0], 5).labels).toEqual(['IIIIY', 'IIIIX']);
    expect(SparsePauliOp.fromList([['II', 1], ['IZ', 2], ['XI', 3]]).applyLayout(null, 5).labels).toEqual(['IIIII', 'IIIIZ', 'IIIXI']);
    expect(op.applyLayout({ final: [2, 0] }, 3).labels).toEqual(['IIY', 'IIX']);
    expect(() => op.applyLayout([0, 1], 1)).toThrow(InputValidationError);
    expect(() => op.applyLayout([0, 3], 2)).toThrow(InputValidationError);
    expect(() => op.applyLayout([-1, 0], 3)).toThrow(InputValidationError);
    expect(() => op.applyLayout([0, 0], 3)).toThrow(/used twice/);
    expect(() => op.applyLayout(null, 1)).toThrow(InputValidationError);
  });

  it('equiv compares operators, not term lists', () => {
    const x = SparsePauliOp.fromList([['XI', 1], ['IZ', 2]]);
    expect(x.equiv(SparsePauliOp.fromList([['IZ', 1], ['XI', 1], ['IZ', 1]]))).toBe(true);
    expect(x.equiv(SparsePauliOp.fromList([['XI', 1], ['IZ', 2.001]]))).toBe(false);
    expect(x.equiv(SparsePauliOp.fromList([['XII', 1]]))).toBe(false);
  });

  it('is immutable: operations return new operators and accessors return copies', () => {
    const op = SparsePauliOp.fromList([['XX', 1]]);
    op.add(op).mul(3).simplify();
    op.labels.push('ZZ');
    expect(parts(op)).toEqual([['XX', 1, 0]]);
    expect(Object.isFrozen(op)).toBe(true);
  });

  it('refuses bad labels, coefficients and widths with typed errors', () => {
    expect(() => new SparsePauliOp('XA')).toThrow(/only the letters I, X, Y, Z/);
    expect(() => new SparsePauliOp(['XX', 'X'])).toThrow(/has 1 letter/);
    expect(() => SparsePauliOp.fromList([['XX', Number.NaN]])).toThrow(InputValidationError);
    expect(() => new SparsePauliOp(['X', 'Z'], [1])).toThrow(/2 label\(s\) but 1 coefficient/);
    expect(() => a.compose(new SparsePauliOp('X'))).toThrow(/2 and 1 qubits/);
    expect(() => SparsePauliOp.fromList([])).toThrow(/needs numQubits/);
    expect(SparsePauliOp.fromList([], 3).size).toBe(0);
    expect(() => SparsePauliOp.identity(11).toMatrix()).toThrow(ResourceLimitError);
  });
});
