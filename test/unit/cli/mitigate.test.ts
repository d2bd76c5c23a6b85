/**
 * `--mitigate` on `run`, `kernel` and `qsvc` (fake devices): counts become quasi-probabilities
 * from the device's published readout calibration (checked against a 2×2 subspace solve written
 * out here), `measured` runs calibration circuits first, kernels become sampled and mitigated,
 * and the output says which matrices were used.
 */
import * as path from 'node:path';
import { fakeDevice } from '../../../simulators/fake';
import { cleanupTempDirs, runCli, tempQasm } from '../../support/cli';

const CSV = (f: string): string => path.join(__dirname, '..', '..', '..', 'fixtures', 'csv', f);
afterAll(() => cleanupTempDirs());

const BELL = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[2] q;\nbit[2] c;\nh q[0];\ncx q[0], q[1];\nc = measure q;\n';

/** The published readout errors of one fake_fez qubit, from the device JSON. */
function published(q: number): { p10: number; p01: number } {
  const { properties } = fakeDevice('fake_fez').load();
  const p = Object.fromEntries(properties.qubits[q]!.map((e) => [e.name, e.value]));
  return { p10: p['prob_meas1_prep0']!, p01: p['prob_meas0_prep1']! };
}

interface RunJson {
  counts: Record<string, Record<string, number>>;
  shots: number;
  mitigation: {
    method: string;
    note: string;
    matrices: { source: string; calibration_shots_used?: number; qubits: { qubit: number; prob_meas1_prep0: number; prob_meas0_prep1: number }[] };
    quasi_probabilities: Record<string, Record<string, number>>;
    measured_qubits: Record<string, number[]>;
  };
}

describe('qbridge run --mitigate', () => {
  test('fake_fez, calibration matrices: the quasi-probabilities solve the reduced 2×2 system over the observed {00, 11}', async () => {
    const r = await runCli(['run', tempQasm(BELL), '--backend', 'fake_fez', '--shots', '2000', '--seed', '4', '--mitigate', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as RunJson;
    expect(j.mitigation.method).toBe('M3');
    expect(j.mitigation.note).toMatch(/quasi-probabilities/);
    expect(j.mitigation.matrices.source).toBe('calibration');
    const [qa, qb] = j.mitigation.measured_qubits['c']!; // bit 0, bit 1
    const a = published(qa!);
    const b = published(qb!);
    // Noiseless fake: only 00 and 11 are observed. Columns = prepared 00, 11; rows = read 00, 11.
    const c = j.counts['c']!;
    expect(Object.keys(c).sort()).toEqual(['00', '11']);
    const p00 = c['00']! / j.shots;
    const p11 = c['11']! / j.shots;
    const a00_00 = (1 - a.p10) * (1 - b.p10), a11_00 = a.p10 * b.p10;
    const a00_11 = a.p01 * b.p01, a11_11 = (1 - a.p01) * (1 - b.p01);
    const n0 = a00_00 + a11_00, n1 = a00_11 + a11_11;
    const [m00, m10, m01, m11] = [a00_00 / n0, a11_00 / n0, a00_11 / n1, a11_11 / n1];
    const det = m00 * m11 - m01 * m10;
    const x00 = (p00 * m11 - m01 * p11) / det;
    const x11 = (m00 * p11 - m10 * p00) / det;
    const q = j.mitigation.quasi_probabilities['c']!;
    expect(Math.abs(q['00']! - x00)).toBeLessThan(1e-12);
    expect(Math.abs(q['11']! - x11)).toBeLessThan(1e-12);
    expect(j.mitigation.matrices.qubits.find((e) => e.qubit === qa)!.prob_meas1_prep0).toBe(a.p10);
  });

  test('human output lists the matrices and the quasi-probabilities with a note', async () => {
    const r = await runCli(['run', tempQasm(BELL), '--backend', 'fake_fez', '--shots', '500', '--seed', '1', '--mitigate', 'calibration']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/readout mitigation \(M3\) of the counts: assignment matrices from the backend's readout calibration: q\d+ p\(1\|0\)=/);
    expect(r.stdout).toMatch(/quasi-probabilities \(may be negative; they sum to 1\):\nc \(qubits \d+, \d+, bit 0 rightmost\):\n {2}(00|11) {2}0\.\d{6}/);
  });

  test('--mitigate measured runs the calibration circuits and reports their shots (noiseless fake: matrices are the identity, quasi = frequencies)', async () => {
    const r = await runCli(['run', tempQasm(BELL), '--backend', 'fake_fez', '--shots', '300', '--seed', '2', '--mitigate', 'measured', '--calibration-shots', '100', '--json']);
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout) as RunJson;
    expect(j.mitigation.matrices.source).toBe('measured');
    expect(j.mitigation.matrices.calibration_shots_used).toBe(200);
    for (const e of j.mitigation.matrices.qubits) expect([e.prob_meas1_prep0, e.prob_meas0_prep1]).toEqual([0, 0]);
    for (const [k, v] of Object.entries(j.counts['c']!)) expect(j.mitigation.quasi_probabilities['c']![k]).toBeCloseTo(v / 300, 14);
  });

  test('typed errors name the flag: no calibration on local, an unknown source, --calibration-shots alone', async () => {
    const local = await runCli(['run', tempQasm(BELL), '--mitigate']);
    expect(local.code).toBe(1);
    expect(local.stderr).toMatch(/--mitigate: backend 'local' reports no readout calibration; use --mitigate measured/);
    const bad = await runCli(['run', tempQasm(BELL), '--backend', 'fake_fez', '--mitigate', 'sometimes']);
    expect(bad.stderr).toMatch(/--mitigate takes 'calibration' \(the default\) or 'measured', got 'sometimes'/);
    const alone = await runCli(['run', tempQasm(BELL), '--calibration-shots', '10']);
    expect(alone.stderr).toMatch(/--calibration-shots applies to --mitigate measured/);
  });

  test('without --mitigate the output has no mitigation entry (unchanged)', async () => {
    const r = await runCli(['run', tempQasm(BELL), '--backend', 'fake_fez', '--shots', '100', '--seed', '4', '--json']);
    expect(JSON.parse(r.stdout)).not.toHaveProperty('mitigation');
  });
});

describe('qbridge kernel / qsvc --mitigate', () => {
  test('kernel on fake_fez: sampled, every entry mitigated, the matrices reported', async () => {
    const r = await runCli(['kernel', '--train', CSV('train.csv'), '--backend', 'fake_fez', '--shots', '400', '--seed', '3', '--mitigate', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { matrix: number[][]; mitigation: { method: string; entries_mitigated: number; measured_qubits: number[]; matrices: { source: string } } };
    expect(j.mitigation.method).toBe('M3');
    expect(j.mitigation.matrices.source).toBe('calibration');
    expect(j.mitigation.entries_mitigated).toBe(3); // 3 points: 3 pairs above the diagonal
    expect(j.mitigation.measured_qubits).toHaveLength(2);
    const raw = await runCli(['kernel', '--train', CSV('train.csv'), '--backend', 'fake_fez', '--shots', '400', '--seed', '3', '--method', 'sampler', '--json']);
    const rawJ = JSON.parse(raw.stdout) as { matrix: number[][] };
    expect(rawJ).not.toHaveProperty('mitigation');
    // Same shots and seed: mitigation changed the entries (it divides out the readout errors).
    expect(j.matrix[0]![1]).not.toBe(rawJ.matrix[0]![1]);
    const human = await runCli(['kernel', '--train', CSV('train.csv'), '--backend', 'fake_fez', '--shots', '100', '--seed', '3', '--mitigate']);
    expect(human.stdout).toMatch(/kernel 3×3 \(sampler, backend fake_fez, 100 shots\)/);
    expect(human.stdout).toMatch(/readout mitigation \(M3\) of 3 sampled entries \(P\(0…0\) of each circuit\)/);
  });

  test('kernel --mitigate with --method statevector or --kernel projected is refused', async () => {
    const sv = await runCli(['kernel', '--train', CSV('train.csv'), '--backend', 'fake_fez', '--method', 'statevector', '--mitigate']);
    expect(sv.stderr).toMatch(/--mitigate corrects sampled counts: it cannot be used with --method statevector/);
    const pj = await runCli(['kernel', '--train', CSV('train.csv'), '--kernel', 'projected', '--mitigate']);
    expect(pj.stderr).toMatch(/--mitigate applies to the fidelity kernel/);
  });

  test('qsvc on the ad hoc dataset on fake_fez with --mitigate reports the mitigation', async () => {
    const r = await runCli(['qsvc', '--dataset', 'ad-hoc', '--train-size', '3', '--test-size', '1', '--backend', 'fake_fez', '--shots', '200', '--seed', '1', '--mitigate', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { method: string; mitigation: { entries_mitigated: number; matrices: { source: string } } };
    expect(j.method).toBe('sampler');
    expect(j.mitigation.matrices.source).toBe('calibration');
    // Training kernel 6×6 (15 pairs) and the test kernel 2×6 (12 pairs).
    expect(j.mitigation.entries_mitigated).toBe(27);
  });
});
