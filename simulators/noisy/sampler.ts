/**
 * Noisy Sampler PUBs: per parameter row, counts from the noisy method, written out as per-shot
 * classical memory (the same BitArray layout as the noiseless path, src/primitives/measurement.ts).
 */
import type { Circuit } from '../../src/circuit/circuit';
import { throwIfAborted } from '../../src/core/errors';
import { yieldToEventLoop } from '../../src/core/abort';
import { deriveSeed, Prng } from '../../src/core/random';
import type { NoiseModel } from '../../src/noise/noise-model';
import { memoryWordsPerShot, registersFromMemory } from '../../src/primitives/measurement';
import type { ParameterRows, SamplerPubResult } from '../../src/primitives/types';
import { sampleDensityMatrixCounts, touchedQubits } from '../density-matrix';
import { bindRow } from '../pub-runner/sampling';
import { sampleTrajectoryCounts } from '../trajectories';
import { chooseNoiseMethod, type NoiseMethod, type ResolvedNoiseMethod } from './method';

/** What a noisy run needs besides the circuit. */
export interface NoisyRunOptions {
  /** The noise model (its snapshot is taken per row; edits during a run do not apply). */
  readonly noise: NoiseModel;
  /** @defaultValue 'auto' */
  readonly noiseMethod?: NoiseMethod;
  /** Checked between rows and inside the simulators. */
  readonly signal?: AbortSignal;
}

/** Salt of the shot-order shuffle's seed (so it is independent of the counts' draw). */
const SHUFFLE_SALT = 0x5348;

/**
 * Samples one PUB under noise. Each row's counts come from the noisy method with seed
 * `deriveSeed(pubSeed, row)`; the shots are then written to memory and put in a random order
 * with a PRNG seeded from the same row seed (counts are drawn per outcome, so unshuffled memory
 * would be sorted by bit string, which no device returns).
 *
 * The metadata names the method (`noiseMethod`), the model (`noise`, `NoiseModel.describe()`)
 * and the PUB seed.
 *
 * @param circuit bound or parametric circuit on the backend's qubit numbering (the noise model's)
 * @throws {CircuitValidationError} for a mid-circuit measurement or reset after a measurement (density matrix)
 * @throws {ResourceLimitError} when the chosen method does not fit in memory
 */
export async function runNoisySampler(
  circuit: Circuit,
  rows: ParameterRows,
  shots: number,
  pubSeed: number,
  options: NoisyRunOptions,
): Promise<SamplerPubResult> {
  const requested = options.noiseMethod ?? 'auto';
  const touched = touchedQubits(circuit).length;
  const method: ResolvedNoiseMethod = chooseNoiseMethod(touched, requested);
  const wps = memoryWordsPerShot(circuit.numClbits);
  const memory = new Uint32Array(rows.length * shots * wps);
  for (let r = 0; r < rows.length; r++) {
    if (r > 0) await yieldToEventLoop();
    throwIfAborted(options.signal);
    const seed = deriveSeed(pubSeed, r);
    const bound = bindRow(circuit, rows[r]!);
    const run = { noise: options.noise, shots, seed, signal: options.signal };
    const { counts } = method === 'trajectories' ? sampleTrajectoryCounts(bound, run) : sampleDensityMatrixCounts(bound, run);
    writeShuffledCounts(counts, circuit.numClbits, memory.subarray(r * shots * wps, (r + 1) * shots * wps), wps, shots, deriveSeed(seed, SHUFFLE_SALT));
  }
  return {
    data: Object.freeze(registersFromMemory(circuit, memory, wps, rows.length, shots)),
    metadata: Object.freeze({
      shots,
      numRows: rows.length,
      method: method === 'trajectories' ? 'trajectory-sampling' : 'density-matrix-sampling',
      noiseMethod: method,
      noise: options.noise.describe(),
      seed: pubSeed,
    }),
  };
}

/**
 * Writes `counts` (keys over all clbits, clbit 0 rightmost) as `shots` shots of memory, then
 * shuffles whole shots (Fisher–Yates with the seeded PRNG).
 */
export function writeShuffledCounts(
  counts: Readonly<Record<string, number>>,
  numClbits: number,
  out: Uint32Array,
  wps: number,
  shots: number,
  seed: number,
): void {
  const pattern = new Uint32Array(wps);
  let s = 0;
  for (const [key, k] of Object.entries(counts)) {
    pattern.fill(0);
    for (let c = 0; c < numClbits; c++) if (key[numClbits - 1 - c] === '1') pattern[c >>> 5]! |= 1 << (c & 31);
    for (let j = 0; j < k; j++, s++) out.set(pattern, s * wps);
  }
  const rng = new Prng(seed);
  const tmp = new Uint32Array(wps);
  for (let i = shots - 1; i > 0; i--) {
    const j = rng.integer(i + 1);
    if (j === i) continue;
    tmp.set(out.subarray(i * wps, (i + 1) * wps));
    out.copyWithin(i * wps, j * wps, (j + 1) * wps);
    out.set(tmp, j * wps);
  }
}
