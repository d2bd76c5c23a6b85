import { Circuit } from '../../../src/circuit/circuit';
import { Prng } from '../../../src/core/random';
import { CircuitValidationError } from '../../../src/core/errors';
import { Operator } from '../../../src/quantum-info/operator';
import { synthesizeTwoQubit } from '../../../src/transpiler/synthesis-2q';
import { mirrorOnFace, weylDecomposition, type WeylDecomposition } from '../../../src/transpiler/weyl';

/**
 * References here are independent of the code under test: matrices written out by hand (CX,
 * CZ, SWAP, iSWAP, √iSWAP, B, exp(iθ ZZ)), Haar-random unitaries from the QR of a complex
 * Gaussian matrix (Mezzadri's recipe), products of the emitted gates computed by
 * quantum_info's Operator, and Weyl coordinates / CX counts as Qiskit's
 * TwoQubitWeylDecomposition and TwoQubitBasisDecomposer report them.
 */

type C = [number, number];
const PI4 = Math.PI / 4;

/** Row-major interleaved 4×4 from rows of [re, im] (row/column index bit j = qubit j). */
function mat(rows: C[][]): Float64Array {
  return Float64Array.from(rows.flatMap((r) => r.flatMap((x) => x)));
}
const o: C = [0, 0];
const l: C = [1, 0];
const i: C = [0, 1];
const CX_Q0_CONTROLS = mat([[l, o, o, o], [o, o, o, l], [o, o, l, o], [o, l, o, o]]);
const CZ = mat([[l, o, o, o], [o, l, o, o], [o, o, l, o], [o, o, o, [-1, 0]]]);
const SWAP = mat([[l, o, o, o], [o, o, l, o], [o, l, o, o], [o, o, o, l]]);
const ISWAP = mat([[l, o, o, o], [o, o, i, o], [o, i, o, o], [o, o, o, l]]);
const S = Math.SQRT1_2;
const SQRT_ISWAP = mat([[l, o, o, o], [o, [S, 0], [0, S], o], [o, [0, S], [S, 0], o], [o, o, o, l]]);

/** exp(iθ·Z⊗Z): diag(e^{iθ}, e^{−iθ}, e^{−iθ}, e^{iθ}). */
function expZZ(t: number): Float64Array {
  const p: C = [Math.cos(t), Math.sin(t)];
  const m: C = [Math.cos(t), -Math.sin(t)];
  return mat([[p, o, o, o], [o, m, o, o], [o, o, m, o], [o, o, o, p]]);
}

/** Haar-random U(4): QR of a complex Gaussian matrix, R's diagonal phases moved into Q. */
function haar(rng: Prng): Float64Array {
  const gauss = (): number => {
    const u1 = (rng.nextUint32() + 1) / 2 ** 32;
    const u2 = rng.nextUint32() / 2 ** 32;
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  };
  const cols: C[][] = [];
  for (let c = 0; c < 4; c++) {
    let v: C[] = Array.from({ length: 4 }, () => [gauss(), gauss()] as C);
    for (const w of cols) {
      let re = 0, im = 0;
      for (let k = 0; k < 4; k++) {
        re += w[k]![0] * v[k]![0] + w[k]![1] * v[k]![1];
        im += w[k]![0] * v[k]![1] - w[k]![1] * v[k]![0];
      }
      v = v.map((x, k) => [x[0] - (re * w[k]![0] - im * w[k]![1]), x[1] - (re * w[k]![1] + im * w[k]![0])] as C);
    }
    const n = Math.sqrt(v.reduce((s, x) => s + x[0] ** 2 + x[1] ** 2, 0));
    cols.push(v.map((x) => [x[0] / n, x[1] / n] as C));
  }
  return mat(Array.from({ length: 4 }, (_, r) => Array.from({ length: 4 }, (_, c) => cols[c]![r]!)));
}

/** The matrix of the emitted gates times e^{i·phase}, by quantum_info's Operator. */
function productOf(ops: readonly { name: string; qubits: readonly number[]; params: readonly unknown[] }[], phase: number, n = 2): Float64Array {
  const c = new Circuit(n);
  c.globalPhase = phase;
  for (const g of ops) c.append(g.name, g.qubits, g.params as number[]);
  const rows = Operator.fromCircuit(c).toMatrix();
  return Float64Array.from(rows.flatMap((r) => r.flatMap((z) => [z.re, z.im])));
}

function maxDiff(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let k = 0; k < a.length; k += 2) m = Math.max(m, Math.hypot(a[k]! - b[k]!, a[k + 1]! - b[k + 1]!));
  return m;
}

const BASES = [
  ['cx', new Set(['cx', 'rz', 'sx', 'x'])],
  ['cz', new Set(['cz', 'rz', 'sx', 'x'])],
  ['ecr', new Set(['ecr', 'rz', 'sx', 'x'])],
] as const;

describe('Weyl coordinates (Qiskit TwoQubitWeylDecomposition values)', () => {
  test.each([
    ['CX', CX_Q0_CONTROLS, [PI4, 0, 0]],
    ['CZ', CZ, [PI4, 0, 0]],
    ['iSWAP', ISWAP, [PI4, PI4, 0]],
    ['SWAP', SWAP, [PI4, PI4, PI4]],
    ['√iSWAP', SQRT_ISWAP, [PI4 / 2, PI4 / 2, 0]],
    ['exp(0.3i ZZ)', expZZ(0.3), [0.3, 0, 0]],
    ['exp(−0.3i ZZ)', expZZ(-0.3), [0.3, 0, 0]],
    ['identity', expZZ(0), [0, 0, 0]],
  ])('%s', (_, u, [a, b, c]) => {
    const w = weylDecomposition(u);
    expect(w.a).toBeCloseTo(a!, 12);
    expect(w.b).toBeCloseTo(b!, 12);
    expect(w.c).toBeCloseTo(c!, 12);
  });

  test('random unitaries land in the chamber π/4 ≥ a ≥ b ≥ |c|, and the factors multiply back to U (phase included)', () => {
    const rng = new Prng(11);
    for (let k = 0; k < 100; k++) {
      const u = haar(rng);
      const w = weylDecomposition(u);
      expect(maxDiff(productOfFactors(w), u)).toBeLessThan(1e-12);
      // Qiskit's K1l, K1r, K2l, K2r are in SU(2)
      for (const k of [...w.k1, ...w.k2]) {
        expect(k[0]! * k[6]! - k[1]! * k[7]! - (k[2]! * k[4]! - k[3]! * k[5]!)).toBeCloseTo(1, 12);
        expect(k[0]! * k[7]! + k[1]! * k[6]! - (k[2]! * k[5]! + k[3]! * k[4]!)).toBeCloseTo(0, 12);
      }
      expect(w.a).toBeLessThanOrEqual(PI4 + 1e-12);
      expect(w.a).toBeGreaterThanOrEqual(w.b - 1e-12);
      expect(w.b).toBeGreaterThanOrEqual(Math.abs(w.c) - 1e-12);
    }
  });

  test('local gates do not change the coordinates; conjugation by SWAP does not either', () => {
    const rng = new Prng(5);
    const u = haar(rng);
    const w = weylDecomposition(u);
    // (H ⊗ S)·U·(X ⊗ T): products of one-qubit gates, built by Operator
    const left = productOf([{ name: 'h', qubits: [1], params: [] }, { name: 's', qubits: [0], params: [] }], 0);
    const right = productOf([{ name: 'x', qubits: [1], params: [] }, { name: 't', qubits: [0], params: [] }], 0);
    const mul = (a: Float64Array, b: Float64Array): Float64Array => {
      const out = new Float64Array(32);
      for (let r = 0; r < 4; r++)
        for (let c = 0; c < 4; c++)
          for (let k = 0; k < 4; k++) {
            out[2 * (r * 4 + c)] += a[2 * (r * 4 + k)]! * b[2 * (k * 4 + c)]! - a[2 * (r * 4 + k) + 1]! * b[2 * (k * 4 + c) + 1]!;
            out[2 * (r * 4 + c) + 1] += a[2 * (r * 4 + k)]! * b[2 * (k * 4 + c) + 1]! + a[2 * (r * 4 + k) + 1]! * b[2 * (k * 4 + c)]!;
          }
      return out;
    };
    for (const v of [mul(left, mul(u, right)), mul(SWAP, mul(u, SWAP))]) {
      const x = weylDecomposition(v);
      expect(x.a).toBeCloseTo(w.a, 10);
      expect(x.b).toBeCloseTo(w.b, 10);
      expect(x.c).toBeCloseTo(w.c, 10);
    }
  });

  test('a non-unitary or malformed matrix is a CircuitValidationError', () => {
    expect(() => weylDecomposition(new Float64Array(32))).toThrow(CircuitValidationError);
    expect(() => weylDecomposition(new Float64Array(8))).toThrow(/4×4/);
    expect(() => weylDecomposition(Float64Array.from(SWAP).fill(NaN, 0, 1))).toThrow(CircuitValidationError);
  });
});

describe.each(BASES)('two-qubit synthesis into %s', (basis, allowed) => {
  test('200 seeded Haar-random unitaries: ≤ 3 entanglers, product equals the input to 1e-12 (global phase included)', () => {
    const rng = new Prng(2026);
    let worst = 0;
    for (let k = 0; k < 200; k++) {
      const u = haar(rng);
      const s = synthesizeTwoQubit(u, [0, 1], { basis });
      expect(s.entanglers).toBe(3); // generic unitaries need three (Qiskit's count)
      expect(s.ops.filter((g) => g.qubits.length === 2)).toHaveLength(3);
      for (const g of s.ops) expect(allowed.has(g.name)).toBe(true);
      worst = Math.max(worst, maxDiff(productOf(s.ops, s.phase), u));
    }
    expect(worst).toBeLessThan(1e-12);
  });

  test.each([
    ['identity', 0, expZZ(0)],
    ['CX', 1, CX_Q0_CONTROLS],
    ['CZ', 1, CZ],
    ['exp(0.3i ZZ)', 2, expZZ(0.3)],
    ['√iSWAP', 2, SQRT_ISWAP],
    ['iSWAP', 2, ISWAP],
    ['SWAP', 3, SWAP],
  ])('%s needs %d (Qiskit num_basis_gates) and is reproduced exactly', (_, n, u) => {
    const s = synthesizeTwoQubit(u, [0, 1], { basis });
    expect(s.entanglers).toBe(n);
    expect(s.ops.filter((g) => g.qubits.length === 2)).toHaveLength(n);
    expect(maxDiff(productOf(s.ops, s.phase), u)).toBeLessThan(1e-12);
  });

  test('on other qubits, reversed: the matrix is read with local qubit 0 = qubits[0]', () => {
    const rng = new Prng(3);
    const u = haar(rng);
    const s = synthesizeTwoQubit(u, [2, 0], { basis });
    // Embed u with its bit 0 on qubit 2 and bit 1 on qubit 0 of a 3-qubit register.
    const expected = new Float64Array(2 * 64);
    const got = productOf(s.ops, s.phase, 3);
    // expected[r, c] = u[(r2, r0), (c2, c0)] δ(r1, c1)
    for (let r = 0; r < 8; r++)
      for (let col = 0; col < 8; col++) {
        if (((r >> 1) & 1) !== ((col >> 1) & 1)) continue;
        const ur = ((r >> 2) & 1) | ((r & 1) << 1);
        const uc = ((col >> 2) & 1) | ((col & 1) << 1);
        expected[2 * (r * 8 + col)] = u[2 * (ur * 4 + uc)]!;
        expected[2 * (r * 8 + col) + 1] = u[2 * (ur * 4 + uc) + 1]!;
      }
    expect(maxDiff(got, expected)).toBeLessThan(1e-12);
  });
});

describe('the face a = π/4 (where (π/4, b, c) and (π/4, b, −c) are one class)', () => {
  test.each([0, 1e-16, 5e-14, 2e-13, 1e-12])('exp(i((π/4 − %s)XX + 0.3YY − 0.2ZZ)) between local gates is synthesised exactly', (eps) => {
    const u = faceUnitary(eps);
    const w = weylDecomposition(u);
    expect(w.a).toBeCloseTo(PI4, 11);
    expect(w.b).toBeCloseTo(0.3, 11);
    expect(Math.abs(w.c)).toBeCloseTo(0.2, 11);
    for (const basis of ['cx', 'cz', 'ecr'] as const) {
      const s = synthesizeTwoQubit(u, [0, 1], { basis });
      expect(s.entanglers).toBe(3);
      expect(maxDiff(productOf(s.ops, s.phase), u)).toBeLessThan(1e-12);
    }
  });

  test('mirrorOnFace: (π/4, b, c) → (π/4, b, −c) with factors whose product is still the input', () => {
    for (const eps of [0, 3e-14]) {
      const u = faceUnitary(eps);
      const w = weylDecomposition(u);
      const m = mirrorOnFace(w);
      expect(m.a).toBeCloseTo(PI4, 12);
      expect(m.b).toBeCloseTo(w.b, 14);
      expect(m.c).toBeCloseTo(-w.c, 14);
      expect(maxDiff(productOfFactors(m), u)).toBeLessThan(1e-12);
    }
  });
});

function mulMat(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(32);
  for (let r = 0; r < 4; r++)
    for (let c = 0; c < 4; c++)
      for (let k = 0; k < 4; k++) {
        out[2 * (r * 4 + c)] += a[2 * (r * 4 + k)]! * b[2 * (k * 4 + c)]! - a[2 * (r * 4 + k) + 1]! * b[2 * (k * 4 + c) + 1]!;
        out[2 * (r * 4 + c) + 1] += a[2 * (r * 4 + k)]! * b[2 * (k * 4 + c) + 1]! + a[2 * (r * 4 + k) + 1]! * b[2 * (k * 4 + c)]!;
      }
  return out;
}

/** exp(i(a·XX + b·YY + c·ZZ)) = Π (cos x·I + i sin x·P⊗P): the three commute. P⊗P written out. */
function canonical(a: number, b: number, c: number): Float64Array {
  const n: C = [-1, 0];
  const XX = mat([[o, o, o, l], [o, o, l, o], [o, l, o, o], [l, o, o, o]]);
  const YY = mat([[o, o, o, n], [o, o, l, o], [o, l, o, o], [n, o, o, o]]);
  const ZZ = mat([[l, o, o, o], [o, n, o, o], [o, o, n, o], [o, o, o, l]]);
  const factor = (x: number, pp: Float64Array): Float64Array => {
    const f = new Float64Array(32);
    for (let k = 0; k < 32; k += 2) f[k + 1] = Math.sin(x) * pp[k]!; // PP is real
    for (let d = 0; d < 4; d++) f[2 * 5 * d] = Math.cos(x);
    return f;
  };
  return mulMat(factor(a, XX), mulMat(factor(b, YY), factor(c, ZZ)));
}

/** (u ⊗ u')·exp(i((π/4 − ε)XX + 0.3YY − 0.2ZZ))·RY(0.7)₁, the one-qubit factors built by Operator. */
function faceUnitary(eps: number): Float64Array {
  const left = productOf([{ name: 'u', qubits: [0], params: [0.3, 1.1, -0.4] }, { name: 'u', qubits: [1], params: [2.1, -0.6, 0.9] }], 0.2);
  return mulMat(left, mulMat(canonical(PI4 - eps, 0.3, -0.2), productOf([{ name: 'ry', qubits: [1], params: [0.7] }], 0)));
}

/** e^{iφ}·(K1₁ ⊗ K1₀)·exp(i(a·XX + b·YY + c·ZZ))·(K2₁ ⊗ K2₀), with this file's own products. */
function productOfFactors(d: WeylDecomposition): Float64Array {
  const kron = (hi: Float64Array, lo: Float64Array): Float64Array => {
    const out = new Float64Array(32);
    for (let r = 0; r < 4; r++)
      for (let c = 0; c < 4; c++) {
        const [hr, hi2] = [hi[2 * (2 * (r >> 1) + (c >> 1))]!, hi[2 * (2 * (r >> 1) + (c >> 1)) + 1]!];
        const [lr, li] = [lo[2 * (2 * (r & 1) + (c & 1))]!, lo[2 * (2 * (r & 1) + (c & 1)) + 1]!];
        out[2 * (r * 4 + c)] = hr * lr - hi2 * li;
        out[2 * (r * 4 + c) + 1] = hr * li + hi2 * lr;
      }
    return out;
  };
  const m = mulMat(kron(d.k1[0], d.k1[1]), mulMat(canonical(d.a, d.b, d.c), kron(d.k2[0], d.k2[1])));
  const [c, s] = [Math.cos(d.globalPhase), Math.sin(d.globalPhase)];
  return m.map((_, k) => (k % 2 === 0 ? c * m[k]! - s * m[k + 1]! : s * m[k - 1]! + c * m[k]!));
}
