import { InvalidResponseError } from '../../src/core/errors';
import { BitArray } from '../../src/primitives/bit-array';
import type { EstimatorPubResult, EstimatorResult, SamplerPubResult, SamplerResult } from '../../src/primitives/types';
import { decodeNdarrayBase64, type NdArray } from './npy';
import { isObj, parseJsonText } from './validate';

/**
 * Decodes `GET /jobs/{id}/results` bodies in both formats:
 * plain JSON (`{"results":[...]}`, what qbridge's own submissions produce) and the Qiskit
 * RuntimeEncoder graph (`{"__type__":"PrimitiveResult",...}`, jobs submitted from Python).
 */

/** A measured register in either wire format, normalised. */
interface BitsField {
  kind: 'bits';
  numBits: number;
  /** Leading (parameter) shape; `[]` for one row. */
  lead: number[];
  shots: number;
  words: Uint32Array;
}
/** A numeric array (estimator `evs`/`stds`) with its shape. */
interface NumField {
  kind: 'num';
  shape: number[];
  values: number[];
}
type Field = BitsField | NumField | { kind: 'other'; value: unknown };

/** One PUB of a decoded result document. */
export interface DecodedPub {
  data: Record<string, Field>;
  metadata: Record<string, unknown>;
}
/** A decoded result document. */
export interface DecodedResult {
  format: 'plain' | 'qiskit';
  pubs: DecodedPub[];
  metadata: Record<string, unknown>;
}

const bad = (msg: string): never => {
  throw new InvalidResponseError(`job result: ${msg}`);
};

/** Parses and decodes a result body. @throws {InvalidResponseError} for anything malformed */
export function decodeResultText(text: string): DecodedResult {
  return decodeResultDocument(parseJsonText(text, 'job result'));
}

/**
 * Decodes a parsed result document. `blobs` are ndarrays decoded while the body streamed
 * (result-stream.ts); the document names them by a NUL-prefixed placeholder `__value__`.
 * @throws {InvalidResponseError} for anything malformed
 */
export function decodeResultDocument(doc: unknown, blobs: readonly NdArray[] = []): DecodedResult {
  if (isObj(doc) && doc.__type__ === 'PrimitiveResult') return decodeQiskit(doc, blobs);
  if (isObj(doc) && Array.isArray(doc.results)) {
    return {
      format: 'plain',
      metadata: isObj(doc.metadata) ? doc.metadata : {},
      pubs: doc.results.map((r, i) => {
        if (!isObj(r) || !isObj(r.data)) return bad(`results[${i}].data is missing`);
        const data: Record<string, Field> = {};
        for (const [k, v] of Object.entries(r.data)) data[k] = plainField(v, `results[${i}].data.${k}`);
        return { data, metadata: isObj(r.metadata) ? r.metadata : {} };
      }),
    };
  }
  return bad('neither a plain result ({"results": [...]}) nor a PrimitiveResult');
}

function plainField(v: unknown, path: string): Field {
  if (isObj(v) && Array.isArray(v.samples)) {
    const numBits = v.num_bits;
    if (!Number.isInteger(numBits) || (numBits as number) < 0) return bad(`${path}.num_bits is not an integer`);
    const nb = numBits as number;
    const wps = Math.max(1, Math.ceil(nb / 32));
    const words = new Uint32Array(v.samples.length * wps);
    v.samples.forEach((s, i) => {
      if (typeof s !== 'string' || !/^0x[0-9a-fA-F]+$/.test(s)) bad(`${path}.samples[${i}] is not a hex string`);
      let n = BigInt(s as string);
      if (n >> BigInt(nb) !== 0n) bad(`${path}.samples[${i}] has more than ${nb} bits`);
      for (let w = 0; w < wps; w++, n >>= 32n) words[i * wps + w] = Number(n & 0xffffffffn);
    });
    return { kind: 'bits', numBits: nb, lead: [], shots: v.samples.length, words };
  }
  const num = nestedNumbers(v);
  return num ?? { kind: 'other', value: v };
}

/** A number or a rectangular nested array of numbers → shape + flat values. */
function nestedNumbers(v: unknown): NumField | undefined {
  if (typeof v === 'number') return { kind: 'num', shape: [], values: [v] };
  if (!Array.isArray(v)) return undefined;
  const shape: number[] = [];
  for (let x: unknown = v; Array.isArray(x); x = x[0]) shape.push(x.length);
  const flat = (v as unknown[]).flat(Infinity);
  if (!flat.every((x) => typeof x === 'number')) return undefined;
  if (flat.length !== shape.reduce((a, b) => a * b, 1)) return bad('ragged numeric array');
  return { kind: 'num', shape, values: flat as number[] };
}

/** Walks the RuntimeEncoder graph: `{"__type__": T, "__value__": V}` nodes. */
function decodeQiskit(doc: Record<string, unknown>, blobs: readonly NdArray[]): DecodedResult {
  const v = doc.__value__;
  if (!isObj(v) || !Array.isArray(v.pub_results)) return bad('PrimitiveResult without pub_results');
  return {
    format: 'qiskit',
    metadata: isObj(v.metadata) ? (plainify(v.metadata) as Record<string, unknown>) : {},
    pubs: v.pub_results.map((p, i) => {
      if (!isObj(p) || !isObj(p.__value__)) return bad(`pub_results[${i}] is not a PubResult`);
      const pv = p.__value__;
      const bin = pv.data;
      if (!isObj(bin) || bin.__type__ !== 'DataBin' || !isObj(bin.__value__) || !isObj(bin.__value__.fields)) {
        return bad(`pub_results[${i}].data is not a DataBin`);
      }
      const data: Record<string, Field> = {};
      for (const [k, f] of Object.entries(bin.__value__.fields)) data[k] = typedField(f, `pub_results[${i}].${k}`, blobs);
      return { data, metadata: isObj(pv.metadata) ? (plainify(pv.metadata) as Record<string, unknown>) : {} };
    }),
  };
}

function ndarray(x: unknown, path: string, blobs: readonly NdArray[]): NdArray | NumField {
  if (!isObj(x) || x.__type__ !== 'ndarray') return bad(`${path} is not an ndarray`);
  const blob = typeof x.__value__ === 'string' ? /^\u0000blob:(\d+)$/.exec(x.__value__) : null;
  if (blob) return blobs[Number(blob[1])] ?? bad(`${path}: unknown streamed array`);
  if (typeof x.__value__ === 'string') return decodeNdarrayBase64(x.__value__);
  return nestedNumbers(x.__value__) ?? bad(`${path} holds an unsupported ndarray value`);
}

function typedField(f: unknown, path: string, blobs: readonly NdArray[]): Field {
  if (isObj(f) && f.__type__ === 'BitArray' && isObj(f.__value__)) {
    const numBits = f.__value__.num_bits;
    if (!Number.isInteger(numBits)) return bad(`${path}.num_bits is not an integer`);
    const arr = ndarray(f.__value__.array, `${path}.array`, blobs);
    if ('kind' in arr || !(arr.data instanceof Uint8Array) || arr.shape.length < 2) {
      return bad(`${path}.array is not a uint8 array of shape (..., shots, bytes)`);
    }
    return bitsFromBytes(arr, numBits as number, path);
  }
  if (isObj(f) && f.__type__ === 'ndarray') {
    const arr = ndarray(f, path, blobs);
    if ('kind' in arr) return arr;
    if (/c/.test(arr.dtype)) return { kind: 'other', value: arr };
    return { kind: 'num', shape: [...arr.shape], values: Array.from(arr.data) };
  }
  return { kind: 'other', value: plainify(f) };
}

/** BitArray bytes are big-endian per shot: the LAST byte holds bits 0-7. */
function bitsFromBytes(arr: NdArray, numBits: number, path: string): BitsField {
  const nbytes = arr.shape[arr.shape.length - 1]!;
  const shotsDim = arr.shape[arr.shape.length - 2]!;
  if (nbytes !== Math.ceil(numBits / 8)) bad(`${path}: ${nbytes} bytes per shot for ${numBits} bits`);
  const lead = arr.shape.slice(0, -2);
  const total = lead.reduce((a, b) => a * b, 1) * shotsDim;
  const wps = Math.max(1, Math.ceil(numBits / 32));
  const words = new Uint32Array(total * wps);
  const bytes = arr.data as Uint8Array;
  for (let s = 0; s < total; s++) {
    for (let j = 0; j < nbytes; j++) {
      const byte = bytes[s * nbytes + (nbytes - 1 - j)]!; // j-th byte from the end = bits 8j..8j+7
      const bit = 8 * j;
      words[s * wps + (bit >>> 5)]! |= (byte << (bit & 31)) >>> 0;
    }
    if (numBits % 32 && words[s * wps + wps - 1]! >= 2 ** (numBits % 32)) bad(`${path}: shot ${s} has bits beyond ${numBits}`);
  }
  return { kind: 'bits', numBits, lead, shots: shotsDim, words };
}

/** Turns metadata subtrees into plain JSON (datetimes → strings, other typed nodes → their value). */
function plainify(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(plainify);
  if (!isObj(x)) return x;
  if (typeof x.__type__ === 'string' && '__value__' in x) {
    if (x.__type__ === 'ndarray') return '<ndarray>';
    return plainify(x.__value__);
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x)) if (k !== '__int_keys__') out[k] = plainify(v);
  return out;
}

/** What the submitting side knows about each Sampler PUB (absent for jobs retrieved by id). */
export interface SamplerPubInfo {
  /** The circuit's registers in order; `qasmName` is the name in the submitted program, if different. */
  registers?: ReadonlyArray<{ readonly name: string; readonly qasmName?: string }>;
  numRows?: number;
}

/** Maps a decoded document to a {@link SamplerResult}: one BitArray per classical register. */
export function toSamplerResult(
  doc: DecodedResult,
  meta: { backend: string; jobId: string },
  info: readonly SamplerPubInfo[] = [],
): SamplerResult {
  if (info.length && doc.pubs.length !== info.length) bad(`${doc.pubs.length} PUB results for ${info.length} PUBs`);
  const pubs: SamplerPubResult[] = doc.pubs.map((p, i) => {
    const want =
      info[i]?.registers?.map((r) => [r.name, r.qasmName ?? r.name] as const) ??
      Object.keys(p.data).filter((k) => p.data[k]!.kind === 'bits').map((k) => [k, k] as const);
    const data: Record<string, BitArray> = {};
    let shots = 0;
    let rows = 1;
    for (const [name, wire] of want) {
      const f = p.data[wire];
      if (!f || f.kind !== 'bits') return bad(`PUB ${i} has no measurement data for register '${name}'`);
      rows = f.lead.length ? f.lead.reduce((a, b) => a * b, 1) : (info[i]?.numRows ?? 1);
      const total = f.lead.length ? rows * f.shots : f.shots;
      if (rows < 1 || total % rows !== 0) bad(`PUB ${i} register '${name}': ${total} shots do not split into ${rows} rows`);
      shots = total / rows;
      data[name] = new BitArray(f.words, f.numBits, shots, rows);
    }
    return { data, metadata: { ...p.metadata, shots, numRows: rows } };
  });
  return { kind: 'sampler', pubs, metadata: { ...doc.metadata, backend: meta.backend, jobId: meta.jobId, format: doc.format } };
}

/**
 * How an Estimator PUB was laid out on the wire (see payload.ts): `scalar` one observable,
 * no rows; `obs` K observables; `rows` one observable, R rows; `obsxrows` observables shaped
 * (K,1) broadcast against R rows → values of shape (K, R).
 */
export type EstimatorLayout = 'scalar' | 'obs' | 'rows' | 'obsxrows';

function toGrid(f: Field | undefined, layout: EstimatorLayout | undefined, name: string, i: number): number[][] {
  if (!f || f.kind !== 'num') return bad(`PUB ${i} has no numeric '${name}'`);
  const { shape, values } = f;
  switch (layout ?? (shape.length === 2 ? 'obsxrows' : shape.length === 1 ? 'obs' : 'scalar')) {
    case 'scalar':
      return [[values[0]!]];
    case 'obs':
      return [values.slice()];
    case 'rows':
      return values.map((v) => [v]);
    case 'obsxrows': {
      const [k, r] = shape.length === 2 ? [shape[0]!, shape[1]!] : [values.length, 1];
      return Array.from({ length: r }, (_, row) => Array.from({ length: k }, (_, o) => values[o * r + row]!));
    }
  }
}

/** Maps a decoded document to an {@link EstimatorResult}: `evs[row][observable]`. */
export function toEstimatorResult(
  doc: DecodedResult,
  meta: { backend: string; jobId: string },
  layouts: readonly EstimatorLayout[] = [],
): EstimatorResult {
  if (layouts.length && doc.pubs.length !== layouts.length) bad(`${doc.pubs.length} PUB results for ${layouts.length} PUBs`);
  const pubs: EstimatorPubResult[] = doc.pubs.map((p, i) => {
    const evs = toGrid(p.data.evs, layouts[i], 'evs', i);
    const stds = p.data.stds ? toGrid(p.data.stds, layouts[i], 'stds', i) : evs.map((r) => r.map(() => NaN));
    const precision = typeof p.metadata.target_precision === 'number' ? p.metadata.target_precision : NaN;
    const shots = typeof p.metadata.shots === 'number' ? p.metadata.shots : undefined;
    return { evs, stds, metadata: { ...p.metadata, precision, shots } };
  });
  return { kind: 'estimator', pubs, metadata: { ...doc.metadata, backend: meta.backend, jobId: meta.jobId, format: doc.format } };
}
