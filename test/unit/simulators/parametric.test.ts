/**
 * Parametric plans (compile once, run with many angle vectors) equal the gate-by-gate simulation
 * of the same circuit with each parity phase written as Qiskit writes it (CX chain · P(θ) · CX
 * chain), global phase included; the parity, Gray-code and inner-product kernels against direct
 * sums; angle reduction against Math.cos/Math.sin; typed errors for bad plans and runs.
 */
import fc from 'fast-check';
import { Circuit } from '../../../src/circuit/circuit';
import { GATES } from '../../../src/circuit/gates';
import { InputValidationError } from '../../../src/core/errors';
import { parity } from '../../../src/core/bits';
import {
  compileParametricPlan,
  innerProductsInto,
  reduceAngle,
  runParametricPlan,
  simulateStatevector,
  type PlanInput,
} from '../../../simulators/statevector';
import { applyParityPhase, applyParityPhasesGray, parityAdjacency } from '../../../simulators/statevector/ops/apply-parity';
import { GRAY_MIN_TERMS_PER_QUBIT } from '../../../simulators/statevector/parametric';
import { denseSimulate, maxDiff, randomState } from '../../support/dense';

/** The reference circuit: gates as they are, parity phase (mask, slot) → CX chain onto its lowest qubit, P(θ_slot), chain back. */
function referenceCircuit(n: number, inputs: readonly PlanInput[], angles: readonly number[], globalPhase = 0): Circuit {
  const c = new Circuit(n, { globalPhase });
  for (const x of inputs) {
    if ('mask' in x) {
      const qs: number[] = [];
      for (let q = 0; q < n; q++) if (x.mask & (1 << q)) qs.push(q);
      for (let k = qs.length - 1; k >= 1; k--) c.cx(qs[k]!, qs[k - 1]!);
      c.p(angles[x.slot]!, qs[0]!);
      for (let k = 1; k < qs.length; k++) c.cx(qs[k]!, qs[k - 1]!);
    } else c.append(x.name, x.qubits, x.params);
  }
  return c;
}

function run(n: number, inputs: readonly PlanInput[], angles: readonly number[], options: { wasm?: boolean; globalPhase?: number } = {}) {
  const plan = compileParametricPlan(n, inputs, options.globalPhase ?? 0);
  const out = { numQubits: n, re: new Float64Array(2 ** n).fill(NaN), im: new Float64Array(2 ** n).fill(NaN) };
  runParametricPlan(plan, angles, out, { wasm: options.wasm });
  return out;
}

const ONE_QUBIT = [...GATES.values()].filter((g) => g.numQubits === 1).map((g) => g.name);
const ANY = [...GATES.values()].filter((g) => g.numQubits <= 3).map((g) => g.name);

/** Random inputs on n qubits: gates (one-qubit mostly) and parity phases over a few slots. */
const inputsArb = (n: number): fc.Arbitrary<PlanInput[]> =>
  fc.array(
    fc.oneof(
      { weight: 3, arbitrary: fc.record({ mask: fc.integer({ min: 1, max: 2 ** n - 1 }), slot: fc.integer({ min: 0, max: 3 }) }) },
      {
        weight: 4,
        arbitrary: fc
          .record({
            name: fc.constantFrom(...ONE_QUBIT, ...ONE_QUBIT, ...ANY),
            perm: fc.shuffledSubarray(Array.from({ length: n }, (_, i) => i), { minLength: n, maxLength: n }),
            params: fc.array(fc.double({ min: -7, max: 7, noNaN: true }), { minLength: 4, maxLength: 4 }),
          })
          .filter(({ name }) => GATES.get(name)!.numQubits <= n)
          .map(({ name, perm, params }) => {
            const def = GATES.get(name)!;
            return { name, qubits: perm.slice(0, def.numQubits), params: params.slice(0, def.numParams) };
          }),
      },
    ),
    { maxLength: 25 },
  );

describe('parametric plans = gate-by-gate simulation of the written-out circuit', () => {
  it('on random gate and parity-phase lists, angles and global phases (to 1e-12)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(fc.constant(n), inputsArb(n))),
        fc.array(fc.double({ min: -2000, max: 2000, noNaN: true }), { minLength: 4, maxLength: 4 }),
        fc.double({ min: -4, max: 4, noNaN: true }),
        ([n, inputs], angles, globalPhase) => {
          const ref = simulateStatevector(referenceCircuit(n, inputs, angles, globalPhase), { fusion: false });
          expect(maxDiff(run(n, inputs, angles, { globalPhase }), ref)).toBeLessThan(1e-12);
        },
      ),
      { numRuns: 300, seed: 20261202 },
    );
  });

  it('one plan serves many runs (tables refilled, nothing left over from the previous run)', () => {
    const n = 5;
    const inputs: PlanInput[] = [];
    for (let q = 0; q < n; q++) inputs.push({ name: 'h', qubits: [q], params: [] });
    inputs.push({ mask: 0b00011, slot: 0 }, { mask: 0b00100, slot: 1 }, { mask: 0b11100, slot: 2 }, { name: 'sx', qubits: [3], params: [] });
    inputs.push({ mask: 0b01010, slot: 0 }, { mask: 0b10111, slot: 3 });
    const plan = compileParametricPlan(n, inputs);
    const out = { numQubits: n, re: new Float64Array(32), im: new Float64Array(32) };
    for (const angles of [[0.1, 0.2, 0.3, 0.4], [5, -3, 2e3, 1e6], [0, 0, 0, 0]]) {
      runParametricPlan(plan, angles, out);
      expect(maxDiff(out, denseSimulate(referenceCircuit(n, inputs, angles)))).toBeLessThan(1e-12);
    }
  });

  it('many wide terms take the Gray-code pass, few take one parity pass each: both exact', () => {
    const n = 11; // 2048 amplitudes: the Gray pass re-sums its running phase exactly twice
    for (const count of [3, GRAY_MIN_TERMS_PER_QUBIT * n + 5]) {
      const inputs: PlanInput[] = [];
      for (let q = 0; q < n; q++) inputs.push({ name: 'h', qubits: [q], params: [] });
      for (let t = 0; t < count; t++) inputs.push({ mask: (0b111 << t % (n - 2)) | (t % 5 === 0 ? 1 << (n - 1) : 0), slot: t });
      const angles = Array.from({ length: count }, (_, t) => 0.37 * t - 2 + (t % 3) * 1e3);
      const ref = simulateStatevector(referenceCircuit(n, inputs, angles), { fusion: false });
      expect(maxDiff(run(n, inputs, angles), ref)).toBeLessThan(1e-12);
    }
  });

  it.each([14, 16])('on %i qubits: WebAssembly and TypeScript kernels give the gate-by-gate state', (n) => {
    // The ['Y', 'XX'] map's shape: H layer, SX·parity·SX† per qubit, H H·parity·H H per linear pair, twice.
    const inputs: PlanInput[] = [];
    let slot = 0;
    for (let rep = 0; rep < 2; rep++) {
      for (let q = 0; q < n; q++) inputs.push({ name: 'h', qubits: [q], params: [] });
      for (let q = 0; q < n; q++) inputs.push({ name: 'sx', qubits: [q], params: [] }, { mask: 1 << q, slot: slot++ }, { name: 'sxdg', qubits: [q], params: [] });
      for (let q = 0; q + 1 < n; q++) {
        const h = (k: number): PlanInput => ({ name: 'h', qubits: [k], params: [] });
        inputs.push(h(q), h(q + 1), { mask: 3 << q, slot: slot++ }, h(q), h(q + 1));
      }
      inputs.push({ mask: 0b10110101, slot: slot++ });
    }
    const angles = Array.from({ length: slot }, (_, s) => Math.sin(s) * 1e3);
    const ref = simulateStatevector(referenceCircuit(n, inputs, angles), { fusion: false });
    expect(maxDiff(run(n, inputs, angles, { wasm: true }), ref)).toBeLessThan(1e-12);
    expect(maxDiff(run(n, inputs, angles, { wasm: false }), ref)).toBeLessThan(1e-12);
  });

  it('fuses the fixed gates around the parity phases: the ZZ map is product, angles, pairs, angles', () => {
    const n = 6;
    const inputs: PlanInput[] = [];
    let slot = 0;
    for (let rep = 0; rep < 2; rep++) {
      for (let q = 0; q < n; q++) inputs.push({ name: 'h', qubits: [q], params: [] });
      for (let q = 0; q < n; q++) inputs.push({ mask: 1 << q, slot: slot++ });
      for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) inputs.push({ mask: (1 << a) | (1 << b), slot: slot++ });
    }
    const kinds = compileParametricPlan(n, inputs).steps.map((s) => s.kind);
    expect(kinds).toEqual(['product', 'angles', 'pair', 'pair', 'pair', 'angles']);
  });

  it('refuses bad plans and runs with InputValidationError', () => {
    expect(() => compileParametricPlan(0, [])).toThrow(InputValidationError);
    expect(() => compileParametricPlan(2, [{ mask: 0, slot: 0 }])).toThrow(/parity mask/);
    expect(() => compileParametricPlan(2, [{ mask: 4, slot: 0 }])).toThrow(/parity mask/);
    expect(() => compileParametricPlan(2, [{ mask: 1, slot: -1 }])).toThrow(/slot/);
    expect(() => compileParametricPlan(2, [{ name: 'h', qubits: [2], params: [] }])).toThrow(/qubits/);
    expect(() => compileParametricPlan(2, [{ name: 'rz', qubits: [0], params: [] }])).toThrow(/parameter/);
    const plan = compileParametricPlan(2, [{ mask: 3, slot: 1 }]);
    const out = { numQubits: 2, re: new Float64Array(4), im: new Float64Array(4) };
    expect(() => runParametricPlan(plan, [0], out)).toThrow(/needs 2 angles/);
    expect(() => runParametricPlan(plan, [0, NaN], out)).toThrow(/angle 1 is not finite/);
    expect(() => runParametricPlan(plan, [0, 1], { numQubits: 2, re: new Float64Array(2), im: new Float64Array(2) })).toThrow(InputValidationError);
  });
});

describe('reduceAngle', () => {
  it('keeps e^{iθ} (cos and sin agree with Math.cos/Math.sin of θ to 1e-15) and lands in [−π, π]', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double({ min: -1e7, max: 1e7, noNaN: true }), fc.double({ min: -1e15, max: 1e15, noNaN: true })), (theta) => {
        const r = reduceAngle(theta);
        expect(Math.abs(r)).toBeLessThanOrEqual(Math.PI + 1e-9);
        expect(Math.abs(Math.cos(r) - Math.cos(theta))).toBeLessThan(1e-15);
        expect(Math.abs(Math.sin(r) - Math.sin(theta))).toBeLessThan(1e-15);
      }),
      { numRuns: 2000, seed: 3 },
    );
    expect(reduceAngle(0.5)).toBe(0.5);
  });
});

describe('parity kernels', () => {
  it.each([3, 10, 12])('applyParityPhase on %i qubits: only odd-parity amplitudes gain (c + i·s)', (n) => {
    for (const mask of [1, (1 << n) - 1, 0b101, 1 << (n - 1), (1 << (n - 1)) | 1]) {
      const s = randomState(n, mask);
      const re = s.re.slice(), im = s.im.slice();
      applyParityPhase(re, im, n, mask, Math.cos(0.7), Math.sin(0.7));
      let err = 0;
      for (let k = 0; k < re.length; k++) {
        const odd = parity(k & mask) === 1;
        const er = odd ? Math.cos(0.7) * s.re[k]! - Math.sin(0.7) * s.im[k]! : s.re[k]!;
        const ei = odd ? Math.cos(0.7) * s.im[k]! + Math.sin(0.7) * s.re[k]! : s.im[k]!;
        err = Math.max(err, Math.abs(re[k]! - er) + Math.abs(im[k]! - ei));
      }
      expect(err).toBeLessThan(1e-15);
    }
  });

  it('applyParityPhasesGray = the product of the terms, over more than 1024 steps', () => {
    const n = 11;
    const masks = Int32Array.of(0b111, 0b10000000101, 0b1111111, 0b11000000000, 1);
    const thetas = Float64Array.of(0.3, -2.1, 3.0, 1.7, -0.4);
    const s = randomState(n, 9);
    const re = s.re.slice(), im = s.im.slice();
    const { adjStart, adj } = parityAdjacency(n, masks);
    applyParityPhasesGray(re, im, n, thetas, masks.length, adjStart, adj, new Uint8Array(masks.length));
    let err = 0;
    for (let k = 0; k < re.length; k++) {
      let phi = 0;
      masks.forEach((m, t) => (phi += parity(k & m) * thetas[t]!));
      const er = Math.cos(phi) * s.re[k]! - Math.sin(phi) * s.im[k]!;
      const ei = Math.cos(phi) * s.im[k]! + Math.sin(phi) * s.re[k]!;
      err = Math.max(err, Math.abs(re[k]! - er), Math.abs(im[k]! - ei));
    }
    expect(err).toBeLessThan(1e-13);
  });
});

describe('innerProductsInto', () => {
  it('⟨a_s|b_t⟩ for 1 to 3 bras against 1 to 3 kets (2×2 blocks, then one by one)', () => {
    const n = 4, dim = 16;
    const states = [1, 2, 3, 4, 5, 6].map((seed) => randomState(n, seed));
    const pack = (ss: typeof states) => {
      const re = new Float64Array(ss.length * dim), im = new Float64Array(ss.length * dim);
      ss.forEach((k, t) => {
        re.set(k.re, t * dim);
        im.set(k.im, t * dim);
      });
      return { re, im };
    };
    for (const aCount of [1, 2, 3]) {
      for (const bCount of [1, 2, 3]) {
        const bras = states.slice(0, aCount), kets = states.slice(3, 3 + bCount);
        const A = pack(bras), B = pack(kets);
        const out = new Float64Array(2 * aCount * bCount);
        innerProductsInto(A.re, A.im, 0, aCount, B.re, B.im, 0, bCount, dim, out);
        for (let s = 0; s < aCount; s++) {
          for (let t = 0; t < bCount; t++) {
            let sr = 0, si = 0;
            for (let k = 0; k < dim; k++) {
              sr += bras[s]!.re[k]! * kets[t]!.re[k]! + bras[s]!.im[k]! * kets[t]!.im[k]!;
              si += bras[s]!.re[k]! * kets[t]!.im[k]! - bras[s]!.im[k]! * kets[t]!.re[k]!;
            }
            const o = 2 * (s * bCount + t);
            expect(Math.abs(out[o]! - sr) + Math.abs(out[o + 1]! - si)).toBeLessThan(1e-15);
          }
        }
      }
    }
  });
});
