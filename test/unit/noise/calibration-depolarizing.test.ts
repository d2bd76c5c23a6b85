import { fakeDevice } from '../../../simulators/fake';
import { createTarget } from '../../../src/core/target';
import { depolarizingParameter, deviceNoiseParameters, type GateNoiseParameters } from '../../../src/noise/device-noise';
import { averageGateFidelity, composeKraus, depolarizingKraus, relaxationKraus, tensorKraus, type M } from '../../support/kraus';
import { fakeTarget } from '../../support/transpiler';

/** The published row of a gate and a qubit's T1/T2, straight from the device JSON (µs, ns). */
function published(device: string, gate: string, qubits: number[]) {
  const { properties } = fakeDevice(device).load();
  const row = properties.gates.find((g) => g.gate === gate && g.qubits.join() === qubits.join())!;
  const val = (name: string) => row.parameters.find((p) => p.name === name)!.value;
  const qubit = (q: number) => Object.fromEntries(properties.qubits[q]!.map((e) => [e.name, e.value]));
  return { gateError: val('gate_error'), lengthNs: val('gate_length'), qubits: qubits.map(qubit) };
}

function noiseOf(device: string, gate: string, qubits: number[], options = {}): GateNoiseParameters {
  const n = deviceNoiseParameters(fakeTarget(device), options);
  return n.gates.find((g) => g.gate === gate && g.qubits.join() === qubits.join())!;
}

/**
 * The composed channel's Kraus operators built from the published T1/T2 (clipped to 2·T1 here,
 * independently of the library) and the library's λ.
 */
function composedKraus(device: string, gate: string, qubits: number[], lambda: number): M[] {
  const row = published(device, gate, qubits);
  const t = row.lengthNs * 1e-9;
  const relax = row.qubits
    .map((q) => relaxationKraus(q.T1 * 1e-6, Math.min(q.T2, 2 * q.T1) * 1e-6, t))
    .reduce((a, b) => tensorKraus(a, b));
  // Aer's order: the depolarizing channel first, then the relaxation.
  return composeKraus(depolarizingKraus(qubits.length, lambda), relax);
}

describe('depolarizing parameter, closed forms', () => {
  // Without relaxation F = (1 − λ)·1 + λ/d, so e = 1 − F = λ(d − 1)/d and λ = d·e/(d − 1):
  // 2e for one qubit, 4e/3 for two.
  test('no relaxation: λ = d·e/(d − 1)', () => {
    expect(depolarizingParameter(1, 0.001).lambda).toBeCloseTo(0.002, 15);
    expect(depolarizingParameter(2, 0.03).lambda).toBeCloseTo(0.04, 15);
    expect(depolarizingParameter(3, 0.07).lambda).toBeCloseTo((8 * 0.07) / 7, 15);
    expect(depolarizingParameter(2, 0.03).clipped).toEqual([]);
  });

  test('no relaxation on a real row: ibm_fez cz 72–73 gets λ = 4·gate_error/3 exactly', () => {
    const g = noiseOf('fake_fez', 'cz', [72, 73], { thermalRelaxation: false });
    expect(g.relaxation).toBeNull();
    expect(g.depolarizingParameter).toBeCloseTo((4 * 0.027903006224195892) / 3, 15);
    expect(g.modelledError).toBeCloseTo(0.027903006224195892, 15);
  });

  test('with relaxation: λ = d·(e − r)/(d·F_r − 1), smaller than without', () => {
    // F_r = 0.999, e = 0.002 on one qubit: λ = 2·0.001/(1.998 − 1).
    expect(depolarizingParameter(1, 0.002, 0.999).lambda).toBeCloseTo(0.002 / 0.998, 15);
  });

  test('gate error at or below the relaxation infidelity: no depolarizing part, said so', () => {
    const r = depolarizingParameter(1, 0.0005, 0.999);
    expect(r.lambda).toBe(0);
    expect(r.clipped.join()).toMatch(/relaxation alone/);
  });

  test('gate_error 1 on two qubits: error clipped to 4/5, λ to 16/15', () => {
    const r = depolarizingParameter(2, 1);
    expect(r.lambda).toBeCloseTo(16 / 15, 15);
    expect(r.clipped.join()).toMatch(/0\.8/);
  });
});

describe('composed channel fidelity equals 1 − gate_error (Kraus form, published rows)', () => {
  const rows: [string, string, number[]][] = [
    ['fake_fez', 'cz', [72, 73]],
    ['fake_fez', 'sx', [0]],
    ['fake_fez', 'x', [1]],
    ['fake_brisbane', 'ecr', [3, 2]],
    ['fake_brisbane', 'ecr', [2, 1]],
    ['fake_brisbane', 'x', [5]],
  ];
  test.each(rows)('%s %s %j', (device, gate, qubits) => {
    const g = noiseOf(device, gate, qubits);
    const row = published(device, gate, qubits);
    expect(g.gateError).toBe(row.gateError);
    expect(g.clipped).toBeUndefined();
    expect(g.relaxation).toHaveLength(qubits.length);
    expect(g.depolarizingParameter).toBeGreaterThan(0);
    const f = averageGateFidelity(composedKraus(device, gate, qubits, g.depolarizingParameter));
    expect(Math.abs(f - (1 - row.gateError))).toBeLessThan(1e-12);
    // The relaxation infidelity the library reports is the Kraus channel's too.
    const relaxOnly = averageGateFidelity(composedKraus(device, gate, qubits, 0));
    expect(Math.abs(1 - relaxOnly - g.relaxationInfidelity)).toBeLessThan(1e-12);
    // A model ignoring relaxation (λ = d·e/(d − 1)) would overshoot the reported error.
    const d = 2 ** qubits.length;
    const naive = averageGateFidelity(composedKraus(device, gate, qubits, (d * row.gateError) / (d - 1)));
    expect(1 - row.gateError - naive).toBeGreaterThan(1e-7);
  });

  test('a row with T2 > 2·T1 (ibm_brisbane ecr 101→102, qubit 102) composes to 1 − gate_error with T2 = 2·T1', () => {
    const g = noiseOf('fake_brisbane', 'ecr', [101, 102]);
    expect(g.relaxation![1]!.t2Clipped).toBe(true);
    expect(g.depolarizingParameter).toBeGreaterThan(0);
    const f = averageGateFidelity(composedKraus('fake_brisbane', 'ecr', [101, 102], g.depolarizingParameter));
    expect(Math.abs(f - (1 - 0.007333741594784449))).toBeLessThan(1e-12);
  });

  test('ibm_brisbane ecr 1→0: relaxation alone (qubit 0 T2 49 µs over 660 ns) exceeds gate_error, no depolarizing part', () => {
    const g = noiseOf('fake_brisbane', 'ecr', [1, 0]);
    expect(g.depolarizingParameter).toBe(0);
    const f = averageGateFidelity(composedKraus('fake_brisbane', 'ecr', [1, 0], 0));
    expect(1 - f).toBeGreaterThan(0.007432674432642006);
    expect(Math.abs(1 - f - g.modelledError)).toBeLessThan(1e-12);
  });
});

describe('clipping, reported', () => {
  test('ibm_brisbane ecr 25→24 (gate_error 1): clipped to the largest infidelity and λ to 16/15', () => {
    const g = noiseOf('fake_brisbane', 'ecr', [25, 24]);
    expect(g.gateError).toBe(1);
    expect(g.depolarizingParameter).toBeCloseTo(16 / 15, 15);
    expect(g.clipped!.some((c) => /gate_error 1 .*0\.8/.test(c))).toBe(true);
    expect(g.clipped!.some((c) => /depolarizing parameter .* maximum/.test(c))).toBe(true);
    // The modelled error is the clipped channel's, below the reported 1.
    const f = averageGateFidelity(composedKraus('fake_brisbane', 'ecr', [25, 24], 16 / 15));
    expect(Math.abs(1 - f - g.modelledError)).toBeLessThan(1e-12);
    expect(g.modelledError).toBeLessThan(0.8);
  });

  test('ibm_fez x 87: relaxation alone (T1 27 µs) exceeds gate_error, so no depolarizing part, said so', () => {
    const g = noiseOf('fake_fez', 'x', [87]);
    expect(g.depolarizingParameter).toBe(0);
    expect(g.relaxationInfidelity).toBeGreaterThan(0.00016902367555621223);
    expect(g.clipped!.some((c) => /relaxation alone/.test(c))).toBe(true);
  });

  test('T2 > 2·T1 is clipped to 2·T1 on exactly the published qubits where it holds', () => {
    for (const device of ['fake_fez', 'fake_brisbane', 'fake_hanoi']) {
      const { properties } = fakeDevice(device).load();
      const over = new Set<number>();
      properties.qubits.forEach((q, i) => {
        const v = Object.fromEntries(q.map((e) => [e.name, e.value]));
        if (v.T2 > 2 * v.T1) over.add(i);
      });
      expect(over.size).toBeGreaterThan(0);
      const seen = new Set<number>();
      for (const g of deviceNoiseParameters(fakeTarget(device)).gates) {
        for (const r of g.relaxation ?? []) {
          const v = Object.fromEntries(properties.qubits[r.qubit]!.map((e) => [e.name, e.value]));
          expect(r.t1).toBeCloseTo(v.T1 * 1e-6, 18);
          expect(r.t2Clipped).toBe(over.has(r.qubit));
          expect(r.t2).toBeCloseTo(Math.min(v.T2, 2 * v.T1) * 1e-6, 18);
          if (r.t2Clipped) {
            seen.add(r.qubit);
            expect(g.clipped!.some((c) => c.startsWith(`qubit ${r.qubit} T2 above 2·T1`))).toBe(true);
          }
        }
      }
      expect([...seen].sort()).toEqual([...over].sort());
    }
  });
});

describe('instructions without a depolarizing part', () => {
  test('reset has relaxation over its length and no depolarizing part (not a gate)', () => {
    const g = noiseOf('fake_fez', 'reset', [0]);
    expect(g.gateError).toBeNull();
    expect(g.depolarizingParameter).toBe(0);
    expect(g.relaxation![0]!.time).toBeCloseTo(1584e-9, 20);
  });

  test('a qubit without T1 relaxes with T1 = ∞ (dephasing only), noted', () => {
    const target = createTarget({
      numQubits: 1,
      basisGates: ['sx'],
      qubitProperties: [{ t2: 50e-6 }],
      gateErrors: { 'sx:0': 0.001 },
      gateLengths: { 'sx:0': 40e-9 },
    });
    const n = deviceNoiseParameters(target);
    const g = n.gates[0]!;
    expect(g.relaxation![0]).toMatchObject({ t1: Infinity, t2: 50e-6, t2Clipped: false });
    // T1 = ∞: Tr R = 1 + 2e^(−t/T2) + 1, F_r = (3 + 2e^(−t/T2) + 1)/6.
    const fr = (4 + 2 * Math.exp(-40e-9 / 50e-6)) / 6;
    expect(g.relaxationInfidelity).toBeCloseTo(1 - fr, 15);
    expect(g.depolarizingParameter).toBeCloseTo((2 * (0.001 - (1 - fr))) / (2 * fr - 1), 15);
    expect(n.skipped).toContainEqual({ what: 'relaxation', qubits: [0], reason: expect.stringMatching(/no T1.*T1 = ∞/) });
  });
});
