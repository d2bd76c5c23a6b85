/**
 * Gate fusion is exact: fused equals gate-by-gate (and the dense reference) on random
 * circuits, including CX·D·CX blocks with pass-through and non-conjugable inner gates; norm is
 * preserved; circuit.inverse() undoes the circuit; the ZZ feature map becomes a few passes.
 */
import fc from 'fast-check';
import { Circuit } from '../../../src/circuit/circuit';
import { AbortedError } from '../../../src/core/errors';
import { GATES } from '../../../src/circuit/gates';
import { AUTO_FUSION_MIN_QUBITS, planFusedOps, simulateStatevector } from '../../../simulators/statevector/simulate';
import { denseSimulate, maxDiff } from '../../support/dense';

const NAMES = [...GATES.keys()];
const DIAG = NAMES.filter((n) => GATES.get(n)!.diagonal);

type Spec = { name: string; qubits: number[]; params: number[] };

/** A random gate on n qubits (any gate, or biased to diagonal gates). */
const gateArb = (n: number, names: string[]): fc.Arbitrary<Spec> =>
  fc
    .record({
      name: fc.constantFrom(...names.filter((g) => GATES.get(g)!.numQubits <= n)),
      perm: fc.shuffledSubarray(Array.from({ length: n }, (_, i) => i), { minLength: n, maxLength: n }),
      params: fc.array(fc.double({ min: -7, max: 7, noNaN: true }), { minLength: 4, maxLength: 4 }),
    })
    .map(({ name, perm, params }) => {
      const def = GATES.get(name)!;
      return { name, qubits: perm.slice(0, def.numQubits), params: params.slice(0, def.numParams) };
    });

/** A CX(c,t)·(diagonal gates)·CX(c,t) block, sometimes with an inner gate that blocks fusion. */
const blockArb = (n: number): fc.Arbitrary<Spec[]> =>
  fc
    .record({
      perm: fc.shuffledSubarray(Array.from({ length: n }, (_, i) => i), { minLength: n, maxLength: n }),
      inner: fc.array(gateArb(n, DIAG), { maxLength: 4 }),
      closeSame: fc.boolean(),
    })
    .map(({ perm, inner, closeSame }) => {
      const [c, t] = [perm[0]!, perm[1]!];
      return [
        { name: 'cx', qubits: [c, t], params: [] },
        ...inner,
        { name: 'cx', qubits: closeSame ? [c, t] : [t, c], params: [] },
      ];
    });

const circuitArb = fc.integer({ min: 1, max: 5 }).chain((n) =>
  fc
    .record({
      parts: fc.array(
        fc.oneof(
          gateArb(n, NAMES).map((g) => [g]),
          gateArb(n, DIAG).map((g) => [g]),
          n >= 2 ? blockArb(n) : gateArb(n, DIAG).map((g) => [g]),
        ),
        { maxLength: 30 },
      ),
      phase: fc.double({ min: -4, max: 4, noNaN: true }),
    })
    .map(({ parts, phase }) => {
      const c = new Circuit(n, { globalPhase: phase });
      for (const g of parts.flat()) c.append(g.name, g.qubits, g.params);
      return c;
    }),
);

describe('gate fusion', () => {
  it('fused = unfused = dense reference on random circuits (to 1e-12)', () => {
    fc.assert(
      fc.property(circuitArb, (c) => {
        const fused = simulateStatevector(c, { fusion: true });
        const plain = simulateStatevector(c, { fusion: false });
        expect(maxDiff(fused, plain)).toBeLessThan(1e-12);
        expect(maxDiff(fused, denseSimulate(c))).toBeLessThan(1e-12);
      }),
      { numRuns: 400, seed: 20261127 },
    );
  });

  it('preserves the norm (fused and unfused)', () => {
    fc.assert(
      fc.property(circuitArb, fc.boolean(), (c, fusion) => {
        const s = simulateStatevector(c, { fusion: fusion || 'auto' });
        let norm = 0;
        for (let i = 0; i < s.re.length; i++) norm += s.re[i]! ** 2 + s.im[i]! ** 2;
        expect(Math.abs(norm - 1)).toBeLessThan(1e-12);
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('circuit followed by its inverse is the identity on a random state', () => {
    fc.assert(
      fc.property(circuitArb, circuitArb, (prepCirc, c) => {
        const n = Math.min(prepCirc.numQubits, c.numQubits);
        const p = new Circuit(c.numQubits);
        for (const ins of prepCirc.instructions) if (ins.qubits.every((q) => q < n)) p.append(ins.name, ins.qubits, ins.params);
        const before = simulateStatevector(p, { fusion: true });
        const round = p.copy().compose(c).compose(c.inverse());
        expect(maxDiff(simulateStatevector(round, { fusion: true }), before)).toBeLessThan(1e-12);
        expect(maxDiff(simulateStatevector(round, { fusion: false }), before)).toBeLessThan(1e-12);
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it('can be turned off: fusion: false runs gate by gate (same numbers)', () => {
    const c = new Circuit(3).h(0).rz(0.3, 0).cx(0, 1).p(0.2, 1).cx(0, 1);
    expect(maxDiff(simulateStatevector(c, { fusion: false }), denseSimulate(c))).toBeLessThan(1e-15);
  });

  it("'auto' (the default) agrees with both modes below and above the size threshold", () => {
    for (const n of [AUTO_FUSION_MIN_QUBITS - 1, AUTO_FUSION_MIN_QUBITS]) {
      const c = new Circuit(n);
      for (let q = 0; q < n; q++) c.h(q).rz(0.1 * q, q);
      for (let q = 0; q + 1 < n; q++) c.cx(q, q + 1).p(0.3, q + 1).cx(q, q + 1);
      const auto = simulateStatevector(c);
      expect(maxDiff(auto, simulateStatevector(c, { fusion: false }))).toBeLessThan(1e-13);
      expect(maxDiff(auto, simulateStatevector(c, { fusion: true }))).toBeLessThan(1e-13);
    }
  });

  function zzFeatureMap(x: number[], reps: number): Circuit {
    const d = x.length;
    const c = new Circuit(d);
    for (let r = 0; r < reps; r++) {
      for (let q = 0; q < d; q++) c.h(q);
      for (let q = 0; q < d; q++) c.p(2 * x[q]!, q);
      for (let i = 0; i < d; i++)
        for (let j = i + 1; j < d; j++) c.cx(i, j).p(2 * (Math.PI - x[i]!) * (Math.PI - x[j]!), j).cx(i, j);
    }
    return c;
  }

  it('turns the ZZ feature map into ~(d/2 + 1) passes per rep, exactly', () => {
    const x = [0.1, 0.7, 1.3, 2.2, 2.9, 0.4, 1.8];
    const c = zzFeatureMap(x, 2);
    const ops = planFusedOps(c);
    expect(ops.filter((o) => o.kind === 'gate')).toHaveLength(0);
    expect(ops.filter((o) => o.kind === 'phases')).toHaveLength(2);
    expect(ops.length).toBeLessThanOrEqual(2 * (Math.ceil(x.length / 2) + 1));
    expect(maxDiff(simulateStatevector(c, { fusion: true }), denseSimulate(c))).toBeLessThan(1e-12);
  });

  it('fuses a W1 layer into one pass per qubit pair plus one gather pass for the CX chain', () => {
    const n = 10;
    const c = new Circuit(n);
    for (let k = 1; k <= 3; k++) {
      for (let q = 0; q < n; q++) c.h(q);
      for (let q = 0; q < n; q++) c.rz(0.1 * k, q);
      for (let q = 0; q + 1 < n; q++) c.cx(q, q + 1);
    }
    const ops = planFusedOps(c);
    expect(ops.filter((o) => o.kind === 'gate')).toHaveLength(0);
    expect(ops.filter((o) => o.kind === 'gather')).toHaveLength(3);
    expect(ops.filter((o) => o.kind === 'pair').length).toBeLessThanOrEqual(2 * (n / 2));
    expect(maxDiff(simulateStatevector(c, { fusion: true }), denseSimulate(c))).toBeLessThan(1e-12);
    // without gather passes the CX chain stays gate by gate
    const noGather = planFusedOps(c, { gather: false });
    expect(noGather.filter((o) => o.kind === 'gate')).toHaveLength(3 * (n - 1));
  });

  const permArb = fc.integer({ min: 2, max: 6 }).chain((n) =>
    fc.array(
      fc.record({
        kind: fc.constantFrom('cx', 'cx', 'cx', 'cx', 'cx', 'swap', 'swap', 'h', 'rz', 'x'),
        perm: fc.shuffledSubarray(Array.from({ length: n }, (_, i) => i), { minLength: n, maxLength: n }),
      }),
      { maxLength: 60 },
    ).map((gs) => {
      const c = new Circuit(n);
      for (const { kind, perm } of gs) {
        if (kind === 'cx') c.cx(perm[0]!, perm[1]!);
        else if (kind === 'swap') c.swap(perm[0]!, perm[1]!);
        else if (kind === 'h') c.h(perm[0]!);
        else if (kind === 'x') c.x(perm[0]!);
        else c.rz(0.3 + perm[0]!, perm[0]!);
      }
      return c;
    }),
  );

  it('gathers runs of CX/SWAP exactly (permutation-heavy random circuits)', () => {
    let gathered = 0;
    fc.assert(
      fc.property(permArb, (c) => {
        const want = denseSimulate(c);
        if (planFusedOps(c).some((o) => o.kind === 'gather')) gathered++;
        expect(maxDiff(simulateStatevector(c, { fusion: true }), want)).toBeLessThan(1e-13);
        // gather: false keeps CX/SWAP in place (what the bench compares the gather against)
        expect(maxDiff(simulateStatevector(c, { fusion: true, gather: false }), want)).toBeLessThan(1e-13);
      }),
      { numRuns: 300, seed: 3 },
    );
    expect(gathered).toBeGreaterThan(15); // the property did exercise gather passes
  });

  it('does not conjugate through a CX when an inner gate couples the target to a third qubit', () => {
    const c = new Circuit(3).h(0).h(1).h(2).cx(0, 1).rzz(0.8, 1, 2).p(0.3, 1).cx(0, 1);
    expect(maxDiff(simulateStatevector(c, { fusion: true }), denseSimulate(c))).toBeLessThan(1e-14);
  });
});

describe('abort', () => {
  it.each([true, false])('an aborted signal stops the simulation with AbortedError (fusion %s)', (fusion) => {
    const ctrl = new AbortController();
    ctrl.abort(new Error('stop'));
    const c = new Circuit(4).h(0).cx(0, 1).cx(1, 2).cx(2, 3);
    expect(() => simulateStatevector(c, { fusion, signal: ctrl.signal })).toThrow(AbortedError);
  });
});
