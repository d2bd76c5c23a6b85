/**
 * Every gate matrix against its Qiskit definition, written independently here from Pauli
 * matrices, rotations and the controlled-gate rule (control = argument 0 = LSB), global phase
 * included. Plus every gate's inverse rule: U(inverse params) · U = I exactly.
 */
import { GATES, gateMatrix } from '../../../src/circuit/gates';
import { inverseOf } from '../../../src/circuit/gate-definitions';
import { add, dagger, eye, kron, mat, matmul, scale, type Mat } from '../../support/dense';
import { expectAllClose } from '../../support/numeric';

const I2 = eye(2);
const X = mat([[0, 1], [1, 0]]);
const Y = mat([[0, [0, -1]], [[0, 1], 0]]);
const Z = mat([[1, 0], [0, -1]]);
const P0 = mat([[1, 0], [0, 0]]);
const P1 = mat([[0, 0], [0, 1]]);
const cis = (t: number): [number, number] => [Math.cos(t), Math.sin(t)];

/** exp(−i θ/2 · G) for an involutory Hermitian G (G² = I). */
const rot = (g: Mat, theta: number): Mat =>
  add(scale(eye(g.dim), Math.cos(theta / 2)), scale(g, 0, -Math.sin(theta / 2)));
const RX = (t: number): Mat => rot(X, t);
const RY = (t: number): Mat => rot(Y, t);
const RZ = (t: number): Mat => rot(Z, t);
const P = (l: number): Mat => mat([[1, 0], [0, cis(l)]]);
/** Qiskit UGate = e^{i(φ+λ)/2} RZ(φ) RY(θ) RZ(λ). */
const U = (t: number, p: number, l: number): Mat =>
  scale(matmul(RZ(p), matmul(RY(t), RZ(l))), ...cis((p + l) / 2));
const H = scale(add(X, Z), Math.SQRT1_2);
const SX = scale(RX(Math.PI / 2), ...cis(Math.PI / 4));
/** |0⟩⟨0| ⊗ I + |1⟩⟨1| ⊗ V with the control on argument 0 (the less significant factor). */
const ctrl = (v: Mat): Mat => add(kron(I2, P0), kron(v, P1));
/** A permutation from a function on basis indices. */
const perm = (dim: number, f: (i: number) => number): Mat => {
  const data = new Float64Array(2 * dim * dim);
  for (let c = 0; c < dim; c++) data[2 * (f(c) * dim + c)] = 1;
  return { dim, data };
};
const bit = (i: number, k: number): number => (i >> k) & 1;
/** V on the last argument controlled by all k earlier ones (arguments 0..k−1, the low bits). */
const mctrl = (k: number, v: Mat): Mat => {
  const dim = 2 << k;
  const on = (1 << k) - 1;
  const data = new Float64Array(2 * dim * dim);
  for (let r = 0; r < dim; r++)
    for (let c = 0; c < dim; c++) {
      const controlsSet = (r & on) === on && (c & on) === on;
      if (controlsSet) {
        const vr = r >> k, vc = c >> k;
        data[2 * (r * dim + c)] = v.data[2 * (vr * 2 + vc)]!;
        data[2 * (r * dim + c) + 1] = v.data[2 * (vr * 2 + vc) + 1]!;
      } else if (r === c) data[2 * (r * dim + c)] = 1;
    }
  return { dim, data };
};
/** The identity with the given entries overwritten (rows and columns of the entries zeroed first). */
const identityWith = (dim: number, entries: ReadonlyArray<[number, number, [number, number]]>): Mat => {
  const data = eye(dim).data;
  for (const [r, c] of entries) data[2 * (r * dim + r)] = data[2 * (c * dim + c)] = 0;
  for (const [r, c, [re, im]] of entries) {
    data[2 * (r * dim + c)] = re;
    data[2 * (r * dim + c) + 1] = im;
  }
  return { dim, data };
};

const th = 0.7312, ph = -1.234, la = 2.345, ga = 0.4321;

/** name → [params, independent matrix]. */
const EXPECTED: Record<string, [number[], Mat]> = {
  id: [[], I2],
  x: [[], X],
  y: [[], Y],
  z: [[], Z],
  h: [[], H],
  s: [[], P(Math.PI / 2)],
  sdg: [[], P(-Math.PI / 2)],
  t: [[], P(Math.PI / 4)],
  tdg: [[], P(-Math.PI / 4)],
  sx: [[], SX],
  sxdg: [[], dagger(SX)],
  rx: [[th], RX(th)],
  ry: [[th], RY(th)],
  rz: [[th], RZ(th)],
  p: [[la], P(la)],
  u1: [[la], P(la)],
  u2: [[ph, la], U(Math.PI / 2, ph, la)],
  u: [[th, ph, la], U(th, ph, la)],
  u3: [[th, ph, la], U(th, ph, la)],
  cx: [[], ctrl(X)],
  cy: [[], ctrl(Y)],
  cz: [[], ctrl(Z)],
  ch: [[], ctrl(H)],
  cp: [[la], ctrl(P(la))],
  crx: [[th], ctrl(RX(th))],
  cry: [[th], ctrl(RY(th))],
  crz: [[th], ctrl(RZ(th))],
  cu: [[th, ph, la, ga], ctrl(scale(U(th, ph, la), ...cis(ga)))],
  swap: [[], perm(4, (i) => (bit(i, 0) << 1) | bit(i, 1))],
  rzz: [[th], rot(kron(Z, Z), th)],
  rxx: [[th], rot(kron(X, X), th)],
  ryy: [[th], rot(kron(Y, Y), th)],
  // Qiskit: ECR = (IX − XY)/√2 (label order: qubit 1 left).
  ecr: [[], scale(add(kron(I2, X), scale(kron(X, Y), -1)), Math.SQRT1_2)],
  ccx: [[], perm(8, (i) => (bit(i, 0) && bit(i, 1) ? i ^ 4 : i))],
  cswap: [[], perm(8, (i) => (bit(i, 0) && bit(i, 1) !== bit(i, 2) ? i ^ 6 : i))],
  // qelib1.inc extras. CSXGate: controlled-SX.
  csx: [[], ctrl(SX)],
  // RCCXGate's array: row 3 = −i at column 7, row 5 = −1 at 5, row 7 = i at column 3.
  rccx: [[], identityWith(8, [[3, 7, [0, -1]], [5, 5, [-1, 0]], [7, 3, [0, 1]]])],
  // RC3XGate's array: (3,3) = i, (7,15) = 1, (11,11) = −i, (15,7) = −1.
  rc3x: [[], identityWith(16, [[3, 3, [0, 1]], [7, 15, [1, 0]], [11, 11, [0, -1]], [15, 7, [-1, 0]]])],
  // C3XGate / C4XGate: flip the target when all controls are 1 (a permutation).
  c3x: [[], perm(16, (i) => ((i & 7) === 7 ? i ^ 8 : i))],
  c4x: [[], perm(32, (i) => ((i & 15) === 15 ? i ^ 16 : i))],
  // C3SXGate: SX on the target under three controls.
  c3sqrtx: [[], mctrl(3, SX)],
};

/** A gate matrix on `qubits` of a k-qubit register (argument j = bit qubits[j]). */
function embed(g: Mat, qubits: readonly number[], k: number): Mat {
  const dim = 1 << k;
  const data = new Float64Array(2 * dim * dim);
  const local = (i: number): number => qubits.reduce((s, q, j) => s | (bit(i, q) << j), 0);
  const mask = qubits.reduce((s, q) => s | (1 << q), 0);
  for (let r = 0; r < dim; r++)
    for (let c = 0; c < dim; c++) {
      if ((r & ~mask) !== (c & ~mask)) continue;
      const e = 2 * (local(r) * g.dim + local(c));
      data[2 * (r * dim + c)] = g.data[e]!;
      data[2 * (r * dim + c) + 1] = g.data[e + 1]!;
    }
  return { dim, data };
}

describe('gate matrices (Qiskit, global phase included)', () => {
  it('covers every gate in GATES', () => {
    expect([...GATES.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.keys(EXPECTED))('%s matches its independent definition', (name) => {
    const [params, want] = EXPECTED[name]!;
    const got = gateMatrix(name, params);
    expect(got.dim).toBe(want.dim);
    expectAllClose(got.data, want.data, 1e-14);
  });

  it('flags diagonal gates exactly when the matrix is diagonal', () => {
    for (const [name, def] of GATES) {
      const m = def.matrix(EXPECTED[name]![0]);
      let off = 0;
      for (let r = 0; r < m.dim; r++) for (let c = 0; c < m.dim; c++) if (r !== c) off += Math.abs(m.data[2 * (r * m.dim + c)]!) + Math.abs(m.data[2 * (r * m.dim + c) + 1]!);
      expect({ name, diagonal: def.diagonal }).toEqual({ name, diagonal: off === 0 });
    }
  });

  it('rz differs from p by the global phase e^{−iλ/2}; SX² = X; u2 has exact 1/√2', () => {
    expectAllClose(gateMatrix('rz', [la]).data, scale(P(la), ...cis(-la / 2)).data, 1e-15);
    const sx = gateMatrix('sx');
    expectAllClose(matmul(sx, sx).data, X.data, 1e-15);
    expect(gateMatrix('u2', [0, 0]).data[0]).toBe(Math.SQRT1_2);
  });

  it.each(Object.keys(EXPECTED))("%s: inverse rule gives U⁻¹ (U⁻¹·U = I)", (name) => {
    const [params] = EXPECTED[name]!;
    const u = gateMatrix(name, params);
    const inv = GATES.get(name)!.inverse(params);
    if (inv) {
      const ui = gateMatrix(inv.name, inv.params as number[]);
      expectAllClose(matmul(ui, u).data, eye(u.dim).data, 1e-14);
      return;
    }
    // rc3x, c3sqrtx: no single inverse gate; the inverted definition must undo the gate.
    const k = Math.log2(u.dim);
    let ui = eye(u.dim);
    for (const o of inverseOf(name, Array.from({ length: k }, (_, i) => i), params)) {
      ui = matmul(embed(gateMatrix(o.name, o.params as number[]), o.qubits, k), ui);
    }
    expectAllClose(matmul(ui, u).data, eye(u.dim).data, 1e-12);
  });
});
