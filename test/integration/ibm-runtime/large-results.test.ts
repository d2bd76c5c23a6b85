/**
 * Issue 13 point 2: a result larger than the transport's general body limit, sent slowly over
 * longer than the per-request timeout (but never stalling that long), is read as a stream,
 * within the limit the job itself can produce, and decodes to exactly the generated shots.
 */
import { Circuit } from '../../../src/circuit';
import { createIbmRuntimeBackend } from '../../../adapters/ibm-runtime';
import type { SamplerResult } from '../../../src/primitives/types';
import { cleanupTempDirs, tempDir } from '../../support/cli';
import { serverOptions } from '../../support/ibm-library';
import { startRuntimeServer, TEST_BACKEND } from '../../support/runtime-server';
import { largeResultBytes, type LargeResultSpec } from '../../support/runtime-server/large-result';

jest.setTimeout(30_000);
afterAll(() => cleanupTempDirs());

/** Bitstrings (bit 0 rightmost) of the generated shots, from the generator, not the decoder. */
function expectedBitstrings(spec: LargeResultSpec): string[] {
  const nbytes = Math.ceil(spec.numBits / 8);
  const out: string[] = [];
  for (const piece of largeResultBytes(spec, 0)) {
    for (let s = 0; s < piece.length / nbytes; s++) {
      let bits = '';
      for (let j = 0; j < nbytes; j++) bits += piece[s * nbytes + j]!.toString(2).padStart(8, '0');
      out.push(bits.slice(bits.length - spec.numBits));
    }
  }
  return out;
}

describe('large IBM results', () => {
  it('point 2: a result over maxResponseBytes that takes longer than timeoutMs (no stall) is streamed and decoded exactly', async () => {
    const server = await startRuntimeServer({ defaultJobPlan: { queuedPolls: 0, runningPolls: 0 } });
    try {
      // 100 000 shots of a 40-bit register: 500 kB raw, ~670 kB on the wire, in 4 pieces 600 ms apart.
      const spec: LargeResultSpec = { shots: 100_000, numBits: 40, seed: 7, pieceShots: 25_000, gapMs: 600 };
      server.faults.push('GET /jobs/:id/results', { kind: 'largeResult', ...spec });
      const backend = await createIbmRuntimeBackend(
        TEST_BACKEND,
        serverOptions(server, tempDir(), { timeoutMs: 1500, maxResponseBytes: 256 * 1024 }),
      );
      const circuit = new Circuit(1, { classicalRegisters: { meas: 40 } }).x(0).measure(0, 0);
      const job = await backend.run({ kind: 'sampler', pubs: [{ circuit, shots: spec.shots }] });
      const r = (await job.result({ timeoutMs: 20_000 })) as SamplerResult;
      const meas = r.pubs[0]!.data.meas!;
      expect([meas.numShots, meas.numBits, meas.numRows]).toEqual([spec.shots, 40, 1]);
      expect(meas.getBitstrings()).toEqual(expectedBitstrings(spec));
      expect(server.count('GET /jobs/:id/results')).toBe(1);
    } finally {
      await server.close();
    }
  });
});
