/**
 * Fused passes on the WebAssembly SIMD kernels: the product-state write, diagonal (phase) passes,
 * gather passes, diagonal and general complex 2×2s, and pairs of 2×2s (Hadamard-shaped, real,
 * complex).
 * Tables are built by the same TypeScript as the plain path, into the arena's scratch; the
 * kernels then make the pass. Each kernel computes exactly what its TypeScript twin computes
 * (same operations, same order).
 */
import { isDiagonal2x2, isReal2x2 } from '../../../src/circuit/mat2';
import { isHadamardShaped } from '../apply-gate';
import type { FusedOp } from '../plan/fusion';
import type { WorkState } from '../state';
import { buildPhaseTables, chooseLowBits } from '../ops/apply-phase-terms';
import { PRODUCT_LOW_BITS, productTable } from '../ops/product-state';
import { SCRATCH_LOW_BITS, type WasmArena } from './runtime';
import { gatherRows, phaseRows, productRows, rangeRows } from './chunks';
import { runRows, type ParallelKernel } from './thread-pool';

/**
 * Smallest state whose passes are split over threads. Measured on 2 cores (a complex 2×2 pass,
 * 2 threads vs 1): 0.93× at 16 qubits (a ~60 µs pass is not worth waking a worker), 1.02× at 17,
 * 1.35× at 18, 1.56× at 19, 1.72× at 20.
 */
export const PARALLEL_MIN_QUBITS = 18;

/** Runs one kernel call, split into rows over the threads when the state is large enough. */
function dispatch(arena: WasmArena, state: WorkState, kernel: ParallelKernel, args: number[], split: (a: number[]) => number[][]): void {
  const threads = state.numQubits >= PARALLEL_MIN_QUBITS ? (state.threads ?? 1) : 1;
  if (threads <= 1) (arena.kernels[kernel] as (...a: number[]) => void)(...args);
  else runRows(arena, kernel, split(args), threads);
}

/** The 16 entries (re, im of A's four, then B's) a complex pair kernel takes after its pointers. */
function complexPair(a: Float64Array, b: Float64Array): number[] {
  return [a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!, a[6]!, a[7]!, b[0]!, b[1]!, b[2]!, b[3]!, b[4]!, b[5]!, b[6]!, b[7]!];
}

/** Range rows of a pair kernel `(re, im, n, ba, bb, …)`: groups repeat every 2·max(ba, bb). */
function pairSplit(args: number[]): number[][] {
  return rangeRows(args, 2 * Math.max(args[3]!, args[4]!));
}

/**
 * The gather's blocks sorted by source block (th[iH] >>> L), ties by iH: writes gto[k] = iH and
 * gth[k] = th[iH]. Measured at n = 24 on a CX chain (whose TH jumps around like a Gray code):
 * reading the source forward and jumping on the writes instead is ~15–20% faster. Sorts packed
 * keys (source block · 2^H + iH < 2^30 for H ≤ 15) in place: no allocation.
 */
function orderBlocksBySource(th: Int32Array, L: number, gth: Int32Array, gto: Int32Array): void {
  const sizeH = th.length, H = Math.log2(sizeH), mask = sizeH - 1;
  const keys = gto.subarray(0, sizeH);
  for (let iH = 0; iH < sizeH; iH++) keys[iH] = ((th[iH]! >>> L) << H) | iH;
  keys.sort();
  for (let k = 0; k < sizeH; k++) {
    const iH = keys[k]! & mask;
    keys[k] = iH;
    gth[k] = th[iH]!;
  }
}

/**
 * Runs `op` on the wasm kernels when one fits (the state's buffers must be views into
 * `arena`'s memory); returns false, doing nothing, when the plain-TS kernels should run it.
 */
export function applyFusedOpWasm(arena: WasmArena, state: WorkState, op: FusedOp): boolean {
  const n = state.numQubits;
  const { re, im } = state;
  if (re.buffer !== arena.buffer || im.buffer !== arena.buffer) return false;
  const s = arena.scratch;
  switch (op.kind) {
    case 'product': {
      const L = Math.min(n, PRODUCT_LOW_BITS), H = n - L;
      if (L < 1 || L > SCRATCH_LOW_BITS || 2 ** H > s.thr.length) return false;
      productTable(s.tlr, s.tli, op.v, 0, L);
      productTable(s.thr, s.thi, op.v, L, H);
      dispatch(arena, state, 'product', [re.byteOffset, im.byteOffset, s.tlr.byteOffset, s.tli.byteOffset, s.thr.byteOffset, s.thi.byteOffset, L, 2 ** H], productRows);
      return true;
    }
    case 'phases': {
      // H = n − L no more than the scratch's high tables hold
      const L = chooseLowBits(n, op.pairQubits, n - Math.log2(s.thr.length));
      const H = n - L;
      if (L < 1 || L > SCRATCH_LOW_BITS || 2 ** H > s.thr.length || L * 2 ** H > s.rr.length) return false;
      const cross = buildPhaseTables(n, op.one, op.pairQubits, op.pairDiag, op.scalarRe, op.scalarIm, L, s);
      const args = [
        re.byteOffset, im.byteOffset, L, 2 ** H, s.tlr.byteOffset, s.tli.byteOffset, s.thr.byteOffset, s.thi.byteOffset,
        s.rr.byteOffset, s.ri.byteOffset, s.tr.byteOffset, s.ti.byteOffset, cross ? 1 : 0,
      ];
      dispatch(arena, state, 'phases', args, phaseRows);
      return true;
    }
    case 'gather': {
      const dr = state.spareRe, di = state.spareIm;
      const L = op.lowBits, sizeH = op.th.length;
      if (!dr || !di || dr.buffer !== arena.buffer || di.buffer !== arena.buffer) return false;
      if (L < 1 || L > SCRATCH_LOW_BITS || sizeH > s.gth.length) return false;
      s.gtl.set(op.tl);
      orderBlocksBySource(op.th, L, s.gth, s.gto);
      const args = [re.byteOffset, im.byteOffset, dr.byteOffset, di.byteOffset, s.gtl.byteOffset, s.gth.byteOffset, s.gto.byteOffset, L, sizeH];
      dispatch(arena, state, 'gather', args, gatherRows);
      state.spareRe = re;
      state.spareIm = im;
      state.re = dr;
      state.im = di;
      return true;
    }
    case 'one': {
      // Diagonal and general complex 2×2s: real (and Hadamard-shaped) ones run near the floor in TS.
      const m = op.m;
      if (isDiagonal2x2(m)) {
        const skip0 = m[0] === 1 && m[1] === 0 ? 1 : 0;
        const bit = 1 << op.q;
        dispatch(arena, state, 'diag1', [re.byteOffset, im.byteOffset, re.length, bit, m[0]!, m[1]!, m[6]!, m[7]!, skip0], (a) => rangeRows(a, 2 * bit));
        return true;
      }
      if (isReal2x2(m)) return false;
      const bit = 1 << op.q;
      const args = [re.byteOffset, im.byteOffset, re.length, bit, m[0]!, m[1]!, m[2]!, m[3]!, m[4]!, m[5]!, m[6]!, m[7]!];
      dispatch(arena, state, 'one', args, (x) => rangeRows(x, Math.max(4, 2 * bit)));
      return true;
    }
    case 'pair': {
      const a = op.ma, b = op.mb;
      // Same choice of kernel as the TS dispatch (Hadamard-shaped, real, general); the real ones
      // need both bits ≥ 2 elements (qubit 0 stays on TS for them), but for real ones on (0, 1).
      if (isReal2x2(a) && isReal2x2(b)) {
        const hadamards = isHadamardShaped(a) && isHadamardShaped(b);
        if (hadamards && op.qa + op.qb === 1 && re.length >= 4) {
          // qubits (0, 1) or (1, 0): groups of four consecutive amplitudes
          dispatch(arena, state, 'pairHadamard01', [re.byteOffset, im.byteOffset, re.length, op.qa, a[0]! * b[0]!], (x) => rangeRows(x, 4));
          return true;
        }
        if (!hadamards && op.qa === 0 && op.qb === 1 && re.length >= 4) {
          const args = [re.byteOffset, im.byteOffset, re.length, a[0]!, a[2]!, a[4]!, a[6]!, b[0]!, b[2]!, b[4]!, b[6]!];
          dispatch(arena, state, 'pairReal01', args, (x) => rangeRows(x, 4));
          return true;
        }
        if (op.qa === 0 || op.qb === 0) return false;
        if (hadamards) {
          dispatch(arena, state, 'pairHadamard', [re.byteOffset, im.byteOffset, re.length, 1 << op.qa, 1 << op.qb, a[0]! * b[0]!], pairSplit);
        } else {
          const args = [re.byteOffset, im.byteOffset, re.length, 1 << op.qa, 1 << op.qb, a[0]!, a[2]!, a[4]!, a[6]!, b[0]!, b[2]!, b[4]!, b[6]!];
          dispatch(arena, state, 'pairReal', args, pairSplit);
        }
        return true;
      }
      if (op.qa === 0 && op.qb === 1 && re.length >= 4) {
        // the (0, 1) group is four consecutive elements: a shuffle-free kernel
        const args = [re.byteOffset, im.byteOffset, re.length, ...complexPair(a, b)];
        dispatch(arena, state, 'pair01', args, (x) => rangeRows(x, 4));
        return true;
      }
      if (op.qa === 0 || op.qb === 0) {
        // lanes transposed around qubit 0
        const hb = 1 << (op.qa === 0 ? op.qb : op.qa);
        const args = [re.byteOffset, im.byteOffset, re.length, hb, op.qa === 0 ? 1 : 0, ...complexPair(a, b)];
        dispatch(arena, state, 'pair0', args, (x) => rangeRows(x, Math.max(8, 2 * hb)));
        return true;
      }
      dispatch(arena, state, 'pair', [re.byteOffset, im.byteOffset, re.length, 1 << op.qa, 1 << op.qb, ...complexPair(a, b)], pairSplit);
      return true;
    }
    default:
      return false;
  }
}
