import { inflateSync } from 'node:zlib';
import { InvalidResponseError } from '../../src/core/errors';

/**
 * Decoder for NumPy arrays as the Qiskit RuntimeEncoder writes them: `{"__type__": "ndarray",
 * "__value__": base64(zlib(`.npy` bytes))}`. The `.npy` container is parsed by hand: magic, version, header length,
 * a Python-dict header (`descr`, `fortran_order`, `shape`), then C-order data.
 */

/** A decoded array: numbers in C order (complex values as [re, im] pairs), with its shape. */
export interface NdArray {
  readonly dtype: string;
  readonly shape: readonly number[];
  /** Flat C-order values; complex dtypes hold interleaved re, im. */
  readonly data: Float64Array | Uint8Array;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/** Decodes the `__value__` string of an `ndarray` entry. */
export function decodeNdarrayBase64(b64: string): NdArray {
  if (!/^[A-Za-z0-9+/=\s]*$/.test(b64)) throw new InvalidResponseError('ndarray value is not base64');
  let raw: Buffer;
  try {
    raw = inflateSync(Buffer.from(b64, 'base64'));
  } catch {
    throw new InvalidResponseError('ndarray value is not zlib-compressed (truncated?)');
  }
  return parseNpy(raw);
}

/** Parses `.npy` bytes. @throws {InvalidResponseError} for anything malformed or unsupported */
export function parseNpy(buf: Uint8Array): NdArray {
  if (buf.length < 10 || MAGIC.some((b, i) => buf[i] !== b)) throw new InvalidResponseError('not a .npy array (bad magic)');
  const major = buf[6]!;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let headerLen: number;
  let offset: number;
  if (major === 1) {
    headerLen = view.getUint16(8, true);
    offset = 10;
  } else if (major === 2 || major === 3) {
    if (buf.length < 12) throw new InvalidResponseError('truncated .npy header');
    headerLen = view.getUint32(8, true);
    offset = 12;
  } else {
    throw new InvalidResponseError(`unsupported .npy version ${major}`);
  }
  if (offset + headerLen > buf.length) throw new InvalidResponseError('truncated .npy header');
  const header = Buffer.from(buf.subarray(offset, offset + headerLen)).toString('latin1');
  const descr = /'descr'\s*:\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!descr || !fortran || shapeText === undefined) throw new InvalidResponseError('malformed .npy header');
  if (fortran === 'True') throw new InvalidResponseError('Fortran-ordered .npy arrays are not supported');
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const n = Number(s.replace(/L$/, ''));
      if (!Number.isInteger(n) || n < 0) throw new InvalidResponseError('malformed .npy shape');
      return n;
    });
  const count = shape.reduce((a, b) => a * b, 1);
  const body = buf.subarray(offset + headerLen);
  const m = /^([<>|=])([biufc])(\d+)$/.exec(descr);
  if (!m) throw new InvalidResponseError(`unsupported .npy dtype '${descr}'`);
  const little = m[1] !== '>';
  const kind = m[2]!;
  const size = Number(m[3]);
  const dv = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const need = count * size;
  if (body.length < need) throw new InvalidResponseError(`truncated .npy data (${body.length} of ${need} bytes)`);
  if ((kind === 'u' || kind === 'b') && size === 1) {
    return { dtype: descr, shape, data: body.subarray(0, count) }; // a view: the inflated buffer is ours alone
  }
  const width = kind === 'c' ? 2 : 1;
  const out = new Float64Array(count * width);
  const part = kind === 'c' ? size / 2 : size;
  const read = (at: number): number => {
    if (kind === 'f' || kind === 'c') {
      if (part === 8) return dv.getFloat64(at, little);
      if (part === 4) return dv.getFloat32(at, little);
    } else if (kind === 'i' || kind === 'u') {
      const signed = kind === 'i';
      if (size === 1) return signed ? dv.getInt8(at) : dv.getUint8(at);
      if (size === 2) return signed ? dv.getInt16(at, little) : dv.getUint16(at, little);
      if (size === 4) return signed ? dv.getInt32(at, little) : dv.getUint32(at, little);
      if (size === 8) return Number(signed ? dv.getBigInt64(at, little) : dv.getBigUint64(at, little));
    }
    throw new InvalidResponseError(`unsupported .npy dtype '${descr}'`);
  };
  for (let i = 0; i < count * width; i++) out[i] = read(i * part);
  return { dtype: descr, shape, data: out };
}
