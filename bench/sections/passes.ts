/**
 * One pass of each kind the fused simulator emits, at n = 16, 20 and 24, against the bandwidth
 * floor (a state-sized copy): fraction = floor / pass time (100% = as fast as a plain copy).
 * Each pass runs on a state in a WebAssembly arena as the fused simulator runs it (SIMD kernels
 * where there is one, split over every core from 18 qubits; the TypeScript kernels on the same
 * memory otherwise), on the same arena with one thread, and on plain typed arrays (the
 * TypeScript kernels only), interleaved. The floor is a single-thread figure.
 */
import { applyFusedOp, type WorkState } from '../../simulators/statevector/simulate';
import { mergePermutationRuns } from '../../simulators/statevector/plan/fusion-post';
import type { FusedOp } from '../../simulators/statevector/plan/fusion';
import { bandwidthFloorSeconds, floorBandwidthGBs } from '../lib/bandwidth';
import { createArena } from '../../simulators/statevector/wasm/runtime';
import { defaultThreads } from '../../simulators/statevector/wasm/thread-pool';
import { fmtSeconds, renderTable, timeInterleaved } from '../lib/timing';
import type { BenchContext, BenchSection } from './types';

const S = Math.SQRT1_2;
const H = Float64Array.of(S, 0, S, 0, S, 0, -S, 0);
// rz(0.3)·h: a general complex 2×2
const U = Float64Array.of(S * Math.cos(0.15), -S * Math.sin(0.15), S * Math.cos(0.15), -S * Math.sin(0.15), S * Math.cos(0.15), S * Math.sin(0.15), -S * Math.cos(0.15), -S * Math.sin(0.15));
// ry(0.8): real but not Hadamard-shaped
const RY = Float64Array.of(Math.cos(0.4), 0, -Math.sin(0.4), 0, Math.sin(0.4), 0, Math.cos(0.4), 0);
const RZ = Float64Array.of(Math.cos(0.15), -Math.sin(0.15), 0, 0, 0, 0, Math.cos(0.15), Math.sin(0.15));

/** The ZZ-map diagonal for n qubits: a one-qubit term per qubit and a term per pair. */
function zzPhases(n: number): FusedOp {
  const one = new Float64Array(4 * n);
  for (let q = 0; q < n; q++) one.set([1, 0, Math.cos(0.2 * q), Math.sin(0.2 * q)], 4 * q);
  const pairs: number[] = [];
  const diag: number[] = [];
  for (let a = 0; a < n; a++)
    for (let b = a + 1; b < n; b++) {
      const t = 0.01 * (a + 1) * (b + 2);
      pairs.push(a, b);
      diag.push(1, 0, Math.cos(t), Math.sin(t), Math.cos(t), Math.sin(t), 1, 0);
    }
  return { kind: 'phases', one, pairQubits: Int32Array.from(pairs), pairDiag: Float64Array.from(diag), scalarRe: 1, scalarIm: 0 };
}

/** A layer of RZ(0.1·(q+1)) as one diagonal pass. */
function oneQubitPhases(n: number): FusedOp {
  const one = new Float64Array(4 * n);
  for (let q = 0; q < n; q++) one.set([Math.cos(0.05 * (q + 1)), -Math.sin(0.05 * (q + 1)), Math.cos(0.05 * (q + 1)), Math.sin(0.05 * (q + 1))], 4 * q);
  return { kind: 'phases', one, pairQubits: new Int32Array(0), pairDiag: new Float64Array(0), scalarRe: 1, scalarIm: 0 };
}

export const passesSection: BenchSection = {
  name: 'passes',
  description: 'each fused pass kind vs the bandwidth floor',
  run(ctx: BenchContext) {
    const sizes = ctx.quick ? [16] : [16, 20, 24];
    const threads = defaultThreads();
    const rows: string[][] = [];
    const results: Record<string, unknown>[] = [];
    for (const n of sizes) {
      const floor = bandwidthFloorSeconds(n);
      const f = fmtSeconds(floor);
      rows.push([`n=${n} floor (best of copy / in-place scale, ${floorBandwidthGBs(n, floor).toFixed(0)} GB/s)`, f, '100%', f, '100%', f, '100%']);
      const mid = n >> 1;
      const v = new Float64Array(4 * n);
      for (let q = 0; q < n; q++) v.set([S, 0, S, 0], 4 * q);
      const ops: Array<[string, FusedOp]> = [
        [`one: complex 2×2 on q${mid}`, { kind: 'one', q: mid, m: U }],
        [`one: Hadamard on q${mid}`, { kind: 'one', q: mid, m: H }],
        [`one: real 2×2 (ry) on q${mid}`, { kind: 'one', q: mid, m: RY }],
        [`one: diagonal (rz) on q${mid}`, { kind: 'one', q: mid, m: RZ }],
        ['one: complex 2×2 on q0', { kind: 'one', q: 0, m: U }],
        [`pair: complex on q${mid},q${mid + 1}`, { kind: 'pair', qa: mid, ma: U, qb: mid + 1, mb: U }],
        [`pair: Hadamards on q${mid},q${mid + 1}`, { kind: 'pair', qa: mid, ma: H, qb: mid + 1, mb: H }],
        [`pair: real (ry) on q${mid},q${mid + 1}`, { kind: 'pair', qa: mid, ma: RY, qb: mid + 1, mb: RY }],
        ['pair: complex on q0,q1', { kind: 'pair', qa: 0, ma: U, qb: 1, mb: U }],
        ['pair: real (ry) on q0,q1', { kind: 'pair', qa: 0, ma: RY, qb: 1, mb: RY }],
        [`gate: cx(${mid},${mid + 1})`, { kind: 'gate', gate: { name: 'cx', qubits: [mid, mid + 1], params: [] } }],
        [`phases: ZZ diagonal, ${(n * (n - 1)) / 2} pair terms`, zzPhases(n)],
        [`phases: ${n} one-qubit terms (an RZ layer)`, oneQubitPhases(n)],
        ['product: initial product state', { kind: 'product', v }],
        [`gather: CX chain (${n - 1} cx) in one pass`, mergePermutationRuns(n, Array.from({ length: n - 1 }, (_, q) => ({ kind: 'gate' as const, gate: { name: 'cx', qubits: [q, q + 1], params: [] } })))[0]!],
      ];
      const amp = 2 ** (-n / 2);
      const plain: WorkState = { numQubits: n, re: new Float64Array(2 ** n).fill(amp), im: new Float64Array(2 ** n), spareRe: null, spareIm: null };
      const arena = createArena(n, true);
      if (arena) arena.re.fill(amp);
      const inArena = (t: number): WorkState =>
        arena ? { numQubits: n, re: arena.re, im: arena.im, spareRe: arena.spareRe, spareIm: arena.spareIm, arena, threads: t } : plain;
      const simulator = inArena(threads), oneThread = inArena(1);
      for (const [label, op] of ops) {
        const reps = n <= 20 ? 5 : 1;
        const run = (state: WorkState) => () => {
          for (let r = 0; r < reps; r++) applyFusedOp(state, op);
        };
        const [tw, t1, tp] = timeInterleaved([run(simulator), run(oneThread), run(plain)], { minRuns: 5, maxRuns: 9, targetSeconds: 3 }).map(
          (t) => t / reps,
        ) as [number, number, number];
        const pct = (t: number): string => `${((100 * floor) / t).toFixed(0)}%`;
        rows.push([`n=${n} ${label}`, fmtSeconds(tw), pct(tw), fmtSeconds(t1), pct(t1), fmtSeconds(tp), pct(tp)]);
        results.push({
          n, pass: label, threads, seconds: tw, floorSeconds: floor, fractionOfFloor: floor / tw,
          oneThreadSeconds: t1, oneThreadFractionOfFloor: floor / t1,
          plainTsSeconds: tp, plainTsFractionOfFloor: floor / tp, wasmArena: arena !== null,
        });
      }
    }
    ctx.print(renderTable(['pass', `simulator (${threads} thr) s`, 'floor/time', 'wasm 1 thread s', 'floor/time', 'plain TS s', 'floor/time'], rows));
    ctx.print(
      `simulator: the state in WebAssembly memory as the fused simulator holds it (SIMD kernels for product, phases, gather, diagonal and complex 2×2s, pairs, split over ${threads} thread(s) from 18 qubits; TS kernels on the main thread for real single 2×2s, real pairs on qubit 0 other than (0, 1), and gates); wasm 1 thread: the same on the main thread only; plain TS: Float64Arrays, TS kernels only. Medians, the three interleaved. The floor is one thread's best copy or in-place pass.`,
    );
    return results;
  },
};
