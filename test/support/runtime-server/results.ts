/**
 * Sampler result bodies in both wire formats of IBM Runtime: plain JSON (what a client gets
 * without `support_qiskit`) and the Qiskit "RuntimeEncoder" `__type__` graph (with it).
 */
import * as zlib from 'node:zlib';
import type { RegisterSamples } from './execute';

/** Plain JSON body: per PUB, per register `{samples: ['0x..'], num_bits}`. */
export function plainSamplerResult(pubs: Record<string, RegisterSamples>[]): unknown {
  return {
    results: pubs.map((data) => ({ data, metadata: { circuit_metadata: {} } })),
    metadata: { version: 2 },
  };
}

/** A `.npy` v1.0 container of uint8 data (magic, version, little-endian header length, dict header padded to 64 bytes). */
export function npyUint8(shape: readonly number[], data: Uint8Array): Buffer {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '|u1', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const pre = Buffer.alloc(10);
  pre.write('\x93NUMPY', 0, 'latin1');
  pre[6] = 1;
  pre[7] = 0;
  pre.writeUInt16LE(header.length, 8);
  return Buffer.concat([pre, Buffer.from(header, 'latin1'), Buffer.from(data)]);
}

function ndarray(shape: readonly number[], data: Uint8Array): unknown {
  return { __type__: 'ndarray', __value__: zlib.deflateSync(npyUint8(shape, data)).toString('base64') };
}

/** Qiskit-serialized body: BitArray as a zlib-deflated, base64 `.npy`, bytes big-endian per shot. */
export function qiskitSamplerResult(pubs: Record<string, RegisterSamples>[], pubShapes: readonly (readonly number[])[] = []): unknown {
  const pubResults = pubs.map((data, i) => {
    // The PUB's shape leads the array: (*pub_shape, shots, bytes); samples are row-major.
    const lead = pubShapes[i] ?? [];
    const rows = lead.reduce((a, b) => a * b, 1);
    const fields: Record<string, unknown> = {};
    for (const [name, reg] of Object.entries(data)) {
      const nbytes = Math.ceil(reg.num_bits / 8);
      const bytes = new Uint8Array(reg.samples.length * nbytes);
      reg.samples.forEach((hex, s) => {
        let v = BigInt(hex);
        for (let b = nbytes - 1; b >= 0; b--) {
          bytes[s * nbytes + b] = Number(v & 0xffn);
          v >>= 8n;
        }
      });
      fields[name] = {
        __type__: 'BitArray',
        __value__: { array: ndarray([...lead, reg.samples.length / rows, nbytes], bytes), num_bits: reg.num_bits },
      };
    }
    return {
      __type__: 'SamplerPubResult',
      __value__: {
        data: { __type__: 'DataBin', __value__: { field_names: Object.keys(fields), shape: [...lead], fields } },
        metadata: { circuit_metadata: {} },
      },
    };
  });
  return { __type__: 'PrimitiveResult', __value__: { pub_results: pubResults, metadata: { version: 2 } } };
}
