import fc from 'fast-check';
import { Circuit } from '../../../src/circuit/circuit';
import { GATES } from '../../../src/circuit/gates';
import { checkIsa, transpile } from '../../../src/transpiler';
import { ghz, kernelCircuit, qft, randomCircuit } from '../../support/circuits';
import { clbitDistribution, FAKE_NAMES, fakeTarget, overlapWithLayout } from '../../support/transpiler';

/** Every gate kind with its qubit and parameter counts (from the gate table itself). */
const KINDS = [...GATES.values()].map((g) => [g.name, g.numQubits, g.numParams] as const);
const MAX_ARITY = Math.max(...KINDS.map(([, k]) => k));

const gateArb = (n: number) =>
  fc
    .record({
      kind: fc.constantFrom(...KINDS.filter(([, k]) => k <= n)),
      // As many distinct qubits as the widest gate takes (c4x: 5), or all n when fewer.
      qubits: fc.shuffledSubarray([...Array(n).keys()], { minLength: Math.min(n, MAX_ARITY), maxLength: Math.min(n, MAX_ARITY) }),
      params: fc.array(fc.double({ min: -7, max: 7, noNaN: true }), { minLength: 4, maxLength: 4 }),
    })
    .map(({ kind: [name, k, np], qubits, params }) => ({ name, qubits: qubits.slice(0, k), params: params.slice(0, np) }));

const circuitArb = (maxQubits: number) => fc.integer({ min: 3, max: Math.min(6, maxQubits) }).chain((n) =>
  fc.record({ n: fc.constant(n), gates: fc.array(gateArb(n), { minLength: 1, maxLength: 24 }) }),
);

function build(n: number, gates: readonly { name: string; qubits: number[]; params: number[] }[]): Circuit {
  const c = new Circuit(n);
  for (const g of gates) c.append(g.name, g.qubits, g.params);
  return c;
}

describe.each(FAKE_NAMES)('transpile to %s', (name) => {
  const target = fakeTarget(name);

  test('random circuits of every gate kind: same state up to layout, global phase included', () => {
    fc.assert(
      fc.property(circuitArb(target.numQubits), fc.constantFrom(0, 1, 2, 3), fc.nat(1000), ({ n, gates }, level, seed) => {
        const c = build(n, gates);
        const r = transpile(c, target, { optimizationLevel: level as 0 | 1 | 2 | 3, seed });
        checkIsa(r.circuit, target);
        const o = overlapWithLayout(c, r);
        expect(o.re).toBeGreaterThan(1 - 1e-9);
        expect(Math.abs(o.im)).toBeLessThan(1e-6);
      }),
      { numRuns: name === 'fake_line5' ? 40 : 15, seed: 42 },
    );
  });

  test.each([
    ['GHZ-5', ghz(5)],
    ['QFT-5', qft(5)],
    ['random 5q', randomCircuit(5, 60, 3)],
    ['kernel d=4 (bound)', kernelCircuit(4, 2).assignParameters([0.1, 0.7, 1.3, 2.9, -0.4, 0.3, 1.1, 2.2])],
  ])('%s at every level', (_, c) => {
    for (const level of [0, 1, 2, 3] as const) {
      const r = transpile(c, target, { optimizationLevel: level, seed: 7 });
      checkIsa(r.circuit, target);
      expect(overlapWithLayout(c, r).re).toBeGreaterThan(1 - 1e-9);
    }
  });

  test('measured circuits keep classical bits: same exact counts distribution', () => {
    const c = new Circuit(4, { classicalRegisters: { a: 2, b: 3 } });
    c.h(0).cx(0, 2).ry(0.7, 1).cp(0.4, 1, 3).swap(1, 3).rx(1.1, 3).cx(3, 0);
    c.measure(0, 4).measure(1, 0).measure(2, 2).measure(3, 1);
    const expected = clbitDistribution(c);
    for (const level of [0, 1, 3] as const) {
      const r = transpile(c, target, { optimizationLevel: level, seed: 1 });
      expect(r.circuit.classicalRegisters).toEqual(c.classicalRegisters);
      const got = clbitDistribution(r.circuit);
      for (const [k, p] of expected) expect(got.get(k) ?? 0).toBeCloseTo(p, 9);
      expect([...got.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    }
  });
});

test('fractional rzz (fake_line5 with fractional gates): rzz stays native within [0, π/2], state unchanged', () => {
  // fake_line5: the published ibm_fez configuration lists no fractional gates.
  const target = fakeTarget('fake_line5', true);
  const c = new Circuit(3).h(0).h(1).h(2).rzz(0.4, 0, 1).rzz(-0.9, 1, 2).rzz(2.5, 0, 2).rx(0.3, 1);
  const r = transpile(c, target, { optimizationLevel: 1 });
  checkIsa(r.circuit, target);
  const rzz = r.circuit.instructions.filter((i) => i.name === 'rzz');
  expect(rzz.length).toBe(2); // 0.4 and −0.9 (as x·rzz(0.9)·x); 2.5 is out of range → cz
  for (const i of rzz) expect(i.params[0] as number).toBeGreaterThanOrEqual(0);
  expect(overlapWithLayout(c, r).re).toBeGreaterThan(1 - 1e-9);
});
