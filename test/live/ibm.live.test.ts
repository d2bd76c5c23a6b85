/**
 * Live tests against real IBM Quantum. Part of the `live` Jest project, which exists only when
 * QBRIDGE_LIVE_TESTS=1; they then need QISKIT_IBM_TOKEN and QISKIT_IBM_INSTANCE (read through
 * loadConfig, never directly). They cost a few seconds of QPU time on the least busy device.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createIbmRuntimeBackend, createRuntimeClient, ibmOptionsFromConfig } from '../../adapters/ibm-runtime';
import { Circuit, Parameter } from '../../src/circuit';
import { loadConfig } from '../../src/config';

const config = loadConfig();
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'qbridge-live-'));

describe('IBM Quantum (live)', () => {
  it('has credentials (QBRIDGE_LIVE_TESTS=1 needs QISKIT_IBM_TOKEN and QISKIT_IBM_INSTANCE)', () => {
    expect(config.ibm).toBeDefined();
  });

  it('lists devices and builds a target for the least busy one', async () => {
    const client = createRuntimeClient(ibmOptionsFromConfig(config));
    const devices = await client.listBackends();
    expect(devices.length).toBeGreaterThan(0);
    const backend = await createIbmRuntimeBackend('least_busy', ibmOptionsFromConfig(config, { home }));
    expect(backend.target.numQubits).toBeGreaterThan(1);
    expect(backend.target.requiresIsa).toBe(true);
  }, 120_000);

  it('runs a 100-shot Bell pair, records it in the ledger and decodes the counts', async () => {
    const backend = await createIbmRuntimeBackend('least_busy', ibmOptionsFromConfig(config, { home }));
    const job = await backend.run({ kind: 'sampler', pubs: [{ circuit: new Circuit(2).h(0).cx(0, 1).measureAll() }], shots: 100, tag: 'qbridge-live-test' });
    expect(fs.readFileSync(path.join(home, 'jobs.jsonl'), 'utf8')).toContain(job.id);
    const counts = (await job.result({ timeoutMs: 3_600_000 })).pubs[0]!.data.meas!.getCounts();
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(100);
    expect((counts['00'] ?? 0) + (counts['11'] ?? 0)).toBeGreaterThan(70);
  }, 3_700_000);

  it('point 1: a shaped parameterised Sampler PUB and an Estimator PUB decode with their shapes (Qiskit format)', async () => {
    const backend = await createIbmRuntimeBackend('least_busy', ibmOptionsFromConfig(config, { home }));
    const theta = new Parameter('theta');
    // rx(0) reads 0, rx(π) reads 1, rx(π/2) half and half: three rows of 200 shots.
    const circuit = new Circuit(1, { classicalRegisters: { c: 1 } }).rx(theta, 0).measure(0, 0);
    const sjob = await backend.run({ kind: 'sampler', pubs: [{ circuit, parameterValues: [[0], [Math.PI], [Math.PI / 2]], shots: 200 }], tag: 'qbridge-live-test' });
    const s = await sjob.result({ timeoutMs: 3_600_000 });
    if (s.kind !== 'sampler') throw new Error('expected a Sampler result');
    const c = s.pubs[0]!.data.c!;
    expect(s.metadata.format).toBe('qiskit');
    expect([c.numRows, c.numShots]).toEqual([3, 200]);
    expect(c.getCounts(0)['0'] ?? 0).toBeGreaterThan(160);
    expect(c.getCounts(1)['1'] ?? 0).toBeGreaterThan(160);

    // Two observables against three rows: evs of shape (rows, observables).
    const ejob = await backend.run({
      kind: 'estimator',
      pubs: [{ circuit: new Circuit(1).rx(theta, 0), observables: [[['Z', 1]], [['Y', 1]]], parameterValues: [[0], [Math.PI], [Math.PI / 2]] }],
      tag: 'qbridge-live-test',
    });
    const e = await ejob.result({ timeoutMs: 3_600_000 });
    if (e.kind !== 'estimator') throw new Error('expected an Estimator result');
    expect(e.metadata.format).toBe('qiskit');
    const evs = e.pubs[0]!.evs;
    expect(evs.map((r) => r.length)).toEqual([2, 2, 2]);
    expect(evs[0]![0]).toBeGreaterThan(0.7); // <Z> after rx(0) = 1
    expect(evs[1]![0]).toBeLessThan(-0.7); // <Z> after rx(π) = -1
  }, 7_300_000);
});
