import * as fs from 'node:fs';
import { Circuit } from '../../../src/circuit';
import { createIbmRuntimeBackend, JobLedger } from '../../../adapters/ibm-runtime';
import { api, DEVICE, fixture, JOB_ID, mockDevice, mockIam, setupNock, testOptions } from '../../support/ibm-nock';

setupNock();

/** A Bell pair already in the device's ISA (H = rz·sx·rz, CNOT = H·CZ·H). */
function isaBell(): Circuit {
  const c = new Circuit(2, { classicalRegisters: { meas: 2 } });
  const h = (q: number) => c.rz(Math.PI / 2, q).sx(q).rz(Math.PI / 2, q);
  h(0);
  h(1);
  c.cz(0, 1);
  h(1);
  return c.measure(0, 0).measure(1, 1);
}

describe('IBM Runtime Sampler path under nock', () => {
  it('exchanges the key, builds the target, submits, polls queued → running → completed, decodes plain results', async () => {
    mockIam();
    mockDevice();
    let submitted: Record<string, unknown> | undefined;
    api()
      .post('/jobs', (b: Record<string, unknown>) => {
        submitted = b;
        return true;
      })
      .reply(200, fixture('job-created'))
      .get(`/jobs/${JOB_ID}`).query({ exclude_params: 'true' }).reply(200, fixture('job-queued'))
      .get(`/jobs/${JOB_ID}`).query(true).reply(200, fixture('job-running'))
      .get(`/jobs/${JOB_ID}`).query(true).reply(200, fixture('job-completed'))
      .get(`/jobs/${JOB_ID}/results`).reply(200, JSON.stringify(fixture('results-sampler-plain')), { 'Content-Type': 'application/json' });

    const opts = testOptions();
    const backend = await createIbmRuntimeBackend(DEVICE, opts);
    expect(backend.target.numQubits).toBe(5);
    expect([...backend.target.basisGates].sort()).toEqual(['cz', 'id', 'rz', 'sx', 'x']);
    expect(backend.target.couplingMap).toContainEqual([3, 4]);
    expect(backend.target.gateErrors?.get('cz:0,1')).toBeCloseTo(0.00164);
    expect(backend.target.qubitProperties?.[0]?.t1).toBeCloseTo(310.2e-6);

    const progress: string[] = [];
    const job = await backend.run({ kind: 'sampler', pubs: [{ circuit: isaBell() }], shots: 8, tag: 'ci-mock' });
    job.onProgress((p) => progress.push(p.status));
    expect(job.id).toBe(JOB_ID);

    // The ledger has the job, flushed to disk, before run() returned.
    const ledger = JobLedger.inHome(opts.home!);
    const lines = fs.readFileSync(ledger.file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    // An intent line (with the client tag sent to IBM) precedes the request; the id follows.
    expect(lines[0]).toMatchObject({ event: 'intent', backend: DEVICE, program: 'sampler', tag: 'ci-mock' });
    expect(lines[1]).toMatchObject({ event: 'submit', job_id: JOB_ID, backend: DEVICE, program: 'sampler', tag: 'ci-mock', client_tag: lines[0].client_tag });
    expect(lines[1].payload_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(submitted!.tags).toEqual(['ci-mock', lines[0].client_tag]);
    expect(lines[0].client_tag).toMatch(/^qbridge-[0-9a-f]{16}$/);

    const result = await job.result();
    expect(progress).toEqual(['queued', 'running', 'done']);
    expect(result.pubs[0]!.data.meas!.getCounts()).toEqual({ '00': 4, '11': 4 });
    expect(result.metadata.jobId).toBe(JOB_ID);

    // The request body: program, backend, version 2, an OpenQASM 3 string on physical qubits.
    expect(submitted).toMatchObject({ program_id: 'sampler', backend: DEVICE });
    const params = submitted!.params as { pubs: unknown[][]; version: number; shots: number };
    expect(params.version).toBe(2);
    expect(params.shots).toBe(8);
    expect(params.pubs[0]![0]).toMatch(/^OPENQASM 3\.0;/);
    expect(params.pubs[0]![0]).toMatch(/cz \$0, \$1;/);
    expect(params.pubs[0]![0]).not.toMatch(/qubit\[/);
    expect(ledger.job(JOB_ID)?.status).toBe('done');
  });

  it('decodes the Qiskit-serialized (__type__) result format to the same counts', async () => {
    mockIam();
    mockDevice();
    api()
      .post('/jobs').reply(200, fixture('job-created'))
      .get(`/jobs/${JOB_ID}`).query(true).reply(200, fixture('job-completed'))
      .get(`/jobs/${JOB_ID}/results`).reply(200, JSON.stringify(fixture('results-sampler-typed')));
    const backend = await createIbmRuntimeBackend(DEVICE, testOptions());
    const job = await backend.run({ kind: 'sampler', pubs: [{ circuit: isaBell() }], shots: 8 });
    const r = await job.result();
    expect(r.pubs[0]!.data.meas!.getCounts()).toEqual({ '00': 4, '11': 4 });
    expect(r.pubs[0]!.data.meas!.getBitstrings()).toEqual(['00', '11', '11', '00', '11', '00', '11', '00']);
    expect(r.metadata.format).toBe('qiskit');
  });

  it('transpiles a non-ISA circuit locally and sends only native gates on coupled qubits', async () => {
    mockIam();
    mockDevice();
    let qasm = '';
    api()
      .post('/jobs', (b: { params: { pubs: string[][] } }) => {
        qasm = b.params.pubs[0]![0]!;
        return true;
      })
      .reply(200, fixture('job-created'));
    const backend = await createIbmRuntimeBackend(DEVICE, testOptions());
    await backend.run({ kind: 'sampler', pubs: [{ circuit: new Circuit(3).h(0).cx(0, 2).measureAll() }], shots: 100 });
    const gates = [...qasm.matchAll(/^([a-z]+)(?:\([^)]*\))? \$/gm)].map((m) => m[1]);
    expect(gates.length).toBeGreaterThan(0);
    for (const g of gates) expect(['rz', 'sx', 'x', 'cz', 'barrier']).toContain(g);
    for (const m of qasm.matchAll(/^cz \$(\d+), \$(\d+);/gm)) expect(Math.abs(Number(m[1]) - Number(m[2]))).toBe(1);
  });

  it('refuses a non-ISA circuit before any request when transpilation is off (CircuitValidationError)', async () => {
    mockIam();
    mockDevice();
    const backend = await createIbmRuntimeBackend(DEVICE, testOptions());
    await expect(
      backend.run({ kind: 'sampler', pubs: [{ circuit: new Circuit(2).h(0).cx(0, 1).measureAll() }], options: { transpile: false } }),
    ).rejects.toMatchObject({ code: 'CIRCUIT_INVALID', message: expect.stringMatching(/non-ISA/) });
  });
});
