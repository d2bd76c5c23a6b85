import type { Backend } from '../../../src/backend';
import { Circuit } from '../../../src/circuit/circuit';
import { Parameter } from '../../../src/circuit/parameter';
import { CircuitValidationError, InputValidationError } from '../../../src/core/errors';
import { Estimator } from '../../../src/primitives/estimator';
import type { EstimatorPubResult, PauliSum } from '../../../src/primitives/types';
import { normalizeObservables, shotsForPrecision } from '../../../src/primitives/validate';
import { createTarget } from '../../../src/core/target';
import { createLocalBackend } from '../../../simulators/local';

const backend = createLocalBackend();
const bell = new Circuit(2).h(0).cx(0, 1);
const ghz = new Circuit(3).h(0).cx(0, 1).cx(1, 2);

// Closed forms. Bell (|00⟩+|11⟩)/√2: ⟨ZZ⟩ = ⟨XX⟩ = 1, ⟨YY⟩ = −1, ⟨ZI⟩ = ⟨XI⟩ = 0.
const BELL_OBS: PauliSum[] = [[['ZZ', 1]], [['XX', 1]], [['YY', 1]], [['ZI', 1]], [['ZZ', 1], ['XI', 0.5], ['YY', -2]]];
const BELL_EXACT = [1, 1, -1, 0, 3];
// GHZ-3: ⟨XXX⟩ = 1, ⟨XYY⟩ = −1, ⟨ZZI⟩ = ⟨IZZ⟩ = 1, ⟨ZZZ⟩ = 0, identity term = its coefficient.
const GHZ_OBS: PauliSum[] = [[['XXX', 1]], [['XYY', 1]], [['ZZI', 1], ['IZZ', 1]], [['ZZZ', 1]], [['III', 2.5], ['XXX', -1]]];
const GHZ_EXACT = [1, -1, 2, 0, 1.5];

// Product state ry(a)|0⟩ on q0, rx(b)|0⟩ on q1 (parameters sorted: a, b):
// ⟨Z0⟩ = cos a, ⟨X0⟩ = sin a, ⟨Z1⟩ = cos b, ⟨Y1⟩ = −sin b; labels are little-endian (rightmost = q0).
const a = new Parameter('a');
const b = new Parameter('b');
const product = new Circuit(2).ry(a, 0).rx(b, 1);
const PRODUCT_OBS: PauliSum[] = [[['IZ', 1]], [['IX', 1]], [['ZI', 1]], [['YX', 1]], [['ZZ', 0.5], ['XI', 3]]];
const productExact = ([av, bv]: number[]): number[] => [
  Math.cos(av!),
  Math.sin(av!),
  Math.cos(bv!),
  -Math.sin(bv!) * Math.sin(av!),
  0.5 * Math.cos(av!) * Math.cos(bv!), // ⟨X1⟩ = 0 for rx
];
const ROWS = [[0, 0], [0.3, 1.2], [Math.PI / 2, -0.7], [2.5, Math.PI], [-1.1, 0.4]];

function expectWithin4Std(pub: EstimatorPubResult, exact: number[][]): void {
  exact.forEach((row, r) =>
    row.forEach((ev, o) => {
      const std = pub.stds[r]![o]!;
      expect(std).toBeGreaterThanOrEqual(0);
      expect(Math.abs(pub.evs[r]![o]! - ev)).toBeLessThanOrEqual(4 * std + 1e-12);
    }),
  );
}

describe('Estimator exact mode (precision 0)', () => {
  it('matches closed forms on Bell, GHZ and a parameterised circuit with several rows', async () => {
    const res = await (
      await new Estimator(backend).run([
        [bell, BELL_OBS],
        [ghz, GHZ_OBS],
        [product, PRODUCT_OBS, ROWS],
      ])
    ).result();
    const close = (actual: readonly number[], expected: number[]): void =>
      expected.forEach((e, i) => expect(actual[i]).toBeCloseTo(e, 12));
    close(res.pubs[0]!.evs[0]!, BELL_EXACT);
    close(res.pubs[1]!.evs[0]!, GHZ_EXACT);
    ROWS.forEach((row, r) => close(res.pubs[2]!.evs[r]!, productExact(row)));
    for (const pub of res.pubs) for (const row of pub.stds) for (const s of row) expect(s).toBe(0);
    expect(res.pubs[2]!.evs).toHaveLength(ROWS.length);
    expect(res.pubs[0]!.metadata.precision).toBe(0);
  });

  it('accepts one Pauli sum as a single observable and ignores final measurements', async () => {
    const res = await (await new Estimator(backend).run([{ circuit: new Circuit(2).h(0).cx(0, 1).measureAll(), observables: [['ZZ', 2], ['IZ', 1]] }])).result();
    expect(res.pubs[0]!.evs).toHaveLength(1);
    expect(res.pubs[0]!.evs[0]).toHaveLength(1);
    expect(res.pubs[0]!.evs[0]![0]).toBeCloseTo(2, 12);
  });
});

describe('Estimator shot mode (precision > 0, seeded)', () => {
  const precision = 0.02; // 2500 shots per basis

  it('lands within 4 standard errors of the exact values, with stds near precision', async () => {
    const res = await (
      await new Estimator(backend, { precision, seed: 2024 }).run([
        [bell, BELL_OBS],
        [ghz, GHZ_OBS],
        [product, PRODUCT_OBS, ROWS],
      ])
    ).result();
    expectWithin4Std(res.pubs[0]!, [BELL_EXACT]);
    expectWithin4Std(res.pubs[1]!, [GHZ_EXACT]);
    expectWithin4Std(res.pubs[2]!, ROWS.map(productExact));
    expect(res.pubs[0]!.metadata.shots).toBe(shotsForPrecision(precision));
    expect(shotsForPrecision(precision)).toBe(2500);
    // ⟨ZZ⟩ = 1 exactly on Bell: every shot agrees, so the estimate is exact with std 0
    expect(res.pubs[0]!.evs[0]![0]).toBe(1);
    expect(res.pubs[0]!.stds[0]![0]).toBe(0);
    // ⟨ZI⟩ = 0: a ±1 variable with variance 1 → std ≈ 1/√N = precision
    expect(res.pubs[0]!.stds[0]![3]).toBeGreaterThan(0.9 * precision);
    expect(res.pubs[0]!.stds[0]![3]).toBeLessThan(1.1 * precision);
  });

  it('is reproducible with a seed, and changes with it', async () => {
    const run = async (seed: number): Promise<readonly (readonly number[])[]> =>
      (await (await new Estimator(backend, { precision: 0.05, seed }).run([[product, PRODUCT_OBS, ROWS]])).result()).pubs[0]!.evs;
    expect(await run(1)).toEqual(await run(1));
    expect(await run(1)).not.toEqual(await run(2));
  });

  it('uses a per-PUB precision over the request default', async () => {
    const res = await (
      await new Estimator(backend, { precision: 0 }).run([{ circuit: bell, observables: [['XI', 1]], precision: 0.1 }, [bell, [['XI', 1]]]])
    ).result();
    expect(res.pubs[0]!.metadata).toMatchObject({ precision: 0.1, shots: 100 });
    expect(res.pubs[1]!.stds[0]![0]).toBe(0);
  });
});

describe('Estimator validation', () => {
  it('rejects bad observables, precision and circuits with typed errors', async () => {
    const est = new Estimator(backend);
    await expect(est.run([[bell, [['ZZZ', 1]]]])).rejects.toThrow(/must have 2 letter/);
    await expect(est.run([[bell, [['ZA', 1]]]])).rejects.toBeInstanceOf(InputValidationError);
    await expect(est.run([[bell, [['ZZ', Infinity]]]])).rejects.toThrow(/non-finite coefficient/);
    await expect(est.run([[bell, []]])).rejects.toBeInstanceOf(InputValidationError);
    await expect(new Estimator(backend, { precision: -1 }).run([[bell, [['ZZ', 1]]]])).rejects.toBeInstanceOf(InputValidationError);
    await expect(new Estimator(backend, { precision: 1e-4 }).run([[bell, [['ZZ', 1]]]])).rejects.toThrow(/needs 100000000 shots/);
    await expect(est.run([[product, [['ZZ', 1]]]])).rejects.toBeInstanceOf(CircuitValidationError);
    const mid = new Circuit(1, 1).h(0).measure(0, 0).h(0);
    await expect(est.run([[mid, [['Z', 1]]]])).rejects.toBeInstanceOf(CircuitValidationError);
  });

  it('normalises observables: one sum or a list of sums', () => {
    expect(normalizeObservables([['ZZ', 1], ['XI', 0.5]], 2)).toEqual([[['ZZ', 1], ['XI', 0.5]]]);
    expect(normalizeObservables([[['ZZ', 1]], [['XI', 0.5]]], 2)).toEqual([[['ZZ', 1]], [['XI', 0.5]]]);
    expect(() => normalizeObservables([['zz', 1]], 2)).toThrow(InputValidationError);
  });

  it('validates before submitting (front-end)', async () => {
    const spy = {
      contractVersion: 1,
      name: 'spy',
      target: createTarget({ numQubits: 2, basisGates: ['h', 'cx'] }),
      run: jest.fn(),
    } as unknown as Backend & { run: jest.Mock };
    await expect(new Estimator(spy).run([[bell, [['Z', 1]]]])).rejects.toBeInstanceOf(InputValidationError);
    expect(spy.run).not.toHaveBeenCalled();
  });
});
