/**
 * The spend estimate `qbridge run` prints before submitting to an IBM device, and the `--yes`
 * rule above 60 s of estimated QPU time (tests run with a non-TTY stdout), against the IBM
 * Runtime test server (its device reports `default_rep_delay` 250 µs).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BELL_ISA_QASM_C, runCli, tempDir } from '../../support/cli';
import { FAKE_API_KEY, FAKE_CRN, startRuntimeServer, TEST_BACKEND, type RuntimeServer } from '../../support/runtime-server';

describe('qbridge run: spend estimate before an IBM submission', () => {
  let server: RuntimeServer;
  let env: Record<string, string>;
  let file: string;
  beforeAll(async () => {
    const home = tempDir();
    server = await startRuntimeServer({ defaultJobPlan: { queuedPolls: 0, runningPolls: 0 } });
    env = { HOME: '/nonexistent', QISKIT_IBM_TOKEN: FAKE_API_KEY, QISKIT_IBM_INSTANCE: FAKE_CRN, QBRIDGE_IBM_API_URL: server.apiUrl, QBRIDGE_IAM_URL: server.iamUrl, QBRIDGE_HOME: home };
    file = path.join(home, 'bell.qasm');
    fs.writeFileSync(file, BELL_ISA_QASM_C);
  });
  afterAll(() => server.close());

  it('prints circuits, shots, jobs and the QPU-time estimate from the rep delay, labelled as an estimate, then submits', async () => {
    const r = await runCli(['run', file, '--backend', TEST_BACKEND, '--shots', '2000', '--json'], env);
    expect(r.code).toBe(0);
    // 2000 shots × (250 µs + 1 µs readout) = 0.502 s.
    expect(r.stderr).toContain('about to submit 1 circuit(s) × 2000 shots in 1 job(s); estimated QPU time ≈ 0.5 s (estimate: shots × (rep delay 250 µs + readout)');
    expect(JSON.parse(r.stdout).shots).toBe(2000);
  });

  it('above 60 s of estimated QPU time a non-interactive run is refused naming --yes, before any job', async () => {
    const before = server.count('POST /jobs');
    // 300 000 × 251 µs = 75.3 s.
    const r = await runCli(['run', file, '--backend', TEST_BACKEND, '--shots', '300000'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('estimated QPU time 75.3 s is above 60 s: pass --yes to submit anyway');
    expect(server.count('POST /jobs')).toBe(before);
  });

  it('a local fake backend prints no estimate (nothing is paid)', async () => {
    const r = await runCli(['run', file, '--backend', 'fake_line5', '--shots', '100'], env);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('estimated QPU time');
  });

  /** A CSV of `n` two-feature points. */
  function points(n: number): string {
    const csv = path.join(tempDir(), `points-${n}.csv`);
    const rows = Array.from({ length: n }, (_, i) => `${(0.1 * i).toFixed(2)},${(0.3 + 0.05 * i).toFixed(2)}`);
    fs.writeFileSync(csv, `a,b\n${rows.join('\n')}\n`);
    return csv;
  }

  it('kernel: prints the sampled run\'s circuits, shots and jobs and the estimate before submitting', async () => {
    const r = await runCli(['kernel', '--train', points(3), '--backend', TEST_BACKEND, '--shots', '100', '--seed', '1', '--json'], env);
    expect(r.code).toBe(0);
    // 3 points, symmetric: 3 pairs × 100 shots × 251 µs = 0.0753 s.
    expect(r.stderr).toMatch(/about to submit 3 circuit\(s\) × 100 shots in \d+ job\(s\); estimated QPU time ≈ 0\.1 s \(estimate/);
  });

  it('kernel: above 60 s refused naming --yes before any job', async () => {
    const before = server.count('POST /jobs');
    // 20 points: 190 pairs × 2000 shots × 251 µs = 95.4 s.
    const r = await runCli(['kernel', '--train', points(20), '--backend', TEST_BACKEND, '--shots', '2000'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('about to submit 190 circuit(s) × 2000 shots');
    expect(r.stderr).toContain('estimated QPU time 95.4 s is above 60 s: pass --yes to submit anyway');
    expect(server.count('POST /jobs')).toBe(before);
  });

  it('qsvc: training plus test kernel circuits are estimated; above 60 s refused naming --yes before any job', async () => {
    const before = server.count('POST /jobs');
    // 40 training points (20 per class), 10 test points: 780 + 400 = 1180 circuits × 1024 shots × 251 µs = 303.3 s.
    const r = await runCli(['qsvc', '--dataset', 'ad-hoc', '--backend', TEST_BACKEND, '--shots', '1024'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('about to submit 1180 circuit(s) × 1024 shots');
    expect(r.stderr).toContain('estimated QPU time 303.3 s is above 60 s: pass --yes to submit anyway');
    expect(server.count('POST /jobs')).toBe(before);
  });
});
