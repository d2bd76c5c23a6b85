import nock from 'nock';
import { Circuit, Parameter } from '../../../src/circuit';
import { createIbmRuntimeBackend, listIbmDevices, withSession } from '../../../adapters/ibm-runtime';
import type { QbridgeConfig } from '../../../src/config';
import { API, api, DEVICE, FAKE_CRN, FAKE_KEY, fixture, IAM, JOB_ID, mockDevice, mockIam, setupNock, testOptions } from '../../support/ibm-nock';

setupNock();

/** Bell-state preparation in the device ISA, no measurements. */
function isaBellNoMeasure(): Circuit {
  const c = new Circuit(2);
  const h = (q: number) => c.rz(Math.PI / 2, q).sx(q).rz(Math.PI / 2, q);
  h(0);
  h(1);
  c.cz(0, 1);
  return h(1) as unknown as Circuit;
}

describe('IBM Runtime Estimator, sessions, least_busy and job listing under nock', () => {
  it.each([
    ['plain JSON', 'results-estimator-plain', 1.1142546245919478, 0.012101383035893986],
    ['Qiskit-serialized', 'results-estimator-typed', 0.9843, 0.0123],
  ])('runs an Estimator job and decodes %s results', async (_label, body, ev, std) => {
    mockIam();
    mockDevice();
    let params: Record<string, unknown> = {};
    api()
      .post('/jobs', (b: { program_id: string; params: Record<string, unknown> }) => {
        params = b.params;
        return b.program_id === 'estimator';
      })
      .reply(200, fixture('job-created'))
      .get(`/jobs/${JOB_ID}`).query(true).reply(200, { ...fixture('job-completed'), program: { id: 'estimator' } })
      .get(`/jobs/${JOB_ID}/results`).reply(200, JSON.stringify(fixture(body)));
    const b = await createIbmRuntimeBackend(DEVICE, testOptions());
    const job = await b.run({
      kind: 'estimator',
      pubs: [{ circuit: isaBellNoMeasure(), observables: [['ZZ', 1], ['XX', 0.5]] }],
      precision: 0.015625,
      options: { resilience_level: 1, dynamical_decoupling: { enable: true, sequence_type: 'XpXm' } },
    });
    const r = await job.result();
    expect(r.pubs[0]!.evs[0]![0]).toBeCloseTo(ev, 12);
    expect(r.pubs[0]!.stds[0]![0]).toBeCloseTo(std, 12);
    expect(r.pubs[0]!.metadata.precision).toBe(0.015625);
    expect(params).toMatchObject({
      version: 2,
      precision: 0.015625,
      resilience_level: 1,
      options: { dynamical_decoupling: { enable: true, sequence_type: 'XpXm' } },
    });
    const pub = params.pubs as unknown[][];
    expect(pub[0]![1]).toEqual({ ZZ: 1, XX: 0.5 });
  });

  it('binds parameter rows by name and returns evs[row][observable] from a (K, R) broadcast', async () => {
    mockIam();
    mockDevice();
    let pub: unknown[] = [];
    // K = 2 observables (shape (2,1)) × R = 3 rows → evs shape (2, 3)
    const evs = [[0.1, 0.2, 0.3], [-0.1, -0.2, -0.3]];
    api()
      .post('/jobs', (b: { params: { pubs: unknown[][] } }) => {
        pub = b.params.pubs[0]!;
        return true;
      })
      .reply(200, fixture('job-created'))
      .get(`/jobs/${JOB_ID}`).query(true).reply(200, fixture('job-completed'))
      .get(`/jobs/${JOB_ID}/results`)
      .reply(200, { results: [{ data: { evs, stds: evs.map((r) => r.map(() => 0.01)) }, metadata: { target_precision: 0.01 } }], metadata: { version: 2 } });
    const theta = new Parameter('theta');
    const c = new Circuit(1).rz(theta, 0).sx(0);
    const b = await createIbmRuntimeBackend(DEVICE, testOptions());
    const job = await b.run({
      kind: 'estimator',
      pubs: [{ circuit: c, observables: [[['Z', 1]], [['X', 1]]], parameterValues: [[0.5], [1], [1.5]] }],
    });
    const r = await job.result();
    expect(pub[1]).toEqual([[{ Z: 1 }], [{ X: 1 }]]);
    expect(pub[2]).toEqual({ theta: [0.5, 1, 1.5] });
    expect(pub[0]).toMatch(/input float\[64\] theta;/);
    expect(r.pubs[0]!.evs).toEqual([[0.1, -0.1], [0.2, -0.2], [0.3, -0.3]]);
  });

  it('maps observables through the transpiler layout to the program width', async () => {
    mockIam();
    mockDevice();
    let pub: unknown[] = [];
    api()
      .post('/jobs', (b: { params: { pubs: unknown[][] } }) => {
        pub = b.params.pubs[0]!;
        return true;
      })
      .reply(200, fixture('job-created'));
    const b = await createIbmRuntimeBackend(DEVICE, testOptions());
    await b.run({ kind: 'estimator', pubs: [{ circuit: new Circuit(3).h(0).cx(0, 2), observables: [['ZIZ', 1]] }] });
    const qasm = pub[0] as string;
    const width = Math.max(...[...qasm.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]))) + 1;
    const [key] = Object.keys(pub[1] as object);
    expect(key).toHaveLength(width);
    expect(key!.replace(/I/g, '')).toBe('ZZ');
  });

  it('withSession creates a batch, tags jobs with its id, and closes it', async () => {
    mockIam();
    mockDevice();
    const session = fixture('session');
    let sessionBody: unknown;
    let jobSession: unknown;
    api()
      .post('/sessions', (b: unknown) => {
        sessionBody = b;
        return true;
      })
      .reply(200, session)
      .post('/jobs', (b: { session_id?: string }) => {
        jobSession = b.session_id;
        return true;
      })
      .reply(200, { ...fixture('job-created'), session_id: session.id })
      .patch(`/sessions/${session.id}`, { accepting_jobs: false })
      .reply(204);
    const b = await createIbmRuntimeBackend(DEVICE, testOptions());
    const c = new Circuit(1, 1).sx(0).measure(0, 0);
    const id = await withSession(b, { mode: 'batch', maxTtl: 600 }, async (s) => (await s.run({ kind: 'sampler', pubs: [{ circuit: c }] })).id);
    expect(id).toBe(JOB_ID);
    expect(sessionBody).toEqual({ mode: 'batch', backend: DEVICE, max_ttl: 600 });
    expect(jobSession).toBe(session.id);
  });

  it('withSession closes the session when the body throws, and rethrows the original error', async () => {
    mockIam();
    mockDevice();
    const session = fixture('session');
    api().post('/sessions').reply(200, session).patch(`/sessions/${session.id}`).reply(204);
    const b = await createIbmRuntimeBackend(DEVICE, testOptions());
    await expect(
      withSession(b, { mode: 'dedicated' }, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
  });

  it('least_busy picks the online device with the shortest queue', async () => {
    mockIam();
    api().get('/backends').reply(200, fixture('backends'));
    mockDevice();
    const b = await createIbmRuntimeBackend('least_busy', testOptions());
    expect(b.name).toBe(DEVICE);
  });

  it('point 8: least_busy falls back to the next device when the least busy one\'s configuration fails to load', async () => {
    mockIam();
    const kingston = { ...(fixture(`configuration-${DEVICE}`) as Record<string, unknown>), backend_name: 'ibm_kingston' };
    api()
      .get('/backends').reply(200, fixture('backends'))
      // The least busy device (queue 1) answers with a configuration that is not one.
      .get(`/backends/${DEVICE}/configuration`).reply(200, { unexpected: true })
      .get(`/backends/${DEVICE}/properties`).reply(200, fixture(`properties-${DEVICE}`))
      // The next one (ibm_kingston, queue 3) loads.
      .get('/backends/ibm_kingston/configuration').reply(200, kingston)
      .get('/backends/ibm_kingston/properties').reply(200, fixture(`properties-${DEVICE}`));
    const b = await createIbmRuntimeBackend('least_busy', testOptions());
    expect(b.name).toBe('ibm_kingston');
    expect(b.target.numQubits).toBe(5);
  });

  it('point 8: least_busy does not hide bad credentials behind the fallback', async () => {
    mockIam();
    mockIam();
    const next = api().get('/backends/ibm_kingston/configuration').reply(200, {});
    api()
      .get('/backends').reply(200, fixture('backends'))
      .get(`/backends/${DEVICE}/configuration`).times(3).reply(401, fixture('error-401'))
      .get(`/backends/${DEVICE}/properties`).times(3).reply(401, fixture('error-401'));
    const err = await createIbmRuntimeBackend('least_busy', testOptions()).catch((e: unknown) => e);
    expect((err as Error).name).toBe('AuthenticationError');
    expect(next.isDone()).toBe(false); // the next device was never tried
    nock.cleanAll();
  });

  it('retrieves a job by id and lists jobs', async () => {
    mockIam();
    mockDevice();
    api()
      .get(`/jobs/${JOB_ID}`).query(true).times(2).reply(200, fixture('job-completed'))
      .get(`/jobs/${JOB_ID}/results`).reply(200, JSON.stringify(fixture('results-sampler-plain')))
      .get('/jobs').query({ backend: DEVICE, limit: '20' }).reply(200, fixture('jobs-list'))
      .get(`/backends/${DEVICE}/status`).reply(200, fixture(`status-${DEVICE}`));
    const b = await createIbmRuntimeBackend(DEVICE, testOptions());
    const job = await b.job(JOB_ID);
    const r = await job.result();
    expect(r.kind).toBe('sampler');
    if (r.kind === 'sampler') expect(r.pubs[0]!.data.meas!.getCounts()).toEqual({ '00': 4, '11': 4 });
    const jobs = await b.jobs();
    expect(jobs.map((j) => [j.id, j.status])).toEqual([[JOB_ID, 'done'], ['d6147q3traac73bef6f1', 'failed']]);
    expect(await b.status()).toEqual({ operational: true, pendingJobs: 1, message: 'active' });
  });

  it('listIbmDevices maps the configuration and reports status and queue length', async () => {
    mockIam();
    api().get('/backends').reply(200, fixture('backends'));
    const config = {
      home: '/unused',
      ibm: { token: { reveal: () => FAKE_KEY }, instance: FAKE_CRN, instanceKind: 'crn', apiUrl: `${API}/api/v1`, iamUrl: IAM },
    } as unknown as QbridgeConfig;
    const devices = await listIbmDevices(config);
    expect(devices[0]).toEqual({ name: 'ibm_fez', status: 'online', queueLength: 12, qubits: 156 });
    expect(devices[2]).toMatchObject({ name: 'ibm_marrakesh', status: 'paused', reason: 'Calibrating' });
    await expect(listIbmDevices({ home: '/unused' } as QbridgeConfig)).rejects.toThrow(/QISKIT_IBM_TOKEN.*QISKIT_IBM_INSTANCE/);
  });

  it('a missing token gives one ConfigurationError naming the variables', async () => {
    await expect(createIbmRuntimeBackend('ibm_fez', { token: '', instance: '' })).rejects.toThrow(
      /QISKIT_IBM_TOKEN.*QISKIT_IBM_INSTANCE/,
    );
  });
});
