import fc from 'fast-check';
import { simulateStatevector } from '../../../simulators/statevector';
import { InputValidationError } from '../../../src/core/errors';
import { entanglerMap, pauliFeatureMap, zFeatureMap, zzFeatureMap } from '../../../src/kernel';

describe('entanglerMap (Qiskit ≥ 1.3 entanglement.rs)', () => {
  it('full = combinations in lexicographic order', () => {
    expect(entanglerMap(4, 2, 'full')).toEqual([[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]]);
    expect(entanglerMap(3, 3, 'full')).toEqual([[0, 1, 2]]);
  });
  it('linear, reverse_linear', () => {
    expect(entanglerMap(4, 2, 'linear')).toEqual([[0, 1], [1, 2], [2, 3]]);
    expect(entanglerMap(4, 2, 'reverse_linear')).toEqual([[2, 3], [1, 2], [0, 1]]);
  });
  it('circular: n tuples for 1 < m < n (the 1.3 change for m ≥ 3)', () => {
    expect(entanglerMap(4, 2, 'circular')).toEqual([[3, 0], [0, 1], [1, 2], [2, 3]]);
    expect(entanglerMap(4, 3, 'circular')).toEqual([[2, 3, 0], [3, 0, 1], [0, 1, 2], [1, 2, 3]]);
    expect(entanglerMap(3, 3, 'circular')).toEqual([[0, 1, 2]]);
  });
  it('pairwise: even linear pairs then odd ones; refused for m > 2', () => {
    expect(entanglerMap(5, 2, 'pairwise')).toEqual([[0, 1], [2, 3], [1, 2], [3, 4]]);
    expect(() => entanglerMap(4, 3, 'pairwise')).toThrow(InputValidationError);
  });
  it('sca: circular rotated by the rep, tuples reversed on odd reps', () => {
    expect(entanglerMap(3, 2, 'sca', 0)).toEqual([[2, 0], [0, 1], [1, 2]]);
    expect(entanglerMap(3, 2, 'sca', 1)).toEqual([[2, 1], [0, 2], [1, 0]]);
    expect(entanglerMap(3, 2, 'sca', 2)).toEqual([[0, 1], [1, 2], [2, 0]]);
  });
  it('explicit tuples: those of the block size apply; bad tuples are refused', () => {
    expect(entanglerMap(3, 2, [[0], [1, 2], [2, 0]])).toEqual([[1, 2], [2, 0]]);
    expect(entanglerMap(3, 2, { 2: [[0, 2]] })).toEqual([[0, 2]]);
    expect(() => entanglerMap(3, 2, [[0, 0]])).toThrow(InputValidationError);
    expect(() => entanglerMap(3, 2, [[0, 3]])).toThrow(InputValidationError);
    expect(() => entanglerMap(3, 2, 'diagonal' as 'full')).toThrow(/unknown entanglement/);
  });
});

describe('pauliFeatureMap circuits', () => {
  it("'ZZ' on (i, j) is CX(i,j) · P(θ)@j · CX(i,j), after an H layer; parameters x[0..n-1]", () => {
    const fm = zzFeatureMap({ featureDimension: 2, reps: 1 });
    const c = fm.circuit();
    expect(c.instructions.map((i) => `${i.name}(${i.qubits.join(',')})`)).toEqual(['h(0)', 'h(1)', 'p(0)', 'p(1)', 'cx(0,1)', 'p(1)', 'cx(0,1)']);
    expect(c.parameters).toEqual(['x[0]', 'x[1]']);
    // Each call hands out a circuit of the caller's own (issue 15): equal, never the same object.
    expect(fm.circuit()).not.toBe(c);
    expect(fm.circuit().instructions).toEqual(c.instructions);
  });
  it("'ZY' on (0, 1): SX on qubit 0 (Y), CX chain onto S[-1] = qubit 1, P there, SX† after", () => {
    const c = pauliFeatureMap({ featureDimension: 2, paulis: ['ZY'], reps: 1 }).circuit();
    expect(c.instructions.map((i) => `${i.name}(${i.qubits.join(',')})`)).toEqual([
      'h(0)', 'h(1)', 'sx(0)', 'cx(0,1)', 'p(1)', 'cx(0,1)', 'sxdg(0)',
    ]);
  });
  it('θ = alpha·φ: P angle binds to 2·(π − x0)(π − x1) for ZZ and 2·x0 for Z', () => {
    const fm = zzFeatureMap({ featureDimension: 2, reps: 1 });
    const bound = fm.assign([0.3, 1.1]);
    const ps = bound.instructions.filter((i) => i.name === 'p').map((i) => i.params[0]);
    expect(ps).toEqual([0.3 * 2, 1.1 * 2, (Math.PI - 0.3) * (Math.PI - 1.1) * 2]);
  });
  it('defaults: reps 2, full, alpha 2, paulis Z,ZZ (Z for one qubit)', () => {
    const fm = pauliFeatureMap({ featureDimension: 3 });
    expect([fm.reps, fm.alpha, fm.paulis]).toEqual([2, 2, ['Z', 'ZZ']]);
    expect(pauliFeatureMap({ featureDimension: 1 }).paulis).toEqual(['Z']);
    expect(zFeatureMap({ featureDimension: 3 }).isDiagonal).toBe(true);
    expect(pauliFeatureMap({ featureDimension: 2, paulis: ['xy'] }).paulis).toEqual(['XY']);
  });
  it('refuses bad configurations with InputValidationError', () => {
    expect(() => zzFeatureMap({ featureDimension: 1 })).toThrow(InputValidationError);
    expect(() => pauliFeatureMap({ featureDimension: 2, paulis: ['ZZZ'] })).toThrow(/longer than/);
    expect(() => pauliFeatureMap({ featureDimension: 2, paulis: ['ZQ'] })).toThrow(InputValidationError);
    expect(() => pauliFeatureMap({ featureDimension: 2, reps: 0 })).toThrow(InputValidationError);
    expect(() => pauliFeatureMap({ featureDimension: 0 })).toThrow(InputValidationError);
    expect(() => zzFeatureMap({ featureDimension: 2 }).statevector([1])).toThrow(/expected 2 features/);
  });
  it('a per-rep callable chooses the entanglement of each rep', () => {
    const fm = zzFeatureMap({ featureDimension: 3, reps: 2, entanglement: (rep) => (rep === 0 ? 'linear' : [[2, 0]]) });
    expect(fm.layers[0]!.filter((b) => b.pauli === 'ZZ').map((b) => b.tuple)).toEqual([[0, 1], [1, 2]]);
    expect(fm.layers[1]!.filter((b) => b.pauli === 'ZZ').map((b) => b.tuple)).toEqual([[2, 0]]);
  });
});

describe('engine plan = (fused) simulation of the Qiskit circuit (property)', () => {
  it.each([
    ['phases pass (Z, ZZ; 11 qubits, table halves of 6 and 5 bits)', ['Z', 'ZZ']],
    ['Gray-code pass (165 ZZZ terms; 2048 amplitudes, periodic exact re-sums)', ['Z', 'ZZZ', 'IZ']],
  ])('%s matches the gate-by-gate simulation', (_name, paulis) => {
    const fm = pauliFeatureMap({ featureDimension: 11, paulis, reps: 2, entanglement: 'full' });
    const x = Array.from({ length: 11 }, (_, i) => 0.37 * i - 1.3);
    const z = fm.statevector(x);
    const s = simulateStatevector(fm.assign(x));
    let err = 0;
    for (let k = 0; k < s.re.length; k++) err = Math.max(err, Math.abs(z.re[k]! - s.re[k]!), Math.abs(z.im[k]! - s.im[k]!));
    expect(err).toBeLessThan(1e-11);
  });
  const pauli = fc.stringMatching(/^[IXYZ]{1,3}$/).filter((p) => /[XYZ]/.test(p));
  const diagonal = fc.stringMatching(/^[IZ]{1,3}$/);
  it('for random Pauli lists, entanglements, reps and features', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 6 }),
        fc.oneof(fc.array(pauli, { minLength: 1, maxLength: 3 }), fc.array(diagonal, { minLength: 1, maxLength: 3 })),
        fc.constantFrom('full', 'linear', 'circular', 'sca', 'reverse_linear') as fc.Arbitrary<'full'>,
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.double({ min: -7, max: 7, noNaN: true }), { minLength: 6, maxLength: 6 }),
        fc.double({ min: -3, max: 3, noNaN: true }),
        (n, paulis, entanglement, reps, xs, alpha) => {
          const fm = pauliFeatureMap({ featureDimension: n, paulis, entanglement, reps, alpha });
          const x = xs.slice(0, n);
          const z = fm.statevector(x);
          const s = simulateStatevector(fm.assign(x));
          for (let k = 0; k < s.re.length; k++) {
            if (Math.abs(z.re[k]! - s.re[k]!) > 1e-9 || Math.abs(z.im[k]! - s.im[k]!) > 1e-9) return false;
          }
          return true;
        },
      ),
      { numRuns: 120, seed: 4242 },
    );
  });
});

describe('the engine plan = gate-by-gate simulation of Qiskit circuit (fusion: false), global phase included', () => {
  const gateByGate = (fm: ReturnType<typeof pauliFeatureMap>, x: number[]) => simulateStatevector(fm.assign(x), { fusion: false });
  const maxErr = (a: { re: Float64Array; im: Float64Array }, b: { re: Float64Array; im: Float64Array }): number => {
    let err = 0;
    for (let k = 0; k < a.re.length; k++) err = Math.max(err, Math.abs(a.re[k]! - b.re[k]!), Math.abs(a.im[k]! - b.im[k]!));
    return err;
  };
  const features = (n: number, seed: number, scale: number): number[] =>
    Array.from({ length: n }, (_, i) => scale * Math.sin(1.7 * i + seed) + 0.1 * seed);

  it.each([
    [['Z'], 1, 'full', 3],
    [['X'], 3, 'linear', 2],
    [['Y'], 4, 'full', 1],
    [['ZZ'], 5, 'circular', 3],
    [['Z', 'ZZ'], 12, 'full', 2],
    [['ZZZ'], 7, 'circular', 2],
    [['XY'], 6, 'pairwise', 3],
    [['YZX'], 8, 'linear', 2],
    [['Z', 'YY', 'ZXZ'], 6, 'full', 2],
    [['Y', 'XX'], 14, 'linear', 2],
    [['Z', 'ZZ'], 16, 'linear', 2],
    [['Y', 'XX'], 16, 'full', 1],
    [['X', 'ZY'], 16, 'linear', 2],
  ] as const)('paulis %j on %i qubits, %s entanglement, reps %i', (paulis, n, entanglement, reps) => {
    const fm = pauliFeatureMap({ featureDimension: n, paulis: [...paulis], entanglement, reps });
    for (const [seed, scale] of [[1, 1], [2, 3], [3, 1e3]] as const) {
      const x = features(n, seed, scale);
      expect(maxErr(fm.statevector(x), gateByGate(fm, x))).toBeLessThan(1e-12);
    }
  });

  const pauli = fc.stringMatching(/^[IXYZ]{1,3}$/).filter((p) => /[XYZ]/.test(p));
  it('for random Pauli lists (1 to 8 qubits), entanglements, reps, alphas and features up to 1e3', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.array(pauli, { minLength: 1, maxLength: 3 }),
        fc.constantFrom('full', 'linear', 'circular', 'pairwise', 'sca') as fc.Arbitrary<'full' | 'linear' | 'circular' | 'pairwise' | 'sca'>,
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.oneof(fc.double({ min: -7, max: 7, noNaN: true }), fc.double({ min: -1e3, max: 1e3, noNaN: true })), { minLength: 8, maxLength: 8 }),
        fc.double({ min: -3, max: 3, noNaN: true }),
        (n, paulis, entanglement, reps, xs, alpha) => {
          const ps = paulis.filter((p) => p.length <= n && (entanglement !== 'pairwise' || p.length <= 2));
          if (ps.length === 0) return;
          const fm = pauliFeatureMap({ featureDimension: n, paulis: ps, entanglement, reps, alpha });
          const x = xs.slice(0, n);
          expect(maxErr(fm.statevector(x), gateByGate(fm, x))).toBeLessThan(1e-12);
        },
      ),
      { numRuns: 200, seed: 1202 },
    );
  });

  it('statevector() refuses non-finite features', () => {
    expect(() => zzFeatureMap({ featureDimension: 2 }).statevector([1, NaN])).toThrow(InputValidationError);
  });
});
