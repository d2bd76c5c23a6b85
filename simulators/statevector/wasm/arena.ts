/**
 * The shapes of the WebAssembly arena (./runtime.ts makes arenas; ./thread-pool.ts and ./ops.ts
 * run kernels in them): kept apart so the pool and the runtime need not import each other.
 */
import type { PhaseTables } from '../ops/apply-phase-terms';

/** The kernels' exports; every pointer is a byte offset into the arena's memory. */
export interface WasmKernels {
  product(re: number, im: number, tlr: number, tli: number, thr: number, thi: number, L: number, sizeH: number): void;
  phases(
    re: number, im: number, L: number, sizeH: number, tlr: number, tli: number, thr: number, thi: number,
    rr: number, ri: number, tr: number, ti: number, cross: number,
  ): void;
  gather(sr: number, si: number, dr: number, di: number, tl: number, th: number, to: number, L: number, sizeH: number): void;
  diag1(re: number, im: number, n: number, bit: number, d0r: number, d0i: number, d1r: number, d1i: number, skip0: number): void;
  one(re: number, im: number, n: number, bit: number, ar: number, ai: number, br: number, bi: number, cr: number, ci: number, dr: number, di: number): void;
  pairHadamard(re: number, im: number, n: number, ba: number, bb: number, scale: number): void;
  pairReal(re: number, im: number, n: number, ba: number, bb: number, a: number, b: number, c: number, d: number, e: number, f: number, g: number, h: number): void;
  pair0(
    re: number, im: number, n: number, hb: number, aLow: number,
    ar: number, ai: number, br: number, bi: number, cr: number, ci: number, dr: number, di: number,
    er: number, ei: number, fr: number, fi: number, gr: number, gi: number, hr: number, hi: number,
  ): void;
  pairReal01(re: number, im: number, n: number, a: number, b: number, c: number, d: number, e: number, f: number, g: number, h: number): void;
  pairHadamard01(re: number, im: number, n: number, swap: number, scale: number): void;
  pair01(
    re: number, im: number, n: number,
    ar: number, ai: number, br: number, bi: number, cr: number, ci: number, dr: number, di: number,
    er: number, ei: number, fr: number, fi: number, gr: number, gi: number, hr: number, hi: number,
  ): void;
  pair(
    re: number, im: number, n: number, ba: number, bb: number,
    ar: number, ai: number, br: number, bi: number, cr: number, ci: number, dr: number, di: number,
    er: number, ei: number, fr: number, fi: number, gr: number, gi: number, hr: number, hi: number,
  ): void;
}

/** A WebAssembly.Memory (shared: its buffer is a SharedArrayBuffer). */
export interface WasmMemory { readonly buffer: ArrayBuffer }

/**
 * Scratch views (in the arena's memory): the phase tables the table-building code writes into,
 * the gather's tables, and the phase kernel's per-block scratch.
 */
export interface WasmScratch extends PhaseTables {
  readonly gtl: Int32Array;
  readonly gth: Int32Array;
  /** The gather's block order (destination block numbers), parallel to gth. */
  readonly gto: Int32Array;
  /**
   * The phase kernel's C and D tables, one slot per chunk ({@link CHUNK_SCRATCH_F64} entries,
   * chunk c at c · CHUNK_SCRATCH_F64; a single-thread pass uses slot 0): chunks of one pass run
   * on different threads at once.
   */
  readonly tr: Float64Array;
  readonly ti: Float64Array;
}

/** Float64 entries of one chunk's phase-pass scratch (C and D tables: 2 × 64 entries). */
export const CHUNK_SCRATCH_F64 = 128;

/** One simulation's wasm memory: the state, the optional spare pair, scratch, the kernels. */
export interface WasmArena {
  /** Unique per arena: worker threads key their instances by it. */
  readonly id: number;
  readonly kernels: WasmKernels;
  /** The compiled module and the shared memory, for worker threads to instantiate. */
  readonly module: object;
  readonly memory: WasmMemory;
  readonly buffer: ArrayBuffer;
  readonly re: Float64Array;
  readonly im: Float64Array;
  readonly spareRe: Float64Array | null;
  readonly spareIm: Float64Array | null;
  readonly scratch: WasmScratch;
  /** Reused by later simulations (from {@link acquireArena}): copy results out before returning. */
  readonly reusable: boolean;
}
