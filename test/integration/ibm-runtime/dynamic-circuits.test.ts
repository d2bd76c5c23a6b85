/**
 * Issue 12: a dynamic circuit (mid-circuit measurement, feed-forward `if`) goes through the IBM
 * adapter — transpiled to the device's ISA with its if blocks routed, checked, exported as
 * OpenQASM 3 — to the loopback IBM-like server, whose own reader parses the `if` blocks and
 * whose own shot-by-shot executor runs them; the counts decode and match teleportation's
 * closed form.
 */
import { Circuit } from '../../../src/circuit';
import { createIbmRuntimeBackend } from '../../../adapters/ibm-runtime';
import type { SamplerResult } from '../../../src/primitives/types';
import { cleanupTempDirs, tempDir } from '../../support/cli';
import { serverOptions } from '../../support/ibm-library';
import { parseIsaQasm, startRuntimeServer, TEST_BACKEND, type RuntimeServer } from '../../support/runtime-server';

jest.setTimeout(30_000);
afterAll(() => cleanupTempDirs());

let server: RuntimeServer;
beforeEach(async () => {
  server = await startRuntimeServer({ defaultJobPlan: { queuedPolls: 0, runningPolls: 0 } });
});
afterEach(async () => server.close());

describe('dynamic circuits on the IBM path', () => {
  it('teleportation: the submitted program has if blocks the server parses; the teleported qubit reads 1 with probability sin²(θ/2)', async () => {
    const theta = 2.2;
    const c = new Circuit(3, { classicalRegisters: { m: 2, out: 1 } }).ry(theta, 0).h(1).cx(1, 2).cx(0, 1).h(0).measure(0, 0).measure(1, 1);
    c.ifTest({ clbit: 1, value: 1 }, (b) => b.x(2)).ifTest({ clbit: 0, value: 1 }, (b) => b.z(2)).measure(2, 2);
    const backend = await createIbmRuntimeBackend(TEST_BACKEND, serverOptions(server, tempDir()));
    const shots = 4000;
    const job = await backend.run({ kind: 'sampler', pubs: [{ circuit: c, shots }] });
    const post = server.requests.find((q) => q.route === 'POST /jobs')!;
    const program = JSON.parse(post.body).params.pubs[0][0] as string;
    const parsed = parseIsaQasm(program);
    expect(parsed.ops.filter((o) => o.name === 'if_else')).toHaveLength(2);
    const r = (await job.result({ timeoutMs: 20_000 })) as SamplerResult;
    const out = r.pubs[0]!.data.out!.getCounts();
    const p1 = Math.sin(theta / 2) ** 2;
    expect(Math.abs((out['1'] ?? 0) / shots - p1)).toBeLessThan(4 * Math.sqrt((p1 * (1 - p1)) / shots));
    const m = r.pubs[0]!.data.m!.getCounts();
    for (const k of ['00', '01', '10', '11']) expect(Math.abs((m[k] ?? 0) / shots - 0.25)).toBeLessThan(4 * Math.sqrt(0.1875 / shots));
  });

  it('the server refuses an if body with a non-ISA instruction as IBM does (1517)', async () => {
    const { executePub, deviceGates } = await import('../../support/runtime-server/execute');
    const { readFileSync } = await import('node:fs');
    const conf = JSON.parse(readFileSync('fixtures/ibm-runtime/configuration-test_heron_5q.json', 'utf8')) as Record<string, unknown>;
    const qasm = 'OPENQASM 3.0;\nbit[1] c;\nsx $0;\nc[0] = measure $0;\nif (c[0] == 1) {\n  h $1;\n}\n';
    const outcome = executePub(qasm, {}, 10, 1, deviceGates(conf), 'builtin');
    expect(outcome).toEqual({ ok: false, code: 1517, reason: expect.stringMatching(/^The instruction h on qubits \(1,\) is not supported/) });
  });
});
