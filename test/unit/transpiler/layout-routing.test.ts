import { Circuit } from '../../../src/circuit/circuit';
import { CircuitValidationError } from '../../../src/core/errors';
import { createTarget } from '../../../src/core/target';
import { checkIsa, transpile } from '../../../src/transpiler';
import { ghz, qft } from '../../support/circuits';
import { fakeTarget, lineTarget, overlapWithLayout } from '../../support/transpiler';

const twoQ = (c: Circuit): number => c.instructions.filter((i) => i.qubits.length === 2).length;

describe('layout and routing', () => {
  test.each(['fake_brisbane', 'fake_fez'])('GHZ-20 and QFT-10 on %s: routed two-qubit count ≤ 2× the unrouted count', (name) => {
    const target = fakeTarget(name);
    for (const [c, lower] of [[ghz(20), 19], [qft(10), 90]] as const) {
      const r = transpile(c, target, { optimizationLevel: 3, seed: 0 });
      expect(r.stats.twoQubitGatesBeforeRouting).toBe(lower); // QFT's final swaps are relabelled away
      expect(r.stats.twoQubitGates).toBe(twoQ(r.circuit));
      expect(r.stats.twoQubitGates).toBeLessThanOrEqual(2 * lower);
      expect(r.stats.depth).toBe(r.circuit.depth());
    }
  });

  test('a chain that fits the coupling map needs no SWAP (perfect layout)', () => {
    const r = transpile(ghz(12), fakeTarget('fake_hanoi'), { optimizationLevel: 1 });
    expect(r.stats.swaps).toBe(0);
    expect(r.stats.twoQubitGates).toBe(11);
  });

  test('level 0 keeps the trivial layout and still routes', () => {
    const c = new Circuit(4).h(0).cx(0, 3).cx(1, 2);
    const r = transpile(c, lineTarget(4, ['cx', 'rz', 'sx', 'x']), { optimizationLevel: 0 });
    expect(r.layout.initial).toEqual([0, 1, 2, 3]);
    expect(r.stats.swaps).toBeGreaterThan(0);
    expect(overlapWithLayout(c, r).re).toBeGreaterThan(1 - 1e-9);
  });

  test('initialLayout is honoured', () => {
    const c = new Circuit(2).h(0).cx(0, 1);
    const r = transpile(c, fakeTarget('fake_hanoi'), { initialLayout: [12, 13] });
    expect(r.layout.initial).toEqual([12, 13]);
    expect(r.stats.swaps).toBe(0);
    expect(new Set(r.circuit.instructions.flatMap((i) => i.qubits))).toEqual(new Set([12, 13]));
  });

  test.each([
    [[0, 0], /repeats/],
    [[0, 99], /not a physical qubit/],
    [[0], /1 entries for 2/],
  ])('a bad initialLayout %j is refused', (layout, msg) => {
    expect(() => transpile(new Circuit(2).cx(0, 1), fakeTarget('fake_hanoi'), { initialLayout: layout })).toThrow(msg);
  });

  test('one-directional edges: CX against the edge direction is flipped (ISA) and exact', () => {
    const t = lineTarget(3, ['ecr', 'rz', 'sx', 'x']); // edges 0→1, 1→2 only
    const c = new Circuit(3).h(2).cx(2, 1).cx(1, 0).ry(0.3, 0);
    for (const level of [0, 1] as const) {
      const r = transpile(c, t, { optimizationLevel: level, initialLayout: [0, 1, 2] });
      checkIsa(r.circuit, t);
      expect(overlapWithLayout(c, r).re).toBeGreaterThan(1 - 1e-9);
    }
  });

  test('noise-aware layout avoids noisy qubits and edges', () => {
    const n = 6;
    const edges: [number, number][] = [];
    for (let i = 0; i + 1 < n; i++) edges.push([i, i + 1], [i + 1, i]);
    const gateErrors: Record<string, number> = {};
    for (const [a, b] of edges) gateErrors[`cz:${a},${b}`] = a < 3 && b < 3 ? 0.2 : 0.002;
    const t = createTarget({
      numQubits: n,
      basisGates: ['cz', 'rz', 'sx', 'x'],
      couplingMap: edges,
      gateErrors,
      qubitProperties: Array.from({ length: n }, (_, q) => ({ readoutError: q < 3 ? 0.2 : 0.01 })),
    });
    const r = transpile(new Circuit(2).h(0).cx(0, 1), t, { optimizationLevel: 3 });
    expect(r.layout.initial.every((p) => p >= 3)).toBe(true);
  });

  test('faulty qubits are never used', () => {
    const t = createTarget({
      numQubits: 5,
      basisGates: ['cz', 'rz', 'sx', 'x'],
      couplingMap: [[0, 1], [1, 0], [1, 2], [2, 1], [2, 3], [3, 2], [3, 4], [4, 3]],
      qubitProperties: [{}, { faulty: true }, {}, {}, {}],
    });
    const c = new Circuit(3).h(0).cx(0, 1).cx(1, 2).cx(0, 2);
    for (const level of [0, 1, 3] as const) {
      const r = transpile(c, t, { optimizationLevel: level });
      checkIsa(r.circuit, t);
      expect(r.circuit.instructions.some((i) => i.qubits.includes(1) || i.qubits.includes(0))).toBe(false);
      expect(overlapWithLayout(c, r).re).toBeGreaterThan(1 - 1e-9);
    }
  });

  test('the same seed gives the same circuit', () => {
    const c = qft(6);
    const a = transpile(c, fakeTarget('fake_fez'), { seed: 5 });
    const b = transpile(c, fakeTarget('fake_fez'), { seed: 5 });
    expect(b.circuit.instructions).toEqual(a.circuit.instructions);
    expect(b.layout).toEqual(a.layout);
  });

  test('a circuit larger than the target, or a bad level, is refused with a typed error', () => {
    expect(() => transpile(new Circuit(6), fakeTarget('fake_line5'))).toThrow(CircuitValidationError);
    expect(() => transpile(new Circuit(1), fakeTarget('fake_line5'), { optimizationLevel: 7 as 0 })).toThrow(/optimizationLevel/);
  });

  test('optimisation merges one-qubit runs and cancels inverse pairs', () => {
    const c = new Circuit(2).h(0).h(0).cx(0, 1).rz(0.3, 0).cx(0, 1).t(1).tdg(1);
    const r = transpile(c, lineTarget(2, ['cz', 'rz', 'sx', 'x'], true), { optimizationLevel: 1 });
    expect(twoQ(r.circuit)).toBe(0); // cx·rz(control)·cx = rz
    expect(r.circuit.instructions.length).toBe(1);
    expect(overlapWithLayout(c, r).re).toBeGreaterThan(1 - 1e-9);
  });
});
