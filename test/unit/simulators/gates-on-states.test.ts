/**
 * Each gate applied by the simulator (kernel dispatch, fused and unfused circuits) agrees with
 * dense matrix–vector multiplication by the full 2^n operator, for random qubit placements in
 * 3–5 qubit registers and random states.
 */
import { Circuit } from '../../../src/circuit/circuit';
import { GATES } from '../../../src/circuit/gates';
import { applyGate, simulateStatevector } from '../../../simulators/statevector/simulate';
import { applyDense, denseSimulate, maxDiff, randomState } from '../../support/dense';
import { gateMatrix } from '../../../src/circuit/gates';

const PARAMS = [0.7312, -1.234, 2.345, 0.4321];

/** A seeded permutation-based choice of k distinct qubits out of n. */
function placement(n: number, k: number, seed: number): number[] {
  const qs = Array.from({ length: n }, (_, i) => i);
  let s = seed;
  for (let i = n - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) >>> 0;
    const j = s % (i + 1);
    [qs[i], qs[j]] = [qs[j]!, qs[i]!];
  }
  return qs.slice(0, k);
}

/** A state-preparation prefix that reaches a generic entangled state. */
function prep(n: number, seed: number): Circuit {
  const c = new Circuit(n);
  for (let q = 0; q < n; q++) c.u(0.3 + 0.17 * q + seed * 0.01, 0.5 - 0.11 * q, 1.1 + 0.07 * q * seed, q);
  for (let q = 0; q + 1 < n; q++) c.cx(q, q + 1);
  for (let q = 0; q < n; q++) c.ry(0.9 - 0.13 * q, q).rz(0.2 * q + 0.05 * seed, q);
  c.cx(n - 1, 0);
  return c;
}

const cases: Array<[string, number, number]> = [];
// Each gate on every register size from 3 to 5 that holds it (c3x needs 4 qubits, c4x 5).
for (const [name, def] of GATES) for (const n of [3, 4, 5]) if (n >= def.numQubits) for (const seed of [1, 2]) cases.push([name, n, seed]);

describe('gates on random states vs dense reference', () => {
  it.each(cases)('%s on n=%i (placement seed %i): kernel dispatch', (name, n, seed) => {
    const def = GATES.get(name)!;
    const qubits = placement(n, def.numQubits, seed * 31 + n);
    const params = PARAMS.slice(0, def.numParams);
    const s = randomState(n, seed * 1000 + n);
    const want = applyDense(s, gateMatrix(name, params), qubits);
    const state = { numQubits: n, re: Float64Array.from(s.re), im: Float64Array.from(s.im) };
    applyGate(state, name, qubits, params);
    expect(maxDiff(state, want)).toBeLessThan(1e-14);
  });

  it.each(cases)('%s on n=%i (placement seed %i): fused and unfused circuits', (name, n, seed) => {
    const def = GATES.get(name)!;
    const qubits = placement(n, def.numQubits, seed * 17 + n);
    const c = prep(n, seed).append(name, qubits, PARAMS.slice(0, def.numParams));
    c.globalPhase = 0.25 * seed;
    const want = denseSimulate(c);
    expect(maxDiff(simulateStatevector(c, { fusion: true }), want)).toBeLessThan(1e-13);
    expect(maxDiff(simulateStatevector(c, { fusion: false }), want)).toBeLessThan(1e-13);
  });
});
