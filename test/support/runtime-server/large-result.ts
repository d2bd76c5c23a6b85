/**
 * A large Qiskit-encoded Sampler result, generated while it is sent: deterministic pseudo-random
 * shots (xorshift32) → `.npy` v1.0 bytes → zlib → base64 → the socket, with back-pressure, so
 * the server never holds more than a chunk of it. Used for issue 13 point 2 (results larger
 * than any fixed buffer limit) by the `largeResult` fault and by scripts/bench-large-result.ts.
 */
import type { ServerResponse } from 'node:http';
import type { Writable } from 'node:stream';
import { createDeflate } from 'node:zlib';

/**
 * What to generate: one PUB, `registers` registers of `numBits` bits, `shots` shots per
 * parameter row, `rows` rows (a PUB of shape (rows,): `rows × shots` executions).
 */
export interface LargeResultSpec {
  shots: number;
  /** Parameter rows; given, the PUB has shape (rows,) and the arrays (rows, shots, bytes). @defaultValue a PUB of shape () */
  rows?: number;
  numBits: number;
  registers?: number;
  /** Seed of the generator (register k uses seed + k). @defaultValue 1 */
  seed?: number;
  /** Pause between pieces of data (a slow but never stalled link). @defaultValue 0 */
  gapMs?: number;
  /** Shots per generated piece. @defaultValue 65 536 */
  pieceShots?: number;
}

/** The shot bytes of register `k`, row after row: big-endian per shot (BitArray layout), bits above numBits zero. */
export function* largeResultBytes(spec: LargeResultSpec, k: number, pieceShots = spec.pieceShots ?? 1 << 16): Generator<Uint8Array> {
  const nbytes = Math.ceil(spec.numBits / 8);
  const topMask = spec.numBits % 8 ? (1 << spec.numBits % 8) - 1 : 0xff;
  let x = ((spec.seed ?? 1) + k) | 0 || 1;
  const total = (spec.rows ?? 1) * spec.shots; // row-major: row 0's shots first
  for (let s0 = 0; s0 < total; s0 += pieceShots) {
    const n = Math.min(pieceShots, total - s0);
    const out = new Uint8Array(n * nbytes);
    for (let i = 0; i < out.length; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      out[i] = x & 0xff;
    }
    for (let s = 0; s < n; s++) out[s * nbytes]! &= topMask;
    yield out;
  }
}

function npyHeader(shape: readonly number[]): Buffer {
  let header = `{'descr': '|u1', 'fortran_order': False, 'shape': (${shape.join(', ')}), }`;
  header += ' '.repeat((64 - ((10 + header.length + 1) % 64)) % 64) + '\n';
  const pre = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, 0, 0]);
  pre.writeUInt16LE(header.length, 8);
  return Buffer.concat([pre, Buffer.from(header, 'latin1')]);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function put(out: Writable, text: string | Buffer): Promise<void> {
  if (!out.write(text)) await new Promise<void>((r) => out.once('drain', () => r()));
}

/** Streams the whole result document to `out` (ends it). */
export async function writeLargeResult(out: Writable, spec: LargeResultSpec): Promise<void> {
  const regs = spec.registers ?? 1;
  const nbytes = Math.ceil(spec.numBits / 8);
  const names = Array.from({ length: regs }, (_, k) => (k === 0 ? 'meas' : `r${k}`));
  const lead = spec.rows === undefined ? [] : [spec.rows];
  await put(out, `{"__type__":"PrimitiveResult","__value__":{"pub_results":[{"__type__":"SamplerPubResult","__value__":{"data":{"__type__":"DataBin","__value__":{"field_names":${JSON.stringify(names)},"shape":${JSON.stringify(lead)},"fields":{`);
  for (let k = 0; k < regs; k++) {
    await put(out, `${k ? ',' : ''}"${names[k]}":{"__type__":"BitArray","__value__":{"array":{"__type__":"ndarray","__value__":"`);
    const deflate = createDeflate({ level: 1 });
    let carry = Buffer.alloc(0);
    const pending: Buffer[] = [];
    deflate.on('data', (b: Buffer) => pending.push(b));
    const flushOut = async (final: boolean): Promise<void> => {
      const all = Buffer.concat([carry, ...pending]);
      pending.length = 0;
      const cut = final ? all.length : all.length - (all.length % 3);
      carry = all.subarray(cut);
      if (cut) await put(out, all.subarray(0, cut).toString('base64'));
    };
    deflate.write(npyHeader([...lead, spec.shots, nbytes]));
    for (const piece of largeResultBytes(spec, k, spec.pieceShots)) {
      if (!deflate.write(piece)) await new Promise<void>((r) => deflate.once('drain', () => r()));
      await flushOut(false);
      if (spec.gapMs) await sleep(spec.gapMs);
    }
    const ended = new Promise<void>((r) => deflate.once('end', () => r()));
    deflate.end();
    await ended;
    await flushOut(true);
    await put(out, `"},"num_bits":${spec.numBits}}}`);
  }
  await put(out, `}}},"metadata":{"circuit_metadata":{}}}}],"metadata":{"version":2}}}`);
  out.end();
}

/** Sends a large result as a 200 response (chunked), stopping if the client goes away. */
export function sendLargeResult(res: ServerResponse, spec: LargeResultSpec): void {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  writeLargeResult(res, spec).catch(() => res.destroy());
}
