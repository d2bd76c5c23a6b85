/**
 * How one wasm kernel call over the whole state splits into calls on disjoint parts (rows for
 * ./thread-pool.ts). Two shapes:
 *  - range kernels (re, im, n, …) act on 2^n elements in independent groups that repeat every
 *    `period` elements: a chunk is a contiguous run of whole periods, the call with re/im moved
 *    forward and n shortened;
 *  - block kernels (product, phases, gather) loop over 2^H blocks of 2^L elements with per-block
 *    tables: a chunk is a run of blocks, the call with the per-block table pointers moved forward.
 * Each chunk's call computes, element for element, what the whole call computes.
 */
import { MAX_CHUNKS } from './thread-pool';
import { CHUNK_SCRATCH_F64 } from './runtime';

/** Fewest elements per chunk: below this a hand-off costs more than the work. */
export const MIN_CHUNK_ELEMENTS = 1 << 14;

/** Chunks for `units` units of `unitElements` elements: a power of two, ≤ units and MAX_CHUNKS. */
export function chunkCount(units: number, unitElements: number): number {
  let c = 1;
  while (2 * c <= MAX_CHUNKS && 2 * c <= units && (units / (2 * c)) * unitElements >= MIN_CHUNK_ELEMENTS) c *= 2;
  return c;
}

/**
 * Rows of a range kernel `(re, im, n, …rest)` whose work repeats every `period` elements.
 *
 * @example rangeRows([0, 2^20, 2^17, 4], 8) → 8 rows [0 + 8·2^14·i, 2^20 + 8·2^14·i, 2^14, 4]
 */
export function rangeRows(args: readonly number[], period: number): number[][] {
  const [re, im, n] = args as [number, number, number];
  const rest = args.slice(3);
  const c = chunkCount(n / period, period);
  const len = n / c;
  return Array.from({ length: c }, (_, i) => [re + 8 * i * len, im + 8 * i * len, len, ...rest]);
}

/** Rows of `product(re, im, tlr, tli, thr, thi, L, sizeH)`: runs of blocks. */
export function productRows(args: readonly number[]): number[][] {
  const [re, im, tlr, tli, thr, thi, L, sizeH] = args as [number, number, number, number, number, number, number, number];
  const c = chunkCount(sizeH, 2 ** L), per = sizeH / c;
  return Array.from({ length: c }, (_, i) => {
    const b = i * per, o = 8 * b * 2 ** L;
    return [re + o, im + o, tlr, tli, thr + 8 * b, thi + 8 * b, L, per];
  });
}

/**
 * Rows of `phases(re, im, L, sizeH, tlr, tli, thr, thi, rr, ri, tr, ti, cross)`: runs of blocks,
 * chunk c with the (tr, ti) scratch slot c (the arena holds MAX_CHUNKS slots of
 * CHUNK_SCRATCH_F64 entries from `tr`, `ti`).
 */
export function phaseRows(args: readonly number[]): number[][] {
  const [re, im, L, sizeH, tlr, tli, thr, thi, rr, ri, tr, ti, cross] = args as number[] as [
    number, number, number, number, number, number, number, number, number, number, number, number, number,
  ];
  const c = chunkCount(sizeH, 2 ** L), per = sizeH / c;
  return Array.from({ length: c }, (_, i) => {
    const b = i * per, o = 8 * b * 2 ** L, s = 8 * i * CHUNK_SCRATCH_F64;
    return [re + o, im + o, L, per, tlr, tli, thr + 8 * b, thi + 8 * b, rr + 8 * b * L, ri + 8 * b * L, tr + s, ti + s, cross];
  });
}

/** Rows of `gather(sr, si, dr, di, tl, th, to, L, sizeH)`: runs of the (ordered) block list. */
export function gatherRows(args: readonly number[]): number[][] {
  const [sr, si, dr, di, tl, th, to, L, sizeH] = args as [number, number, number, number, number, number, number, number, number];
  const c = chunkCount(sizeH, 2 ** L), per = sizeH / c;
  return Array.from({ length: c }, (_, i) => [sr, si, dr, di, tl, th + 4 * i * per, to + 4 * i * per, L, per]);
}
