/**
 * Whole-state checks against closed forms and hand-derived fixtures: little-endian order,
 * GHZ, QFT and W states, gate identities, the memory guard, Pauli expectation values and
 * seeded sampling.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Circuit } from '../../../src/circuit/circuit';
import { ghzCircuit, qftCircuit } from '../../../src/circuit/library';
import { ResourceLimitError } from '../../../src/core/errors';
import { Statevector } from '../../../simulators/statevector/statevector';
import { simulateStatevector } from '../../../simulators/statevector/simulate';
import { eye, kron, mat, matmul, maxDiff, type Mat } from '../../support/dense';
import { expectAllClose } from '../../support/numeric';

interface FixtureCase {
  name: string;
  numQubits: number;
  globalPhase?: number;
  gates: Array<[string, number[], number[]?]>;
  amplitudes: Record<string, [number, number]>;
}
const fixture = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../../../fixtures/circuits/little-endian.json'), 'utf8'),
) as { cases: FixtureCase[] };

const both = [true, false];

describe('little-endian order (fixtures/circuits/little-endian.json)', () => {
  it.each(fixture.cases.flatMap((c) => both.map((f) => [c.name, f, c] as const)))('%s (fusion %s)', (_n, fusion, fc) => {
    const c = new Circuit(fc.numQubits, { globalPhase: fc.globalPhase ?? 0 });
    for (const [name, qubits, params] of fc.gates) c.append(name, qubits, params ?? []);
    const sv = Statevector.fromCircuit(c, { fusion });
    const re = new Float64Array(2 ** fc.numQubits), im = new Float64Array(2 ** fc.numQubits);
    for (const [k, [r, i]] of Object.entries(fc.amplitudes)) {
      re[Number(k)] = r;
      im[Number(k)] = i;
    }
    expectAllClose(sv.re, re, 1e-15);
    expectAllClose(sv.im, im, 1e-15);
  });
});

describe('closed forms', () => {
  it.each([1, 2, 3, 5, 8, 11, 13])('GHZ on %i qubits', (n) => {
    const c = ghzCircuit(n);
    for (const fusion of both) {
      const sv = Statevector.fromCircuit(c, { fusion });
      const want = new Float64Array(2 ** n);
      want[0] = want[2 ** n - 1] = Math.SQRT1_2;
      expectAllClose(sv.re, want, 1e-15);
      expectAllClose(sv.im, new Float64Array(2 ** n), 1e-15);
    }
  });

  // Qiskit's QFT (with swaps): |x⟩ → N^{-1/2} Σ_k e^{2πi·xk/N} |k⟩.
  const qft = qftCircuit;

  it.each([[1, 1], [3, 5], [4, 11], [6, 37], [9, 300]])('QFT on %i qubits of |%i⟩', (n, x) => {
    const c = new Circuit(n);
    for (let q = 0; q < n; q++) if ((x >> q) & 1) c.x(q);
    c.compose(qft(n), { inplace: true });
    const N = 2 ** n;
    const re = new Float64Array(N), im = new Float64Array(N);
    for (let k = 0; k < N; k++) {
      re[k] = Math.cos((2 * Math.PI * x * k) / N) / Math.sqrt(N);
      im[k] = Math.sin((2 * Math.PI * x * k) / N) / Math.sqrt(N);
    }
    for (const fusion of both) expect(maxDiff(simulateStatevector(c, { fusion }), { re, im })).toBeLessThan(1e-13);
  });

  it.each([2, 3, 4, 7, 10])('W state on %i qubits', (n) => {
    const c = new Circuit(n).x(0);
    for (let k = 0; k + 1 < n; k++) c.cry(2 * Math.acos(Math.sqrt(1 / (n - k))), k, k + 1).cx(k + 1, k);
    const re = new Float64Array(2 ** n);
    for (let k = 0; k < n; k++) re[2 ** k] = 1 / Math.sqrt(n);
    for (const fusion of both) expect(maxDiff(simulateStatevector(c, { fusion }), { re, im: new Float64Array(2 ** n) })).toBeLessThan(1e-14);
  });
});

describe('identities on a random state', () => {
  const prep = (): Circuit => {
    const c = new Circuit(3);
    for (let q = 0; q < 3; q++) c.u(0.4 + q, 1.1 - q, 0.3 * q, q);
    return c.cx(0, 1).cx(1, 2).ry(0.7, 0).rz(1.9, 2).cx(2, 0);
  };
  const cases: Array<[string, (c: Circuit) => Circuit, (c: Circuit) => Circuit]> = [
    ['HXH = Z', (c) => c.h(1).x(1).h(1), (c) => c.z(1)],
    ['S² = Z', (c) => c.s(2).s(2), (c) => c.z(2)],
    ['SX² = X', (c) => c.sx(0).sx(0), (c) => c.x(0)],
    ['CX³ = CX', (c) => c.cx(2, 0).cx(2, 0).cx(2, 0), (c) => c.cx(2, 0)],
    ['T² = S', (c) => c.t(1).t(1), (c) => c.s(1)],
    ['HZH = X', (c) => c.h(0).z(0).h(0), (c) => c.x(0)],
    ['CX(a,b)·CX(b,a)·CX(a,b) = SWAP', (c) => c.cx(0, 2).cx(2, 0).cx(0, 2), (c) => c.swap(0, 2)],
  ];
  it.each(cases.flatMap(([n, a, b]) => both.map((f) => [n, f, a, b] as const)))('%s (fusion %s)', (_n, fusion, lhs, rhs) => {
    const a = simulateStatevector(lhs(prep()), { fusion });
    const b = simulateStatevector(rhs(prep()), { fusion });
    expect(maxDiff(a, b)).toBeLessThan(1e-14);
  });
});

describe('memory guard', () => {
  it.each(both)('refuses a 40-qubit circuit at once, naming n and bytes (fusion %s)', (fusion) => {
    const c = new Circuit(40).h(0);
    let err: unknown;
    try {
      Statevector.fromCircuit(c, { fusion });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ResourceLimitError);
    const msg = (err as Error).message;
    expect(msg).toContain('40-qubit');
    expect(msg).toContain(String(2 ** 40 * 16));
  });
});

describe('Pauli expectation values vs dense ⟨ψ|P|ψ⟩', () => {
  const PAULI: Record<string, Mat> = {
    I: eye(2),
    X: mat([[0, 1], [1, 0]]),
    Y: mat([[0, [0, -1]], [[0, 1], 0]]),
    Z: mat([[1, 0], [0, -1]]),
  };
  const dense = (sv: Statevector, label: string): number => {
    // label's leftmost letter acts on the highest qubit: P = L_{n−1} ⊗ … ⊗ L_0
    let op = PAULI[label[0]!]!;
    for (let k = 1; k < label.length; k++) op = kron(op, PAULI[label[k]!]!);
    const col = { dim: sv.dim, data: new Float64Array(2 * sv.dim * sv.dim) };
    for (let i = 0; i < sv.dim; i++) {
      col.data[2 * i * sv.dim] = sv.re[i]!;
      col.data[2 * i * sv.dim + 1] = sv.im[i]!;
    }
    const v = matmul(op, col);
    let e = 0;
    for (let i = 0; i < sv.dim; i++) e += sv.re[i]! * v.data[2 * i * sv.dim]! + sv.im[i]! * v.data[2 * i * sv.dim + 1]!;
    return e;
  };
  const sv = Statevector.fromCircuit(
    new Circuit(4).u(0.3, 1.2, -0.4, 0).u(1.7, 0.2, 0.9, 1).h(2).ry(0.8, 3).cx(0, 1).cx(1, 2).crx(0.6, 2, 3).rz(0.5, 0).cy(3, 0),
  );
  const labels = ['ZIII', 'IIIZ', 'XXII', 'YIYI', 'XYZI', 'ZZZZ', 'IYXY', 'YYYY', 'XIIX', 'IIII'];
  it.each(labels)('%s', (label) => {
    expect(sv.expectationValue(label)).toBeCloseTo(dense(sv, label), 13);
  });
  it('a weighted sum', () => {
    const terms: Array<[string, number]> = [['ZZII', 0.5], ['XIYI', -1.25], ['IIIY', 2]];
    const want = terms.reduce((acc, [l, w]) => acc + w * dense(sv, l), 0);
    expect(sv.expectationValue(terms)).toBeCloseTo(want, 13);
  });
});

describe('seeded sampling', () => {
  const sv = Statevector.fromCircuit(new Circuit(3).ry(1.1, 0).ry(0.4, 1).cx(0, 2).h(2).t(2).ry(2.0, 1));
  it('is reproducible for a seed and differs across seeds', () => {
    expect(sv.sampleIndices(500, 42)).toEqual(sv.sampleIndices(500, 42));
    expect(sv.sampleIndices(500, 42)).not.toEqual(sv.sampleIndices(500, 43));
  });
  it('matches |amplitude|² (chi-square, 8 outcomes, 40 000 shots)', () => {
    const shots = 40000;
    const counts = new Array<number>(8).fill(0);
    for (const i of sv.sampleIndices(shots, 2026)) counts[i]!++;
    const p = sv.probabilities();
    let chi2 = 0;
    for (let i = 0; i < 8; i++) {
      if (p[i]! === 0) expect(counts[i]).toBe(0);
      else chi2 += (counts[i]! - shots * p[i]!) ** 2 / (shots * p[i]!);
    }
    // 7 degrees of freedom: P(chi² > 35) ≈ 1e-5 for a correct sampler.
    expect(chi2).toBeLessThan(35);
  });
  it('never draws a zero-probability outcome', () => {
    const bell = Statevector.fromCircuit(new Circuit(2).h(0).cx(0, 1));
    for (const i of bell.sampleIndices(2000, 5)) expect([0, 3]).toContain(i);
  });
});
