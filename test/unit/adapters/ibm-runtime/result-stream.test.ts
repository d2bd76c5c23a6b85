/**
 * Issue 13 point 2, the streaming decoder on its own: any chunking of a body decodes exactly as
 * the buffered decoder does (long base64 arrays and short strings alike), and the size limit
 * stops a body as soon as it is passed.
 */
import { deflateSync } from 'node:zlib';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InvalidResponseError } from '../../../../src/core/errors';
import { decodeResultText } from '../../../../adapters/ibm-runtime';
import { decodeResultStream } from '../../../../adapters/ibm-runtime/result-stream';
import { npyUint8 } from '../../../support/runtime-server/results';

const FIX = path.join(__dirname, '..', '..', '..', '..', 'fixtures', 'ibm-runtime');

async function* chunked(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += size) yield new Uint8Array(bytes.subarray(i, i + size));
}

/** A result whose BitArray is 3000 shots × 2 bytes (a base64 value far above the streaming threshold). */
function bigDoc(): string {
  const data = new Uint8Array(6000);
  for (let i = 0; i < data.length; i++) data[i] = (i * 37) & 0xff & (i % 2 ? 0xff : 0x03);
  const value = deflateSync(npyUint8([3000, 2], data), { level: 0 }).toString('base64');
  return JSON.stringify({
    __type__: 'PrimitiveResult',
    __value__: {
      pub_results: [{ __type__: 'SamplerPubResult', __value__: { data: { __type__: 'DataBin', __value__: { field_names: ['c'], shape: [], fields: { c: { __type__: 'BitArray', __value__: { array: { __type__: 'ndarray', __value__: value }, num_bits: 10 } } } } }, metadata: { note: 'é ünïcode "quoted" \\\\' } } }],
      metadata: { version: 2 },
    },
  });
}

describe('streaming result decoder', () => {
  const bodies = [
    ['a large base64 BitArray', bigDoc()],
    ['the NumPy-written shaped fixture', fs.readFileSync(path.join(FIX, 'results-sampler-typed-shaped.json'), 'utf8')],
    ['a plain-JSON sampler result', fs.readFileSync(path.join(FIX, 'results-sampler-plain.json'), 'utf8')],
  ] as const;
  it.each(bodies)('point 2: %s decodes as the buffered decoder does, in chunks of 1, 7 and 4096 bytes', async (_name, text) => {
    const want = decodeResultText(text);
    for (const size of [1, 7, 4096]) expect(await decodeResultStream(chunked(text, size), 1e9)).toEqual(want);
  });

  it('point 2: a body over the limit is an InvalidResponseError naming the job and the limit', async () => {
    const text = bigDoc();
    const e = await decodeResultStream(chunked(text, 1000), 5000, 'job-1').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InvalidResponseError);
    expect((e as Error).message).toBe('job job-1 result body exceeds 5000 bytes, more than the job can legally produce; the response was discarded');
  });

  it('point 2: a body cut off inside a long array is an InvalidResponseError', async () => {
    const text = bigDoc();
    await expect(decodeResultStream(chunked(text.slice(0, 6000), 512), 1e9)).rejects.toBeInstanceOf(InvalidResponseError);
  });
});
