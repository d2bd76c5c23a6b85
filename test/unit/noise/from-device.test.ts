/**
 * noiseModelFromDevice: the channel it attaches to each calibrated gate reproduces the reported
 * gate error (average gate fidelity from the Kraus operators, computed by the test's own
 * reference), acts as depolarizing-then-relaxation with the gate's first qubit least significant,
 * and carries the published readout matrices.
 */
import { fakeDevice } from '../../../simulators/fake';
import { noiseModelFromDevice } from '../../../src/noise';
import {
  averageGateFidelity,
  composeKraus,
  dagger,
  depolarizingKraus,
  kron,
  matmul,
  maxDiff,
  projector,
  relaxationKraus,
  toM,
  type C,
  type M,
} from '../../support/kraus';
import { fakeTarget } from '../../support/transpiler';

/** Σ K ρ K† over reference Kraus operators. */
function apply(kraus: M[], rho: M): M {
  const d = rho.length;
  let out: M = Array.from({ length: d }, () => Array.from({ length: d }, (): C => [0, 0]));
  for (const k of kraus) {
    const t = matmul(matmul(k, rho), dagger(k));
    out = out.map((row, r) => row.map((x, c): C => [x[0] + t[r]![c]![0], x[1] + t[r]![c]![1]]));
  }
  return out;
}

/** The published T1, T2 (µs) and prob_meas values of a qubit, straight from the device JSON. */
function publishedQubit(device: string, q: number): Record<string, number> {
  const { properties } = fakeDevice(device).load();
  return Object.fromEntries(properties.qubits[q]!.map((e) => [e.name, e.value]));
}

function publishedGate(device: string, gate: string, qubits: readonly number[]): { gateError: number; lengthNs: number } {
  const row = fakeDevice(device).load().properties.gates.find((g) => g.gate === gate && g.qubits.join() === qubits.join())!;
  const val = (name: string): number => row.parameters.find((p) => p.name === name)!.value;
  return { gateError: val('gate_error'), lengthNs: val('gate_length') };
}

describe.each(['fake_fez', 'fake_brisbane'])('noiseModelFromDevice(%s)', (device) => {
  const { model, parameters, notAttached } = noiseModelFromDevice(fakeTarget(device));
  const snap = model.snapshot();

  test('every attached gate error has average gate fidelity 1 − gate_error (unclipped rows, 1e-12)', () => {
    const rows = parameters.gates.filter((g) => g.gateError !== null && !g.clipped && !['reset', 'delay', 'measure'].includes(g.gate));
    expect(rows.length).toBeGreaterThan(100);
    // Every tenth row keeps the test fast while covering one- and two-qubit gates.
    const sample = rows.filter((_, i) => i % 10 === 0);
    expect(new Set(sample.map((g) => g.qubits.length))).toEqual(new Set([1, 2]));
    for (const g of sample) {
      const error = snap.localErrors.get(`${g.gate}:${g.qubits.join(',')}`);
      expect(error).toBeDefined();
      const f = averageGateFidelity(error!.kraus.map(toM));
      expect({ gate: g.gate, qubits: g.qubits, infidelity: 1 - f }).toEqual({ gate: g.gate, qubits: g.qubits, infidelity: expect.closeTo(publishedGate(device, g.gate, g.qubits).gateError, 12) });
    }
  });

  test('a two-qubit gate: depolarizing then relaxation, the first qubit least significant (dense reference)', () => {
    const g = parameters.gates.find((x) => x.qubits.length === 2 && x.gateError !== null && !x.clipped && x.depolarizingParameter > 0)!;
    const [q0, q1] = g.qubits as [number, number];
    const t = publishedGate(device, g.gate, [q0, q1]).lengthNs * 1e-9;
    const relax = (q: number): M[] => {
      const p = publishedQubit(device, q);
      return relaxationKraus(p.T1! * 1e-6, Math.min(p.T2!, 2 * p.T1!) * 1e-6, t);
    };
    // kron(high, low): qubit q1 is the high factor.
    const relaxBoth = relax(q1).flatMap((a) => relax(q0).map((b) => kron(a, b)));
    const reference = composeKraus(depolarizingKraus(2, g.depolarizingParameter), relaxBoth);
    const swapped = composeKraus(depolarizingKraus(2, g.depolarizingParameter), relax(q0).flatMap((a) => relax(q1).map((b) => kron(a, b))));
    // |q1 q0⟩ = |0 1⟩ plus a superposition, so T1 and T2 of each qubit both show.
    const s = Math.SQRT1_2;
    const rho = projector([[0, 0], [s, 0], [0, 0], [s, 0]]);
    const model2 = apply(snap.localErrors.get(`${g.gate}:${q0},${q1}`)!.kraus.map(toM), rho);
    expect(maxDiff(model2, apply(reference, rho))).toBeLessThan(1e-12);
    // The qubits' calibrations differ, so the other order is a different channel.
    expect(maxDiff(apply(swapped, rho), apply(reference, rho))).toBeGreaterThan(1e-7);
  });

  test('readout: each qubit carries its published assignment matrix', () => {
    for (const q of [0, 1, 7]) {
      const p = publishedQubit(device, q);
      const local = snap.localReadout.find((r) => r.qubits.length === 1 && r.qubits[0] === q)!;
      const [p10, p01] = [p.prob_meas1_prep0!, p.prob_meas0_prep1!];
      expect(local.error.probabilities.map((r) => [...r])).toEqual([
        [expect.closeTo(1 - p10, 15), expect.closeTo(p10, 15)],
        [expect.closeTo(p01, 15), expect.closeTo(1 - p01, 15)],
      ]);
    }
  });

  test('relaxation during reset and delay is reported as not attached, not dropped silently', () => {
    const resets = parameters.gates.filter((g) => g.gate === 'reset' && g.relaxation);
    expect(notAttached.filter((s) => s.startsWith('reset ['))).toHaveLength(resets.length);
    expect([...snap.localErrors.keys()].some((k) => k.startsWith('reset:'))).toBe(false);
  });
});
