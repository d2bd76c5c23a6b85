/**
 * The WebAssembly SIMD kernels against their TypeScript twins on random states: each wasm pass
 * must give the same amplitudes (the twins evaluate the same operations in the same order, so
 * the match is expected to be exact; 1e-15 is allowed). Also: the fused simulator on the wasm
 * arena equals gate-by-gate and the dense reference, and the committed binary is the .wat's.
 */
import { Circuit } from '../../../src/circuit/circuit';
import { apply1q, apply1qPair, apply1qPairHadamard, apply1qPairReal } from '../../../simulators/statevector/ops/apply-1q';
import { applyDiagonal1q } from '../../../simulators/statevector/ops/apply-diagonal';
import { applyGather } from '../../../simulators/statevector/ops/apply-gather';
import { applyPhaseTerms } from '../../../simulators/statevector/ops/apply-phase-terms';
import { writeProductState } from '../../../simulators/statevector/ops/product-state';
import { mergePermutationRuns } from '../../../simulators/statevector/plan/fusion-post';
import type { FusedOp } from '../../../simulators/statevector/plan/fusion';
import { applyFusedOp, simulateStatevector, type WorkState } from '../../../simulators/statevector/simulate';
import { ARENA_CACHE_MAX_QUBITS, createArena, releaseArenas, wasmAvailable, WASM_MAX_QUBITS, WASM_MIN_QUBITS } from '../../../simulators/statevector/wasm/runtime';
import { applyFusedOpWasm } from '../../../simulators/statevector/wasm/ops';
import { KERNELS_WASM_BASE64 } from '../../../simulators/statevector/wasm/kernels-wasm';
import { applyDense, kron, maxDiff, randomState, type Mat } from '../../support/dense';

const N = WASM_MIN_QUBITS; // smallest arena: every wasm kernel runs from here up
const cis = (t: number): [number, number] => [Math.cos(t), Math.sin(t)];

/** An arena holding `start`, and a plain copy of it. */
function twinStates(n: number, seed: number, spare: boolean) {
  const arena = createArena(n, spare)!;
  const start = randomState(n, seed);
  arena.re.set(start.re);
  arena.im.set(start.im);
  const wasm: WorkState = { numQubits: n, re: arena.re, im: arena.im, spareRe: arena.spareRe, spareIm: arena.spareIm, arena };
  const plain = { re: Float64Array.from(start.re), im: Float64Array.from(start.im) };
  return { arena, wasm, plain };
}

/** Largest deviation of `after` from the 4×4 `k` applied to each group of four amplitudes of `start`. */
function worstGroupDiff(start: { re: Float64Array; im: Float64Array }, k: Mat, after: { re: Float64Array; im: Float64Array }): number {
  let worst = 0;
  for (let g = 0; g < start.re.length; g += 4) {
    const w = applyDense({ re: start.re.slice(g, g + 4), im: start.im.slice(g, g + 4) }, k, [0, 1]);
    worst = Math.max(worst, maxDiff(w, { re: after.re.subarray(g, g + 4), im: after.im.subarray(g, g + 4) }));
  }
  return worst;
}

function phasesOp(n: number, density: number, seed: number): FusedOp & { kind: 'phases' } {
  const one = new Float64Array(4 * n);
  for (let q = 0; q < n; q++) one.set([...cis(0.3 * q - seed), ...cis(1.1 * q + 0.2)], 4 * q);
  const pairs: number[] = [];
  const diag: number[] = [];
  for (let a = 0; a < n; a++)
    for (let b = a + 1; b < n; b++)
      if ((a * 7 + b * 3 + seed) % density === 0) {
        pairs.push(a, b);
        for (let k = 0; k < 4; k++) diag.push(...cis(0.17 * (a + 1) * (b + 2) + 0.9 * k + seed));
      }
  const [sr, si] = cis(0.77 + seed);
  return { kind: 'phases', one, pairQubits: Int32Array.from(pairs), pairDiag: Float64Array.from(diag), scalarRe: sr, scalarIm: si };
}

describe('WebAssembly SIMD kernels = their TypeScript twins', () => {
  it('are available on Node ≥ 20 (WebAssembly SIMD)', () => {
    expect(wasmAvailable()).toBe(true);
  });

  it('the arena refuses sizes outside its range', () => {
    expect(createArena(WASM_MIN_QUBITS - 1, false)).toBeNull();
    expect(createArena(WASM_MAX_QUBITS + 1, false)).toBeNull();
  });

  it.each([N, N + 3])('product state (n = %i)', (n) => {
    const { wasm, plain } = twinStates(n, 1, false);
    const v = new Float64Array(4 * n);
    for (let q = 0; q < n; q++) v.set([...cis(q), 0.5 * Math.cos(q + 1), 0.25 * Math.sin(q)], 4 * q);
    expect(applyFusedOpWasm(wasm.arena!, wasm, { kind: 'product', v })).toBe(true);
    writeProductState(plain.re, plain.im, n, v);
    expect(maxDiff(wasm, plain)).toBeLessThanOrEqual(1e-15);
  });

  // density 1: every pair (cross pairs at any split); 3: some; 1000: none (one-qubit terms only)
  it.each([[N, 1], [N, 3], [N, 1000], [N + 3, 1], [N + 3, 2]])('diagonal pass (n = %i, pair density 1/%i)', (n, density) => {
    const { wasm, plain } = twinStates(n, 2 + density, false);
    const op = phasesOp(n, density, n);
    expect(applyFusedOpWasm(wasm.arena!, wasm, op)).toBe(true);
    applyPhaseTerms(plain.re, plain.im, n, op.one, op.pairQubits, op.pairDiag, op.scalarRe, op.scalarIm);
    expect(maxDiff(wasm, plain)).toBeLessThan(1e-13);
  });

  it.each([N, N + 2])('gather pass of a CX/SWAP run (n = %i)', (n) => {
    const { wasm, plain } = twinStates(n, 5, true);
    const gates = [
      ...Array.from({ length: n - 1 }, (_, q) => ({ name: 'cx', qubits: [q, q + 1], params: [] })),
      { name: 'swap', qubits: [0, n - 1], params: [] },
      { name: 'cx', qubits: [n - 1, 2], params: [] },
    ];
    const op = mergePermutationRuns(n, gates.map((gate) => ({ kind: 'gate' as const, gate })))[0]!;
    expect(op.kind).toBe('gather');
    if (op.kind !== 'gather') return;
    // the wasm pass visits blocks in source order: make sure that order differs from iH's here
    expect(op.th.some((h, i) => i > 0 && h >>> op.lowBits < op.th[i - 1]! >>> op.lowBits)).toBe(true);
    expect(applyFusedOpWasm(wasm.arena!, wasm, op)).toBe(true);
    const dst = { re: new Float64Array(2 ** n), im: new Float64Array(2 ** n) };
    applyGather(plain.re, plain.im, dst.re, dst.im, op.lowBits, op.tl, op.th);
    expect(maxDiff(wasm, dst)).toBe(0);
  });

  const A = Float64Array.of(0.6, 0.1, -0.2, 0.7, 0.3, -0.5, 0.1, 0.4);
  const B = Float64Array.of(-0.3, 0.2, 0.8, 0.1, 0.5, 0.5, -0.6, 0.2);
  it.each([[1, 2], [2, 1], [1, N - 1], [N - 1, 3], [5, 6], [7, 4], [0, 1], [1, 0], [0, 2], [3, 0], [0, N - 1], [N - 1, 0]])('complex pair on qubits (%i, %i)', (qa, qb) => {
    const { wasm, plain } = twinStates(N, 10 * qa! + qb!, false);
    expect(applyFusedOpWasm(wasm.arena!, wasm, { kind: 'pair', qa: qa!, ma: A, qb: qb!, mb: B })).toBe(true);
    apply1qPair(plain.re, plain.im, qa!, A, qb!, B);
    expect(maxDiff(wasm, plain)).toBeLessThanOrEqual(1e-15);
  });

  it('complex pair on qubits (0, 1) (the shuffle-free pair01 kernel) = its twin bit for bit = the dense (B ⊗ A) on each group', () => {
    for (const n of [N, N + 3]) {
      const { wasm, plain } = twinStates(n, 101 + n, false);
      const start = { re: Float64Array.from(plain.re), im: Float64Array.from(plain.im) };
      expect(applyFusedOpWasm(wasm.arena!, wasm, { kind: 'pair', qa: 0, ma: A, qb: 1, mb: B })).toBe(true);
      apply1qPair(plain.re, plain.im, 0, A, 1, B);
      expect(maxDiff(wasm, plain)).toBe(0);
      // reference: the 4×4 B ⊗ A (qubit 1 the more significant) on each group of four amplitudes
      const m2 = (m: Float64Array): Mat => ({ dim: 2, data: m });
      const k = kron(m2(B), m2(A));
      expect(worstGroupDiff(start, k, wasm)).toBeLessThan(1e-14);
    }
  });

  const RA = Float64Array.of(0.6, 0, -0.8, 0, 0.8, 0, 0.6, 0);
  const RB = Float64Array.of(0.28, 0, 0.96, 0, -0.96, 0, 0.28, 0);
  const HK = (k: number) => Float64Array.of(k, 0, k, 0, k, 0, -k, 0);
  it.each([[1, 2], [2, 1], [1, N - 1], [N - 1, 3], [5, 6]])('real and Hadamard-shaped pairs on qubits (%i, %i)', (qa, qb) => {
    const r = twinStates(N, 30 + qa! * qb!, false);
    expect(applyFusedOpWasm(r.arena, r.wasm, { kind: 'pair', qa: qa!, ma: RA, qb: qb!, mb: RB })).toBe(true);
    apply1qPairReal(r.plain.re, r.plain.im, qa!, RA, qb!, RB);
    expect(maxDiff(r.wasm, r.plain)).toBeLessThanOrEqual(1e-15);
    const h = twinStates(N, 40 + qa! * qb!, false);
    expect(applyFusedOpWasm(h.arena, h.wasm, { kind: 'pair', qa: qa!, ma: HK(0.8), qb: qb!, mb: HK(Math.SQRT1_2) })).toBe(true);
    apply1qPairHadamard(h.plain.re, h.plain.im, qa!, qb!, 0.8 * Math.SQRT1_2);
    expect(maxDiff(h.wasm, h.plain)).toBeLessThanOrEqual(1e-15);
  });

  it.each([0, 1, 2, 7, N - 1])('complex 2×2 on qubit %i', (q) => {
    const { wasm, plain } = twinStates(N, 20 + q, false);
    expect(applyFusedOpWasm(wasm.arena!, wasm, { kind: 'one', q, m: B })).toBe(true);
    apply1q(plain.re, plain.im, q, B);
    expect(maxDiff(wasm, plain)).toBeLessThanOrEqual(1e-15);
  });

  // diag(e^{iα}, e^{iβ}) (rz-like) and diag(1, e^{iβ}) (p-like: the clear half is skipped)
  it.each([[0, false], [0, true], [1, false], [2, true], [9, false], [N - 1, true]])('diagonal 2×2 on qubit %i (d0 = 1: %s)', (q, p) => {
    const m = Float64Array.of(p ? 1 : Math.cos(0.3), p ? 0 : -Math.sin(0.3), 0, 0, 0, 0, Math.cos(1.1), Math.sin(1.1));
    const { wasm, plain } = twinStates(N, 50 + q, false);
    expect(applyFusedOpWasm(wasm.arena!, wasm, { kind: 'one', q, m })).toBe(true);
    applyDiagonal1q(plain.re, plain.im, q, m[0]!, m[1]!, m[6]!, m[7]!);
    expect(maxDiff(wasm, plain)).toBeLessThanOrEqual(1e-15);
  });

  it.each([[0, 1], [1, 0]])('Hadamard-shaped pair on qubits (%i, %i) (pairHadamard01) = its twin bit for bit = the dense (B ⊗ A) on each group', (qa, qb) => {
    const { wasm, plain } = twinStates(N + 1, 88 + qa!, false);
    const start = { re: Float64Array.from(plain.re), im: Float64Array.from(plain.im) };
    const ka = 0.8, kb = Math.SQRT1_2;
    expect(applyFusedOpWasm(wasm.arena!, wasm, { kind: 'pair', qa: qa!, ma: HK(ka), qb: qb!, mb: HK(kb) })).toBe(true);
    apply1qPairHadamard(plain.re, plain.im, qa!, qb!, ka * kb);
    expect(maxDiff(wasm, plain)).toBe(0);
    // reference: (HK(kb) on qb) ⊗ (HK(ka) on qa) as a 4×4 on qubits (0, 1)
    const [m0, m1] = qa === 0 ? [HK(ka), HK(kb)] : [HK(kb), HK(ka)];
    const k = kron({ dim: 2, data: m1 }, { dim: 2, data: m0 });
    expect(worstGroupDiff(start, k, wasm)).toBeLessThan(1e-14);
  });

  it('real pair on qubits (0, 1) (pairReal01) = its twin bit for bit = the dense (B ⊗ A) on each group; real pairs on (1, 0) stay on TS', () => {
    const { wasm, plain } = twinStates(N + 1, 77, false);
    const start = { re: Float64Array.from(plain.re), im: Float64Array.from(plain.im) };
    expect(applyFusedOpWasm(wasm.arena!, wasm, { kind: 'pair', qa: 0, ma: RA, qb: 1, mb: RB })).toBe(true);
    apply1qPairReal(plain.re, plain.im, 0, RA, 1, RB);
    expect(maxDiff(wasm, plain)).toBe(0);
    const k = kron({ dim: 2, data: RB }, { dim: 2, data: RA });
    expect(worstGroupDiff(start, k, wasm)).toBeLessThan(1e-14);
    expect(applyFusedOpWasm(wasm.arena!, wasm, { kind: 'pair', qa: 1, ma: RA, qb: 0, mb: RB })).toBe(false);
  });

  it('leaves to the TypeScript kernels what it has no kernel for (real 2×2s, real pairs on qubit 0, gates)', () => {
    const { wasm } = twinStates(N, 3, false);
    const H = Float64Array.of(Math.SQRT1_2, 0, Math.SQRT1_2, 0, Math.SQRT1_2, 0, -Math.SQRT1_2, 0);
    expect(applyFusedOpWasm(wasm.arena!, wasm, { kind: 'pair', qa: 0, ma: H, qb: 3, mb: H })).toBe(false);
    expect(applyFusedOpWasm(wasm.arena!, wasm, { kind: 'pair', qa: 2, ma: RA, qb: 0, mb: RB })).toBe(false);
    expect(applyFusedOpWasm(wasm.arena!, wasm, { kind: 'one', q: 2, m: H })).toBe(false);
    expect(applyFusedOpWasm(wasm.arena!, wasm, { kind: 'gate', gate: { name: 'cx', qubits: [0, 1], params: [] } })).toBe(false);
    // plain buffers (not in the arena) are never touched by the wasm kernels
    const plain: WorkState = { numQubits: N, re: new Float64Array(2 ** N), im: new Float64Array(2 ** N), spareRe: null, spareIm: null };
    expect(applyFusedOpWasm(wasm.arena!, plain, { kind: 'pair', qa: 1, ma: A, qb: 3, mb: B })).toBe(false);
  });

  it('applyFusedOp on an arena state = on plain buffers, for every pass kind (incl. TS fallbacks)', () => {
    const n = N;
    const ops: FusedOp[] = [
      { kind: 'pair', qa: 0, ma: A, qb: 5, mb: B },
      { kind: 'one', q: 4, m: B },
      { kind: 'one', q: 0, m: A },
      { kind: 'one', q: 0, m: Float64Array.of(0.6, 0.8, 0, 0, 0, 0, 0, -1) },
      { kind: 'one', q: 5, m: Float64Array.of(1, 0, 0, 0, 0, 0, 0.6, 0.8) },
      { kind: 'one', q: 6, m: Float64Array.of(0.6, 0, -0.8, 0, 0.8, 0, 0.6, 0) },
      phasesOp(n, 2, 1),
      { kind: 'pair', qa: 3, ma: B, qb: 9, mb: A },
      { kind: 'pair', qa: 2, ma: HK(Math.SQRT1_2), qb: 8, mb: HK(Math.SQRT1_2) },
      { kind: 'pair', qa: 7, ma: RA, qb: 1, mb: RB },
      { kind: 'pair', qa: 0, ma: RA, qb: 1, mb: RB },
      mergePermutationRuns(n, Array.from({ length: n - 1 }, (_, q) => ({ kind: 'gate' as const, gate: { name: 'cx', qubits: [q, q + 1], params: [] } })))[0]!,
      { kind: 'gate', gate: { name: 'ccx', qubits: [0, 4, 2], params: [] } },
      { kind: 'scalar', c: Math.cos(0.3), s: Math.sin(0.3) },
    ];
    const { wasm, plain } = twinStates(n, 77, true);
    const p: WorkState = { numQubits: n, ...plain, spareRe: null, spareIm: null };
    for (const op of ops) {
      applyFusedOp(wasm, op);
      applyFusedOp(p, op);
    }
    expect(maxDiff(wasm, p)).toBeLessThan(1e-14);
  });

  const w1Like = (n: number, layers = 3): Circuit => {
    const c = new Circuit(n);
    for (let k = 1; k <= layers; k++) {
      for (let q = 0; q < n; q++) c.h(q);
      for (let q = 0; q < n; q++) c.rz(0.1 * k + q, q);
      for (let q = 0; q + 1 < n; q++) c.cx(q, q + 1);
      c.ry(0.3 * k, 3).rx(0.2, 5).u(0.1, 0.2, 0.3, 1).u(0.4, 0.5, 0.6, 2).u(0.7, 0.8, 0.9, 0);
    }
    return c;
  };
  /** The ZZ feature map's shape (reps 2, full entanglement). */
  const zzLike = (n: number): Circuit => {
    const c = new Circuit(n);
    for (let rep = 0; rep < 2; rep++) {
      for (let q = 0; q < n; q++) c.h(q).p(0.2 * q + 0.1, q);
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) c.cx(i, j).p(0.01 * (i + 1) * (j + 3), j).cx(i, j);
    }
    return c;
  };

  // N: a cached arena (results copied out); ARENA_CACHE_MAX_QUBITS + 1: a fresh one per run
  // (results are views on it), with a lighter circuit
  it.each([N, ARENA_CACHE_MAX_QUBITS + 1])('the fused simulator on the wasm kernels = TS kernels = gate by gate (n = %i)', (n) => {
    const small = n <= ARENA_CACHE_MAX_QUBITS;
    for (const c of small ? [w1Like(n), zzLike(n)] : [w1Like(n, 1)]) {
      const plain = simulateStatevector(c, { fusion: false });
      const fused = simulateStatevector(c, { fusion: true });
      expect(maxDiff(fused, plain)).toBeLessThan(1e-12);
      expect(maxDiff(simulateStatevector(c, { fusion: true, wasm: false }), plain)).toBeLessThan(1e-12);
      expect(fused.re.length).toBe(2 ** n);
    }
  });

  it('a reused arena does not touch results handed out before', () => {
    const a = simulateStatevector(w1Like(N), { fusion: true });
    const keep = { re: Float64Array.from(a.re), im: Float64Array.from(a.im) };
    simulateStatevector(zzLike(N), { fusion: true });
    expect(maxDiff(a, keep)).toBe(0);
    expect(a.re.buffer.byteLength).toBe(a.re.byteLength); // plain arrays, not arena views
  });

  it('simulates the same after the cached arenas are released', () => {
    const c = zzLike(N);
    const before = simulateStatevector(c, { fusion: true });
    releaseArenas();
    expect(maxDiff(simulateStatevector(c, { fusion: true }), before)).toBe(0);
  });
});

describe('the committed WebAssembly binary', () => {
  it('is what scripts/build-wasm.js compiles from tables.wat + pairs.wat (rebuild: node scripts/build-wasm.js)', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const build = require('../../../scripts/build-wasm.js') as { compileKernels(): Promise<Uint8Array> };
    const bytes = await build.compileKernels();
    expect(Buffer.from(bytes).toString('base64')).toBe(KERNELS_WASM_BASE64);
  });
});
