import { createInflate } from 'node:zlib';
import { once } from 'node:events';
import { InvalidResponseError } from '../../src/core/errors';
import { parseNpy, type NdArray } from './npy';
import { decodeResultDocument, type DecodedResult } from './results';
import { parseJsonText } from './validate';

/**
 * Incremental decoding of `GET /jobs/{id}/results` bodies. A legal Sampler job may hold up to
 * 5 million executions (IBM's per-job limit: the sum over PUBs of parameter rows × shots); a
 * 156-bit register then is 20 bytes × 5 M = 100 MB raw, about 135 MB as base64 of zlib, and
 * several hundred MB as plain-JSON hex samples. Holding the body text, its JSON tree and the
 * decoded arrays at once would take gigabytes, so the body is scanned as it arrives: every
 * long base64 string (an ndarray `__value__`) is decoded and inflated chunk by chunk, and only
 * the small JSON skeleton around it is kept as text and parsed at the end.
 */

/** Strings longer than this that are pure base64 are decoded as they stream (never kept as text). */
const BLOB_MIN_CHARS = 4096;
/**
 * Placeholder put in the skeleton text in place of blob `n`: the JSON escape of a NUL, so the
 * parsed string starts with a NUL, which a base64 value never holds.
 */
const placeholder = (n: number): string => `\\u0000blob:${n}`;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const BASE64 = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=') BASE64[c.charCodeAt(0)] = 1;

/**
 * IBM's per-job execution limit (sum over PUBs of rows × shots), the basis of result size limits.
 */
export const MAX_EXECUTIONS_PER_JOB = 5_000_000;

/**
 * The most bytes a Sampler result can legally take for the given PUBs: per execution (parameter
 * row × shot) and register, the larger of the two wire formats, plus 1 % and 1 MiB of JSON
 * structure and metadata. The plain-JSON sample `"0x…",` takes ceil(bits / 4) + 5 bytes; the
 * Qiskit format takes the register's ceil(bits / 8) bytes through zlib (incompressible bytes grow
 * by at most 5 bytes per 16 KiB stored block) and base64 (× 4 / 3): at most
 * ceil(ceil(bits / 8) × 4 / 3) + 1. The plain term is the larger for every width.
 */
function resultBytesBound(pubs: readonly { shots: number; rows: number; registerBits: readonly number[] }[]): number {
  let total = 0;
  for (const p of pubs) {
    const perShot = p.registerBits.reduce((a, bits) => a + Math.max(Math.ceil(bits / 4) + 5, Math.ceil((Math.ceil(bits / 8) * 4) / 3) + 1), 0);
    total += p.shots * p.rows * perShot;
  }
  return Math.ceil(total * 1.01) + 1024 * 1024;
}

/**
 * Size limit for a result body when the job's PUBs are unknown (a job retrieved by id): the
 * bound of {@link resultByteLimit} for 5 M executions with two 156-bit registers (every qubit of
 * a 156-qubit device measured twice), 445.4 MB. In the Qiskit format qbridge asks for (a 156-bit
 * sample is about 26.7 bytes) the same limit holds three such registers, 400 MB, the largest
 * result scripts/bench-large-result.ts streams. A job with more classical bits per execution is
 * refused when retrieved by id, never when run from its request.
 */
export const RESULT_BYTES_CEILING = resultBytesBound([{ shots: MAX_EXECUTIONS_PER_JOB, rows: 1, registerBits: [156, 156] }]);

/**
 * The most bytes a Sampler job's result can legally take, from its own PUBs (rows × shots ×
 * registers, see `resultBytesBound`). Without PUB knowledge, {@link RESULT_BYTES_CEILING}.
 */
export function resultByteLimit(pubs: readonly { shots: number; rows: number; registerBits: readonly number[] }[] | undefined): number {
  if (!pubs || !pubs.length) return RESULT_BYTES_CEILING;
  return resultBytesBound(pubs);
}

const notZlib = (): InvalidResponseError => new InvalidResponseError('job result: an ndarray value is not zlib-compressed (truncated?)');

/** Collects one streamed base64 blob: decodes 4-character groups and inflates as it goes. */
class BlobSink {
  private carry = '';
  private readonly inflate = createInflate();
  private readonly out: Buffer[] = [];
  private failed?: Error;
  constructor() {
    this.inflate.on('data', (b: Buffer) => this.out.push(b));
    this.inflate.on('error', (e: Error) => (this.failed = e));
  }
  async write(ascii: string): Promise<void> {
    const text = this.carry + ascii;
    const cut = text.length - (text.length % 4);
    this.carry = text.slice(cut);
    // After a zlib failure the rest of the string is only scanned (the size limit still counts
    // it); the failure is reported when the string ends.
    if (!cut || this.failed) return;
    if (!this.inflate.write(Buffer.from(text.slice(0, cut), 'base64'))) {
      // Back-pressure: wait until zlib has taken the chunk (or failed), listeners removed either way.
      await new Promise<void>((resolve) => {
        const done = (): void => {
          this.inflate.off('drain', done);
          this.inflate.off('error', done);
          resolve();
        };
        this.inflate.on('drain', done);
        this.inflate.on('error', done);
      });
    }
  }
  async end(): Promise<NdArray> {
    if (this.carry) this.inflate.write(Buffer.from(this.carry, 'base64'));
    this.inflate.end();
    try {
      await once(this.inflate, 'end');
    } catch {
      /* reported below */
    }
    if (this.failed) throw notZlib();
    const raw = this.out.length === 1 ? this.out[0]! : Buffer.concat(this.out);
    this.out.length = 0;
    return parseNpy(raw);
  }
}

/**
 * Decodes a result body from its chunks as they arrive.
 * @param maxBytes - the body may not exceed this (see {@link resultByteLimit})
 * @param jobId - named in errors
 * @throws {InvalidResponseError} for a malformed or oversized body
 */
export async function decodeResultStream(chunks: AsyncIterable<Uint8Array>, maxBytes: number, jobId = ''): Promise<DecodedResult> {
  const skeleton: string[] = [];
  const blobs: NdArray[] = [];
  let total = 0;
  let inString = false;
  let escaped = false;
  /** Bytes of the current string while it may still be a short one (kept as text). */
  let pending: Buffer[] = [];
  let pendingLen = 0;
  let pendingPure = true;
  let sink: BlobSink | undefined;
  for await (const chunk of chunks) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      throw new InvalidResponseError(`job ${jobId} result body exceeds ${maxBytes} bytes, more than the job can legally produce; the response was discarded`);
    }
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      if (sink) {
        // Inside a blob: base64 has no quotes or escapes, so the string ends at the next quote.
        let end = chunk.indexOf(QUOTE, i);
        if (end < 0) end = n;
        for (let k = i; k < end; k++) if (!BASE64[chunk[k]!]) throw new InvalidResponseError('job result: an ndarray value is not base64');
        await sink.write(Buffer.from(chunk.buffer, chunk.byteOffset + i, end - i).toString('latin1'));
        i = end;
        if (end < n) {
          blobs.push(await sink.end());
          sink = undefined;
          skeleton.push(placeholder(blobs.length - 1), '"');
          inString = false;
          i++;
        }
        continue;
      }
      if (!inString) {
        // Outside strings: copy up to the next quote into the skeleton.
        let end = chunk.indexOf(QUOTE, i);
        if (end < 0) end = n;
        skeleton.push(Buffer.from(chunk.buffer, chunk.byteOffset + i, end - i).toString('utf8'));
        if (end < n) {
          skeleton.push('"');
          inString = true;
          pending = [];
          pendingLen = 0;
          pendingPure = true;
          escaped = false;
        }
        i = end + 1;
        continue;
      }
      // A string that may still be short: scan to its closing quote (honouring escapes).
      let k = i;
      for (; k < n; k++) {
        const b = chunk[k]!;
        if (escaped) escaped = false;
        else if (b === BACKSLASH) escaped = true;
        else if (b === QUOTE) break;
        if (pendingPure && !BASE64[b]) pendingPure = false;
        if (pendingPure && pendingLen + (k - i) >= BLOB_MIN_CHARS) break;
      }
      // Copied: a short string's bytes outlive the chunk (a multi-byte character may span two).
      pending.push(Buffer.from(chunk.subarray(i, k)));
      pendingLen += k - i;
      i = k;
      if (k < n && chunk[k] === QUOTE) {
        skeleton.push(Buffer.concat(pending).toString('utf8'), '"');
        pending = [];
        inString = false;
        i++;
      } else if (pendingPure && pendingLen >= BLOB_MIN_CHARS) {
        sink = new BlobSink();
        await sink.write(Buffer.concat(pending).toString('latin1'));
        pending = [];
      }
    }
  }
  if (inString || sink) throw new InvalidResponseError('job result body was cut off inside a string');
  const doc = parseJsonText(skeleton.join(''), 'job result');
  return decodeResultDocument(doc, blobs);
}
