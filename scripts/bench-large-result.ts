/**
 * Issue 13 point 2, at full size (too slow for the test suite): a loopback server streams a
 * generated Qiskit-encoded Sampler result of 5 million shots (IBM's per-job execution limit) with
 * two 156-bit registers, about 270 MB of JSON, and the client decodes it with the streaming
 * decoder. Prints the body size, the decode time and the peak RSS (sampled every 50 ms).
 * Run: node --max-old-space-size=256 -r ts-node/register/transpile-only scripts/bench-large-result.ts
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeResultStream, resultByteLimit } from '../adapters/ibm-runtime/result-stream';
import { toSamplerResult } from '../adapters/ibm-runtime/results';
import { writeLargeResult, type LargeResultSpec } from '../test/support/runtime-server/large-result';

async function main(): Promise<void> {
  const spec: LargeResultSpec = { shots: Number(process.env.SHOTS ?? 5_000_000), numBits: 156, registers: 2, seed: 3 };
  let sent = 0;
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    const write = res.write.bind(res);
    res.write = ((chunk: string | Buffer, ...rest: unknown[]) => {
      sent += Buffer.byteLength(chunk);
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof res.write;
    void writeLargeResult(res, spec);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const t0 = Date.now();
  const response = await fetch(`http://127.0.0.1:${port}/results`);
  const limit = resultByteLimit([{ shots: spec.shots, rows: 1, registerBits: [156, 156] }]);
  const doc = await decodeResultStream(response.body as unknown as AsyncIterable<Uint8Array>, limit, 'bench');
  const result = toSamplerResult(doc, { backend: 'bench', jobId: 'bench' });
  const ms = Date.now() - t0;
  peak = Math.max(peak, process.memoryUsage().rss);
  clearInterval(sampler);
  server.close();
  const meas = result.pubs[0]!.data.meas!;
  const mb = (n: number): string => `${(n / 1e6).toFixed(1)} MB`;
  console.log(
    `body ${mb(sent)} (limit ${mb(limit)}), ${meas.numShots} shots x 2 registers of ${meas.numBits} bits, decoded in ${ms} ms, peak RSS ${mb(peak)}, heap limit ${process.execArgv.join(' ') || 'default'}`,
  );
}

void main();
