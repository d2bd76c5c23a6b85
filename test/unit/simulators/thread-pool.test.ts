/**
 * Passes split over worker threads (wasm/thread-pool.ts) give the single-thread amplitudes bit
 * for bit, for every kernel that can be split; the workers really take rows; the pool lets go
 * of arenas, restarts after being stopped, and refuses a bad thread count.
 */
import { Circuit } from '../../../src/circuit/circuit';
import { InputValidationError } from '../../../src/core/errors';
import type { FusedOp } from '../../../simulators/statevector/plan/fusion';
import { mergePermutationRuns } from '../../../simulators/statevector/plan/fusion-post';
import { applyFusedOp, simulateStatevector, type WorkState } from '../../../simulators/statevector/simulate';
import { PARALLEL_MIN_QUBITS } from '../../../simulators/statevector/wasm/ops';
import { createArena } from '../../../simulators/statevector/wasm/runtime';
import { chunkCount, gatherRows, MIN_CHUNK_ELEMENTS, rangeRows } from '../../../simulators/statevector/wasm/chunks';
import { MAX_CHUNKS, stopPool, threadPoolStats } from '../../../simulators/statevector/wasm/thread-pool';
import { randomState } from '../../support/dense';

const n = PARALLEL_MIN_QUBITS;
const cis = (t: number): number[] => [Math.cos(t), Math.sin(t)];
const S = Math.SQRT1_2;
const A = Float64Array.of(0.6, 0.1, -0.2, 0.7, 0.3, -0.5, 0.1, 0.4);
const B = Float64Array.of(-0.3, 0.2, 0.8, 0.1, 0.5, 0.5, -0.6, 0.2);
const RA = Float64Array.of(0.6, 0, -0.8, 0, 0.8, 0, 0.6, 0);
const RB = Float64Array.of(0.28, 0, 0.96, 0, -0.96, 0, 0.28, 0);
const H = Float64Array.of(S, 0, S, 0, S, 0, -S, 0);
const D = Float64Array.of(...cis(-0.3), 0, 0, 0, 0, ...cis(0.3));

function phases(pairs: boolean): FusedOp {
  const one = new Float64Array(4 * n);
  for (let q = 0; q < n; q++) one.set([...cis(0.1 * q), ...cis(0.7 * q + 0.2)], 4 * q);
  const qs: number[] = [], diag: number[] = [];
  if (pairs)
    for (let a = 0; a < n; a++)
      for (let b = a + 1; b < n; b++) {
        qs.push(a, b);
        for (let k = 0; k < 4; k++) diag.push(...cis(0.13 * (a + 1) * (b + 2) + 0.9 * k));
      }
  return { kind: 'phases', one, pairQubits: Int32Array.from(qs), pairDiag: Float64Array.from(diag), scalarRe: 1, scalarIm: 0 };
}

const cxRun = (gates: Array<[string, number, number]>): FusedOp =>
  mergePermutationRuns(n, gates.map(([name, a, b]) => ({ kind: 'gate' as const, gate: { name, qubits: [a, b], params: [] } })))[0]!;

const OPS: Array<[string, FusedOp]> = [
  ['product', { kind: 'product', v: Float64Array.from({ length: 4 * n }, (_, i) => Math.cos(0.3 * i + 0.1)) }],
  ['phases, one-qubit terms', phases(false)],
  ['phases, pair terms (cross tables per chunk)', phases(true)],
  ['gather, CX chain', cxRun(Array.from({ length: n - 1 }, (_, q) => ['cx', q, q + 1] as [string, number, number]))],
  ['gather, CX and SWAP mix', cxRun([['cx', 17, 0], ['swap', 3, 15], ['cx', 5, 16], ['swap', 0, 9], ['cx', 12, 2], ['cx', 1, 14], ['swap', 8, 13], ['cx', 16, 4], ['cx', 6, 11]])],
  ['one, complex on qubit 0', { kind: 'one', q: 0, m: A }],
  ['one, complex on qubit 9', { kind: 'one', q: 9, m: B }],
  ['one, complex on the top qubit (one chunk)', { kind: 'one', q: n - 1, m: A }],
  ['one, diagonal on qubit 0', { kind: 'one', q: 0, m: D }],
  ['one, diagonal on qubit 11', { kind: 'one', q: 11, m: D }],
  ['pair, Hadamards (3, 9)', { kind: 'pair', qa: 3, ma: H, qb: 9, mb: H }],
  ['pair, Hadamards (0, 1)', { kind: 'pair', qa: 0, ma: H, qb: 1, mb: H }],
  ['pair, Hadamards (1, 0)', { kind: 'pair', qa: 1, ma: H, qb: 0, mb: H }],
  ['pair, real (2, 7)', { kind: 'pair', qa: 2, ma: RA, qb: 7, mb: RB }],
  ['pair, real (0, 1)', { kind: 'pair', qa: 0, ma: RA, qb: 1, mb: RB }],
  ['pair, complex (4, 12)', { kind: 'pair', qa: 4, ma: A, qb: 12, mb: B }],
  ['pair, complex (0, 6)', { kind: 'pair', qa: 0, ma: A, qb: 6, mb: B }],
  ['pair, complex (13, 0)', { kind: 'pair', qa: 13, ma: B, qb: 0, mb: A }],
  ['pair, complex (0, 1)', { kind: 'pair', qa: 0, ma: A, qb: 1, mb: B }],
  ['pair, complex (16, 17)', { kind: 'pair', qa: 16, ma: A, qb: 17, mb: B }],
];

const starts = new Map<number, ReturnType<typeof randomState>>();

function arenaState(seed: number, threads: number): WorkState {
  const arena = createArena(n, true)!;
  const start = starts.get(seed) ?? randomState(n, seed);
  starts.set(seed, start);
  arena.re.set(start.re);
  arena.im.set(start.im);
  return { numQubits: n, re: arena.re, im: arena.im, spareRe: arena.spareRe, spareIm: arena.spareIm, arena, threads };
}

function firstDifference(a: WorkState, b: WorkState): number {
  for (let i = 0; i < a.re.length; i++) if (!Object.is(a.re[i], b.re[i]) || !Object.is(a.im[i], b.im[i])) return i;
  return -1;
}

describe('chunk rows', () => {
  it('cover the state in disjoint whole periods, at most MAX_CHUNKS, none under MIN_CHUNK_ELEMENTS', () => {
    const rows = rangeRows([1024, 1024 + 8 * 2 ** 20, 2 ** 20, 16, 0.5], 32);
    expect(rows).toHaveLength(MAX_CHUNKS);
    rows.forEach((r, i) => {
      expect(r[2]).toBe(2 ** 20 / MAX_CHUNKS);
      expect(r[0]).toBe(1024 + 8 * i * r[2]!);
      expect(r[1]).toBe(1024 + 8 * 2 ** 20 + 8 * i * r[2]!);
      expect(r.slice(3)).toEqual([16, 0.5]);
    });
    // a period as large as the state: one row, the call unchanged
    expect(rangeRows([0, 8, 2 ** 18, 2 ** 17], 2 ** 18)).toEqual([[0, 8, 2 ** 18, 2 ** 17]]);
    expect(chunkCount(2 ** 20, 1)).toBe(MAX_CHUNKS);
    expect(chunkCount(8, 2 ** 12)).toBe(2); // 2 chunks of 4 blocks × 4096 = 16384 elements
    expect(chunkCount(4, 2 ** 12)).toBe(1); // two chunks would be under MIN_CHUNK_ELEMENTS
    expect(MIN_CHUNK_ELEMENTS).toBe(2 ** 14);
  });

  it('split the gather block list into consecutive runs', () => {
    const rows = gatherRows([0, 8, 16, 24, 32, 4000, 8000, 12, 64]);
    expect(rows.length).toBe(chunkCount(64, 4096));
    const per = 64 / rows.length;
    rows.forEach((r, i) => expect(r).toEqual([0, 8, 16, 24, 32, 4000 + 4 * i * per, 8000 + 4 * i * per, 12, per]));
  });
});

describe('passes split over worker threads', () => {
  afterAll(() => stopPool());

  it('the worker threads take rows (not only the main thread)', () => {
    const st = arenaState(1, 2);
    const before = threadPoolStats().rowsByWorkers;
    const deadline = Date.now() + 20_000;
    // the first passes may run before the worker has started: keep going until it joins
    while (threadPoolStats().rowsByWorkers === before && Date.now() < deadline) applyFusedOp(st, { kind: 'one', q: 3, m: A });
    expect(threadPoolStats().workers).toBeGreaterThanOrEqual(1);
    expect(threadPoolStats().rowsByWorkers).toBeGreaterThan(before);
  });

  it.each(OPS)('%s: two threads = one thread, bit for bit', (_label, op) => {
    const one = arenaState(7, 1), two = arenaState(7, 2);
    // three times: a row run twice or skipped would show after any of them
    for (let r = 0; r < 3; r++) {
      applyFusedOp(one, op);
      applyFusedOp(two, op);
    }
    expect(firstDifference(one, two)).toBe(-1);
    // and the pass did something
    expect(firstDifference(one, arenaState(7, 1))).not.toBe(-1);
  });

  it('a whole simulation on 2 threads = on 1 thread, bit for bit (random 19-qubit circuit)', () => {
    const c = new Circuit(19);
    let x = 12345;
    const rnd = (k: number): number => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) % k);
    for (let g = 0; g < 400; g++) {
      const a = rnd(19), b = (a + 1 + rnd(18)) % 19;
      const kind = rnd(6);
      if (kind === 0) c.h(a);
      else if (kind === 1) c.rz(0.1 * rnd(60), a);
      else if (kind === 2) c.cx(a, b);
      else if (kind === 3) c.u(0.1 * rnd(30), 0.2 * rnd(30), 0.3 * rnd(30), a);
      else if (kind === 4) c.rzz(0.05 * rnd(40), a, b);
      else c.swap(a, b);
    }
    const one = simulateStatevector(c, { threads: 1 });
    const two = simulateStatevector(c, { threads: 2 });
    expect(firstDifference(one as WorkState, two as WorkState)).toBe(-1);
    const plain = simulateStatevector(c, { fusion: false });
    let worst = 0;
    for (let i = 0; i < plain.re.length; i++) worst = Math.max(worst, Math.abs(plain.re[i]! - two.re[i]!), Math.abs(plain.im[i]! - two.im[i]!));
    expect(worst).toBeLessThan(1e-12);
  });

  it('lets go of a simulation’s own (uncached) arena when it ends', () => {
    const c = new Circuit(21);
    for (let q = 0; q < 21; q++) c.h(q).rz(0.1 * q, q);
    for (let q = 0; q < 20; q++) c.cx(q, q + 1);
    const held = threadPoolStats().attachedArenas;
    simulateStatevector(c, { threads: 2 });
    expect(threadPoolStats().attachedArenas).toBe(held);
  });

  it('restarts after being stopped, and refuses a thread count that is not a positive integer', () => {
    stopPool();
    expect(threadPoolStats().workers).toBe(0);
    // GHZ on 18 qubits: H, then a CX chain (one gather pass after the product pass)
    const c = new Circuit(18).h(0);
    for (let q = 0; q < 17; q++) c.cx(q, q + 1);
    const sv = simulateStatevector(c, { threads: 2 });
    expect(threadPoolStats().workers).toBeGreaterThanOrEqual(1);
    expect(sv.re[0]).toBeCloseTo(S, 15);
    expect(sv.re[2 ** 18 - 1]).toBeCloseTo(S, 15);
    let rest = 0;
    for (let i = 1; i < 2 ** 18 - 1; i++) rest += sv.re[i]! ** 2 + sv.im[i]! ** 2;
    expect(rest).toBe(0);
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      expect(() => simulateStatevector(c, { threads: bad })).toThrow(InputValidationError);
      expect(() => simulateStatevector(c, { threads: bad })).toThrow(/threads must be a positive integer/);
    }
  });
});
