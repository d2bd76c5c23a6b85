import type Complex from 'complex.js';
import { Circuit } from '../../../src/circuit/circuit';
import { gateMatrix } from '../../../src/circuit/gates';
import { Parameter } from '../../../src/circuit/parameter';
import { CircuitValidationError, InputValidationError, ResourceLimitError } from '../../../src/core/errors';
import { Operator } from '../../../src/quantum-info/operator';
import { SparsePauliOp } from '../../../src/quantum-info/sparse-pauli-op';
import { dagger, eye, kron, mat, matmul, scale, type Mat } from '../../support/dense';

const S2 = Math.SQRT1_2;
// Dense references written out: H, X, Z, CX with the control on qubit 0 (the LSB), as Qiskit.
const H = mat([[S2, S2], [S2, -S2]]);
const X = mat([[0, 1], [1, 0]]);
const Z = mat([[1, 0], [0, -1]]);
const CX01 = mat([[1, 0, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0], [0, 1, 0, 0]]);
const I2 = eye(2);
const toMat = (rows: Complex[][]): Mat => mat(rows.map((r) => r.map((c) => [c.re, c.im] as const)));
function expectMatClose(a: Mat, b: Mat, digits = 12): void {
  expect(a.dim).toBe(b.dim);
  a.data.forEach((x, i) => expect(x).toBeCloseTo(b.data[i]!, digits));
}

describe('Operator (issue 15: Operator from circuit, compose, tensor, equiv up to phase)', () => {
  it('fromCircuit is the product of the gate matrices in circuit order, little-endian', () => {
    const u = Operator.fromCircuit(new Circuit(2).h(0).cx(0, 1));
    // H on qubit 0 = I ⊗ H; then CX(0→1): U = CX·(I⊗H).
    expectMatClose(toMat(u.toMatrix()), matmul(CX01, kron(I2, H)));
    expect(u.isUnitary()).toBe(true);
  });

  it('fromCircuit includes the global phase and refuses measurements and unbound parameters', () => {
    const u = Operator.fromCircuit(new Circuit(1, { globalPhase: Math.PI / 2 }).x(0));
    expectMatClose(toMat(u.toMatrix()), scale(X, 0, 1));
    expect(() => Operator.fromCircuit(new Circuit(1, 1).measure(0, 0))).toThrow(CircuitValidationError);
    expect(() => Operator.fromCircuit(new Circuit(1).rz(new Parameter('t'), 0))).toThrow(/unbound parameter/);
    expect(() => Operator.fromCircuit(new Circuit(11))).toThrow(ResourceLimitError);
  });

  it("compose follows Qiskit's order: a.compose(b) = B·A, dot = A·B; qargs place the operand", () => {
    const a = Operator.fromLabel('HI'), b = Operator.fromCircuit(new Circuit(2).cx(0, 1));
    expectMatClose(toMat(a.compose(b).toMatrix()), matmul(CX01, kron(H, I2)));
    expectMatClose(toMat(a.dot(b).toMatrix()), matmul(kron(H, I2), CX01));
    expectMatClose(toMat(a.compose(b, { front: true }).toMatrix()), matmul(kron(H, I2), CX01));
    // Z on qubit 1 of a 2-qubit operator: (Z ⊗ I)·A.
    expectMatClose(toMat(a.compose(Operator.fromLabel('Z'), { qargs: [1] }).toMatrix()), matmul(kron(Z, I2), kron(H, I2)));
    expect(() => a.compose(Operator.fromLabel('Z'))).toThrow(/2 and 1 qubits/);
    expect(() => a.compose(Operator.fromLabel('Z'), { qargs: [2] })).toThrow(/out of range/);
  });

  it('tensor, expand, adjoint and power', () => {
    const h = Operator.fromLabel('H'), x = Operator.fromLabel('X');
    expectMatClose(toMat(h.tensor(x).toMatrix()), kron(H, X));
    expectMatClose(toMat(h.expand(x).toMatrix()), kron(X, H));
    const s = Operator.fromCircuit(new Circuit(1).s(0));
    expectMatClose(toMat(s.adjoint().toMatrix()), dagger(toMat(s.toMatrix())));
    expectMatClose(toMat(s.power(2).toMatrix()), Z);
    expectMatClose(toMat(s.power(0).toMatrix()), I2);
  });

  it('equiv ignores a global phase but not a relative one', () => {
    const a = Operator.fromCircuit(new Circuit(1).rz(0.7, 0));
    const p = Operator.fromCircuit(new Circuit(1).p(0.7, 0));
    // RZ(θ) = e^{−iθ/2}·P(θ): equal up to phase, not entrywise.
    expect(a.equiv(p)).toBe(true);
    expect(Math.abs(a.toMatrix()[0]![0]!.re - 1)).toBeGreaterThan(0.01);
    expect(a.equiv(Operator.fromCircuit(new Circuit(1).rz(0.71, 0)))).toBe(false);
    expect(Operator.fromLabel('Z').equiv(Operator.fromLabel('I'))).toBe(false);
    expect(Operator.fromLabel('XX').equiv(Operator.fromLabel('X'))).toBe(false);
  });

  it('fromLabel knows Qiskit’s letters: Paulis, H, S, T and the state projectors', () => {
    expectMatClose(toMat(Operator.fromLabel('T').toMatrix()), mat([[1, 0], [0, [S2, S2]]]));
    expectMatClose(toMat(Operator.fromLabel('+').toMatrix()), mat([[0.5, 0.5], [0.5, 0.5]]));
    expectMatClose(toMat(Operator.fromLabel('r').toMatrix()), mat([[0.5, [0, -0.5]], [[0, 0.5], 0.5]]));
    expectMatClose(toMat(Operator.fromLabel('1Z').toMatrix()), kron(mat([[0, 0], [0, 1]]), Z));
    expect(() => Operator.fromLabel('Q')).toThrow(InputValidationError);
  });

  it('toSparsePauliOp decomposes into Paulis: H = (X + Z)/√2, and round-trips a random-ish operator', () => {
    const h = Operator.fromLabel('H').toSparsePauliOp();
    expect(h.equiv(SparsePauliOp.fromList([['X', S2], ['Z', S2]]))).toBe(true);
    expect(h.size).toBe(2);
    // CX(0→1) = (II + IZ + XI − XZ)/2 (control qubit 0: Z letter rightmost).
    const cx = Operator.fromCircuit(new Circuit(2).cx(0, 1)).toSparsePauliOp();
    expect(cx.equiv(SparsePauliOp.fromList([['II', 0.5], ['IZ', 0.5], ['XI', 0.5], ['XZ', -0.5]]))).toBe(true);
    const u = Operator.fromCircuit(new Circuit(3).h(0).cx(0, 2).rzz(0.4, 1, 2).u(0.3, 0.1, -0.7, 1));
    expectMatClose(toMat(u.toSparsePauliOp().toMatrix()), toMat(u.toMatrix()));
    expect(Operator.fromLabel('XX').mul(0).toSparsePauliOp().labels).toEqual(['II']);
  });

  it('agrees with the gate table for every gate of a mixed circuit and with SparsePauliOp.toMatrix', () => {
    const c = new Circuit(3).ccx(0, 1, 2).rxx(0.4, 2, 0).u(0.1, 0.2, 0.3, 1);
    const g = (name: string, params: number[] = []): Mat => ({ ...gateMatrix(name, params) });
    // ccx on (0,1,2) is the table's 8×8; rxx (symmetric) on qubits {0, 2} is I⊗RXX moved from
    // qubits {0, 1} by the SWAP of qubits 1 and 2.
    const ccx = g('ccx');
    const swapBits12 = (r: number): number => (r & 1) | ((r & 2) << 1) | ((r & 4) >> 1);
    const swap12 = mat([...Array(8)].map((_, r) => [...Array(8)].map((__, c2) => (c2 === swapBits12(r) ? 1 : 0))));
    const rxx20 = matmul(swap12, matmul(kron(I2, g('rxx', [0.4])), swap12));
    const u1 = kron(I2, kron(g('u', [0.1, 0.2, 0.3]), I2));
    expectMatClose(toMat(Operator.fromCircuit(c).toMatrix()), matmul(u1, matmul(rxx20, ccx)));
    const op = SparsePauliOp.fromList([['XZ', 1], ['YY', { re: 0, im: 2 }]]);
    expectMatClose(toMat(Operator.fromSparsePauliOp(op).toMatrix()), toMat(op.toMatrix()));
  });
});
