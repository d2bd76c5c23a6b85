import { Circuit } from '../../../src/circuit/circuit';
import { Parameter } from '../../../src/circuit/parameter';
import { CircuitValidationError } from '../../../src/core/errors';
import { createFakeBackend } from '../../../simulators/fake';
import { NON_ISA_MESSAGE, transpile } from '../../../src/transpiler';
import { ghz } from '../../support/circuits';

const bell = (): Circuit => new Circuit(2).h(0).cx(0, 1).measureAll();

/** A full-width Pauli label with the given letters on physical qubits (rightmost = qubit 0). */
function label(n: number, letters: Record<number, string>): string {
  return Array.from({ length: n }, (_, k) => letters[n - 1 - k] ?? 'I').join('');
}

describe('fake backends', () => {
  test.each(['fake_line5', 'fake_hanoi', 'fake_brisbane', 'fake_fez'])('%s samples a transpiled Bell pair exactly (noise off), seeded', async (name) => {
    const b = await createFakeBackend(name);
    const isa = transpile(bell(), b.target, { seed: 1 }).circuit;
    const run = async (seed: number) => (await (await b.run({ kind: 'sampler', pubs: [{ circuit: isa }], shots: 400, seed })).result()).pubs[0]!;
    const r = await run(9);
    const counts = r.data.meas!.getCounts();
    expect(Object.keys(counts).sort()).toEqual(['00', '11']);
    expect(counts['00']! + counts['11']!).toBe(400);
    expect((await run(9)).data.meas!.getBitstrings()).toEqual(r.data.meas!.getBitstrings());
  });

  test('a 156-qubit ISA circuit touching few qubits runs (compressed simulation)', async () => {
    const b = await createFakeBackend('fake_fez');
    const c = transpile(ghz(12).measureAll(), b.target, { seed: 2 }).circuit;
    expect(c.numQubits).toBe(156);
    const r = (await (await b.run({ kind: 'sampler', pubs: [{ circuit: c }], shots: 200, seed: 3 })).result()).pubs[0]!;
    expect(Object.keys(r.data.meas!.getCounts()).sort()).toEqual(['000000000000', '111111111111']);
  });

  test('non-ISA circuits are refused with IBM’s 1517 wording', async () => {
    const b = await createFakeBackend('fake_brisbane');
    await expect(b.run({ kind: 'sampler', pubs: [{ circuit: bell() }] })).rejects.toThrow(CircuitValidationError);
    await expect(b.run({ kind: 'sampler', pubs: [{ circuit: bell() }] })).rejects.toThrow(NON_ISA_MESSAGE);
    await expect(b.run({ kind: 'estimator', pubs: [{ circuit: new Circuit(2).h(0), observables: [['ZZ', 1]] }] })).rejects.toThrow(/'h' is not a native/);
  });

  test('estimator: observables on the physical layout, full-width labels', async () => {
    const b = await createFakeBackend('fake_fez');
    const r = transpile(new Circuit(2).h(0).cx(0, 1), b.target, { seed: 4 });
    const [p0, p1] = r.layout.final as [number, number];
    const n = b.target.numQubits;
    const other = [...Array(n).keys()].find((q) => q !== p0 && q !== p1)!;
    const obs = [
      [[label(n, { [p0]: 'Z', [p1]: 'Z' }), 1]],
      [[label(n, { [p0]: 'X', [p1]: 'X' }), 0.5]],
      [[label(n, { [p0]: 'Z' }), 1]],
      [[label(n, { [other]: 'X' }), 1]],
      [[label(n, { [other]: 'Z' }), 2], [label(n, {}), 0.25]],
    ] as const;
    const res = await (await b.run({ kind: 'estimator', pubs: [{ circuit: r.circuit, observables: obs as never }] })).result();
    const evs = res.pubs[0]!.evs[0]!;
    [1, 0.5, 0, 0, 2.25].forEach((v, k) => expect(evs[k]!).toBeCloseTo(v, 10));
  });

  test('parameterised ISA templates run with parameter rows', async () => {
    const b = await createFakeBackend('fake_hanoi');
    const th = new Parameter('th');
    const t = transpile(new Circuit(1).rx(th, 0).measureAll(), b.target).circuit;
    const res = await (await b.run({ kind: 'sampler', pubs: [{ circuit: t, parameterValues: [[0], [Math.PI]] }], shots: 50, seed: 1 })).result();
    expect(res.pubs[0]!.data.meas!.getCounts(0)).toEqual({ '0': 50 });
    expect(res.pubs[0]!.data.meas!.getCounts(1)).toEqual({ '1': 50 });
  });

  test('bound rzz angles are checked per row (fractional gates)', async () => {
    const b = await createFakeBackend('fake_line5', { useFractionalGates: true });
    const th = new Parameter('th');
    const c = new Circuit(2).rzz(th, 0, 1).measureAll();
    await expect(b.run({ kind: 'sampler', pubs: [{ circuit: c, parameterValues: [[0.3], [2]] }] })).rejects.toThrow(/rzz angle 2 is outside/);
    await expect(b.run({ kind: 'sampler', pubs: [{ circuit: c, parameterValues: [[0.3]] }] })).resolves.toBeDefined();
  });

  test('noise: true simulates the calibrated noise model (readout and gate errors), reproducibly with a seed', async () => {
    const b = await createFakeBackend('fake_hanoi', { noise: true });
    const isa = transpile(bell(), b.target, { seed: 1 }).circuit;
    const run = async () => (await (await b.run({ kind: 'sampler', pubs: [{ circuit: isa }], shots: 4000, seed: 5 })).result()).pubs[0]!.data.meas!.getCounts();
    const c1 = await run();
    expect((c1['01'] ?? 0) + (c1['10'] ?? 0)).toBeGreaterThan(0);
    expect(await run()).toEqual(c1);
    const est = transpile(new Circuit(2).h(0).cx(0, 1), b.target, { seed: 1 });
    const [p0, p1] = est.layout.final as [number, number];
    const res = await (await b.run({ kind: 'estimator', pubs: [{ circuit: est.circuit, observables: [[label(27, { [p0]: 'Z', [p1]: 'Z' }), 1]] }] })).result();
    const ev = res.pubs[0]!.evs[0]![0]!;
    expect(ev).toBeLessThan(1);
    expect(ev).toBeGreaterThan(0.8);
  });

  test('mid-circuit measurement and reset survive transpilation and run', async () => {
    const b = await createFakeBackend('fake_hanoi');
    const c = new Circuit(2, 3).x(0).cx(0, 1).measure(0, 0).reset(0).measure(0, 1).measure(1, 2);
    const isa = transpile(c, b.target, { seed: 1 }).circuit;
    const res = await (await b.run({ kind: 'sampler', pubs: [{ circuit: isa }], shots: 20, seed: 2 })).result();
    expect(res.pubs[0]!.data.c!.getCounts()).toEqual({ '101': 20 });
  });

  test('statevector of a small ISA circuit (noise off), full width', async () => {
    const b = await createFakeBackend('fake_line5');
    const c = new Circuit(3).sx(2);
    const s = await b.statevector!(c);
    expect(s.numQubits).toBe(3);
    // SX|0⟩ = ((1+i)|0⟩ + (1−i)|1⟩)/2 on qubit 2 → indices 0 and 4
    expect([s.re[0], s.im[0], s.re[4], s.im[4]]).toEqual([0.5, 0.5, 0.5, -0.5]);
  });
});
