/**
 * Sampler execution on the statevector simulator.
 *
 * Two paths:
 * - terminal measurements only (the common case): simulate once per parameter row, draw
 *   `shots` basis indices with the row's seed, read each classical bit from its measured qubit;
 * - mid-circuit measurement, reset or classical control (`if_else`): exact branching over
 *   measurement outcomes, shot groups past a branch bound (see `branching.ts`, `collapse.ts`).
 */
import type { Circuit } from '../../src/circuit/circuit';
import { throwIfAborted } from '../../src/core/errors';
import { yieldToEventLoop } from '../../src/core/abort';
import type { SamplerPubResult } from '../../src/primitives/types';
import type { ParameterRows } from '../../src/primitives/types';
import { simulateStatevector, Statevector } from '../statevector';
import { sampleDynamic, type DynamicSampling } from './branching';
import {
  finalClbitSources,
  hasOnlyTerminalMeasurements,
  memoryWordsPerShot,
  registersFromMemory,
  writeMeasuredBits,
} from '../../src/primitives/measurement';
import { deriveSeed } from '../../src/core/random';

export { COLLAPSE_WORK_LIMIT } from './branching';

/** Binds a parameter row (a circuit without parameters is used as is). */
export function bindRow(circuit: Circuit, row: readonly number[]): Circuit {
  return row.length ? circuit.assignParameters(row) : circuit;
}

/** The classical memory of a sampled PUB (see src/primitives/measurement.ts for the layout). */
export interface SampledMemory {
  /** `numRows · shots · wordsPerShot` words, rows concatenated. */
  readonly memory: Uint32Array;
  readonly wordsPerShot: number;
  readonly numRows: number;
  readonly shots: number;
  readonly method: 'statevector-sampling' | 'branching' | 'shot-groups';
  /** Dynamic circuits: leaves of the branching per row (0 for a row that fell back). */
  readonly branches?: readonly number[];
  /** After a fallback: shot groups (distinct measurement histories) per row (0 for a row that branched). */
  readonly groups?: readonly number[];
  /** Why rows fell back from branching to shot groups. */
  readonly fallback?: string;
}

/**
 * Samples every row of one PUB into classical memory (each row bound and simulated).
 * @param pubSeed seed of this PUB (rows derive their own)
 */
export async function sampleMemory(
  circuit: Circuit,
  rows: ParameterRows,
  shots: number,
  pubSeed: number,
  signal?: AbortSignal,
): Promise<SampledMemory> {
  const wpsAll = memoryWordsPerShot(circuit.numClbits);
  // Classical memory of every shot of every row: wpsAll words per shot.
  const memory = new Uint32Array(rows.length * shots * wpsAll);
  const terminal = hasOnlyTerminalMeasurements(circuit);
  const dynamic: DynamicSampling[] = [];
  for (let r = 0; r < rows.length; r++) {
    if (r > 0) await yieldToEventLoop();
    throwIfAborted(signal);
    const bound = bindRow(circuit, rows[r]!);
    const seed = deriveSeed(pubSeed, r);
    const view = memory.subarray(r * shots * wpsAll, (r + 1) * shots * wpsAll);
    if (terminal) sampleTerminal(bound, shots, seed, view, wpsAll, signal);
    else dynamic.push(sampleDynamic(bound, shots, seed, view, wpsAll, signal));
  }
  if (terminal) return { memory, wordsPerShot: wpsAll, numRows: rows.length, shots, method: 'statevector-sampling' };
  // One method for the PUB: shot groups when any row fell back (the rows that branched say so in `branches`).
  const fallback = dynamic.find((d) => d.fallback)?.fallback;
  return {
    memory,
    wordsPerShot: wpsAll,
    numRows: rows.length,
    shots,
    method: fallback ? 'shot-groups' : 'branching',
    branches: dynamic.map((d) => d.branches ?? 0),
    ...(fallback ? { fallback, groups: dynamic.map((d) => d.groups ?? 0) } : {}),
  };
}

/** A sampler PUB result from classical memory: one BitArray per register. */
export function pubResultFromMemory(circuit: Circuit, m: SampledMemory, extraMetadata: Readonly<Record<string, unknown>> = {}): SamplerPubResult {
  return {
    data: Object.freeze(registersFromMemory(circuit, m.memory, m.wordsPerShot, m.numRows, m.shots)),
    metadata: Object.freeze({
      shots: m.shots,
      numRows: m.numRows,
      method: m.method,
      ...(m.branches ? { branches: m.branches } : {}),
      ...(m.fallback ? { fallback: m.fallback } : {}),
      ...extraMetadata,
    }),
  };
}

/**
 * Samples one PUB: every row bound and simulated; results per classical register.
 * @param pubSeed seed of this PUB (rows derive their own)
 */
export async function samplePub(
  circuit: Circuit,
  rows: ParameterRows,
  shots: number,
  pubSeed: number,
  signal?: AbortSignal,
): Promise<SamplerPubResult> {
  return pubResultFromMemory(circuit, await sampleMemory(circuit, rows, shots, pubSeed, signal));
}

function sampleTerminal(
  circuit: Circuit,
  shots: number,
  seed: number,
  out: Uint32Array,
  wps: number,
  signal?: AbortSignal,
): void {
  const sv = new Statevector(simulateStatevector(circuit, { signal }));
  writeMeasuredBits(sv.sampleIndices(shots, seed), finalClbitSources(circuit), out, wps);
}
