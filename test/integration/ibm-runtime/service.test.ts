/**
 * Issue 13 point 7: `IbmQuantumService`, the account-level view, against the IBM Runtime test
 * server (loopback only).
 */
import { IbmQuantumService } from '../../../adapters/ibm-runtime';
import { Circuit } from '../../../src/circuit';
import { BackendNotFoundError, InputValidationError } from '../../../src/core/errors';
import { ALT_BACKEND, devicesWithAltName, FAKE_API_KEY, FAKE_CRN, PAUSED_BACKEND, startRuntimeServer, TEST_BACKEND, type RuntimeServer } from '../../support/runtime-server';

describe('point 7: IbmQuantumService', () => {
  let server: RuntimeServer;
  let service: IbmQuantumService;
  beforeAll(async () => {
    server = await startRuntimeServer({ devices: devicesWithAltName() });
    service = new IbmQuantumService({ token: FAKE_API_KEY, instance: FAKE_CRN, apiUrl: server.apiUrl, iamUrl: server.iamUrl, ledger: false });
  });
  afterAll(() => server.close());

  it('point 7: backends() lists every device with status, queue length and qubits, and filters', async () => {
    const all = await service.backends();
    // The server's list: test5q online queue 3, paused5q paused queue 0, alt online queue 7 (5 qubits each).
    expect(all.map((d) => [d.name, d.status, d.operational, d.pendingJobs, d.qubits])).toEqual([
      [TEST_BACKEND, 'online', true, 3, 5],
      [PAUSED_BACKEND, 'paused', false, 0, 5],
      [ALT_BACKEND, 'online', true, 7, 5],
    ]);
    expect(all[1]!.reason).toBe('Calibrating');
    expect((await service.backends({ operational: true })).map((d) => d.name)).toEqual([TEST_BACKEND, ALT_BACKEND]);
    expect(await service.backends({ minQubits: 6 })).toEqual([]);
    expect(await service.backends({ simulator: true })).toEqual([]);
    await expect(service.backends({ minQubits: -1 })).rejects.toThrow(InputValidationError);
  });

  it('point 7: backend(name) returns the IBM backend for a listed device (any name), and refuses an unlisted one', async () => {
    const b = await service.backend(ALT_BACKEND);
    expect(b.name).toBe(ALT_BACKEND);
    expect(b.target.numQubits).toBe(5);
    const err = await service.backend('ibm_nowhere').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendNotFoundError);
    expect((err as Error).message).toContain(ALT_BACKEND);
  });

  it('point 7: the package index builds the service from options, and names what is missing without an account', async () => {
    const { createIbmQuantumService, ConfigurationError } = await import('../../../src');
    const s = await createIbmQuantumService({ token: FAKE_API_KEY, instance: FAKE_CRN, apiUrl: server.apiUrl, iamUrl: server.iamUrl, ledger: false });
    expect((await s.backends()).map((d) => d.name)).toEqual([TEST_BACKEND, PAUSED_BACKEND, ALT_BACKEND]);
    const saved = { ...process.env };
    try {
      for (const k of Object.keys(process.env)) if (/^(QISKIT_|QBRIDGE_)/.test(k)) delete process.env[k];
      process.env.HOME = '/nonexistent';
      await expect(createIbmQuantumService()).rejects.toThrow(ConfigurationError);
      await expect(createIbmQuantumService()).rejects.toThrow(/QISKIT_IBM_TOKEN/);
    } finally {
      process.env = saved;
    }
  });

  it('point 7: leastBusy() picks the operational device with the shortest queue (not the paused one with 0)', async () => {
    expect((await service.leastBusy()).name).toBe(TEST_BACKEND);
    await expect(service.leastBusy({ minQubits: 6 })).rejects.toThrow(BackendNotFoundError);
  });

  it('point 7: jobs() filters by backend, tags and limit; job(id) retrieves one; usage() reports the period', async () => {
    const b = await service.backend(TEST_BACKEND);
    const alt = await service.backend(ALT_BACKEND);
    const bell = new Circuit(2).x(0).x(1).measureAll();
    const j1 = await b.run({ kind: 'sampler', pubs: [{ circuit: bell }], shots: 10, tag: 'svc-a' });
    const j2 = await alt.run({ kind: 'sampler', pubs: [{ circuit: bell }], shots: 10, tag: 'svc-b' });
    await j1.result();
    await j2.result();
    expect((await service.jobs({ backend: ALT_BACKEND })).map((j) => j.id)).toEqual([j2.id]);
    expect((await service.jobs({ tags: ['svc-a'] })).map((j) => j.id)).toEqual([j1.id]);
    expect(await service.jobs({ limit: 1 })).toHaveLength(1);
    await expect(service.jobs({ limit: 0 })).rejects.toThrow(InputValidationError);
    const again = await service.job(j1.id);
    expect(again.id).toBe(j1.id);
    expect(await service.usage()).toEqual({
      consumedSeconds: 120,
      limitSeconds: 600,
      remainingSeconds: 480,
      limitReached: false,
      periodStart: '2026-12-01T00:00:00Z',
      periodEnd: '2026-12-31T23:59:59Z',
    });
  });
});
