/**
 * Issue 13 point 2, at full size (too slow for the test suite): a loopback server streams a
 * generated Qiskit-encoded Sampler result of a legal job at IBM's per-job execution limit, one
 * PUB of 50 parameter rows × 100 000 shots (a device's max_shots per PUB) = 5 M executions, with
 * three 156-bit registers (every qubit of a 156-qubit device measured three times), about 400 MB
 * of JSON, and the client decodes it with the streaming decoder. Prints the body size, the
 * decode time and the peak RSS (sampled every 50 ms). ROWS and SHOTS override the shape.
 * Run: node --max-old-space-size=256 -r ts-node/register/transpile-only scripts/bench-large-result.ts
 *
 * Measured 2026-12-03 on the shared 2-core machine under load (load average ~19): body 400.1 MB
 * (limit 667.6 MB from the PUB, within the 445.4 MB ceiling for a job retrieved by id), decoded in
 * 97.6 s (105 s wall for the whole script), peak RSS 887.9 MB (`/usr/bin/time`: 867 200 KiB) on
 * a 256 MB heap. The RSS holds the in-process server, the inflated `.npy` bytes (300 MB) and the
 * decoded BitArray words (300 MB), not the body text: the base64 is decoded as it arrives.
 * (Earlier figure, 5 M shots × two registers: 266.7 MB in 22.4 s on a quieter machine, 685 MB RSS.)
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeResultStream, MAX_EXECUTIONS_PER_JOB, RESULT_BYTES_CEILING, resultByteLimit } from '../adapters/ibm-runtime/result-stream';
import { toSamplerResult } from '../adapters/ibm-runtime/results';
import { writeLargeResult, type LargeResultSpec } from '../test/support/runtime-server/large-result';

async function main(): Promise<void> {
  // 50 parameter rows × 100 000 shots (a device's max_shots per PUB) = 5 M executions, IBM's per-job limit.
  const spec: LargeResultSpec = { rows: Number(process.env.ROWS ?? 50), shots: Number(process.env.SHOTS ?? 100_000), numBits: 156, registers: 3, seed: 3 };
  const executions = spec.rows! * spec.shots;
  if (executions > MAX_EXECUTIONS_PER_JOB) throw new Error(`${executions} executions: not a legal job (at most ${MAX_EXECUTIONS_PER_JOB})`);
  const registerBits = new Array<number>(spec.registers!).fill(spec.numBits);
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
  const limit = resultByteLimit([{ shots: spec.shots, rows: spec.rows!, registerBits }]);
  const doc = await decodeResultStream(response.body as unknown as AsyncIterable<Uint8Array>, limit, 'bench');
  const result = toSamplerResult(doc, { backend: 'bench', jobId: 'bench' });
  const ms = Date.now() - t0;
  peak = Math.max(peak, process.memoryUsage().rss);
  clearInterval(sampler);
  server.close();
  const data = result.pubs[0]!.data;
  const meas = data.meas!;
  const mb = (n: number): string => `${(n / 1e6).toFixed(1)} MB`;
  console.log(
    `body ${mb(sent)} (limit ${mb(limit)} from the PUB; ${mb(RESULT_BYTES_CEILING)} for a job retrieved by id: ${sent <= RESULT_BYTES_CEILING ? 'within' : 'OVER'}), ` +
      `${meas.numRows} rows x ${meas.numShots} shots x ${Object.keys(data).length} registers of ${meas.numBits} bits, decoded in ${ms} ms, peak RSS ${mb(peak)}, ` +
      `heap limit ${process.execArgv.join(' ') || 'default'}`,
  );
}

void main();
