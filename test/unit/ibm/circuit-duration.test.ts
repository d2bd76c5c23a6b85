/**
 * Issue 13 (spend estimate): one shot's device time of an ISA circuit from the device's gate
 * lengths, and the estimate Σ circuits × shots × (rep delay + gate time + readout). Expected
 * values are worked out by hand below from the lengths given, not taken from the code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Circuit } from '../../../src/circuit/circuit';
import { ConfigurationError } from '../../../src/core/errors';
import { createTarget } from '../../../src/core/target';
import { circuitDuration, DEFAULT_GATE_SECONDS } from '../../../src/ibm/circuit-duration';
import { targetFromIbmConfiguration, type IbmBackendConfiguration, type IbmBackendProperties } from '../../../src/ibm/device-config';
import { confirmSpend, estimateSpend, formatSpend } from '../../../src/ibm/spend-estimate';

const ns = 1e-9;
const load = <T>(p: string): T => JSON.parse(readFileSync(join(__dirname, '../../../fixtures', p), 'utf8')) as T;

/** A 3-qubit line with made-up, distinct lengths, so a wrong qubit or a wrong sum shows. */
const target = createTarget({
  numQubits: 3,
  basisGates: ['sx', 'x', 'rz', 'cz'],
  couplingMap: [[0, 1], [1, 2]],
  requiresIsa: true,
  defaultRepDelay: 250e-6,
  // x is deliberately not reported: it must fall back to the one-qubit default and be named.
  gateLengths: { 'sx:0': 30 * ns, 'sx:1': 40 * ns, 'sx:2': 50 * ns, 'rz:0': 0, 'rz:2': 0, 'cz:0,1': 100 * ns, 'cz:1,2': 200 * ns },
  qubitProperties: [{ readoutLength: 1000 * ns }, { readoutLength: 1500 * ns }, { readoutLength: 1200 * ns }],
});

/**
 * sx0 [0,30], sx1 [0,40], rz2 (free), sx2 [0,50]; cz01 starts at max(30,40) = 40 → 140;
 * cz12 starts at max(140,50) = 140 → 340; sx0 140 → 170; the barrier lines all up at 340;
 * x0 (default 60 ns) 340 → 400; then all three measured: gates 400 ns, readout max(1000, 1500,
 * 1200) = 1500 ns.
 */
function circuit(): Circuit {
  return new Circuit(3, 3).sx(0).sx(1).rz(0.3, 2).sx(2).cz(0, 1).cz(1, 2).sx(0).barrier(0, 1, 2).x(0).measure(0, 0).measure(1, 1).measure(2, 2);
}

describe('circuit duration from the device gate lengths', () => {
  it('is the critical path of the gates plus the longest final readout, with unreported kinds named', () => {
    const d = circuitDuration(circuit(), target);
    expect(d.gateSeconds).toBeCloseTo(400 * ns, 15);
    expect(d.readoutSeconds).toBeCloseTo(1500 * ns, 15);
    expect(d.defaulted).toEqual(['x (qubit 0)']);
    expect(DEFAULT_GATE_SECONDS.oneQubit).toBeCloseTo(60 * ns, 15);
  });

  it('a mid-circuit measurement is on the path with its qubit\'s readout; a cz given one way is timed both ways', () => {
    // cz(1,0) uses cz:0,1 = 100; measure q0 mid-circuit 100 → 1100; sx0 1100 → 1130; final readout q0 1000.
    const d = circuitDuration(new Circuit(2, 2).cz(1, 0).measure(0, 0).sx(0).measure(0, 1), target);
    expect(d.gateSeconds).toBeCloseTo(1130 * ns, 15);
    expect(d.readoutSeconds).toBeCloseTo(1000 * ns, 15);
    expect(d.defaulted).toEqual([]);
  });

  it('an Estimator circuit (no measurements) is read out on the qubits it is given', () => {
    const d = circuitDuration(new Circuit(3).sx(2), target, { readoutQubits: [0, 2] });
    expect(d.gateSeconds).toBeCloseTo(50 * ns, 15);
    expect(d.readoutSeconds).toBeCloseTo(1200 * ns, 15);
  });

  it('a device without lengths falls back to the defaults for every kind and says so', () => {
    const bare = createTarget({ numQubits: 2, basisGates: ['sx', 'cz'], defaultRepDelay: 250e-6 });
    const d = circuitDuration(new Circuit(2, 2).sx(0).cz(0, 1).measure(0, 0), bare);
    expect(d.gateSeconds).toBeCloseTo(DEFAULT_GATE_SECONDS.oneQubit + DEFAULT_GATE_SECONDS.twoQubit, 15);
    expect(d.readoutSeconds).toBe(DEFAULT_GATE_SECONDS.readout);
    expect(d.defaulted).toEqual(['cz (qubits 0-1)', 'measure (qubit 0)', 'sx (qubit 0)']);
  });

  it("reads IBM's gate_length and readout_length (ns) from the test device's properties", () => {
    const heron = targetFromIbmConfiguration(load<IbmBackendConfiguration>('ibm-runtime/configuration-test_heron_5q.json'), load<IbmBackendProperties>('ibm-runtime/properties-test_heron_5q.json'));
    // The fixture reports sx 32 ns and rz 0 ns on qubit 0 only, cz 68 ns on 0-1 and 1-0, and a
    // readout of 2280 ns on every qubit. On qubit 0 alone: sx, rz, sx = 64 ns, nothing defaulted.
    const q0 = circuitDuration(new Circuit(1, 1).sx(0).rz(0.5, 0).sx(0).measure(0, 0), heron);
    expect(q0.gateSeconds).toBeCloseTo(64 * ns, 15);
    expect(q0.readoutSeconds).toBeCloseTo(2280 * ns, 15);
    expect(q0.defaulted).toEqual([]);
    // Bell in ISA form: rz·sx·rz on q0 (32) and on q1 (sx unreported: 60) in parallel, cz from
    // max(32, 60) = 60 to 128, rz·sx·rz on q1 (60) to 188 ns.
    const bell = new Circuit(2, 2).rz(Math.PI / 2, 0).sx(0).rz(Math.PI / 2, 0).rz(Math.PI / 2, 1).sx(1).rz(Math.PI / 2, 1).cz(0, 1).rz(Math.PI / 2, 1).sx(1).rz(Math.PI / 2, 1).measure(0, 0).measure(1, 1);
    const d = circuitDuration(bell, heron);
    expect(d.gateSeconds).toBeCloseTo(188 * ns, 15);
    expect(d.readoutSeconds).toBeCloseTo(2280 * ns, 15);
    expect(d.defaulted).toEqual(['sx (qubit 1)']);
  });
});

describe('spend estimate: Σ circuits × shots × (rep delay + gates + readout)', () => {
  it('adds the gate time and the readout to the rep delay, and the line names the defaults used', () => {
    const e = estimateSpend('ibm_x', target, 2, 1000, 1, circuitDuration(circuit(), target))!;
    // 2 × 1000 × (250 µs + 0.4 µs + 1.5 µs) = 0.5038 s.
    expect(e.qpuSeconds).toBeCloseTo(0.5038, 12);
    const line = formatSpend(e);
    expect(line).toContain('about to submit 2 circuit(s) × 1000 shots in 1 job(s); estimated QPU time ≈ 0.5 s');
    expect(line).toContain('(estimate: shots × (rep delay 250 µs + gates 0.4 µs + readout 1.5 µs) per circuit');
    expect(line).toContain('the device reports no length for x (qubit 0): defaults used (one-qubit 0.06 µs');
  });

  it('a local (non-ibm_) backend has no estimate', () => {
    expect(estimateSpend('fake_line5', target, 1, 1000, 1, circuitDuration(circuit(), target))).toBeUndefined();
  });

  it('above 60 s: refused naming --yes without a terminal; on one, only a y answer lets it through', async () => {
    // 300 circuits × 1000 shots × 251.9 µs = 75.57 s.
    const e = estimateSpend('ibm_x', target, 300, 1000, 1, circuitDuration(circuit(), target))!;
    await expect(confirmSpend(e, false)).rejects.toThrow('estimated QPU time 75.6 s is above 60 s: pass --yes to submit anyway');
    await expect(confirmSpend(e, false)).rejects.toBeInstanceOf(ConfigurationError);
    await expect(confirmSpend(e, true)).resolves.toBeUndefined();
    const asked: string[] = [];
    await expect(confirmSpend(e, false, async (q) => (asked.push(q), true))).resolves.toBeUndefined();
    expect(asked).toEqual(['Submit? [y/N] ']);
    await expect(confirmSpend(e, false, async () => false)).rejects.toThrow(/not submitted: .*the answer was not y \(pass --yes/);
    // Below the threshold nobody is asked.
    const small = estimateSpend('ibm_x', target, 1, 1000, 1, circuitDuration(circuit(), target))!;
    await expect(confirmSpend(small, false, async () => { throw new Error('asked'); })).resolves.toBeUndefined();
  });
});
