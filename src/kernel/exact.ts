import { ResourceLimitError, throwIfAborted } from '../core/errors';
import { yieldToEventLoop } from '../core/abort';
import type { KernelCache } from './cache';
import { Prng, freshSeed, hash32 } from '../core/random';
import type { PauliFeatureMap } from './feature-map';
import { gramCrossRows, gramSymmetricRows } from './gram-loops';
import { rowKey, type FeatureMatrix } from './inputs';

/** Most bytes of statevectors one exact evaluation holds per side (x or y): 4 GiB. */
export const MAX_STATE_BLOCK_BYTES = 4 * 2 ** 30;

/** Counters the exact path updates. */
export interface ExactCounters {
  statevectorsComputed: number;
}

/**
 * The statevectors of every row of `m`, back to back (interleaved re/im, 2·2^n numbers each),
 * taken from the cache when present, else encoded once and cached.
 */
export function statevectorBlock(
  fm: PauliFeatureMap,
  fmKey: string,
  m: FeatureMatrix,
  cache: KernelCache | null,
  counters: ExactCounters,
): Float64Array {
  const stride = 2 << fm.numQubits;
  const bytes = m.rows * stride * 8;
  if (fm.numQubits > 26 || bytes > MAX_STATE_BLOCK_BYTES) {
    throw new ResourceLimitError(
      `the exact kernel would hold ${m.rows} statevectors of ${fm.numQubits} qubits (${(bytes / 2 ** 30).toFixed(1)} GiB); ` +
        `use fewer points per call, fewer features, or the sampled path`,
    );
  }
  const z = new Float64Array(m.rows * stride);
  const thetas = new Float64Array(fm.maxBlocks);
  for (let i = 0; i < m.rows; i++) {
    const key = cache ? `s|${fmKey}|${rowKey(m, i)}` : '';
    const hit = cache?.get('statevector', key);
    if (hit instanceof Float64Array) {
      z.set(hit, i * stride);
      continue;
    }
    fm.encodeInto(m.data, i * m.cols, z, i * stride, thetas);
    counters.statevectorsComputed++;
    if (cache) cache.set(key, z.slice(i * stride, (i + 1) * stride));
  }
  return z;
}


/**
 * The raw exact Gram matrix |⟨ψ(x_i)|ψ(y_j)⟩|² (diagonal computed), row slices of about 2·10⁷
 * multiply-adds between yields.
 */
export async function exactGram(
  zx: Float64Array,
  nx: number,
  zy: Float64Array | null,
  ny: number,
  dim: number,
  out: Float64Array,
  opts: { signal?: AbortSignal; onRows?: (done: number) => void },
): Promise<void> {
  const slice = Math.max(1, Math.floor(2e7 / Math.max(1, ny * dim)));
  for (let r = 0; r < nx; r += slice) {
    throwIfAborted(opts.signal);
    const end = Math.min(nx, r + slice);
    if (zy === null) gramSymmetricRows(zx, nx, dim, out, r, end);
    else gramCrossRows(zx, zy, ny, dim, out, r, end);
    opts.onRows?.(end);
    if (end < nx) await yieldToEventLoop();
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
