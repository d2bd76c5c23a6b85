import { deflateSync } from 'node:zlib';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { InvalidResponseError } from '../../../../src/core/errors';
import { decodeNdarrayBase64, decodeResultText, parseNpy, toEstimatorResult, toSamplerResult } from '../../../../adapters/ibm-runtime';

const FIX = path.join(__dirname, '..', '..', '..', '..', 'fixtures', 'ibm-runtime');
const fixtureText = (n: string): string => fs.readFileSync(path.join(FIX, `${n}.json`), 'utf8');

/** Writes a .npy v1.0 file the way NumPy does (header padded to a multiple of 64 with a newline). */
function npy(descr: string, shape: number[], data: Uint8Array): Buffer {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const pre = Buffer.alloc(10);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]).copy(pre);
  pre.writeUInt16LE(header.length, 8);
  return Buffer.concat([pre, Buffer.from(header, 'latin1'), Buffer.from(data)]);
}
const b64 = (buf: Buffer): string => deflateSync(buf).toString('base64');

describe('.npy decoding', () => {
  it('decodes the reference uint8 (8,1) array [0,3,3,0,3,0,3,0]', () => {
    const doc = JSON.parse(fixtureText('results-sampler-typed')) as any;
    const a = decodeNdarrayBase64(doc.__value__.pub_results[0].__value__.data.__value__.fields.meas.__value__.array.__value__);
    expect(a.shape).toEqual([8, 1]);
    expect(Array.from(a.data)).toEqual([0, 3, 3, 0, 3, 0, 3, 0]);
  });

  it('decodes 0-d float64 arrays (the reference estimator values)', () => {
    const doc = JSON.parse(fixtureText('results-estimator-typed')) as any;
    const f = doc.__value__.pub_results[0].__value__.data.__value__.fields;
    expect(decodeNdarrayBase64(f.evs.__value__)).toMatchObject({ dtype: '<f8', shape: [] });
    expect(decodeNdarrayBase64(f.evs.__value__).data[0]).toBe(0.9843);
    expect(decodeNdarrayBase64(f.stds.__value__).data[0]).toBe(0.0123);
  });

  it('round-trips float64 and int32 data of any shape (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true }), { minLength: 1, maxLength: 24 }), (values) => {
        const bytes = new Uint8Array(new Float64Array(values).buffer);
        expect(Array.from(parseNpy(npy('<f8', [values.length], bytes)).data)).toEqual(values.map((v) => (Object.is(v, -0) ? -0 : v)));
      }),
    );
    const ints = new Int32Array([-5, 7, 2 ** 31 - 1, -(2 ** 31)]);
    expect(Array.from(parseNpy(npy('<i4', [2, 2], new Uint8Array(ints.buffer))).data)).toEqual([-5, 7, 2 ** 31 - 1, -(2 ** 31)]);
  });

  it('rejects bad magic, truncation and unsupported layouts with InvalidResponseError', () => {
    const good = npy('|u1', [4], new Uint8Array([1, 2, 3, 4]));
    expect(() => parseNpy(good.subarray(0, good.length - 2))).toThrow(InvalidResponseError);
    expect(() => parseNpy(Buffer.from('NUMPY!!!!!!'))).toThrow(/magic/);
    expect(() => parseNpy(Buffer.from(good.toString('latin1').replace('False', 'True'), 'latin1'))).toThrow(/Fortran/);
    expect(() => decodeNdarrayBase64(b64(good).slice(0, 12))).toThrow(InvalidResponseError);
    expect(() => decodeNdarrayBase64('***')).toThrow(InvalidResponseError);
  });
});

describe('result documents', () => {
  const meta = { backend: 'test_heron_5q', jobId: 'job1' };

  it('plain sampler samples: "0x1" with 2 bits is "01" (c[0] = 1, Qiskit order)', () => {
    const doc = decodeResultText(JSON.stringify({ results: [{ data: { c: { samples: ['0x1', '0x2', '0x1'], num_bits: 2 } } }] }));
    const r = toSamplerResult(doc, meta);
    expect(r.pubs[0]!.data.c!.getBitstrings()).toEqual(['01', '10', '01']);
  });

  it('plain and typed sampler fixtures give identical BitArrays', () => {
    const a = toSamplerResult(decodeResultText(fixtureText('results-sampler-plain')), meta);
    const b = toSamplerResult(decodeResultText(fixtureText('results-sampler-typed')), meta);
    expect(a.pubs[0]!.data.meas!.getBitstrings()).toEqual(b.pubs[0]!.data.meas!.getBitstrings());
  });

  it('typed BitArrays wider than one byte put bits 0-7 in the last byte (big-endian)', () => {
    // 2 shots × 2 bytes, 10 bits: shot 0 = 0b10_0000_0001 (513), shot 1 = 0b00_0000_0010 (2)
    const arr = npy('|u1', [2, 2], new Uint8Array([0x02, 0x01, 0x00, 0x02]));
    const text = JSON.stringify({
      __type__: 'PrimitiveResult',
      __value__: { metadata: {}, pub_results: [{ __type__: 'SamplerPubResult', __value__: { metadata: {}, data: { __type__: 'DataBin', __value__: { field_names: ['c'], shape: [], fields: { c: { __type__: 'BitArray', __value__: { num_bits: 10, array: { __type__: 'ndarray', __value__: b64(arr) } } } } } } } }] },
    });
    const r = toSamplerResult(decodeResultText(text), meta);
    expect(Array.from(r.pubs[0]!.data.c!.getInts())).toEqual([513, 2]);
  });

  it('splits flattened plain samples into parameter rows', () => {
    const doc = decodeResultText(JSON.stringify({ results: [{ data: { m: { samples: ['0x0', '0x1', '0x1', '0x1'], num_bits: 1 } } }] }));
    const r = toSamplerResult(doc, meta, [{ registers: [{ name: 'm' }], numRows: 2 }]);
    expect(r.pubs[0]!.data.m!.getCounts(0)).toEqual({ '0': 1, '1': 1 });
    expect(r.pubs[0]!.data.m!.getCounts(1)).toEqual({ '1': 2 });
    expect(r.pubs[0]!.metadata).toMatchObject({ shots: 2, numRows: 2 });
  });

  it('tolerates bare Infinity/NaN tokens in estimator bodies', () => {
    const doc = decodeResultText('{"results":[{"data":{"evs":[1.5, Infinity, -Infinity],"stds":[NaN, 0, 0]},"metadata":{"note":"Infinity in a string"}}]}');
    const r = toEstimatorResult(doc, meta);
    expect(r.pubs[0]!.evs).toEqual([[1.5, Infinity, -Infinity]]);
    expect(r.pubs[0]!.stds[0]![0]).toBeNaN();
    expect(r.pubs[0]!.metadata.note).toBe('Infinity in a string');
  });

  it.each([
    ['truncated JSON', '{"results":[{"data":{"meas":{"samples":["0x0"'],
    ['wrong top-level shape', '{"foo": 1}'],
    ['non-hex sample', '{"results":[{"data":{"meas":{"samples":["zz"],"num_bits":2}}}]}'],
    ['sample wider than num_bits', '{"results":[{"data":{"meas":{"samples":["0x7"],"num_bits":2}}}]}'],
  ])('rejects a %s with InvalidResponseError', (_l, text) => {
    expect(() => toSamplerResult(decodeResultText(text), meta)).toThrow(InvalidResponseError);
  });

  it('missing register data is an InvalidResponseError naming the register', () => {
    const doc = decodeResultText(fixtureText('results-sampler-plain'));
    expect(() => toSamplerResult(doc, meta, [{ registers: [{ name: 'c' }] }])).toThrow(/register 'c'/);
  });
});
