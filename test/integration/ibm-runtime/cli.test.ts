/**
 * The `qbridge` commands that talk to IBM Quantum (run, jobs, backends), in-process
 * (test/support/cli.ts), against the IBM Runtime test server.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BELL_ISA_QASM_C, runCli, tempDir } from '../../support/cli';
import { FAKE_API_KEY as FAKE_KEY, FAKE_CRN, PAUSED_BACKEND, startRuntimeServer, TEST_BACKEND, type RuntimeServer } from '../../support/runtime-server';

/** Counts per register of a job's Sampler samples as the server executed them (first PUB). */
function serverCounts(server: RuntimeServer, id: string): Record<string, Record<string, number>> {
  const counts: Record<string, Record<string, number>> = {};
  for (const [reg, { samples, num_bits }] of Object.entries(server.jobs.jobs.get(id)!.samples![0]!)) {
    const c: Record<string, number> = (counts[reg] = {});
    for (const hex of samples) {
      const bits = BigInt(hex).toString(2).padStart(num_bits, '0');
      c[bits] = (c[bits] ?? 0) + 1;
    }
  }
  return counts;
}

/** Runs `qbridge ARGS` with exactly `env` (HOME without saved accounts unless given). */
function qbridge(args: string[], env: Record<string, string>): ReturnType<typeof runCli> {
  return runCli(args, { HOME: env.QBRIDGE_HOME ?? '/nonexistent', ...env });
}

describe('qbridge CLI against the IBM Runtime test server', () => {
  let server: RuntimeServer;
  let home: string;
  let env: Record<string, string>;
  const ledgerAtResults = new Map<string, boolean>();
  beforeAll(async () => {
    home = tempDir();
    // When the CLI asks for a result (so before it can print it), the job must be in the ledger.
    server = await startRuntimeServer({
      onRequest: (r) => {
        if (r.route !== 'GET /jobs/:id/results') return;
        const id = r.path.split('/')[4]!;
        const file = path.join(home, 'jobs.jsonl');
        ledgerAtResults.set(id, fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes(id));
      },
    });
    env = {
      QISKIT_IBM_TOKEN: FAKE_KEY,
      QISKIT_IBM_INSTANCE: FAKE_CRN,
      QBRIDGE_IBM_API_URL: server.apiUrl,
      QBRIDGE_IAM_URL: server.iamUrl,
      QBRIDGE_HOME: home,
    };
  });
  afterAll(() => server.close());

  it('run --backend ibm_* prints the local JSON shape with the IBM job id, recorded in the ledger', async () => {
    const file = path.join(home, 'bell.qasm');
    // An ISA Bell program: the Sampler front-end checks ISA before the backend sees the circuit.
    fs.writeFileSync(file, BELL_ISA_QASM_C);
    const r = await qbridge(['run', file, '--backend', TEST_BACKEND, '--shots', '2000', '--json'], env);
    expect(r.stderr).not.toContain(FAKE_KEY);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { backend: string; job_id: string; shots: number; counts: Record<string, Record<string, number>> };
    expect([...server.jobs.jobs.keys()]).toEqual([out.job_id]);
    // The printed counts are the samples the server returned, tallied: a Bell pair's 00 and 11 only.
    expect(out).toEqual({ backend: TEST_BACKEND, job_id: out.job_id, shots: 2000, counts: serverCounts(server, out.job_id) });
    expect(Object.keys(out.counts.c!).sort()).toEqual(['00', '11']);
    expect(out.counts.c!['00']! + out.counts.c!['11']!).toBe(2000);
    expect(ledgerAtResults.get(out.job_id)).toBe(true);
    expect(server.requests.every((q) => q.authorized)).toBe(true);
  });

  it('jobs result / list / tail / cancel work from the ledger and the API; nothing leaks the key', async () => {
    // Submit through the adapter directly so this test does not depend on `run`.
    const { createIbmRuntimeBackend } = await import('../../../adapters/ibm-runtime');
    const { Circuit } = await import('../../../src/circuit');
    const b = await createIbmRuntimeBackend(TEST_BACKEND, { token: FAKE_KEY, instance: FAKE_CRN, apiUrl: server.apiUrl, iamUrl: server.iamUrl, home });
    // X on both qubits: every shot reads 11, so the printed counts are known exactly.
    const job = await b.run({ kind: 'sampler', pubs: [{ circuit: new Circuit(2).x(0).x(1).measureAll() }], shots: 10, tag: 'cli-test' });

    const result = await qbridge(['jobs', 'result', job.id, '--json'], env);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ backend: TEST_BACKEND, job_id: job.id, shots: 10, counts: { meas: { '11': 10 } } });

    const show = await qbridge(['jobs', 'show', job.id, '--json'], env);
    expect(JSON.parse(show.stdout)).toMatchObject({ job_id: job.id, backend: TEST_BACKEND, status: 'Completed', in_ledger: true, status_source: 'IBM Quantum (live)' });

    const list = await qbridge(['jobs', 'list', '--json'], env);
    const rows = JSON.parse(list.stdout) as { job_id: string; status: string; tag?: string }[];
    expect(rows.find((j) => j.job_id === job.id)).toMatchObject({ status: 'done', tag: 'cli-test' });

    const tail = await qbridge(['jobs', 'tail', '-n', '2'], env);
    const lines = tail.stdout.trim().split('\n').map((l) => JSON.parse(l) as { job_id: string });
    expect(lines).toHaveLength(2);
    expect(lines[1]!.job_id).toBe(job.id);

    const cancel = await qbridge(['jobs', 'cancel', job.id], env);
    expect(cancel.stdout).toContain(`cancellation requested for ${job.id}`);
    for (const o of [result, show, list, tail, cancel]) expect(o.stdout + o.stderr).not.toContain(FAKE_KEY);
    const ledger = fs.readFileSync(path.join(home, 'jobs.jsonl'), 'utf8');
    expect(ledger).not.toMatch(/fake-api-key|crn:v1/);
    for (const token of server.auth.allTokens()) expect(ledger).not.toContain(token);
  });

  it('backends --json adds IBM devices with status and queue length when IBM is configured', async () => {
    const r = await qbridge(['backends', '--json'], env);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { backends: { name: string }[]; ibm: unknown[] };
    expect(out.backends.map((b) => b.name)).toEqual(expect.arrayContaining(['/^ibm_/', 'least_busy']));
    expect(out.ibm).toContainEqual({ name: TEST_BACKEND, status: 'online', queueLength: 3, qubits: 5 });
    expect(out.ibm).toContainEqual({ name: PAUSED_BACKEND, status: 'paused', reason: 'Calibrating', queueLength: 0, qubits: 5 });
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
