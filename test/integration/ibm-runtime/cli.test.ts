/**
 * The `qbridge` commands that talk to IBM Quantum (run, jobs, backends), in-process
 * (test/support/cli.ts), against a loopback IBM imitation.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../support/cli';
import { startFakeIbm, type FakeIbm } from './fake-server';
import { FAKE_CRN, FAKE_KEY, tempHome } from './helpers';

/** Runs `qbridge ARGS` with exactly `env` (HOME without saved accounts unless given). */
function qbridge(args: string[], env: Record<string, string>): ReturnType<typeof runCli> {
  return runCli(args, { HOME: env.QBRIDGE_HOME ?? '/nonexistent', ...env });
}

describe('qbridge CLI against a loopback IBM imitation', () => {
  let server: FakeIbm;
  let home: string;
  let env: Record<string, string>;
  const ledgerAtResults = new Map<string, boolean>();
  beforeAll(async () => {
    home = tempHome();
    // When the CLI asks for a result (so before it can print it), the job must be in the ledger.
    server = await startFakeIbm({
      onResults: (id) => {
        const file = path.join(home, 'jobs.jsonl');
        ledgerAtResults.set(id, fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes(id));
      },
    });
    env = {
      QISKIT_IBM_TOKEN: FAKE_KEY,
      QISKIT_IBM_INSTANCE: FAKE_CRN,
      QBRIDGE_IBM_API_URL: server.apiUrl,
      QBRIDGE_IAM_URL: server.url,
      QBRIDGE_HOME: home,
    };
  });
  afterAll(() => server.close());

  it('run --backend ibm_* prints the local JSON shape with the IBM job id, recorded in the ledger', async () => {
    const file = path.join(home, 'bell.qasm');
    // The reference's ISA Bell program (F5): IBM accepts only ISA circuits, and the Sampler
    // front-end checks ISA before the backend sees the circuit.
    fs.writeFileSync(
      file,
      'OPENQASM 3.0;\ninclude "stdgates.inc";\nbit[2] c;\nrz(pi/2) $0;\nsx $0;\nrz(pi/2) $0;\nrz(pi/2) $1;\nsx $1;\nrz(pi/2) $1;\n' +
        'cz $0, $1;\nrz(pi/2) $1;\nsx $1;\nrz(pi/2) $1;\nc[0] = measure $0;\nc[1] = measure $1;\n',
    );
    const r = await qbridge(['run', file, '--backend', 'ibm_test_heron_5q', '--shots', '2000', '--json'], env);
    expect(r.stderr).not.toContain(FAKE_KEY);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { backend: string; job_id: string; shots: number; counts: Record<string, Record<string, number>> };
    expect(out).toMatchObject({ backend: 'ibm_test_heron_5q', shots: 2000, counts: { c: { '00': 1000, '11': 1000 } } });
    expect(out.job_id).toMatch(/^fakejob/);
    expect(ledgerAtResults.get(out.job_id)).toBe(true);
    expect(server.requests.every((q) => q.authorized)).toBe(true);
  });

  it('jobs result / list / tail / cancel work from the ledger and the API; nothing leaks the key', async () => {
    // Submit through the adapter directly so this test does not depend on `run`.
    const { createIbmRuntimeBackend } = await import('../../../adapters/ibm-runtime');
    const { Circuit } = await import('../../../src/circuit');
    const b = await createIbmRuntimeBackend('ibm_test_heron_5q', { token: FAKE_KEY, instance: FAKE_CRN, apiUrl: server.apiUrl, iamUrl: server.url, home });
    const job = await b.run({ kind: 'sampler', pubs: [{ circuit: new Circuit(2).sx(0).cz(0, 1).measureAll() }], shots: 10, tag: 'cli-test' });

    const result = await qbridge(['jobs', 'result', job.id, '--json'], env);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ backend: 'ibm_test_heron_5q', job_id: job.id, shots: 10, counts: { meas: { '00': 5, '11': 5 } } });

    const list = await qbridge(['jobs', 'list', '--json'], env);
    const rows = JSON.parse(list.stdout) as { job_id: string; status: string; tag?: string }[];
    expect(rows.find((j) => j.job_id === job.id)).toMatchObject({ status: 'done', tag: 'cli-test' });

    const tail = await qbridge(['jobs', 'tail', '-n', '2'], env);
    const lines = tail.stdout.trim().split('\n').map((l) => JSON.parse(l) as { job_id: string });
    expect(lines).toHaveLength(2);
    expect(lines[1]!.job_id).toBe(job.id);

    const cancel = await qbridge(['jobs', 'cancel', job.id], env);
    expect(cancel.stdout).toContain(`cancellation requested for ${job.id}`);
    for (const o of [result, list, tail, cancel]) expect(o.stdout + o.stderr).not.toContain(FAKE_KEY);
    expect(fs.readFileSync(path.join(home, 'jobs.jsonl'), 'utf8')).not.toMatch(/fake-api-key|fake-iam-token|crn:v1/);
  });

  it('backends --json adds IBM devices with status and queue length when IBM is configured', async () => {
    const r = await qbridge(['backends', '--json'], env);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { backends: { name: string }[]; ibm: unknown[] };
    expect(out.backends.map((b) => b.name)).toEqual(expect.arrayContaining(['/^ibm_/', 'least_busy']));
    expect(out.ibm).toContainEqual({ name: 'ibm_fez', status: 'online', queueLength: 12, qubits: 156 });
    expect(out.ibm).toContainEqual({ name: 'ibm_marrakesh', status: 'paused', reason: 'Calibrating', queueLength: 0, qubits: 156 });
  });

  it('without a token, an IBM backend name gives one line naming the variables', async () => {
    fs.writeFileSync(path.join(home, 'x.qasm'), 'OPENQASM 3.0;\nbit[1] c;\nc[0] = measure $0;\n');
    for (const args of [['jobs', 'show', 'd6147q3traac73bef6f0'], ['run', path.join(home, 'x.qasm'), '--backend', 'ibm_fez']]) {
      const r = await qbridge(args, { QBRIDGE_HOME: home });
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/QISKIT_IBM_TOKEN.*QISKIT_IBM_INSTANCE/);
    }
  });
});
