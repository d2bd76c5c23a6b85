/**
 * Issue 13 point 7: device names that do not start with `ibm_`, against the IBM Runtime test
 * server (in-process CLI, loopback only).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BELL_ISA_QASM_C, runCli, tempDir } from '../../support/cli';
import { ALT_BACKEND, devicesWithAltName, FAKE_API_KEY, FAKE_CRN, startRuntimeServer, type RuntimeServer } from '../../support/runtime-server';

describe('point 7: names', () => {
  let server: RuntimeServer;
  let home: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    home = tempDir();
    server = await startRuntimeServer({ devices: devicesWithAltName() });
    env = {
      HOME: '/nonexistent',
      QISKIT_IBM_TOKEN: FAKE_API_KEY,
      QISKIT_IBM_INSTANCE: FAKE_CRN,
      QBRIDGE_IBM_API_URL: server.apiUrl,
      QBRIDGE_IAM_URL: server.iamUrl,
      QBRIDGE_HOME: home,
    };
  });
  afterAll(() => server.close());

  it('point 7: qbridge run FILE --backend <a device the server lists whose name does not start with ibm_> works end to end', async () => {
    const file = path.join(home, 'bell.qasm');
    fs.writeFileSync(file, BELL_ISA_QASM_C);
    const r = await runCli(['run', file, '--backend', ALT_BACKEND, '--shots', '100', '--json'], env);
    // A paid device whatever its name: the spend estimate is printed before submitting.
    expect(r.stderr).toMatch(/^about to submit 1 circuit\(s\) × 100 shots in 1 job\(s\); estimated QPU time/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { backend: string; job_id: string; counts: Record<string, Record<string, number>> };
    expect(out.backend).toBe(ALT_BACKEND);
    // The job went to that device on the server, not to a local simulator.
    expect(server.jobs.jobs.get(out.job_id)?.backend).toBe(ALT_BACKEND);
    expect(Object.keys(out.counts.c!).sort()).toEqual(['00', '11']);
  });

  it('point 7: the local names stay reserved and a misspelt fake_ name is still refused with the known ones', async () => {
    const file = path.join(home, 'bell2.qasm');
    fs.writeFileSync(file, BELL_ISA_QASM_C);
    const before = server.jobs.jobs.size;
    const local = await runCli(['run', file, '--backend', 'local', '--shots', '10', '--seed', '1', '--json'], env);
    expect(local.code).toBe(0);
    expect(JSON.parse(local.stdout).backend).toBe('local');
    const typo = await runCli(['run', file, '--backend', 'fake_fes', '--shots', '10'], env);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toMatch(/BackendNotFoundError: no backend named 'fake_fes' \(did you mean 'fake_fez'\?\)/);
    expect(server.jobs.jobs.size).toBe(before);
  });

  it('point 7: qbridge backends shows the real devices with status, queue length and qubits when an account is configured', async () => {
    const r = await runCli(['backends'], env);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    // The server's list: test5q online queue 3, paused5q paused (Calibrating) queue 0, alt online queue 7.
    expect(r.stdout).toMatch(/^ {2}ibm_test5q {2}online {2}queue 3 {2}5 qubits$/m);
    expect(r.stdout).toMatch(/^ {2}ibm_paused5q {2}paused \(Calibrating\) {2}queue 0 {2}5 qubits$/m);
    expect(r.stdout).toMatch(new RegExp(`^  ${ALT_BACKEND}  online  queue 7  5 qubits$`, 'm'));
    expect(r.stdout).not.toContain('no account configured');
  });

  it('point 7: qbridge backends says when no IBM account is configured, and how to configure one', async () => {
    const r = await runCli(['backends'], { HOME: '/nonexistent', QBRIDGE_HOME: home });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^[* ] local$/m);
    expect(r.stdout).toMatch(/IBM Quantum: no account configured.*QISKIT_IBM_TOKEN.*QISKIT_IBM_INSTANCE.*qiskit-ibm\.json/);
    expect(r.stdout).not.toContain('IBM Quantum devices:');
    const j = await runCli(['backends', '--json'], { HOME: '/nonexistent', QBRIDGE_HOME: home });
    expect(JSON.parse(j.stdout)).toMatchObject({ ibm_account: false });
  });

  it('point 7: with an account, a name neither local nor listed by the service is refused with a suggestion of the local name', async () => {
    const file = path.join(home, 'bell4.qasm');
    fs.writeFileSync(file, BELL_ISA_QASM_C);
    const r = await runCli(['run', file, '--backend', 'locl'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/BackendNotFoundError: no backend named 'locl' \(did you mean 'local'\?\)/);
  });

  it('point 7: without an account a name that is neither local nor ibm_* is an unknown backend, not a credentials error', async () => {
    const file = path.join(home, 'bell3.qasm');
    fs.writeFileSync(file, BELL_ISA_QASM_C);
    const r = await runCli(['run', file, '--backend', ALT_BACKEND], { HOME: '/nonexistent', QBRIDGE_HOME: home });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`BackendNotFoundError: no backend named '${ALT_BACKEND}'`));
  });
});
