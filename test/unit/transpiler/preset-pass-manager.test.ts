import fc from 'fast-check';
import { Circuit } from '../../../src/circuit/circuit';
import { GATES } from '../../../src/circuit/gates';
import { CircuitValidationError } from '../../../src/core/errors';
import { Operator } from '../../../src/quantum-info/operator';
import { checkIsa, generatePresetPassManager, PRESET_STAGES, transpile, type TranspileResult } from '../../../src/transpiler';
import { compressCircuit } from '../../../simulators/fake/compress';
import { ghz, kernelCircuit, qft, randomCircuit } from '../../support/circuits';
import { clbitDistribution, fakeTarget, overlapWithLayout } from '../../support/transpiler';

/**
 * The preset pass manager against quantum_info's Operator of the input circuit: the ISA
 * circuit, squeezed onto the qubits it touches, maps each basis state |x⟩ placed on the
 * initial layout (ancillas |0⟩) to U|x⟩ placed on the final layout (ancillas back to |0⟩),
 * global phase included. Stage names and the default level are Qiskit's
 * (generate_preset_pass_manager: optimization_level=2 by default).
 */

/** Largest deviation between the ISA circuit's action and the input's unitary, up to layout. */
function layoutDeviation(original: Circuit, r: TranspileResult): number {
  const { circuit, physical } = compressCircuit(r.circuit, [...r.layout.initial, ...r.layout.final]);
  const n = original.numQubits;
  const u = Operator.fromCircuit(original).toMatrix();
  const t = Operator.fromCircuit(circuit).toMatrix();
  const at = (layout: readonly number[], x: number): number => {
    let j = 0;
    for (let v = 0; v < n; v++) if ((x >> v) & 1) j |= 1 << physical.indexOf(layout[v]!);
    return j;
  };
  let worst = 0;
  for (let x = 0; x < 2 ** n; x++) {
    const col = at(r.layout.initial, x);
    const expected = new Map<number, { re: number; im: number }>();
    for (let y = 0; y < 2 ** n; y++) expected.set(at(r.layout.final, y), u[y]![x]!);
    for (let row = 0; row < t.length; row++) {
      const e = expected.get(row) ?? { re: 0, im: 0 };
      const g = t[row]![col]!;
      worst = Math.max(worst, Math.hypot(g.re - e.re, g.im - e.im));
    }
  }
  return worst;
}

const twoQ = (c: Circuit): number => c.instructions.filter((i) => i.qubits.length === 2 && i.name !== 'barrier').length;

/** Eight CX with one-qubit gates between them, all on qubits 0 and 1: one block, at most three CX. */
function pairBlock(): Circuit {
  const c = new Circuit(3);
  for (let k = 0; k < 4; k++) c.cx(0, 1).ry(0.3 + k, 0).rz(0.2 * k, 1).cx(1, 0).sx(1);
  return c.h(2).cx(1, 2);
}

describe.each(['fake_brisbane', 'fake_fez', 'fake_line5'])('generatePresetPassManager on %s', (name) => {
  const target = fakeTarget(name);
  const cases: [string, Circuit][] = [
    ['GHZ-4', ghz(4)],
    ['QFT-4', qft(4)],
    ['random 4q × 60 (seed 3)', randomCircuit(4, 60, 3)],
    ['random 5q × 80 (seed 8)', randomCircuit(5, 80, 8)],
    ['eight CX on one pair', pairBlock()],
  ];

  test.each(cases)('%s: ISA at every level, same unitary up to the final layout', (_, c) => {
    for (const level of [0, 1, 2, 3] as const) {
      const pm = generatePresetPassManager({ optimizationLevel: level, target, seed: 5 });
      const r = pm.runWithLayout(c);
      checkIsa(r.circuit, target);
      expect(layoutDeviation(c, r)).toBeLessThan(1e-9);
    }
  });

  test('levels 2–3 resynthesise the eight-CX block: at most 3 + 1 entanglers before routing', () => {
    const pm = generatePresetPassManager({ optimizationLevel: 3, target });
    const r = pm.runWithLayout(pairBlock());
    expect(r.stats.twoQubitGatesBeforeRouting).toBeLessThanOrEqual(4);
    expect(transpile(pairBlock(), target, { optimizationLevel: 3 }).stats.twoQubitGatesBeforeRouting).toBe(9);
  });
});

/** Every gate kind of the gate table, with its qubit and parameter counts. */
const KINDS = [...GATES.values()].filter((g) => g.numQubits <= 4).map((g) => [g.name, g.numQubits, g.numParams] as const);

const circuitArb = fc.integer({ min: 2, max: 4 }).chain((n) =>
  fc.array(
    fc.record({
      kind: fc.constantFrom(...KINDS.filter(([, k]) => k <= n)),
      qubits: fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
      params: fc.array(fc.double({ min: -7, max: 7, noNaN: true }), { minLength: 4, maxLength: 4 }),
    }),
    { minLength: 1, maxLength: 30 },
  ).map((gates) => {
    const c = new Circuit(n);
    for (const { kind: [name, k, np], qubits, params } of gates) c.append(name, qubits.slice(0, k), params.slice(0, np));
    return c;
  }),
);

describe.each(['fake_brisbane', 'fake_fez'])('levels 2–3 on %s, random circuits of every gate kind', (name) => {
  const target = fakeTarget(name);
  test('ISA, and the unitary of the input up to the final layout (global phase included)', () => {
    fc.assert(
      fc.property(circuitArb, fc.constantFrom(2, 3), fc.nat(1000), (c, level, seed) => {
        const r = generatePresetPassManager({ optimizationLevel: level as 2 | 3, target, seed }).runWithLayout(c);
        checkIsa(r.circuit, target);
        expect(layoutDeviation(c, r)).toBeLessThan(1e-9);
      }),
      { numRuns: 25, seed: 15 },
    );
  });
});

describe('preset pass manager shape', () => {
  const target = fakeTarget('fake_fez');

  test("Qiskit's stage names and default level 2; backend or target", () => {
    expect(PRESET_STAGES).toEqual(['init', 'layout', 'routing', 'translation', 'optimization', 'scheduling']);
    const pm = generatePresetPassManager({ backend: { target } });
    expect(pm.optimizationLevel).toBe(2);
    expect(pm.target).toBe(target);
    expect(pm.stages).toEqual(PRESET_STAGES);
    expect(Object.isFrozen(pm)).toBe(true);
    expect(Object.isFrozen(pm.stages)).toBe(true);
  });

  test('level 1 is today’s transpile default, gate for gate', () => {
    const c = randomCircuit(5, 60, 4);
    const pm = generatePresetPassManager({ optimizationLevel: 1, target });
    expect(pm.run(c).instructions).toEqual(transpile(c, target).circuit.instructions);
  });

  test('run takes a list of circuits and returns their ISA circuits in order', () => {
    const pm = generatePresetPassManager({ optimizationLevel: 2, target });
    const cs = [ghz(3), qft(3)];
    const out = pm.run(cs);
    expect(out).toHaveLength(2);
    expect(out[1]!.instructions).toEqual(pm.run(cs[1]!).instructions);
    expect(out[0]!.instructions).toEqual(pm.runWithLayout(cs[0]!).circuit.instructions);
  });

  test('bad options are CircuitValidationErrors that name the problem', () => {
    expect(() => generatePresetPassManager({})).toThrow(/target or a backend/);
    expect(() => generatePresetPassManager({ target, optimizationLevel: 4 as 0 })).toThrow(CircuitValidationError);
    expect(() => generatePresetPassManager({ target, optimizationLevel: 4 as 0 })).toThrow(/0, 1, 2 or 3/);
  });

  test('the manager keeps its own copy of the initial layout', () => {
    const layout = [0, 1, 2];
    const pm = generatePresetPassManager({ target, initialLayout: layout, optimizationLevel: 2 });
    layout[0] = 50;
    expect(pm.runWithLayout(ghz(3)).layout.initial).toEqual([0, 1, 2]);
  });

  test('levels 2–3 route seeded random 12-qubit circuits with fewer two-qubit gates than transpile at level 3', () => {
    const c = randomCircuit(12, 150, 1);
    const before = twoQ(transpile(c, target, { optimizationLevel: 3 }).circuit);
    const r = generatePresetPassManager({ optimizationLevel: 3, target }).runWithLayout(c);
    expect(twoQ(r.circuit)).toBeLessThan(before);
    // and still the same state (12 qubits: a statevector overlap, not a dense unitary)
    checkIsa(r.circuit, target);
    const o = overlapWithLayout(c, r);
    expect(o.re).toBeGreaterThan(1 - 1e-9);
    expect(Math.abs(o.im)).toBeLessThan(1e-6);
  });

  test('a parameterised template at level 3: transpile once, bind many = the bound input up to layout', () => {
    const template = kernelCircuit(3, 1);
    const r = generatePresetPassManager({ optimizationLevel: 3, target, seed: 2 }).runWithLayout(template);
    checkIsa(r.circuit, target);
    expect(r.circuit.parameters).toEqual(template.parameters);
    for (const row of [[0.1, 0.2, 0.3, 0.4, 0.5, 0.6], [2.9, -1.3, 0, 1.7, 3.1, -0.8]]) {
      expect(layoutDeviation(template.assignParameters(row), { ...r, circuit: r.circuit.assignParameters(row) })).toBeLessThan(1e-9);
    }
  });

  test('a fractional-gate target keeps native rzz out of the KAK blocks (level 3)', () => {
    const frac = fakeTarget('fake_line5', true);
    const c = new Circuit(3).h(0).rzz(0.4, 0, 1).cx(0, 1).ry(0.3, 1).cx(1, 0).rzz(0.9, 1, 2).rx(0.3, 1);
    const r = generatePresetPassManager({ optimizationLevel: 3, target: frac }).runWithLayout(c);
    checkIsa(r.circuit, frac);
    expect(r.circuit.instructions.filter((i) => i.name === 'rzz')).toHaveLength(2);
    expect(layoutDeviation(c, r)).toBeLessThan(1e-9);
  });

  test.each(['fake_brisbane', 'fake_fez'])('measured circuits at level 3 on %s keep their classical bits: same exact counts distribution', (name) => {
    const t = fakeTarget(name);
    const c = new Circuit(4, { classicalRegisters: { a: 2, b: 3 } });
    c.h(0).cx(0, 2).ry(0.7, 1).cp(0.4, 1, 3).swap(1, 3).rx(1.1, 3).cx(3, 0).cx(0, 3).rz(0.3, 0).cx(3, 0);
    c.measure(0, 4).measure(1, 0).measure(2, 2).measure(3, 1);
    const expected = clbitDistribution(c);
    const out = generatePresetPassManager({ optimizationLevel: 3, target: t, seed: 1 }).run(c);
    checkIsa(out, t);
    expect(out.classicalRegisters).toEqual(c.classicalRegisters);
    const got = clbitDistribution(out);
    for (const [k, p] of expected) expect(got.get(k) ?? 0).toBeCloseTo(p, 9);
    expect([...got.values()].reduce((x, y) => x + y, 0)).toBeCloseTo(1, 9);
  });
});
