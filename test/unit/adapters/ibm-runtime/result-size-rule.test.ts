/**
 * Issue 13 point 2, the result-size rule: the largest body a Sampler job can legally produce is
 * parameter rows × shots × (per register, the larger wire format of one sample), plus slack.
 * Checked against bodies built by the test server's own encoders (not by the rule): the Qiskit
 * format of incompressible shots (base64 of zlib'd `.npy`) and plain JSON with the longest
 * possible hex samples.
 */
import { Writable } from 'node:stream';
import { MAX_EXECUTIONS_PER_JOB, RESULT_BYTES_CEILING, resultByteLimit } from '../../../../adapters/ibm-runtime/result-stream';
import { writeLargeResult, type LargeResultSpec } from '../../../support/runtime-server/large-result';
import { plainSamplerResult } from '../../../support/runtime-server/results';

const MiB = 1024 * 1024;

/** Bytes of the Qiskit-format body the loopback server streams for `spec`. */
async function qiskitBodyBytes(spec: LargeResultSpec): Promise<number> {
  let n = 0;
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      n += chunk.length;
      done();
    },
  });
  await writeLargeResult(sink, spec);
  return n;
}

/** Bytes of a plain-JSON body whose every sample has all `numBits` bits set (the longest hex). */
function plainBodyBytes(executions: number, registerBits: readonly number[]): number {
  const data = Object.fromEntries(
    registerBits.map((bits, k) => [`c${k}`, { samples: new Array<string>(executions).fill('0x' + ((1n << BigInt(bits)) - 1n).toString(16)), num_bits: bits }]),
  );
  return Buffer.byteLength(JSON.stringify(plainSamplerResult([data])));
}

/** The rule without its fixed 1 MiB of structure slack. */
const perExecutionPart = (limit: number): number => limit - MiB;

describe('point 2: the result-size rule', () => {
  it('point 2: the limit is rows × shots × register bytes: 50 rows of 100 000 shots count as 5 000 000 executions', () => {
    const wide = [156, 156, 156];
    const shaped = resultByteLimit([{ shots: 100_000, rows: 50, registerBits: wide }]);
    expect(shaped).toBe(resultByteLimit([{ shots: 5_000_000, rows: 1, registerBits: wide }]));
    // Twice the executions, twice the per-execution part; one more register adds its share.
    expect(perExecutionPart(resultByteLimit([{ shots: 100_000, rows: 100, registerBits: wide }]))).toBeCloseTo(2 * perExecutionPart(shaped), -1);
    expect(resultByteLimit([{ shots: 10, rows: 1, registerBits: [156, 156] }, { shots: 10, rows: 1, registerBits: [156] }])).toBe(
      resultByteLimit([{ shots: 10, rows: 1, registerBits: wide }]),
    );
  });

  it.each([
    ['3 registers of 156 bits, 8 rows × 6 000 shots', { rows: 8, shots: 6_000, numBits: 156, registers: 3, seed: 11 }],
    ['1 register of 8 bits, 10 rows × 100 000 shots', { rows: 10, shots: 100_000, numBits: 8, registers: 1, seed: 12 }],
    ['2 registers of 40 bits, 14 rows × 9 001 shots', { rows: 14, shots: 9_001, numBits: 40, registers: 2, seed: 13 }],
  ] as const)('point 2: %s: the Qiskit-format body (base64 of zlib) stays within the limit', async (_name, spec) => {
    const body = await qiskitBodyBytes(spec);
    const rows = (spec as LargeResultSpec).rows ?? 1;
    expect(body).toBeGreaterThan(MiB); // larger than the rule's fixed slack: the per-execution part is what is tested
    expect(body).toBeLessThanOrEqual(resultByteLimit([{ shots: spec.shots, rows, registerBits: new Array<number>(spec.registers).fill(spec.numBits) }]));
  });

  it.each([
    ['156 bits', [156]],
    ['1 bit', [1]],
    ['40 and 33 bits', [40, 33]],
  ] as const)('point 2: plain JSON with the longest samples (%s) fits the limit, and the limit is tight for it (within 2 %)', (_name, bits) => {
    const executions = 60_000;
    const body = plainBodyBytes(executions, bits);
    const limit = resultByteLimit([{ shots: executions, rows: 1, registerBits: bits }]);
    expect(body).toBeLessThanOrEqual(limit);
    expect(perExecutionPart(limit)).toBeLessThanOrEqual(1.02 * body);
  });

  it('point 2: the ceiling for jobs of unknown PUBs covers 5 M executions of two 156-bit registers in plain JSON and three in the Qiskit format', async () => {
    expect(MAX_EXECUTIONS_PER_JOB).toBe(5_000_000); // IBM's per-job execution limit
    // The rule's own bound for two registers: the former flat 440 MB (2 × 5 M × 44) was below it.
    expect(RESULT_BYTES_CEILING).toBeGreaterThanOrEqual(resultByteLimit([{ shots: MAX_EXECUTIONS_PER_JOB, rows: 1, registerBits: [156, 156] }]));
    expect(RESULT_BYTES_CEILING).toBeGreaterThan(440_000_000);
    // Three 156-bit registers in the Qiskit format, measured on 60 000 executions and scaled to 5 M.
    const small = await qiskitBodyBytes({ rows: 10, shots: 6_000, numBits: 156, registers: 3, seed: 21 });
    const structure = await qiskitBodyBytes({ rows: 10, shots: 1, numBits: 156, registers: 3, seed: 21 });
    const perExecution = (small - structure) / (60_000 - 10);
    expect(structure + perExecution * MAX_EXECUTIONS_PER_JOB).toBeLessThanOrEqual(RESULT_BYTES_CEILING);
    expect(resultByteLimit(undefined)).toBe(RESULT_BYTES_CEILING);
    expect(resultByteLimit([])).toBe(RESULT_BYTES_CEILING);
  });
});
