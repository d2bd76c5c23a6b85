import { fakeDevice } from '../../../simulators/fake';
import { ConfigurationError } from '../../../src/core/errors';
import { createTarget } from '../../../src/core/target';
import { deviceCalibration } from '../../../src/noise/calibration';
import { deviceNoiseParameters } from '../../../src/noise/device-noise';
import { fakeTarget } from '../../support/transpiler';

describe('deviceCalibration', () => {
  test('ibm_fez qubit 0 and cz 72–73 carry the published values in SI units', () => {
    const cal = deviceCalibration(fakeTarget('fake_fez'));
    expect(cal.numQubits).toBe(156);
    const q0 = cal.qubits[0]!;
    // Published: T1 48.806… µs, T2 42.379… µs, readout 0.011474609375, prob_meas0_prep1
    // 0.017578125, prob_meas1_prep0 0.00537109375, readout_length 1560 ns.
    expect(q0.t1).toBeCloseTo(48.806207822303335e-6, 18);
    expect(q0.t2).toBeCloseTo(42.37959748613206e-6, 18);
    expect(q0.readoutError).toBe(0.011474609375);
    expect(q0.probMeas0Prep1).toBe(0.017578125);
    expect(q0.probMeas1Prep0).toBe(0.00537109375);
    expect(q0.readoutLength).toBeCloseTo(1560e-9, 20);
    const cz = cal.gates.find((g) => g.gate === 'cz' && g.qubits.join() === '72,73')!;
    expect(cz.gateError).toBe(0.027903006224195892);
    expect(cz.gateLength).toBeCloseTo(84e-9, 20);
    expect(Object.isFrozen(cal) && Object.isFrozen(cal.gates) && Object.isFrozen(cz)).toBe(true);
  });

  test('every published gate row of ibm_brisbane is there, matched by name and qubits', () => {
    const { properties } = fakeDevice('fake_brisbane').load();
    const cal = deviceCalibration(fakeTarget('fake_brisbane'));
    expect(cal.gates).toHaveLength(properties.gates.length);
    for (const row of properties.gates) {
      const g = cal.gates.find((x) => x.gate === row.gate && x.qubits.join() === row.qubits.join())!;
      expect(g.gateError).toBe(row.parameters.find((p) => p.name === 'gate_error')?.value);
    }
  });

  test('a target without qubit calibration is refused with a ConfigurationError', () => {
    const t = createTarget({ numQubits: 2, basisGates: ['cz'] });
    expect(() => deviceCalibration(t)).toThrow(ConfigurationError);
    expect(() => deviceCalibration(t)).toThrow(/no qubit calibration/);
  });

  test('a negative T1 or a readout error above 1 is refused, naming the qubit and field', () => {
    const neg = createTarget({ numQubits: 1, basisGates: ['sx'], qubitProperties: [{ t1: -1e-6 }] });
    expect(() => deviceCalibration(neg)).toThrow(/qubit 0 T1/);
    const ro = createTarget({ numQubits: 1, basisGates: ['sx'], qubitProperties: [{ readoutError: 1.5 }] });
    expect(() => deviceCalibration(ro)).toThrow(/qubit 0 readout_error .*\[0, 1\]/);
  });
});

describe('readout matrices', () => {
  test('equal the published prob_meas values, rows = prepared state (ibm_fez and ibm_brisbane)', () => {
    for (const device of ['fake_fez', 'fake_brisbane']) {
      const { properties } = fakeDevice(device).load();
      const n = deviceNoiseParameters(fakeTarget(device));
      expect(n.readout).toHaveLength(properties.qubits.length);
      for (const r of n.readout) {
        const v = Object.fromEntries(properties.qubits[r.qubit]!.map((e) => [e.name, e.value]));
        expect(r.source).toBe('prob_meas');
        expect(r.matrix[0][1]).toBe(v.prob_meas1_prep0);
        expect(r.matrix[1][0]).toBe(v.prob_meas0_prep1);
        expect(r.matrix[0][0]).toBe(1 - v.prob_meas1_prep0);
        expect(r.matrix[1][1]).toBe(1 - v.prob_meas0_prep1);
      }
    }
  });

  test('ibm_brisbane qubit 5 is strongly asymmetric (p(1|0) 0.369, p(0|1) 0.002), not the symmetric 0.186', () => {
    const r = deviceNoiseParameters(fakeTarget('fake_brisbane')).readout[5]!;
    expect(r.matrix).toEqual([
      [1 - 0.369140625, 0.369140625],
      [0.001953125, 1 - 0.001953125],
    ]);
  });

  test('falls back to a symmetric readout_error when either prob_meas is missing; none → skipped', () => {
    const target = createTarget({
      numQubits: 3,
      basisGates: ['sx'],
      qubitProperties: [{ readoutError: 0.02 }, { readoutError: 0.03, probMeas1Prep0: 0.01 }, {}],
    });
    const n = deviceNoiseParameters(target);
    expect(n.readout).toEqual([
      { qubit: 0, matrix: [[0.98, 0.02], [0.02, 0.98]], source: 'readout_error' },
      { qubit: 1, matrix: [[0.97, 0.03], [0.03, 0.97]], source: 'readout_error' },
    ]);
    expect(n.skipped).toContainEqual({ what: 'readout', qubits: [2], reason: expect.stringMatching(/no prob_meas.*readout_error/) });
  });
});

describe('what is skipped, and why', () => {
  test('ibm_fez: fractional rx/rzz (not in the basis) and noiseless rz are skipped with reasons', () => {
    const n = deviceNoiseParameters(fakeTarget('fake_fez'));
    const reasonOf = (what: string, qubits: number[]) =>
      n.skipped.find((s) => s.what === what && s.qubits.join() === qubits.join())?.reason;
    expect(reasonOf('rx', [0])).toMatch(/not an operation of this target/);
    expect(reasonOf('rzz', [72, 73])).toMatch(/not an operation/);
    expect(reasonOf('rz', [0])).toMatch(/gate_length 0: no relaxation; gate_error 0: no depolarizing part: noiseless/);
    expect(n.gates.some((g) => g.gate === 'rx' || g.gate === 'rzz' || g.gate === 'rz')).toBe(false);
    // Every basis gate row with an error or a length is modelled: sx, x, id per qubit, cz per edge, reset per qubit.
    const count = (gate: string) => n.gates.filter((g) => g.gate === gate).length;
    expect([count('sx'), count('x'), count('id'), count('cz'), count('reset')]).toEqual([156, 156, 156, 352, 156]);
  });

  test('with fractional gates on, ibm_fez rx rows are still skipped: the published configuration lists no rx', () => {
    const n = deviceNoiseParameters(fakeTarget('fake_fez', true));
    expect(n.gates.some((g) => g.gate === 'rx')).toBe(false);
  });

  test('gates and readout on a qubit marked non-operational are skipped', () => {
    const target = createTarget({
      numQubits: 2,
      basisGates: ['sx', 'cz'],
      couplingMap: [],
      qubitProperties: [{ t1: 1e-4, t2: 1e-4, readoutError: 0.01 }, { t1: 1e-4, t2: 1e-4, readoutError: 0.01, faulty: true }],
      gateErrors: { 'sx:0': 1e-3, 'sx:1': 1e-3, 'cz:0,1': 1e-2 },
      gateLengths: { 'sx:0': 3e-8, 'sx:1': 3e-8, 'cz:0,1': 8e-8 },
    });
    const n = deviceNoiseParameters(target);
    expect(n.gates.map((g) => `${g.gate}:${g.qubits.join()}`)).toEqual(['sx:0']);
    expect(n.readout.map((r) => r.qubit)).toEqual([0]);
    expect(n.skipped.filter((s) => /non-operational/.test(s.reason)).map((s) => s.what)).toEqual(['sx', 'cz', 'readout']);
  });

  test('switching parts off: no relaxation → λ = d·e/(d − 1); no gate error → relaxation only; no readout', () => {
    const t = fakeTarget('fake_brisbane');
    const noRelax = deviceNoiseParameters(t, { thermalRelaxation: false });
    const sx = noRelax.gates.find((g) => g.gate === 'sx' && g.qubits[0] === 102)!;
    expect(sx.relaxation).toBeNull();
    expect(sx.depolarizingParameter).toBeCloseTo(2 * 0.00028533664419967805, 15);
    expect(noRelax.gates.some((g) => g.gate === 'reset')).toBe(false);
    expect(noRelax.skipped.find((s) => s.what === 'reset')!.reason).toBe('relaxation switched off; reset is not a gate: no depolarizing part: noiseless');
    const noGate = deviceNoiseParameters(t, { gateError: false, readoutError: false });
    expect(noGate.gates.every((g) => g.depolarizingParameter === 0 && g.relaxation !== null)).toBe(true);
    expect(noGate.readout).toEqual([]);
  });
});

describe("Aer's own device-model test case (test/terra/noise/test_device_models.py, target_7q)", () => {
  // Aer's 7-qubit target: T1 = T2 = 150 µs; sx, x, rz on every qubit (50 ns, error 2e-4); cx on
  // both directions of a 7-ring (300 ns, error 1e-3); reset (4 µs, no error); measure (3 µs,
  // error 1.5e-2). Aer's test expects 42 gate errors, 7 of them on reset, none on measure.
  function target7q(noT1T2: number[] = []) {
    const gateErrors: Record<string, number> = {};
    const gateLengths: Record<string, number> = {};
    for (let q = 0; q < 7; q++) {
      for (const g of ['sx', 'x', 'rz']) [gateErrors[`${g}:${q}`], gateLengths[`${g}:${q}`]] = [2e-4, 50e-9];
      gateLengths[`reset:${q}`] = 4e-6;
      [gateErrors[`measure:${q}`], gateLengths[`measure:${q}`]] = [1.5e-2, 3e-6];
    }
    const ring: [number, number][] = [];
    for (let q = 0; q < 7; q++) ring.push([q, (q + 1) % 7], [(q + 1) % 7, q]);
    for (const [a, b] of ring) [gateErrors[`cx:${a},${b}`], gateLengths[`cx:${a},${b}`]] = [1e-3, 300e-9];
    return createTarget({
      numQubits: 7,
      basisGates: ['sx', 'x', 'rz', 'cx'],
      couplingMap: ring,
      qubitProperties: Array.from({ length: 7 }, (_, q) => (noT1T2.includes(q) ? {} : { t1: 1.5e-4, t2: 1.5e-4 })),
      gateErrors,
      gateLengths,
    });
  }

  test('42 instructions with noise, 7 on reset (relaxation only), none on measure', () => {
    const n = deviceNoiseParameters(target7q());
    expect(n.gates).toHaveLength(42);
    const resets = n.gates.filter((g) => g.gate === 'reset');
    expect(resets).toHaveLength(7);
    expect(resets.every((g) => g.depolarizingParameter === 0 && g.relaxation !== null)).toBe(true);
    expect(n.gates.some((g) => g.gate === 'measure')).toBe(false);
    expect(n.skipped.filter((s) => s.what === 'measure')).toHaveLength(7);
  });

  test('qubits without T1 and T2 get no relaxation (Aer: an ideal error; here: skipped, with the reason)', () => {
    const n = deviceNoiseParameters(target7q([1, 2]), { gateError: false });
    expect(n.gates.find((g) => g.gate === 'sx' && g.qubits[0] === 1)).toBeUndefined();
    expect(n.gates.find((g) => g.gate === 'cx' && g.qubits.join() === '1,2')).toBeUndefined();
    expect(n.skipped).toContainEqual({ what: 'relaxation', qubits: [1], reason: expect.stringMatching(/no T1 or T2/) });
    expect(n.skipped).toContainEqual({ what: 'sx', qubits: [1], reason: 'no T1 or T2 on its qubits; gate error switched off: noiseless' });
    // cx 0→1 keeps qubit 0's relaxation, with qubit 1 as the identity (T1 = T2 = ∞).
    const cx01 = n.gates.find((g) => g.gate === 'cx' && g.qubits.join() === '0,1')!;
    expect(cx01.relaxation!.map((r) => [r.t1, r.t2])).toEqual([[1.5e-4, 1.5e-4], [Infinity, Infinity]]);
  });
});
