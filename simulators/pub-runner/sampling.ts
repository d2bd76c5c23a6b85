/**
 * Sampler execution on the statevector simulator.
 *
 * Two paths:
 * - terminal measurements only (the common case): simulate once per parameter row, draw
 *   `shots` basis indices with the row's seed, read each classical bit from its measured qubit;
 * - mid-circuit measurement or reset: simulate the unitary prefix once, then every shot on its
 *   own copy of the state, collapsing at each measurement/reset with the row's seeded PRNG.
 *   Correct but O(shots · instructions · 2^n): capped by {@link PER_SHOT_WORK_LIMIT}.
 */
import type { Circuit } from '../../src/circuit/circuit';
import { ResourceLimitError, throwIfAborted } from '../../src/core/errors';
import { yieldToEventLoop } from '../../src/core/abort';
import type { SamplerPubResult } from '../../src/primitives/types';
import type { ParameterRows } from '../../src/primitives/types';
import { Prng } from '../../src/core/random';
import { applyGate, assertStateFits, simulateStatevector, Statevector, zeroState, type StateBuffers } from '../statevector';
import { numericParams } from '../statevector/simulate';
import {
  finalClbitSources,
  hasOnlyTerminalMeasurements,
  memoryWordsPerShot,
  registersFromMemory,
  writeMeasuredBits,
} from '../../src/primitives/measurement';
import { deriveSeed } from '../../src/core/random';

/**
 * Most amplitude updates (shots × instructions after the first measurement × 2^n) the per-shot
 * path accepts: about 2^30, a few seconds on one core. Larger jobs get a ResourceLimitError
 * instead of an unbounded wait.
 */
export const PER_SHOT_WORK_LIMIT = 2 ** 30;

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
  readonly method: 'statevector-sampling' | 'per-shot-collapse';
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
  for (let r = 0; r < rows.length; r++) {
    if (r > 0) await yieldToEventLoop();
    throwIfAborted(signal);
    const bound = bindRow(circuit, rows[r]!);
    const seed = deriveSeed(pubSeed, r);
    const view = memory.subarray(r * shots * wpsAll, (r + 1) * shots * wpsAll);
    if (terminal) sampleTerminal(bound, shots, seed, view, wpsAll, signal);
    else samplePerShot(bound, shots, seed, view, wpsAll, signal);
  }
  return { memory, wordsPerShot: wpsAll, numRows: rows.length, shots, method: terminal ? 'statevector-sampling' : 'per-shot-collapse' };
}

/** A sampler PUB result from classical memory: one BitArray per register. */
export function pubResultFromMemory(circuit: Circuit, m: SampledMemory, extraMetadata: Readonly<Record<string, unknown>> = {}): SamplerPubResult {
  return {
    data: Object.freeze(registersFromMemory(circuit, m.memory, m.wordsPerShot, m.numRows, m.shots)),
    metadata: Object.freeze({ shots: m.shots, numRows: m.numRows, method: m.method, ...extraMetadata }),
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

function samplePerShot(
  circuit: Circuit,
  shots: number,
  seed: number,
  out: Uint32Array,
  wps: number,
  signal?: AbortSignal,
): void {
  const n = circuit.numQubits;
  const instrs = circuit.instructions;
  let first = instrs.findIndex((i) => i.name === 'measure' || i.name === 'reset');
  if (first < 0) first = instrs.length;
  const work = shots * Math.max(1, instrs.length - first) * 2 ** n;
  if (work > PER_SHOT_WORK_LIMIT) {
    throw new ResourceLimitError(
      `mid-circuit measurement/reset needs per-shot simulation: ${shots} shots × ${instrs.length - first} instructions × 2^${n} ` +
        `amplitudes exceeds the local simulator's limit of 2^30 updates; use fewer shots or qubits, or only final measurements`,
    );
  }
  assertStateFits(n, 2);
  // The unitary prefix is the same for every shot: simulate it once.
  const prefix = zeroState(n);
  for (let i = 0; i < first; i++) {
    const ins = instrs[i]!;
    if (ins.name !== 'barrier') applyGate(prefix, ins.name, ins.qubits, numericParams(ins, i));
  }
  const rng = new Prng(seed);
  for (let s = 0; s < shots; s++) {
    if ((s & 255) === 0) throwIfAborted(signal);
    const state: StateBuffers = { numQubits: n, re: prefix.re.slice(), im: prefix.im.slice() };
    for (let i = first; i < instrs.length; i++) {
      const ins = instrs[i]!;
      if (ins.name === 'barrier') continue;
      if (ins.name === 'measure' || ins.name === 'reset') {
        const q = ins.qubits[0]!;
        const bit = collapse(state, q, rng.next());
        if (ins.name === 'measure') {
          const c = ins.clbits[0]!;
          const w = s * wps + (c >>> 5);
          if (bit) out[w]! |= 1 << (c & 31);
          else out[w]! &= ~(1 << (c & 31));
        } else if (bit) {
          applyGate(state, 'x', [q], []);
        }
        continue;
      }
      applyGate(state, ins.name, ins.qubits, numericParams(ins, i));
    }
  }
}

/** Measures qubit `q` with uniform draw `u`, collapses and renormalises the state; returns the bit. */
function collapse(state: StateBuffers, q: number, u: number): number {
  const { re, im } = state;
  const mask = 1 << q;
  let p1 = 0;
  for (let i = 0; i < re.length; i++) if (i & mask) p1 += re[i]! * re[i]! + im[i]! * im[i]!;
  let p0 = 0;
  for (let i = 0; i < re.length; i++) if (!(i & mask)) p0 += re[i]! * re[i]! + im[i]! * im[i]!;
  const bit = u * (p0 + p1) < p1 ? 1 : 0;
  const scale = 1 / Math.sqrt(bit ? p1 : p0);
  for (let i = 0; i < re.length; i++) {
    if (((i & mask) !== 0) === (bit === 1)) {
      re[i]! *= scale;
      im[i]! *= scale;
    } else {
      re[i] = 0;
      im[i] = 0;
    }
  }
  return bit;
}
