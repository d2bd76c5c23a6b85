/**
 * Sampling dynamic circuits (issue 12, simulation): teleportation from the OpenQASM
 * specification's example, iterative phase estimation in OpenQASM 2 with if(c==n), a
 * repeat-until-success style circuit against an independent dense branching reference written
 * here, and an 18-qubit circuit with mid-circuit measurements and feed-forward.
 */
import { Circuit } from '../../../src/circuit/circuit';
import { parseQasm } from '../../../src/circuit/qasm';
import { Sampler } from '../../../src/primitives/sampler';
import { createLocalBackend } from '../../../simulators/local';

const backend = createLocalBackend();

async function sample(c: Circuit, shots: number, seed = 7) {
  return (await (await new Sampler(backend, { shots, seed }).run([c])).result()).pubs[0]!;
}

/** |observed − shots·p| within 4σ of a binomial (and exact when p is 0 or 1). */
function expectWithin4Sigma(observed: number, shots: number, p: number): void {
  const sd = Math.sqrt(shots * p * (1 - p));
  expect(Math.abs(observed - shots * p)).toBeLessThanOrEqual(4 * sd + 1e-9);
}

describe('teleportation (OpenQASM specification example with if)', () => {
  // The specification's teleport.qasm, its `post` tomography gate left empty.
  const TELEPORT = `OPENQASM 3;
include "stdgates.inc";
qubit[3] q;
bit c0;
bit c1;
bit c2;
gate post q { }
reset q;
U(0.3, 0.2, 0.1) q[0];
h q[1];
cx q[1], q[2];
barrier q;
cx q[0], q[1];
h q[0];
c0 = measure q[0];
c1 = measure q[1];
if(c0==1) z q[2];
if(c1==1) { x q[2]; }
post q[2];
c2 = measure q[2];
`;

  it('the teleported qubit reads 1 with probability sin²(θ/2) of the input U(θ,φ,λ)|0⟩, for every c0 c1', async () => {
    const shots = 8000;
    const pub = await sample(parseQasm(TELEPORT), shots);
    expect(pub.metadata.method).toBe('branching');
    const b0 = pub.data.c0!.getBitstrings();
    const b1 = pub.data.c1!.getBitstrings();
    const b2 = pub.data.c2!.getBitstrings();
    const p1 = Math.sin(0.15) ** 2;
    const joint = new Map<string, number>();
    for (let s = 0; s < shots; s++) {
      const k = `${b0[s]}${b1[s]}${b2[s]}`;
      joint.set(k, (joint.get(k) ?? 0) + 1);
    }
    // Bell-measurement outcomes are uniform and independent of the teleported qubit.
    for (const m of ['00', '01', '10', '11']) {
      expectWithin4Sigma(joint.get(`${m}1`) ?? 0, shots, p1 / 4);
      expectWithin4Sigma(joint.get(`${m}0`) ?? 0, shots, (1 - p1) / 4);
    }
  });
});

/** Iterative phase estimation of U = u1(2πφ) on |1⟩, 3 bits, phase feedback by if(c==n). */
function ipe(phi: number): string {
  const a = (k: number): string => String(2 * Math.PI * phi * k);
  return `OPENQASM 2.0;
include "qelib1.inc";
qreg q[2];
creg c[3];
x q[1];
h q[0];
cu1(${a(4)}) q[0], q[1];
h q[0];
measure q[0] -> c[0];
reset q[0];
h q[0];
cu1(${a(2)}) q[0], q[1];
if(c==1) u1(-pi/2) q[0];
h q[0];
measure q[0] -> c[1];
reset q[0];
h q[0];
cu1(${a(1)}) q[0], q[1];
if(c==1) u1(-pi/4) q[0];
if(c==2) u1(-pi/2) q[0];
if(c==3) u1(-3*pi/4) q[0];
h q[0];
measure q[0] -> c[2];
`;
}

describe('iterative phase estimation with if(c==n) in OpenQASM 2', () => {
  it('an exact phase k/8 gives the single outcome k', async () => {
    for (const k of [5, 3]) {
      const pub = await sample(parseQasm(ipe(k / 8)), 500);
      expect(pub.data.c!.getCounts()).toEqual({ [k.toString(2).padStart(3, '0')]: 500 });
    }
  });

  it('an inexact phase gives |(1/8) Σ_k e^{2πik(φ − x/8)}|² (semiclassical QFT = measured QFT)', async () => {
    const phi = 0.3;
    const shots = 6000;
    const counts = (await sample(parseQasm(ipe(phi)), shots, 3)).data.c!.getCounts();
    for (let x = 0; x < 8; x++) {
      let re = 0;
      let im = 0;
      for (let k = 0; k < 8; k++) {
        re += Math.cos(2 * Math.PI * k * (phi - x / 8)) / 8;
        im += Math.sin(2 * Math.PI * k * (phi - x / 8)) / 8;
      }
      expectWithin4Sigma(counts[x.toString(2).padStart(3, '0')] ?? 0, shots, re * re + im * im);
    }
  });
});

// --- an independent dense branching reference (plain 2×2 matrices, no simulator code) ---------

type C = [number, number];
type M2 = [C, C, C, C];
type RefOp =
  | { g: M2; q: number }
  | { cx: [number, number] }
  | { measure: number; bit: number }
  | { ifBit: number; value: number; body: RefOp[] };

const ry = (t: number): M2 => [[Math.cos(t / 2), 0], [-Math.sin(t / 2), 0], [Math.sin(t / 2), 0], [Math.cos(t / 2), 0]];
const X: M2 = [[0, 0], [1, 0], [1, 0], [0, 0]];
const H: M2 = [[Math.SQRT1_2, 0], [Math.SQRT1_2, 0], [Math.SQRT1_2, 0], [-Math.SQRT1_2, 0]];

/** Exact outcome probabilities of the classical bits (as bitstrings, bit 0 rightmost). */
function referenceDistribution(nq: number, nc: number, ops: RefOp[]): Map<string, number> {
  const out = new Map<string, number>();
  const dim = 1 << nq;
  const run = (state: C[], bits: number[], prob: number, rest: RefOp[]): void => {
    if (prob < 1e-15) return;
    const [op, ...tail] = rest;
    if (!op) {
      const key = [...bits].reverse().join('');
      out.set(key, (out.get(key) ?? 0) + prob);
      return;
    }
    if ('g' in op) {
      const s = state.map((a) => [...a] as C);
      for (let i = 0; i < dim; i++) {
        if (i & (1 << op.q)) continue;
        const j = i | (1 << op.q);
        const [a, b, c, d] = op.g;
        const mul = (m: C, v: C): C => [m[0] * v[0] - m[1] * v[1], m[0] * v[1] + m[1] * v[0]];
        const add = (u: C, v: C): C => [u[0] + v[0], u[1] + v[1]];
        s[i] = add(mul(a, state[i]!), mul(b, state[j]!));
        s[j] = add(mul(c, state[i]!), mul(d, state[j]!));
      }
      run(s, bits, prob, tail);
    } else if ('cx' in op) {
      const [c, t] = op.cx;
      run(state.map((_, i) => state[i & (1 << c) ? i ^ (1 << t) : i]!), bits, prob, tail);
    } else if ('measure' in op) {
      for (const v of [0, 1]) {
        const proj = state.map((a, i) => (((i >> op.measure) & 1) === v ? a : ([0, 0] as C)));
        const p = proj.reduce((acc, a) => acc + a[0] ** 2 + a[1] ** 2, 0);
        if (p < 1e-15) continue;
        const nb = [...bits];
        nb[op.bit] = v;
        run(proj.map((a) => [a[0] / Math.sqrt(p), a[1] / Math.sqrt(p)] as C), nb, prob * p, tail);
      }
    } else {
      run(state, bits, prob, bits[op.ifBit] === op.value ? [...op.body, ...tail] : tail);
    }
  };
  const zero: C[] = Array.from({ length: dim }, (_, i) => (i === 0 ? [1, 0] : [0, 0]));
  run(zero, new Array<number>(nc).fill(0), 1, ops);
  return out;
}

describe('repeat-until-success style circuit against a dense branching reference', () => {
  it('counts are within 4σ of the reference for every outcome', async () => {
    // Try: entangle ancilla and target, measure the ancilla; on failure (1) undo, re-prepare and
    // try again, nested twice; then read the target.
    const attempt = (bit: number, theta: number): { c: (b: Circuit) => void; r: RefOp[] } => ({
      c: (b) => b.ry(theta, 0).cx(0, 1).h(0).measure(0, bit),
      r: [{ g: ry(theta), q: 0 }, { cx: [0, 1] }, { g: H, q: 0 }, { measure: 0, bit }],
    });
    const a0 = attempt(0, 1.1);
    const a1 = attempt(1, 0.7);
    const a2 = attempt(2, 2.3);
    const c = new Circuit(3, 4);
    a0.c(c);
    c.ifTest({ clbit: 0, value: 1 }, (b) => {
      b.x(0).ry(0.4, 1);
      a1.c(b);
      b.ifTest({ clbit: 1, value: 1 }, (bb) => {
        bb.x(0).cx(1, 2);
        a2.c(bb);
      });
    });
    c.measure(1, 3);
    const ref = referenceDistribution(3, 4, [
      ...a0.r,
      { ifBit: 0, value: 1, body: [{ g: X, q: 0 }, { g: ry(0.4), q: 1 }, ...a1.r, { ifBit: 1, value: 1, body: [{ g: X, q: 0 }, { cx: [1, 2] }, ...a2.r] }] },
      { measure: 1, bit: 3 },
    ]);
    const shots = 6000;
    const pub = await sample(c, shots, 11);
    expect(pub.metadata.method).toBe('branching');
    const counts = pub.data.c!.getCounts();
    expect(Object.keys(counts).every((k) => ref.has(k))).toBe(true);
    expect(ref.size).toBeGreaterThan(4);
    for (const [k, p] of ref) expectWithin4Sigma(counts[k] ?? 0, shots, p);
  });
});

describe('an 18-qubit circuit with 3 mid-circuit measurements and feed-forward samples (the per-shot limit case)', () => {
  it('samples by branching, and the feed-forward copies each measured bit exactly', async () => {
    const n = 18;
    const c = new Circuit(n, n);
    for (let q = 0; q < n; q++) c.h(q);
    for (let q = 0; q + 1 < n; q++) c.cz(q, q + 1);
    // Three mid-circuit measurements, each fed forward: q[k+3] is flipped to copy the outcome
    // after being reset.
    for (const k of [0, 4, 8]) {
      c.measure(k, k);
      c.reset(k + 3);
      c.ifTest({ clbit: k, value: 1 }, (b) => b.x(k + 3));
      c.h(k);
    }
    for (let q = 0; q < n; q++) if (![0, 4, 8].includes(q)) c.measure(q, q);
    const shots = 64;
    const pub = await sample(c, shots, 5);
    expect(pub.metadata.method).toBe('branching');
    const bits = pub.data.c!.getBitstrings();
    expect(bits.length).toBe(shots);
    for (const s of bits) {
      // Bitstrings are written clbit n−1 first.
      const bit = (k: number): string => s[n - 1 - k]!;
      for (const k of [0, 4, 8]) expect(bit(k + 3)).toBe(bit(k));
    }
    // Mid-circuit outcomes of H·CZ-chain states are not constant: both values occur.
    expect(new Set(bits.map((s) => s[n - 1])).size).toBe(2);
  });
});

describe('past the branch bound the sampler falls back to shot groups and says so', () => {
  it('a 20-qubit circuit with 6 random mid-circuit outcomes (64 branches > 16) runs by shot groups, feed-forward exact', async () => {
    const c = new Circuit(20, 12);
    for (let k = 0; k < 6; k++) {
      c.h(k).measure(k, k);
      c.ifTest({ clbit: k, value: 1 }, (b) => b.x(k + 6));
      c.measure(k + 6, k + 6);
    }
    const pub = await sample(c, 4, 9);
    expect(pub.metadata.method).toBe('shot-groups');
    expect(pub.metadata.fallback).toMatch(/more than 16 measurement branches at 20 qubits/);
    for (const s of pub.data.c!.getBitstrings()) expect(s.slice(0, 6)).toBe(s.slice(6));
  });

  it('shot groups: 4000 shots of 6 fair mid-circuit coins need at most 64 simulated histories, each coin fair within 4σ, the 64 histories uniform (χ² bound)', async () => {
    const c = new Circuit(12, 12);
    for (let k = 0; k < 6; k++) {
      c.h(k).measure(k, k);
      c.ifTest({ clbit: k, value: 1 }, (b) => b.x(k + 6));
      c.measure(k + 6, k + 6);
    }
    // 12 qubits leave room for 2^24 / 2^12 = 4096 branches: force the fallback with a smaller budget by
    // sampling through the collapse path directly.
    const { sampleShotGroups } = await import('../../../simulators/pub-runner/collapse');
    const { Prng } = await import('../../../src/core/random');
    const shots = 4000;
    const out = new Uint32Array(shots);
    const groups = sampleShotGroups(c, new Set(), shots, new Prng(3), out, 1);
    expect(groups).toBeLessThanOrEqual(64);
    expect(groups).toBeGreaterThan(32);
    const hist = new Map<number, number>();
    for (let s = 0; s < shots; s++) {
      const v = out[s]!;
      expect(v >>> 6).toBe(v & 63); // the copies equal the coins in every shot
      hist.set(v & 63, (hist.get(v & 63) ?? 0) + 1);
    }
    for (let k = 0; k < 6; k++) {
      const ones = [...hist].filter(([h]) => (h >> k) & 1).reduce((a, [, n]) => a + n, 0);
      expect(Math.abs(ones / shots - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / shots));
    }
    // χ² over 64 equiprobable cells, 63 degrees of freedom: below 110 with probability > 0.9998.
    const e = shots / 64;
    let chi2 = 0;
    for (let h = 0; h < 64; h++) chi2 += ((hist.get(h) ?? 0) - e) ** 2 / e;
    expect(chi2).toBeLessThan(110);
  });
});
