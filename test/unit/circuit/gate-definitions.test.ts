/**
 * The qelib1.inc extras (csx, rccx, rc3x, c3x, c3sqrtx, c4x): Qiskit's decompositions multiply
 * out to the gates' matrices (global phase included), the simulator applies them as those
 * matrices, and the transpiler lowers them to a CX basis without changing the state.
 */
import { Circuit } from '../../../src/circuit/circuit';
import { GATE_DEFINITIONS } from '../../../src/circuit/gate-definitions';
import { gateMatrix } from '../../../src/circuit/gates';
import { transpile } from '../../../src/transpiler';
import { simulateStatevector } from '../../../simulators/statevector';
import { applyDense, denseSimulate, maxDiff } from '../../support/dense';
import { expectSameUnitary } from '../../support/qasm';
import { lineTarget, overlapWithLayout } from '../../support/transpiler';

const EXTRAS = ['csx', 'rccx', 'rc3x', 'c3x', 'c3sqrtx', 'c4x'] as const;
const width = (name: string): number => Math.log2(gateMatrix(name).dim);
const onAll = (name: string): Circuit => new Circuit(width(name)).append(name, Array.from({ length: width(name) }, (_, i) => i));

describe('qelib1.inc extras: definitions, simulation, transpilation', () => {
  it.each(EXTRAS)('%s: its definition has exactly the gate matrix', (name) => {
    const def = new Circuit(width(name));
    for (const o of GATE_DEFINITIONS[name]!) def.append(o.name, o.qubits, o.params);
    expectSameUnitary(def, onAll(name));
  });

  it('the c3sqrtx definition squared is c3x (√X twice is X)', () => {
    const twice = new Circuit(4).append('c3sqrtx', [0, 1, 2, 3]).append('c3sqrtx', [0, 1, 2, 3]);
    expectSameUnitary(twice, onAll('c3x'));
  });

  it.each(EXTRAS)('%s: the simulator applies it as its matrix on permuted qubits of a spread state', (name) => {
    const k = width(name);
    const n = k + 1;
    const qubits = Array.from({ length: k }, (_, i) => (k + 1 - i) % n); // 0, k, k−1, …, 2: out of order
    const prep = new Circuit(n);
    for (let q = 0; q < n; q++) prep.ry(0.3 + 0.4 * q, q).rz(0.2 * q - 0.5, q);
    const want = applyDense(denseSimulate(prep), gateMatrix(name), qubits);
    const c = prep.copy().append(name, qubits);
    for (const fusion of [false, true]) {
      expect(maxDiff(simulateStatevector(c, { fusion }), want)).toBeLessThan(1e-12);
    }
  });

  it.each(EXTRAS)('%s: transpiles to cx + 1q on a line and keeps the state', (name) => {
    const k = width(name);
    const c = new Circuit(k);
    for (let q = 0; q < k; q++) c.h(q).t(q);
    c.append(name, Array.from({ length: k }, (_, i) => k - 1 - i));
    const r = transpile(c, lineTarget(k, ['cx', 'rz', 'sx', 'x'], true), { optimizationLevel: 1, seed: 3 });
    expect(new Set(r.circuit.instructions.map((i) => i.name))).not.toContain(name);
    const o = overlapWithLayout(c, r);
    expect(o.re).toBeCloseTo(1, 9);
    expect(o.im).toBeCloseTo(0, 9);
  });

  it('Circuit.inverse undoes each extra (rc3x and c3sqrtx through their definitions)', () => {
    for (const name of EXTRAS) {
      const c = onAll(name);
      expectSameUnitary(c.copy().compose(c.inverse()), new Circuit(c.numQubits));
    }
  });
});
