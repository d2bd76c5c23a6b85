/**
 * Issue 13: the spend estimate `qbridge run`, `kernel`, `qsvc` and `estimate` print before
 * submitting to an IBM device, and the rule above 60 s of estimated QPU time: `--yes`, or on a
 * terminal a "y" answered to "Submit? [y/N]". Against the IBM Runtime test server, whose device
 * (fixtures/ibm-runtime) reports `default_rep_delay` 250 µs, readout_length 2280 ns on every
 * qubit, sx 32 ns and rz 0 ns on qubit 0 only, cz 68 ns on 0-1.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BELL_ISA_QASM_C, fakeTerminalStdin, runCli, tempDir } from '../../support/cli';
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

  /** A CSV of `n` two-feature points. */
  function points(n: number): string {
    const csv = path.join(tempDir(), `points-${n}.csv`);
    const rows = Array.from({ length: n }, (_, i) => `${(0.1 * i).toFixed(2)},${(0.3 + 0.05 * i).toFixed(2)}`);
    fs.writeFileSync(csv, `a,b\n${rows.join('\n')}\n`);
    return csv;
  }

  it('prints circuits, shots, jobs and the QPU-time estimate from rep delay, gate lengths and readout, labelled as an estimate, then submits', async () => {
    const r = await runCli(['run', file, '--backend', TEST_BACKEND, '--shots', '2000', '--json'], env);
    expect(r.code).toBe(0);
    // The Bell ISA circuit: rz·sx·rz on q0 (32 ns) and q1 (sx not reported there: the 60 ns
    // default) in parallel, cz 68 ns from 60 to 128, rz·sx·rz on q1 (60) to 188 ns; readout 2280 ns.
    // 2000 shots × (250 + 0.188 + 2.28) µs = 0.505 s.
    expect(r.stderr).toContain(
      'about to submit 1 circuit(s) × 2000 shots in 1 job(s); estimated QPU time ≈ 0.5 s ' +
        "(estimate: shots × (rep delay 250 µs + gates 0.188 µs + readout 2.28 µs) per circuit, from the device's calibration); " +
        'the device reports no length for sx (qubit 1): defaults used (one-qubit 0.06 µs',
    );
    expect(JSON.parse(r.stdout).shots).toBe(2000);
  });

  it('above 60 s of estimated QPU time a non-interactive run is refused naming --yes, before any job', async () => {
    const before = server.count('POST /jobs');
    // 300 000 × 252.468 µs = 75.74 s.
    const r = await runCli(['run', file, '--backend', TEST_BACKEND, '--shots', '300000'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('estimated QPU time 75.7 s is above 60 s: pass --yes to submit anyway');
    expect(r.stderr).not.toContain('Submit?');
    expect(server.count('POST /jobs')).toBe(before);
  });

  it('above 60 s on a terminal it asks "Submit? [y/N]"; anything but y submits nothing', async () => {
    const before = server.count('POST /jobs');
    const no = await runCli(['run', file, '--backend', TEST_BACKEND, '--shots', '300000'], env, { isTTY: true, stdin: fakeTerminalStdin('n\n') });
    expect(no.code).toBe(1);
    expect(no.stderr).toContain('Submit? [y/N] ');
    expect(no.stderr).toContain('not submitted: estimated QPU time 75.7 s is above 60 s and the answer was not y (pass --yes to submit without asking)');
    // End of input without an answer is a no too.
    const eof = await runCli(['run', file, '--backend', TEST_BACKEND, '--shots', '300000'], env, { isTTY: true, stdin: fakeTerminalStdin('') });
    expect(eof.code).toBe(1);
    expect(eof.stderr).toContain('Submit? [y/N] ');
    expect(server.count('POST /jobs')).toBe(before);
  });

  it('on a terminal a "y" (any case, "yes" too) submits what was estimated above 60 s', async () => {
    const before = server.count('POST /jobs');
    // 20 points: 190 circuits × 2000 shots, above 60 s (see the kernel test below); one job.
    const yes = await runCli(['kernel', '--train', points(20), '--backend', TEST_BACKEND, '--shots', '2000', '--seed', '1', '--json'], env, { isTTY: true, stdin: fakeTerminalStdin('Yes\n') });
    expect(yes.code).toBe(0);
    expect(yes.stderr).toContain('Submit? [y/N] ');
    expect(server.count('POST /jobs')).toBe(before + 1);
  });

  it('a terminal on stderr but not on stdin (input piped) is not asked: --yes is needed', async () => {
    const piped = Object.assign(fakeTerminalStdin('y\n'), { isTTY: false });
    const r = await runCli(['run', file, '--backend', TEST_BACKEND, '--shots', '300000'], env, { isTTY: true, stdin: piped });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain('Submit?');
    expect(r.stderr).toContain('pass --yes to submit anyway');
  });

  it('with --yes above 60 s nothing is asked and the job is submitted', async () => {
    const before = server.count('POST /jobs');
    const r = await runCli(['kernel', '--train', points(20), '--backend', TEST_BACKEND, '--shots', '2000', '--seed', '2', '--yes', '--json'], env, { isTTY: true, stdin: fakeTerminalStdin('n\n') });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('Submit?');
    expect(server.count('POST /jobs')).toBe(before + 1);
  });

  it('a local fake backend prints no estimate (nothing is paid)', async () => {
    const r = await runCli(['run', file, '--backend', 'fake_line5', '--shots', '100'], env);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('estimated QPU time');
  });

  it('kernel: prints the sampled run\'s circuits, shots and jobs and the estimate before submitting', async () => {
    const r = await runCli(['kernel', '--train', points(3), '--backend', TEST_BACKEND, '--shots', '100', '--seed', '1', '--json'], env);
    expect(r.code).toBe(0);
    // 3 points, symmetric: 3 pairs × 100 shots × 251 µs = 0.0753 s.
    expect(r.stderr).toMatch(/about to submit 3 circuit\(s\) × 100 shots in \d+ job\(s\); estimated QPU time ≈ 0\.1 s \(estimate/);
  });

  /** The per-shot gate time the line states, in µs (the template's critical path, transpiler-dependent). */
  function statedGates(stderr: string): number {
    const m = /\+ gates ([\d.]+) µs \+ readout 2\.28 µs\)/.exec(stderr);
    expect(m).not.toBeNull();
    return Number(m![1]);
  }

  it('kernel: above 60 s refused naming --yes before any job; the total is circuits × shots × (rep delay + gates + readout)', async () => {
    const before = server.count('POST /jobs');
    const r = await runCli(['kernel', '--train', points(20), '--backend', TEST_BACKEND, '--shots', '2000'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('about to submit 190 circuit(s) × 2000 shots');
    // 20 points: 190 pairs × 2000 shots × (250 µs + gates + 2.28 µs); the compute-uncompute
    // circuit has at least two cz (68 ns each), so the gate time is not zero.
    const gates = statedGates(r.stderr);
    expect(gates).toBeGreaterThan(0.136);
    const total = 190 * 2000 * (250 + gates + 2.28) * 1e-6;
    expect(r.stderr).toContain(`estimated QPU time ${total.toFixed(1)} s is above 60 s: pass --yes to submit anyway`);
    expect(server.count('POST /jobs')).toBe(before);
  });

  it('qsvc: training plus test kernel circuits are estimated; above 60 s refused naming --yes before any job', async () => {
    const before = server.count('POST /jobs');
    const r = await runCli(['qsvc', '--dataset', 'ad-hoc', '--backend', TEST_BACKEND, '--shots', '1024'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('about to submit 1180 circuit(s) × 1024 shots');
    // 40 training points (20 per class), 10 test points: 780 + 400 = 1180 circuits × 1024 shots.
    const total = 1180 * 1024 * (250 + statedGates(r.stderr) + 2.28) * 1e-6;
    expect(r.stderr).toContain(`estimated QPU time ${total.toFixed(1)} s is above 60 s: pass --yes to submit anyway`);
    expect(server.count('POST /jobs')).toBe(before);
  });

  describe('estimate (Estimator)', () => {
    let estFile: string;
    beforeAll(() => {
      // The Bell ISA circuit without measurements (the Estimator measures its observables).
      estFile = path.join(tempDir(), 'bell-est.qasm');
      fs.writeFileSync(estFile, BELL_ISA_QASM_C.replace(/^bit\[2\] c;\n/m, '').replace(/^c\[\d\] = measure .*\n/gm, ''));
    });

    it('estimate: prints one circuit per measurement basis at the shots of --precision, then submits', async () => {
      // ZZ and XX: 2 bases; --precision 0.01: 10 000 shots; gates 0.188 µs, readout 2.28 µs
      // (as for run): 2 × 10 000 × 252.468 µs = 5.05 s.
      const r = await runCli(['estimate', estFile, '--observable', 'ZZ:1,XX:1', '--precision', '0.01', '--backend', TEST_BACKEND, '--json'], env);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('about to submit 2 circuit(s) × 10000 shots in 1 job(s); estimated QPU time ≈ 5.0 s (estimate: shots × (rep delay 250 µs + gates 0.188 µs + readout 2.28 µs)');
      expect(r.stderr).toContain('circuits: one per measurement basis of the observables; shots: ⌈1/precision²⌉ for --precision 0.01');
      expect(JSON.parse(r.stdout).results).toHaveLength(1);
    });

    it("estimate: without --precision IBM's default 4096 shots are counted", async () => {
      const r = await runCli(['estimate', estFile, '--observable', 'ZZ', '--observable', 'ZI', '--backend', TEST_BACKEND, '--json'], env);
      expect(r.code).toBe(0);
      // ZZ and ZI share the Z basis: 1 circuit.
      expect(r.stderr).toContain('about to submit 1 circuit(s) × 4096 shots in 1 job(s)');
      expect(r.stderr).toContain("shots: IBM's default precision 0.015625");
    });

    it('estimate: above 60 s refused naming --yes before any job', async () => {
      const before = server.count('POST /jobs');
      // --precision 0.002: 250 000 shots × 2 bases × 252.468 µs = 126.2 s.
      const r = await runCli(['estimate', estFile, '--observable', 'ZZ:1,XX:1', '--precision', '0.002', '--backend', TEST_BACKEND], env);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('estimated QPU time 126.2 s is above 60 s: pass --yes to submit anyway');
      expect(server.count('POST /jobs')).toBe(before);
    });
  });
});
