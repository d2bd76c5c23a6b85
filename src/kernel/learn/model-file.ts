/**
 * The saved form of a trained kernel model (QSVC, QSVR, PegasosQSVC): one JSON file with a
 * format name and version, the feature map as data (rebuilt on load, never a function
 * reference), the kernel bandwidth, the support vectors' features and the model's coefficients.
 * Loading validates every field and names the one at fault.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { InputValidationError } from '../../core/errors';
import { PauliFeatureMap } from '../feature-map';
import { QuantumKernel, type QuantumKernelOptions } from '../quantum-kernel';
import type { Machine } from './svm-core';
import { isScaleKind, SCALE_KINDS, type ScaleKind } from './scaling';

/** The `format` field of every model file. */
export const MODEL_FORMAT = 'qbridge-kernel-model';
/** The `version` this build writes and reads. */
export const MODEL_VERSION = 1;

/** The models a file can hold. */
export type ModelKind = 'QSVC' | 'QSVR' | 'PegasosQSVC';

/**
 * A Pauli feature map as data: what `PauliFeatureMap` needs to be rebuilt identically. The
 * entanglement is stored resolved (per rep, the qubit tuples of each block size) because the
 * map's option may have been a callable; `id` is the map's canonical id, checked after rebuild.
 */
export interface FeatureMapJson {
  /** Features = qubits. */
  featureDimension: number;
  /** The Pauli strings, in application order. */
  paulis: string[];
  /** Repetitions. */
  reps: number;
  /** The angle scale. */
  alpha: number;
  /** Per rep: block size (as a string key) → tuples. */
  entanglement: Array<Record<string, number[][]>>;
  /** The map's canonical id (`PauliFeatureMap.id`); the rebuilt map must have the same. */
  id: string;
}

/** The fields every model file has. */
export interface ModelFileBase {
  /** Always {@link MODEL_FORMAT}: tells a qbridge model from any other JSON. */
  format: typeof MODEL_FORMAT;
  /** The file layout's version ({@link MODEL_VERSION}). */
  version: number;
  /** Which learner wrote it. */
  kind: ModelKind;
  /** The feature map's definition. */
  featureMap: FeatureMapJson;
  /**
   * The kernel's bandwidth (features scaled by it before encoding). Files without the field
   * were written by a kernel without the option: 1, no scaling.
   */
  bandwidth: number;
  /** The features of the support vectors (the training points the prediction needs). */
  supportVectors: number[][];
  /**
   * The names of the feature columns the model was trained on, in feature order, when it was
   * trained from a CSV table (`qbridge qsvc --save`): `qbridge predict` matches them by name.
   */
  featureColumns?: string[];
  /**
   * The feature scaling fitted on the training points (`qbridge qsvc --scale`): the model was
   * trained on (x − offset)·factor, so the points to predict must be scaled the same way first.
   */
  featureScaling?: FeatureScalingJson;
}

/** A fitted per-column affine scaling as data: x'_j = (x_j − offset_j) · factor_j. */
export interface FeatureScalingJson {
  /** The scale kind it was fitted as (said in the output). */
  kind: ScaleKind;
  /** Per feature: the value subtracted. */
  offset: number[];
  /** Per feature: the factor applied after subtracting. */
  factor: number[];
}

/** The feature map as data. */
export function featureMapToJson(fm: PauliFeatureMap): FeatureMapJson {
  const entanglement = fm.layers.map((blocks) => {
    const bySize: Record<string, number[][]> = {};
    // Every Pauli string of one size gets the same tuples (Qiskit's entangler map per block size):
    // the first string of each size lists them.
    const seen = new Map<number, string>();
    for (const b of blocks) {
      const m = b.pauli.length;
      if (!seen.has(m)) seen.set(m, b.pauli);
      if (seen.get(m) === b.pauli) (bySize[String(m)] ??= []).push([...b.tuple]);
    }
    return bySize;
  });
  return { featureDimension: fm.featureDimension, paulis: [...fm.paulis], reps: fm.reps, alpha: fm.alpha, entanglement, id: fm.id };
}

/** The bandwidth of a kernel: its feature map's (features encoded as c·x). */
export function kernelBandwidth(kernel: QuantumKernel): number {
  return kernel.featureMap.bandwidth;
}

function bad(file: string, field: string, what: string): InputValidationError {
  return new InputValidationError(`${file}: field '${field}' ${what}`);
}

/** Reads a field that must be a finite number. */
export function numberField(o: Record<string, unknown>, field: string, file: string, path = field): number {
  const v = o[field];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw bad(file, path, `must be a finite number, got ${JSON.stringify(v) ?? 'nothing'}`);
  return v;
}

/** Reads a field that must be an object. */
export function objectField(o: Record<string, unknown>, field: string, file: string, path = field): Record<string, unknown> {
  const v = o[field];
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw bad(file, path, 'must be an object');
  return v as Record<string, unknown>;
}

/** Reads a field that must be a list of finite numbers (of `length` when given). */
export function numberListField(o: Record<string, unknown>, field: string, file: string, path = field, length?: number): number[] {
  const v = o[field];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'number' || !Number.isFinite(x))) throw bad(file, path, 'must be a list of finite numbers');
  if (length !== undefined && v.length !== length) throw bad(file, path, `must have ${length} entries, got ${v.length}`);
  return v as number[];
}

/** Reads a field that must be a list of objects. */
export function objectListField(o: Record<string, unknown>, field: string, file: string): Record<string, unknown>[] {
  const v = o[field];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'object' || x === null || Array.isArray(x))) throw bad(file, field, 'must be a list of objects');
  return v as Record<string, unknown>[];
}

/** Reads a list of class labels (all numbers or all strings, distinct). */
export function classesField(o: Record<string, unknown>, file: string, count?: number): Array<number | string> {
  const v = o.classes;
  const ok = Array.isArray(v) && (v.every((x) => typeof x === 'number' && Number.isFinite(x)) || v.every((x) => typeof x === 'string'));
  if (!ok || new Set(v).size !== v.length || v.length < 2) throw bad(file, 'classes', 'must be at least two distinct labels, all numbers or all strings');
  if (count !== undefined && v.length !== count) throw bad(file, 'classes', `must have ${count} entries, got ${v.length}`);
  return v as Array<number | string>;
}

/**
 * Rebuilds the feature map of a file at the file's `bandwidth` (and checks, by its id, that it is
 * the one that was saved: the id carries the bandwidth when it is not 1).
 */
export function featureMapFromJson(v: unknown, file: string, bandwidth = 1): PauliFeatureMap {
  if (typeof v !== 'object' || v === null) throw bad(file, 'featureMap', 'must be an object');
  const o = v as Record<string, unknown>;
  const n = numberField(o, 'featureDimension', file, 'featureMap.featureDimension');
  const reps = numberField(o, 'reps', file, 'featureMap.reps');
  const alpha = numberField(o, 'alpha', file, 'featureMap.alpha');
  const paulis = o.paulis;
  if (!Array.isArray(paulis) || paulis.some((p) => typeof p !== 'string')) throw bad(file, 'featureMap.paulis', 'must be a list of Pauli strings');
  const ent = o.entanglement;
  if (!Array.isArray(ent) || ent.length !== reps) throw bad(file, 'featureMap.entanglement', `must list the tuples of each of the ${reps} reps`);
  for (const [r, layer] of ent.entries()) {
    const okLayer = typeof layer === 'object' && layer !== null && !Array.isArray(layer) &&
      Object.values(layer as object).every((ts) => Array.isArray(ts) && ts.every((t) => Array.isArray(t) && t.every((q) => Number.isInteger(q))));
    if (!okLayer) throw bad(file, `featureMap.entanglement[${r}]`, 'must map block sizes to lists of qubit tuples');
  }
  let fm: PauliFeatureMap;
  try {
    fm = new PauliFeatureMap({
      featureDimension: n,
      paulis: paulis as string[],
      reps,
      alpha,
      bandwidth,
      entanglement: (rep) => ent[rep] as Record<number, number[][]>,
    });
  } catch (e) {
    if (e instanceof InputValidationError) throw new InputValidationError(`${file}: field 'featureMap' does not describe a feature map: ${e.message}`, undefined, { cause: e });
    throw e;
  }
  if (typeof o.id === 'string' && o.id !== fm.id) throw bad(file, 'featureMap.id', `is '${o.id}' but the fields rebuild '${fm.id}'`);
  return fm;
}

/** How to run the kernel of a loaded model: any kernel option but the feature map (default: exact, in-process). */
export type LoadKernelOptions = Omit<QuantumKernelOptions, 'featureMap'>;

/** The kernel of a loaded model: the rebuilt feature map and the saved bandwidth. */
export function kernelFromFile(fm: PauliFeatureMap, bandwidth: number, file: string, options: LoadKernelOptions = {}): QuantumKernel {
  if (fm.bandwidth !== bandwidth) throw bad(file, 'bandwidth', `is ${bandwidth}, but the feature map was rebuilt at ${fm.bandwidth}`);
  return new QuantumKernel({ ...options, featureMap: fm });
}

/** The common fields of a trained model, ready to be written. */
export function modelFileBase(kind: ModelKind, kernel: { readonly featureMap: unknown }, supportVectors: number[][]): ModelFileBase {
  // The file rebuilds a fidelity kernel from its Pauli feature map; another kernel (the
  // projected one) would be rebuilt as the wrong kernel, so it is refused rather than saved.
  if (!(kernel instanceof QuantumKernel)) {
    throw new InputValidationError(`only a model on the fidelity QuantumKernel can be saved (this ${kind} uses ${kernel.constructor.name})`);
  }
  return { format: MODEL_FORMAT, version: MODEL_VERSION, kind, featureMap: featureMapToJson(kernel.featureMap), bandwidth: kernelBandwidth(kernel), supportVectors };
}

/** Writes a model file (JSON keeps every double exactly: shortest round-trip form). */
export async function writeModelFile(path: string, model: ModelFileBase): Promise<void> {
  await writeFile(path, `${JSON.stringify(model, null, 1)}\n`);
}

/** A checked model file: its common fields and the whole object for the model's own fields. */
export interface CheckedModelFile {
  kind: ModelKind;
  featureMap: PauliFeatureMap;
  bandwidth: number;
  supportVectors: number[][];
  featureColumns?: string[];
  featureScaling?: FeatureScalingJson;
  raw: Record<string, unknown>;
}

/** Validates the common fields of a parsed model file; `expected` refuses another kind of model. */
export function checkModelFile(v: unknown, file: string, expected?: ModelKind): CheckedModelFile {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new InputValidationError(`${file}: not a qbridge model file (expected a JSON object)`);
  const o = v as Record<string, unknown>;
  if (o.format !== MODEL_FORMAT) throw bad(file, 'format', `is ${JSON.stringify(o.format) ?? 'missing'}, expected '${MODEL_FORMAT}' (not a qbridge model file)`);
  if (o.version !== MODEL_VERSION) throw bad(file, 'version', `is ${JSON.stringify(o.version) ?? 'missing'}; this qbridge reads version ${MODEL_VERSION}`);
  const kind = o.kind;
  if (kind !== 'QSVC' && kind !== 'QSVR' && kind !== 'PegasosQSVC') throw bad(file, 'kind', `must be QSVC, QSVR or PegasosQSVC, got ${JSON.stringify(kind) ?? 'nothing'}`);
  if (expected && kind !== expected) throw bad(file, 'kind', `is ${kind}, expected ${expected}`);
  // Absent: a file from a kernel without bandwidth, i.e. 1.
  const bandwidth = o.bandwidth === undefined ? 1 : numberField(o, 'bandwidth', file);
  if (!(bandwidth > 0)) throw bad(file, 'bandwidth', `must be positive, got ${bandwidth}`);
  const featureMap = featureMapFromJson(o.featureMap, file, bandwidth);
  const sv = o.supportVectors;
  if (!Array.isArray(sv) || sv.length === 0) throw bad(file, 'supportVectors', 'must be a non-empty list of feature rows');
  for (const [i, row] of sv.entries()) {
    if (!Array.isArray(row) || row.length !== featureMap.featureDimension || row.some((x) => typeof x !== 'number' || !Number.isFinite(x))) {
      throw bad(file, `supportVectors[${i}]`, `must be ${featureMap.featureDimension} finite numbers`);
    }
  }
  const cols = o.featureColumns;
  if (cols !== undefined && (!Array.isArray(cols) || cols.length !== featureMap.featureDimension || cols.some((c) => typeof c !== 'string') || new Set(cols).size !== cols.length)) {
    throw bad(file, 'featureColumns', `must be ${featureMap.featureDimension} distinct column names`);
  }
  const featureScaling = o.featureScaling === undefined ? undefined : scalingField(o, file, featureMap.featureDimension);
  return { kind, featureMap, bandwidth, supportVectors: sv as number[][], ...(cols ? { featureColumns: cols as string[] } : {}), ...(featureScaling ? { featureScaling } : {}), raw: o };
}

/** The `featureScaling` field: a scale kind and `d` finite offsets and factors. */
function scalingField(o: Record<string, unknown>, file: string, d: number): FeatureScalingJson {
  const s = objectField(o, 'featureScaling', file);
  if (typeof s.kind !== 'string' || !isScaleKind(s.kind)) throw bad(file, 'featureScaling.kind', `must be one of ${SCALE_KINDS.join(', ')}`);
  const offset = numberListField(s, 'offset', file, 'featureScaling.offset', d);
  const factor = numberListField(s, 'factor', file, 'featureScaling.factor', d);
  return { kind: s.kind, offset, factor };
}

/**
 * Reads and parses a model file (a missing file or bad JSON is an InputValidationError naming
 * it as `name`, e.g. the CLI flag and the path).
 */
export async function readModelFile(file: string, name = file): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new InputValidationError(`cannot read model file ${name}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, undefined, { cause: e });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new InputValidationError(`${name}: not JSON (${(e as Error).message})`, undefined, { cause: e });
  }
}

/** Checks that each machine's support-vector indices point into the file's support vectors. */
export function svIndexField(o: Record<string, unknown>, file: string, path: string, count: number): number[] {
  const v = o.sv;
  if (!Array.isArray(v) || v.some((i) => !Number.isInteger(i) || i < 0 || i >= count)) throw bad(file, `${path}.sv`, `must be indices into supportVectors (0 to ${count - 1})`);
  return v as number[];
}

/** Reads one saved machine (support-vector indices, coefficients, rho, optional Platt A/B). */
export function machineField(o: Record<string, unknown>, file: string, path: string, svCount: number): Machine {
  const sv = svIndexField(o, file, path, svCount);
  const coef = numberListField(o, 'coef', file, `${path}.coef`, sv.length);
  const rho = numberField(o, 'rho', file, `${path}.rho`);
  if ((o.probA === undefined) !== (o.probB === undefined)) throw bad(file, `${path}.probA`, 'and probB must both be present or both absent');
  const prob = o.probA === undefined ? {} : { probA: numberField(o, 'probA', file, `${path}.probA`), probB: numberField(o, 'probB', file, `${path}.probB`) };
  return { sv, coef, rho, ...prob };
}
