/**
 * Issue 13 point 7 (instances): an instance NAME resolved to its CRN, NO instance (or `auto`)
 * picked per device by qiskit-ibm-runtime's ranking, `instances()`, against the IBM-like test
 * server's Global Search and Catalog (test/support/runtime-server/instances.ts: premium,
 * open, pay-as-you-go and an unallocated instance, each with its own devices).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { IbmQuantumService } from '../../../adapters/ibm-runtime';
import { Circuit } from '../../../src/circuit';
import { ConfigurationError } from '../../../src/core/errors';
import { BELL_ISA_QASM_C, runCli, tempDir, withoutSpendLine } from '../../support/cli';
import {
  ALT_BACKEND,
  defaultInstances,
  devicesWithAltName,
  FAKE_API_KEY,
  OPEN_INSTANCE,
  PAUSED_BACKEND,
  PAYGO_INSTANCE,
  PREMIUM_INSTANCE,
  startRuntimeServer,
  TEST_BACKEND,
  UNALLOCATED_INSTANCE,
  type RuntimeServer,
} from '../../support/runtime-server';

const crnOf = (name: string): string => defaultInstances().find((i) => i.name === name)!.crn;
const bell = new Circuit(2).x(0).x(1).measureAll();

describe('point 7: IBM instances (names, none, auto)', () => {
  let server: RuntimeServer;
  let home: string;
  const service = (extra: Record<string, unknown> = {}): IbmQuantumService =>
    new IbmQuantumService({
      token: FAKE_API_KEY,
      apiUrl: server.apiUrl,
      iamUrl: server.iamUrl,
      globalSearchUrl: server.globalSearchUrl,
      globalCatalogUrl: server.globalCatalogUrl,
      ledger: false,
      pacing: false,
      ...extra,
    });
  /** The Service-CRN of every POST /jobs the server saw since `from`. */
  const submittedTo = (from: number): string[] => server.requests.slice(from).filter((r) => r.route === 'POST /jobs').map((r) => r.headers['service-crn']!);

  beforeAll(async () => {
    home = tempDir();
    // Two instances per page, so listing needs the search cursor.
    server = await startRuntimeServer({ devices: devicesWithAltName(), instances: defaultInstances(), searchPageSize: 2, defaultJobPlan: { queuedPolls: 0, runningPolls: 0 } });
  });
  afterAll(() => server.close());

  it('point 7: instances() lists the allocated instances with plan and pricing type from the catalog, like Qiskit', async () => {
    const before = server.requests.length;
    const list = await service().instances();
    expect(list).toEqual([
      { crn: crnOf(PREMIUM_INSTANCE), name: PREMIUM_INSTANCE, plan: 'premium', pricingType: 'subscription', tags: ['team-a', 'prod'] },
      { crn: crnOf(OPEN_INSTANCE), name: OPEN_INSTANCE, plan: 'open', pricingType: 'free', tags: [] },
      { crn: crnOf(PAYGO_INSTANCE), name: PAYGO_INSTANCE, plan: 'pay-as-you-go', pricingType: 'paygo', tags: ['team-a'] },
    ]);
    expect(list.map((i) => i.name)).not.toContain(UNALLOCATED_INSTANCE);
    const seen = server.requests.slice(before);
    // Four instances, two per page: two search pages (the second by cursor), one catalog read per plan.
    expect(seen.filter((r) => r.route === 'POST /v3/resources/search')).toHaveLength(2);
    expect(seen.filter((r) => r.route === 'GET /globalcatalog/:id').map((r) => r.path).sort()).toEqual(
      ['/globalcatalog/api/v1/plan-open-0002', '/globalcatalog/api/v1/plan-paygo-0003', '/globalcatalog/api/v1/plan-premium-0001'],
    );
    const first = JSON.parse(seen.find((r) => r.route === 'POST /v3/resources/search')!.body) as Record<string, unknown>;
    expect(first).toMatchObject({ query: 'service_name:quantum-computing', fields: ['crn', 'service_plan_unique_id', 'name', 'doc', 'tags'] });
  });

  it('point 7: name → CRN: an instance name is resolved once, and jobs go to that instance', async () => {
    const s = service({ instance: PREMIUM_INSTANCE });
    const before = server.requests.length;
    const backend = await s.backend(ALT_BACKEND);
    expect(backend.instance).toEqual({ crn: crnOf(PREMIUM_INSTANCE), name: PREMIUM_INSTANCE, plan: 'premium', selection: 'name' });
    await (await backend.run({ kind: 'sampler', pubs: [{ circuit: bell }], shots: 10 })).result();
    await s.backend(TEST_BACKEND);
    // ALT is on the open instance too; by name the premium one is used, and the name was looked up once.
    expect(submittedTo(before)).toEqual([crnOf(PREMIUM_INSTANCE)]);
    expect(server.requests.slice(before).filter((r) => r.route === 'POST /v3/resources/search')).toHaveLength(2);
    expect(s.activeInstance()).toBe(crnOf(PREMIUM_INSTANCE));
  });

  it('point 7: unknown name error lists the names the key can use', async () => {
    const err = await service({ instance: 'qb-nope' }).backends().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigurationError);
    expect((err as ConfigurationError).message).toBe(
      `QISKIT_IBM_INSTANCE: no IBM Quantum instance is named 'qb-nope'; the instances this API key can use: ${PREMIUM_INSTANCE}, ${OPEN_INSTANCE}, ${PAYGO_INSTANCE}`,
    );
  });

  it('point 7: no instance → ranked choice: free before paygo before subscription, each device from the first instance that has it', async () => {
    const s = service();
    expect((await s.candidates()).map((c) => c.name)).toEqual([OPEN_INSTANCE, PAYGO_INSTANCE, PREMIUM_INSTANCE]);
    const devices = await s.backends();
    expect(devices.map((d) => [d.name, d.instance.name])).toEqual([
      [ALT_BACKEND, OPEN_INSTANCE],
      [TEST_BACKEND, PAYGO_INSTANCE],
      [PAUSED_BACKEND, PREMIUM_INSTANCE],
    ]);
    const before = server.requests.length;
    const test5q = await s.backend(TEST_BACKEND);
    await (await test5q.run({ kind: 'sampler', pubs: [{ circuit: bell }], shots: 10 })).result();
    expect(test5q.instance).toMatchObject({ name: PAYGO_INSTANCE, plan: 'pay-as-you-go', selection: 'auto' });
    expect(submittedTo(before)).toEqual([crnOf(PAYGO_INSTANCE)]);
    // least busy among online devices: TEST (queue 3, via pay-as-you-go) beats ALT (queue 7).
    expect((await s.leastBusy()).instance).toMatchObject({ name: PAYGO_INSTANCE });
  });

  it('point 7: an instance whose devices cannot be listed is skipped with a warning (Qiskit: "Invalid instance"), not fatal', async () => {
    const s = service();
    await s.candidates();
    server.faults.push('GET /backends', { kind: 'status', status: 403 }); // the first candidate's listing: the open instance
    const devices = await s.backends();
    expect(devices.map((d) => [d.name, d.instance.name])).toEqual([
      [TEST_BACKEND, PAYGO_INSTANCE],
      [PAUSED_BACKEND, PREMIUM_INSTANCE],
      [ALT_BACKEND, PREMIUM_INSTANCE],
    ]);
    expect(s.warnings).toEqual([expect.stringMatching(/^IBM instance qb-open \(plan open\) skipped: its devices could not be listed \(GET \/api\/v1\/backends failed with HTTP 403/)]);
  });

  it('point 7: `auto` is the same as no instance', async () => {
    const s = service({ instance: 'auto' });
    expect(s.instanceSelection).toBe('auto');
    expect((await s.backend(ALT_BACKEND)).instance).toMatchObject({ name: OPEN_INSTANCE, selection: 'auto' });
  });

  it('point 7: plans preference, tags and region filter and order the candidates as in Qiskit', async () => {
    expect((await service({ plansPreference: ['Premium', 'open'] }).candidates()).map((c) => c.name)).toEqual([PREMIUM_INSTANCE, OPEN_INSTANCE]);
    expect((await service({ tags: ['TEAM-A'] }).candidates()).map((c) => c.name)).toEqual([PAYGO_INSTANCE, PREMIUM_INSTANCE]);
    expect((await service({ region: 'eu-de' }).candidates()).map((c) => c.name)).toEqual([PAYGO_INSTANCE]);
    const err = await service({ plansPreference: ['flex'] }).candidates().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigurationError);
    expect((err as Error).message).toMatch(/no IBM Quantum instance matches the filters \(plans flex\); the instances this API key can use: qb-premium, qb-open, qb-paygo/);
  });

  it('point 7: one IAM token serves Global Search, the catalog and every instance client', async () => {
    const issued = server.auth.issued;
    const s = service();
    await s.backends();
    await s.backend(PAUSED_BACKEND);
    expect(server.auth.issued - issued).toBe(1);
  });

  it('point 7: a 503 from Global Search is retried (the search POST only reads); a refused key is an AuthenticationError', async () => {
    server.faults.push('POST /v3/resources/search', { kind: 'status', status: 503 });
    const before = server.count('POST /v3/resources/search');
    expect((await service({ maxRetries: 2, sleep: async () => {} }).instances()).map((i) => i.name)).toEqual([PREMIUM_INSTANCE, OPEN_INSTANCE, PAYGO_INSTANCE]);
    expect(server.count('POST /v3/resources/search') - before).toBe(3); // the 503, then two pages
    const { AuthenticationError } = await import('../../../src/core/errors');
    await expect(service({ token: 'fake-wrong-key', maxRetries: 0 }).instances()).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('point 7: a plan the catalog refuses (403, archived) is `unknown` and ranks last', async () => {
    const instances = defaultInstances();
    instances[1]!.archivedPlan = true; // the open instance's plan
    instances[3]!.archivedPlan = true; // the same plan id
    const other = await startRuntimeServer({ devices: devicesWithAltName(), instances });
    try {
      const s = new IbmQuantumService({ token: FAKE_API_KEY, apiUrl: other.apiUrl, iamUrl: other.iamUrl, globalSearchUrl: other.globalSearchUrl, globalCatalogUrl: other.globalCatalogUrl, ledger: false });
      expect((await s.instances()).find((i) => i.name === OPEN_INSTANCE)).toMatchObject({ plan: 'unknown', pricingType: 'unknown' });
      expect((await s.candidates()).map((c) => c.name)).toEqual([PAYGO_INSTANCE, PREMIUM_INSTANCE, OPEN_INSTANCE]);
    } finally {
      await other.close();
    }
  });

  describe('the CLI without QISKIT_IBM_INSTANCE', () => {
    let env: Record<string, string>;
    beforeAll(() => {
      env = {
        HOME: '/nonexistent',
        QISKIT_IBM_TOKEN: FAKE_API_KEY,
        QBRIDGE_IBM_API_URL: server.apiUrl,
        QBRIDGE_IAM_URL: server.iamUrl,
        QBRIDGE_GLOBAL_SEARCH_URL: server.globalSearchUrl,
        QBRIDGE_GLOBAL_CATALOG_URL: server.globalCatalogUrl,
        QBRIDGE_HOME: home,
        // More submissions than IBM's 5 per minute happen here: no client-side pacing waits.
        QBRIDGE_IBM_SUBMIT_RATE: '1000/1',
      };
    });

    it('point 7: qbridge backends lists each device with the instance it is used through, candidates in rank order', async () => {
      const r = await runCli(['backends'], env);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain(
        'IBM Quantum devices (no instance configured: each device is used through the first of qb-open (plan open), qb-paygo (plan pay-as-you-go), qb-premium (plan premium) that lists it',
      );
      expect(r.stdout).toMatch(new RegExp(`^  ${ALT_BACKEND}  online  queue 7  5 qubits  instance ${OPEN_INSTANCE}$`, 'm'));
      expect(r.stdout).toMatch(new RegExp(`^  ${TEST_BACKEND}  online  queue 3  5 qubits  instance ${PAYGO_INSTANCE}$`, 'm'));
      expect(r.stdout).toMatch(new RegExp(`^  ${PAUSED_BACKEND}  paused \\(Calibrating\\)  queue 0  5 qubits  instance ${PREMIUM_INSTANCE}$`, 'm'));
      const j = JSON.parse((await runCli(['backends', '--json'], env)).stdout) as { ibm: Array<{ name: string; instance: { name: string; crn: string } }>; ibm_instances: Array<{ name: string }> };
      expect(j.ibm.find((d) => d.name === TEST_BACKEND)!.instance).toEqual({ name: PAYGO_INSTANCE, crn: crnOf(PAYGO_INSTANCE), plan: 'pay-as-you-go', selection: 'automatic' });
      expect(j.ibm_instances.map((i) => i.name)).toEqual([OPEN_INSTANCE, PAYGO_INSTANCE, PREMIUM_INSTANCE]);
    });

    it('point 7: qbridge run --backend X works end to end and says which instance was used', async () => {
      const file = path.join(home, 'bell-instances.qasm');
      fs.writeFileSync(file, BELL_ISA_QASM_C);
      const before = server.requests.length;
      const r = await runCli(['run', file, '--backend', TEST_BACKEND, '--shots', '100', '--json'], env);
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout) as { backend: string; job_id: string; instance: Record<string, string>; counts: Record<string, Record<string, number>> };
      expect(out.backend).toBe(TEST_BACKEND);
      expect(out.instance).toEqual({ name: PAYGO_INSTANCE, crn: crnOf(PAYGO_INSTANCE), plan: 'pay-as-you-go', selection: 'automatic' });
      expect(server.jobs.jobs.get(out.job_id)?.backend).toBe(TEST_BACKEND);
      expect(submittedTo(before)).toEqual([crnOf(PAYGO_INSTANCE)]);
      expect(Object.keys(out.counts.c!).sort()).toEqual(['00', '11']);
      const text = await runCli(['run', file, '--backend', ALT_BACKEND, '--shots', '10'], env);
      expect(text.code).toBe(0);
      expect(text.stdout).toContain(`IBM instance ${OPEN_INSTANCE} (plan open), chosen automatically (no QISKIT_IBM_INSTANCE, or auto): ${crnOf(OPEN_INSTANCE)}`);
    });

    it('point 7: qbridge jobs show / result find a job in the instance that ran it (not the first-ranked one)', async () => {
      const file = path.join(home, 'bell-jobs.qasm');
      fs.writeFileSync(file, BELL_ISA_QASM_C);
      // PAUSED is offline for jobs, so use TEST: run through pay-as-you-go, the second-ranked instance.
      const run = JSON.parse((await runCli(['run', file, '--backend', TEST_BACKEND, '--shots', '20', '--json'], env)).stdout) as { job_id: string; counts: unknown };
      const before = server.requests.length;
      const show = await runCli(['jobs', 'show', run.job_id, '--json'], env);
      expect(show.code).toBe(0);
      expect(JSON.parse(show.stdout)).toMatchObject({ job_id: run.job_id, backend: TEST_BACKEND, status: 'Completed', status_source: 'IBM Quantum (live)' });
      // Asked the open instance first (404 there), then pay-as-you-go.
      const asked = server.requests.slice(before).filter((r) => r.route === 'GET /jobs/:id').map((r) => [r.headers['service-crn'], r.status]);
      expect(asked).toEqual([[crnOf(OPEN_INSTANCE), 404], [crnOf(PAYGO_INSTANCE), 200]]);
      const result = await runCli(['jobs', 'result', run.job_id, '--json'], env);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ job_id: run.job_id, counts: run.counts });
    });

    it('point 7: qbridge kernel and estimate say which instance they used', async () => {
      const csv = path.join(home, 'points-instances.csv');
      fs.writeFileSync(csv, 'a,b\n0.10,0.30\n0.20,0.35\n');
      const before = server.requests.length;
      const k = await runCli(['kernel', '--train', csv, '--backend', ALT_BACKEND, '--shots', '50', '--seed', '1', '--json'], env);
      expect(k.code).toBe(0);
      expect(JSON.parse(k.stdout).instance).toEqual({ name: OPEN_INSTANCE, crn: crnOf(OPEN_INSTANCE), plan: 'open', selection: 'automatic' });
      expect(new Set(submittedTo(before))).toEqual(new Set([crnOf(OPEN_INSTANCE)]));
      const qasm = path.join(home, 'bell-estimate.qasm');
      fs.writeFileSync(qasm, BELL_ISA_QASM_C.replace(/\n[^\n]*measure[^\n]*/g, ''));
      const e = await runCli(['estimate', qasm, '--backend', TEST_BACKEND, '--observable', 'ZZ'], env);
      expect(withoutSpendLine(e.stderr)).toBe('');
      expect(e.code).toBe(0);
      expect(e.stdout).toContain(`IBM instance ${PAYGO_INSTANCE} (plan pay-as-you-go), chosen automatically`);
    });

    it('point 7: a device no candidate instance lists is refused with the local and IBM names, suggesting the near one', async () => {
      const file = path.join(home, 'bell-typo.qasm');
      fs.writeFileSync(file, BELL_ISA_QASM_C);
      const before = server.count('POST /jobs');
      const r = await runCli(['run', file, '--backend', 'locl'], env);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/BackendNotFoundError: no backend named 'locl' \(did you mean 'local'\?\); known: .*local.*alt_heron5q/);
      expect(server.count('POST /jobs')).toBe(before);
    });

    it('point 7: QISKIT_IBM_INSTANCE=<name> runs on that instance; an unknown name is one error line listing the names', async () => {
      const file = path.join(home, 'bell-named.qasm');
      fs.writeFileSync(file, BELL_ISA_QASM_C);
      const before = server.requests.length;
      const r = await runCli(['run', file, '--backend', ALT_BACKEND, '--shots', '10', '--json'], { ...env, QISKIT_IBM_INSTANCE: PREMIUM_INSTANCE });
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).instance).toEqual({ name: PREMIUM_INSTANCE, crn: crnOf(PREMIUM_INSTANCE), plan: 'premium', selection: 'by name' });
      expect(submittedTo(before)).toEqual([crnOf(PREMIUM_INSTANCE)]);
      const bad = await runCli(['run', file, '--backend', ALT_BACKEND, '--shots', '10'], { ...env, QISKIT_IBM_INSTANCE: 'qb-nope' });
      expect(bad.code).toBe(1);
      expect(bad.stderr.trim().split('\n')).toHaveLength(1);
      expect(bad.stderr).toContain("ConfigurationError: QISKIT_IBM_INSTANCE: no IBM Quantum instance is named 'qb-nope'; the instances this API key can use: qb-premium, qb-open, qb-paygo");
    });
  });
});
