/**
 * Live tests against real IBM Quantum. Part of the `live` Jest project, which exists only when
 * QBRIDGE_LIVE_TESTS=1; they then need QISKIT_IBM_TOKEN and QISKIT_IBM_INSTANCE (read through
 * loadConfig, never directly). They cost a few seconds of QPU time on the least busy device.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createIbmRuntimeBackend, createRuntimeClient, ibmOptionsFromConfig } from '../../adapters/ibm-runtime';
import { Circuit } from '../../src/circuit';
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
});
