/**
 * Relaxation during delays and idle time (issue 14): closed forms for amplitude damping and
 * Ramsey dephasing over a delay, the device model's delay relaxation against the published
 * T1/T2, and idle time made explicit by ALAP/ASAP scheduling (schedules worked out by hand).
 */
import { Circuit } from '../../../src/circuit/circuit';
import { parseQasm, toQasm3 } from '../../../src/circuit/qasm';
import { CircuitValidationError, InputValidationError } from '../../../src/core/errors';
import { createTarget } from '../../../src/core/target';
import { NoiseModel, noiseModelFromDevice } from '../../../src/noise';
import { Operator } from '../../../src/quantum-info';
import { Sampler } from '../../../src/primitives/sampler';
import { checkIsa, scheduleIdleDelays, transpile } from '../../../src/transpiler';
import { measurementProbabilities } from '../../../simulators/density-matrix';
import { createFakeBackend, fakeDevice } from '../../../simulators/fake';
import { compressCircuit } from '../../../simulators/fake/compress';
import { simulateStatevector } from '../../../simulators/statevector';
import { sampleTrajectoryCounts } from '../../../simulators/trajectories';
import { fakeTarget } from '../../support/transpiler';

const us = 1e-6;
const ns = 1e-9;

function p(probabilities: ReadonlyMap<string, number>, key: string): number {
  return probabilities.get(key) ?? 0;
}

describe('delay instructions', () => {
  test('Circuit.delay stores seconds; refuses a negative, non-finite or unitless duration and dt', () => {
    const c = new Circuit(2).delay(100, 0, 'ns').delay(1.5, undefined, 'us');
    expect(c.instructions.map((i) => [i.name, i.qubits, i.params])).toEqual([
      ['delay', [0], [100 * ns]],
      ['delay', [0], [1.5 * us]],
      ['delay', [1], [1.5 * us]],
    ]);
    expect(() => new Circuit(1).delay(-1, 0, 'ns')).toThrow(/duration -1 is not a finite number ≥ 0/);
    expect(() => new Circuit(1).delay(Number.NaN, 0, 'ns')).toThrow(CircuitValidationError);
    expect(() => new Circuit(1).delay(5, 0, 'dt' as never)).toThrow(/unit 'dt' is not one of s, ms, us, µs, ns \(dt needs a device/);
    expect(() => new Circuit(1).delay(5, 0, undefined as never)).toThrow(/unit 'undefined'/);
    expect(() => new Circuit(1).append('delay', [0], [])).toThrow(/delay takes one parameter: its duration in seconds/);
    expect(() => new Circuit(2).append('delay', [0, 1], [1e-9])).toThrow(/delay takes one qubit/);
  });

  test('an ideal simulation ignores delays; the inverse keeps them; the unitary is unchanged; depth counts them', () => {
    const base = new Circuit(2).h(0).cx(0, 1);
    const delayed = new Circuit(2).h(0).delay(3, 1, 'us').cx(0, 1).delay(20, 0, 'ns');
    const a = simulateStatevector(base);
    const b = simulateStatevector(delayed);
    expect(Array.from(b.re)).toEqual(Array.from(a.re));
    expect(Array.from(b.im)).toEqual(Array.from(a.im));
    expect(Operator.fromCircuit(delayed).equiv(Operator.fromCircuit(base))).toBe(true);
    expect(delayed.inverse().instructions.map((i) => i.name)).toEqual(['delay', 'cx', 'delay', 'h']);
    expect(delayed.depth()).toBe(3);
  });

  test('OpenQASM 3 export writes the duration in ns; transpile keeps each delay on its qubit and the ISA check accepts it', () => {
    expect(toQasm3(new Circuit(1).delay(100, 0, 'ns'))).toMatch(/^delay\[100ns\] q\[0\];$/m);
    expect(toQasm3(new Circuit(1).delay(1.25, 0, 'us'))).toMatch(/^delay\[1250ns\] q\[0\];$/m);
    const target = fakeTarget('fake_fez');
    const c = new Circuit(2, 2).x(0).delay(2, 0, 'us').cx(0, 1).measure([0, 1], [0, 1]);
    const t = transpile(c, target, { seed: 1 });
    const delays = t.circuit.instructions.filter((i) => i.name === 'delay');
    expect(delays).toHaveLength(1);
    expect(delays[0]!.qubits).toEqual([t.layout.initial[0]]);
    expect(delays[0]!.params).toEqual([2 * us]);
    expect(() => checkIsa(t.circuit, target)).not.toThrow();
  });

  test('OpenQASM 3 delay[…] statements become delays (s, ms, us, ns); dt is the device’s unit and is dropped; export reads back', () => {
    const c = parseQasm('OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[2] q;\nx q[0];\ndelay[100ns] q[0];\ndelay[2us] q;\ndelay[1.5ms] q[1];\ndelay[50dt] q[1];\n');
    expect(c.instructions.map((i) => [i.name, i.qubits[0], i.params[0] ?? null])).toEqual([
      ['x', 0, null],
      ['delay', 0, expect.closeTo(100 * ns, 20)],
      ['delay', 0, expect.closeTo(2 * us, 20)],
      ['delay', 1, expect.closeTo(2 * us, 20)],
      ['delay', 1, expect.closeTo(1.5e-3, 18)],
    ]);
    const back = parseQasm(toQasm3(c));
    expect(back.instructions.map((i) => i.params[0] ?? null)).toEqual(c.instructions.map((i) => (i.params[0] === undefined ? null : expect.closeTo(i.params[0] as number, 18))));
  });
});

describe('relaxation during a delay (closed forms)', () => {
  const T1 = 120 * us;
  const T2 = 90 * us;
  const model = new NoiseModel().addDelayRelaxation(T1, T2);

  test('amplitude damping of |1⟩ over a delay t gives P(1) = e^{−t/T1} (density matrix to 1e-12, trajectories within 4σ)', () => {
    for (const t of [5, 40, 200]) {
      const c = new Circuit(1, 1).x(0).delay(t, 0, 'us').measure(0, 0);
      const exact = Math.exp(-(t * us) / T1);
      expect(p(measurementProbabilities(c, { noise: model }).probabilities, '1')).toBeCloseTo(exact, 12);
      const shots = 40_000;
      const traj = sampleTrajectoryCounts(c, { noise: model, shots, seed: t });
      const f = (traj.counts['1'] ?? 0) / shots;
      expect(Math.abs(f - exact)).toBeLessThanOrEqual(4 * Math.sqrt((exact * (1 - exact)) / shots));
    }
  });

  test('Ramsey: h, delay t, h gives P(0) = (1 + e^{−t/T2})/2, the T2 envelope', () => {
    for (const t of [10, 90, 300]) {
      const c = new Circuit(1, 1).h(0).delay(t, 0, 'us').h(0).measure(0, 0);
      expect(p(measurementProbabilities(c, { noise: model }).probabilities, '0')).toBeCloseTo((1 + Math.exp(-(t * us) / T2)) / 2, 12);
    }
  });

  test('without relaxation times a delay is the identity; a delay after the final measurement changes nothing; per-qubit times replace the all-qubit ones', () => {
    const c = new Circuit(1, 1).x(0).delay(500, 0, 'us').measure(0, 0).delay(1, 0, 's');
    expect(p(measurementProbabilities(c, { noise: new NoiseModel() }).probabilities, '1')).toBe(1);
    const local = new NoiseModel().addDelayRelaxation(T1, T2).addDelayRelaxation(50 * us, 50 * us, [0]);
    expect(p(measurementProbabilities(c, { noise: local }).probabilities, '1')).toBeCloseTo(Math.exp(-500 / 50), 12);
    expect(() => new NoiseModel().addDelayRelaxation(10 * us, 30 * us)).toThrow(InputValidationError);
    expect(() => new NoiseModel().addDelayRelaxation(0, 1)).toThrow(/T1 must be > 0/);
    expect(new NoiseModel().addDelayRelaxation(T1, T2).isIdeal).toBe(false);
  });

  test("a device model relaxes each qubit during a delay with its published T1 and min(T2, 2·T1)", () => {
    const target = fakeTarget('fake_fez');
    const snap = noiseModelFromDevice(target).model.snapshot();
    const published = fakeDevice('fake_fez').load().properties.qubits;
    for (const q of [0, 5, 77]) {
      const row = Object.fromEntries(published[q]!.map((e) => [e.name, e.value]));
      const t1 = row.T1! * us;
      expect(snap.delayRelaxation.get(q)).toEqual({ t1: expect.closeTo(t1, 15), t2: expect.closeTo(Math.min(row.T2! * us, 2 * t1), 15) });
    }
    // Populations decay by e^{−t/T1} whatever the gate noise before: P1 after x, then a delay.
    const model = noiseModelFromDevice(target, { readoutError: false }).model;
    const q = 5;
    const t = 30 * us;
    const prep = new Circuit(target.numQubits, 1).x(q);
    const before = p(measurementProbabilities(prep.copy().measure(q, 0), { noise: model }).probabilities, '1');
    const after = p(measurementProbabilities(prep.copy().delay(30, q, 'us').measure(q, 0), { noise: model }).probabilities, '1');
    expect(after / before).toBeCloseTo(Math.exp(-t / snap.delayRelaxation.get(q)!.t1), 12);
  });
});

describe('scheduleIdleDelays (Qiskit ALAP/ASAP + PadDelay)', () => {
  // x: 50 ns, cz: 100 ns, readout 1000 ns on every qubit; rz is free.
  const target = createTarget({
    numQubits: 4,
    basisGates: ['x', 'sx', 'rz', 'cz'],
    gateLengths: { 'x:0': 50 * ns, 'x:2': 50 * ns, 'cz:0,1': 100 * ns, 'sx:1': 30 * ns },
    qubitProperties: [0, 1, 2, 3].map(() => ({ readoutLength: 1000 * ns })),
  });
  const circuit = (): Circuit => new Circuit(4, 3).x(0).cz(0, 1).x(2).rz(0.3, 2).measure(0, 0).measure(1, 1).measure(2, 2);

  test('ALAP: x(0) [0,50], cz [50,150], x(2) [100,150], measures [150,1150]; q1 waits 50 ns, q2 100 ns; qubit 3 is not padded', () => {
    const s = scheduleIdleDelays(circuit(), target);
    expect(s.method).toBe('alap');
    expect(s.durationSeconds).toBeCloseTo(1150 * ns, 18);
    expect(s.startSeconds.map((t) => Math.round(t / ns))).toEqual([0, 50, 100, 150, 150, 150, 150]);
    expect(Object.fromEntries([...s.idleSeconds].map(([q, t]) => [q, Math.round(t / ns)]))).toEqual({ 0: 0, 1: 50, 2: 100 });
    const delays = s.circuit.instructions.filter((i) => i.name === 'delay').map((i) => [i.qubits[0], Math.round((i.params[0] as number) / ns)]);
    expect(delays).toEqual([
      [1, 50],
      [2, 100],
    ]);
    // Same gates in an order that respects every qubit's sequence.
    expect(s.circuit.instructions.filter((i) => i.name !== 'delay').map((i) => i.name)).toEqual(['x', 'cz', 'x', 'rz', 'measure', 'measure', 'measure']);
    expect(s.defaulted).toEqual([]);
  });

  test('ASAP: x(2) at 0 so q2 measures at 50 ns and waits after it until 1150 ns; q1 waits 50 ns before the cz', () => {
    const s = scheduleIdleDelays(circuit(), target, { method: 'asap' });
    expect(s.startSeconds.map((t) => Math.round(t / ns))).toEqual([0, 50, 0, 50, 150, 150, 50]);
    expect(Object.fromEntries([...s.idleSeconds].map(([q, t]) => [q, Math.round(t / ns)]))).toEqual({ 0: 0, 1: 50, 2: 100 });
    // q2's 100 ns come after its measurement, where they change nothing.
    const last = s.circuit.instructions[s.circuit.instructions.length - 1]!;
    expect([last.name, last.qubits[0], Math.round((last.params[0] as number) / ns)]).toEqual(['delay', 2, 100]);
  });

  test('a barrier synchronises; lengths the device does not report are defaulted and named; if_else is refused', () => {
    const c = new Circuit(4, 1).x(0).sx(3).barrier(0, 3).x(0).measure(0, 0);
    const s = scheduleIdleDelays(c, target);
    // sx on qubit 3 has no length: 60 ns by default, so x(0) (50 ns) waits 10 ns before the barrier.
    expect(s.defaulted).toEqual(['sx (qubit 3)']);
    expect(Math.round(s.idleSeconds.get(0)! / ns)).toBe(10);
    const dyn = new Circuit(1, 1).h(0).measure(0, 0).ifTest({ clbit: 0, value: 1 }, (b) => b.x(0));
    expect(() => scheduleIdleDelays(dyn, target)).toThrow(/classical control cannot be scheduled/);
  });

  test('scheduling changes no ideal result: GHZ-3 on fake_fez stays (|000⟩ + |111⟩)/√2, a random ISA circuit keeps its statevector', async () => {
    const b = await createFakeBackend('fake_fez');
    const ghz = transpile(new Circuit(3, 3).h(0).cx(0, 1).cx(1, 2).measure([0, 1, 2], [0, 1, 2]), b.target, { seed: 1 }).circuit;
    for (const method of ['alap', 'asap'] as const) {
      const probs = measurementProbabilities(scheduleIdleDelays(ghz, b.target, { method }).circuit, {}).probabilities;
      expect([...probs.keys()].sort()).toEqual(['000', '111']);
      expect(probs.get('000')).toBeCloseTo(0.5, 12);
    }
    const rnd = new Circuit(6);
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let g = 0; g < 60; g++) {
      const q = Math.floor(next() * 6);
      if (g % 3 === 2) rnd.cx(q, (q + 1) % 6);
      else rnd.rz(next() * 6, q).sx(q);
    }
    const isa = transpile(rnd, b.target, { seed: 2 }).circuit;
    const scheduled = scheduleIdleDelays(isa, b.target).circuit;
    expect(scheduled.instructions.some((i) => i.name === 'delay')).toBe(true);
    // Both on the qubits they touch (the same set: delays pad only used qubits).
    const [small, smallScheduled] = [compressCircuit(isa), compressCircuit(scheduled)];
    expect(smallScheduled.physical).toEqual(small.physical);
    const [u, v] = [simulateStatevector(small.circuit), simulateStatevector(smallScheduled.circuit)];
    expect(Array.from(v.re)).toEqual(Array.from(u.re));
    expect(Array.from(v.im)).toEqual(Array.from(u.im));
  });

  test('fake_fez with idle relaxation: a qubit prepared in |1⟩ that waits for its neighbour decays by e^{−idle/T1} (ASAP), not under ALAP', async () => {
    const fez = fakeTarget('fake_fez');
    const model = noiseModelFromDevice(fez, { readoutError: false }).model;
    const c = new Circuit(fez.numQubits, 2).x(0);
    for (let k = 0; k < 30; k++) c.sx(1);
    c.barrier(0, 1).measure(0, 0).measure(1, 1);
    const idle = 30 * fez.gateLengths!.get('sx:1')! - fez.gateLengths!.get('x:0')!;
    const p1 = (probs: ReadonlyMap<string, number>): number => [...probs].filter(([k]) => k.endsWith('1')).reduce((a, [, v]) => a + v, 0);
    const plain = p1(measurementProbabilities(c, { noise: model }).probabilities);
    const asap = scheduleIdleDelays(c, fez, { method: 'asap' });
    expect(asap.idleSeconds.get(0)).toBeCloseTo(idle, 18);
    const relaxed = p1(measurementProbabilities(asap.circuit, { noise: model }).probabilities);
    expect(relaxed / plain).toBeCloseTo(Math.exp(-idle / model.snapshot().delayRelaxation.get(0)!.t1), 12);
    // ALAP puts x(0) just before the barrier: qubit 0 waits in |0⟩, which relaxation leaves alone.
    const alap = p1(measurementProbabilities(scheduleIdleDelays(c, fez).circuit, { noise: model }).probabilities);
    expect(alap).toBeCloseTo(plain, 12);

    // The backend option schedules ALAP and says so.
    const b = await createFakeBackend('fake_fez', { noise: model, idleRelaxation: true });
    const res = await (await new Sampler(b, { shots: 100, seed: 1, transpile: false }).run([c])).result();
    expect(res.metadata.idleRelaxation).toBe('alap schedule, idle time relaxes as delays');
    const off = await (await new Sampler(await createFakeBackend('fake_fez', { noise: model }), { shots: 100, seed: 1, transpile: false }).run([c])).result();
    expect(off.metadata.idleRelaxation).toBe(false);
    await expect(createFakeBackend('fake_fez', { idleRelaxation: true })).rejects.toThrow(/idleRelaxation relaxes idle qubits under noise: give noise too/);
  });
});
