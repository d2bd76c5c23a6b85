import { ResourceLimitError, throwIfAborted } from '../core/errors';
import { yieldToEventLoop } from '../core/abort';
import type { KernelCache } from './cache';
import { Prng, freshSeed, hash32 } from '../core/random';
import type { PauliFeatureMap } from './feature-map';
import { GRAM_TILE, gramCrossRows, gramSymmetricRows, type StateBlock } from './gram-loops';
import { rowKey, type FeatureMatrix } from './inputs';

/** Most bytes of statevectors one exact evaluation holds per side (x or y): 4 GiB. */
export const MAX_STATE_BLOCK_BYTES = 4 * 2 ** 30;

/** Counters the exact path updates. */
export interface ExactCounters {
  statevectorsComputed: number;
}

/**
 * The statevectors of every row of `m`, taken from the cache when present, else computed once by
 * the engine (the feature map's compiled plan) and cached. The cache holds its own copy of each
 * state (re then im, 2·2^n numbers) and hands out nothing: hits are copied into the block.
 */
export function statevectorBlock(
  fm: PauliFeatureMap,
  fmKey: string,
  m: FeatureMatrix,
  cache: KernelCache | null,
  counters: ExactCounters,
): StateBlock {
  const dim = 2 ** fm.numQubits;
  const bytes = m.rows * dim * 16;
  if (fm.numQubits > 26 || bytes > MAX_STATE_BLOCK_BYTES) {
    throw new ResourceLimitError(
      `the exact kernel would hold ${m.rows} statevectors of ${fm.numQubits} qubits (${(bytes / 2 ** 30).toFixed(1)} GiB); ` +
        `use fewer points per call, fewer features, or the sampled path`,
    );
  }
  const re = new Float64Array(m.rows * dim);
  const im = new Float64Array(m.rows * dim);
  for (let i = 0; i < m.rows; i++) {
    const key = cache ? `s|${fmKey}|${rowKey(m, i)}` : '';
    const hit = cache?.get('statevector', key);
    if (hit instanceof Float64Array) {
      re.set(hit.subarray(0, dim), i * dim);
      im.set(hit.subarray(dim), i * dim);
      continue;
    }
    const r = re.subarray(i * dim, (i + 1) * dim);
    const s = im.subarray(i * dim, (i + 1) * dim);
    fm.encodeInto(m.data, i * m.cols, r, s);
    counters.statevectorsComputed++;
    if (cache) {
      const copy = new Float64Array(2 * dim);
      copy.set(r);
      copy.set(s, dim);
      cache.set(key, copy);
    }
  }
  return { count: m.rows, dim, re, im };
}

/**
 * The raw exact Gram matrix |⟨ψ(x_i)|ψ(y_j)⟩|² (diagonal computed; `y` null: x against itself,
 * using symmetry), row slices of about 2·10⁷ multiply-adds (at least one tile of rows) between yields.
 */
export async function exactGram(
  x: StateBlock,
  y: StateBlock | null,
  out: Float64Array,
  opts: { signal?: AbortSignal; onRows?: (done: number) => void },
): Promise<void> {
  const ny = y === null ? x.count : y.count;
  // Whole tiles of rows per slice: a slice of one row (what 2·10⁷ gives at 16 qubits) leaves the
  // Gram loop's 2×2 blocks one row to serve (measured on ZZ d = 16, 200 × 200: a new kernel's
  // evaluation 5.9–6.5 s with one-row slices, 3.6–4.2 s with tiles). A tile of rows at d = 16 is
  // ~0.3 s of work, the longest an abort waits.
  const slice = GRAM_TILE * Math.max(1, Math.floor(2e7 / Math.max(1, ny * x.dim) / GRAM_TILE));
  for (let r = 0; r < x.count; r += slice) {
    throwIfAborted(opts.signal);
    const end = Math.min(x.count, r + slice);
    if (y === null) gramSymmetricRows(x, out, r, end);
    else gramCrossRows(x, y, out, r, end);
    opts.onRows?.(end);
    if (end < x.count) await yieldToEventLoop();
  }
}

/**
 * Binomial shot emulation (FidelityStatevectorKernel with shots): each evaluated entry becomes
 * binomial(shots, p)/shots, one draw per DISTINCT entry (k(x,y) and k(y,x) share it), seeded from
 * (seed, both inputs' bytes) so a value does not depend on evaluation order. `keyOf` returns null
 * for trivial entries (left as they are). Values are memoized in `cache` when given.
 */
export function emulateShots(
  out: Float64Array,
  rows: number,
  cols: number,
  symmetric: boolean,
  shots: number,
  seed: number | undefined,
  keyOf: (i: number, j: number) => string | null,
  cache: KernelCache | null,
): void {
  const baseSeed = (seed ?? freshSeed()) >>> 0;
  for (let i = 0; i < rows; i++) {
    for (let j = symmetric ? i : 0; j < cols; j++) {
      const key = keyOf(i, j);
      if (key === null) continue;
      let v = cache?.get('entry', key);
      if (typeof v !== 'number') {
        const p = out[i * cols + j]!;
        v = new Prng(hash32(key, baseSeed)).binomial(shots, p < 0 ? 0 : p > 1 ? 1 : p) / shots;
        cache?.set(key, v);
      }
      out[i * cols + j] = v;
      if (symmetric) out[j * cols + i] = v;
    }
  }
}
