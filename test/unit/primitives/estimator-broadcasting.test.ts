/**
 * The Estimator's Qiskit-shaped results (issue 15): `result[i].data.evs` / `.stds` in the numpy
 * broadcast of the observables shape and the parameter values shape. Shapes are the ones
 * Qiskit's own tests and documentation give (test/python/primitives/containers/
 * test_estimator_pub.py, the "Primitive inputs and outputs" guide); values are checked against
 * the dense reference in dense-reference.ts, element by element, with the broadcast pairing
 * worked out here from the shapes.
 */
import type { Backend } from '../../../src/backend';
import { Circuit } from '../../../src/circuit/circuit';
import { Parameter } from '../../../src/circuit/parameter';
import { InputValidationError } from '../../../src/core/errors';
import { Estimator } from '../../../src/primitives/estimator';
import { PrimitiveResult } from '../../../src/primitives/containers';
import { SparsePauliOp } from '../../../src/quantum-info/sparse-pauli-op';
import { createLocalBackend } from '../../../simulators/local';
import { cx, denseState, ry, rz, sumExpectation } from './dense-reference';

const backend = createLocalBackend();

// Two parameters (sorted: a, b). The reference builds the same circuit from its own matrices.
const a = new Parameter('a');
const b = new Parameter('b');
const ansatz = new Circuit(2).ry(a, 0).cx(0, 1).ry(b, 1).rz(a, 0);
const reference = ([av, bv]: readonly number[]) => denseState(2, [ry(av!, 0), cx(0, 1), ry(bv!, 1), rz(av!, 0)]);

type Sum = ReadonlyArray<readonly [string, number]>;
/** The documentation's three observables, shape (3, 1): (XX + IY)/2, XX, IY. */
const DOC_OBS_SUMS: Sum[] = [[['XX', 0.5], ['IY', 0.5]], [['XX', 1]], [['IY', 1]]];
const DOC_OBS = [[new SparsePauliOp(['XX', 'IY'], [0.5, 0.5])], [new SparsePauliOp('XX')], [new SparsePauliOp('IY')]];
const SIX = Array.from({ length: 6 }, (_, k) => [0.4 + 0.9 * k, 2.1 - 0.7 * k]);

/** Row-major multi-index of flat index `k` in `shape`. */
function unravel(k: number, shape: readonly number[]): number[] {
  const idx = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    idx[d] = k % shape[d]!;
    k = Math.floor(k / shape[d]!);
  }
  return idx;
}
/** Flat index in `from` of the element broadcasting maps to multi-index `idx` of the result. */
function sourceFlat(idx: readonly number[], from: readonly number[]): number {
  const off = idx.length - from.length;
  return from.reduce((flat, n, d) => flat * n + (n === 1 ? 0 : idx[d + off]!), 0);
}

describe('Estimator results as Qiskit shapes them', () => {
  it("documentation example: observables (3, 1) against 6 parameter sets give evs of shape (3, 6), each the dense ⟨ψ(θ_j)|O_i|ψ(θ_j)⟩", async () => {
    for (const values of [SIX, [SIX]]) {
      // (6,) and (1, 6) parameter shapes both broadcast against (3, 1) to (3, 6).
      const res = await (await new Estimator(backend).run([[ansatz, DOC_OBS, values]])).result();
      const { evs, stds, shape } = res[0]!.data;
      expect(shape).toEqual([3, 6]);
      expect(evs.shape).toEqual([3, 6]);
      expect(stds.shape).toEqual([3, 6]);
      for (let i = 0; i < 3; i++) {
        for (let j = 0; j < 6; j++) {
          expect(evs.get(i, j)).toBeCloseTo(sumExpectation(reference(SIX[j]!), DOC_OBS_SUMS[i]!), 10);
          expect(stds.get(i, j)).toBe(0);
        }
      }
      const nested = evs.toArray() as number[][];
      expect(nested).toHaveLength(3);
      expect(nested[2]![5]).toBe(evs.get(2, 5));
    }
  });

  // Qiskit's test_broadcasting cases (obs shape, params shape, expected pub shape), run for real.
  const CASES: Array<[number[], number[], number[]]> = [
    [[], [], []],
    [[5], [5], [5]],
    [[1], [5], [5]],
    [[5], [1], [5]],
    [[], [5], [5]],
    [[5], [], [5]],
    [[3, 4, 5], [3, 4, 5], [3, 4, 5]],
    [[2, 1, 10], [4, 1], [2, 4, 10]],
  ];
  it.each(CASES)('observables %j against parameter values %j give shape %j, values paired by broadcasting', async (obsShape, parShape, expected) => {
    const labels = ['ZZ', 'XX', 'IY', 'YI', 'XZ', 'ZX', 'IZ'];
    const nObs = obsShape.reduce((n, d) => n * d, 1);
    const nPar = parShape.reduce((n, d) => n * d, 1);
    // Distinct observables and parameter sets, so a wrong pairing shows in the values.
    const obsFlat: Sum[] = Array.from({ length: nObs }, (_, k) => [[labels[k % labels.length]!, 1 + k / 7]]);
    const parFlat = Array.from({ length: nPar }, (_, k) => [0.3 + 0.37 * k, 1.9 - 0.23 * k]);
    const nest = (flat: readonly unknown[], shape: readonly number[]): unknown => {
      if (shape.length === 0) return flat[0];
      const inner = shape.slice(1).reduce((n, d) => n * d, 1);
      return Array.from({ length: shape[0]! }, (_, i) => nest(flat.slice(i * inner, (i + 1) * inner), shape.slice(1)));
    };
    const observables = nest(obsFlat, obsShape) as never;
    // The parameter axis comes last; shape [] binds the circuit once with a flat list.
    const values = (parShape.length === 0 ? parFlat[0] : nest(parFlat, parShape)) as never;
    const res = await (await new Estimator(backend).run([{ circuit: ansatz, observables, parameterValues: values }])).result();
    const { evs } = res[0]!.data;
    expect(evs.shape).toEqual(expected);
    for (let k = 0; k < evs.size; k++) {
      const idx = unravel(k, expected);
      const want = sumExpectation(reference(parFlat[sourceFlat(idx, parShape)]!), obsFlat[sourceFlat(idx, obsShape)]!);
      expect(evs.get(...idx)).toBeCloseTo(want, 10);
    }
  });

  // Qiskit's test_broadcasting_fails cases: a typed error naming both shapes, nothing submitted.
  it.each([
    [[5], [6]],
    [[3], [5]],
    [[3, 8, 5], [3, 4, 5]],
    [[1, 1, 10], [4, 11]],
  ])('observables %j against parameter values %j do not broadcast', async (obsShape, parShape) => {
    const fill = (shape: readonly number[], leaf: () => unknown): unknown =>
      shape.length === 0 ? leaf() : Array.from({ length: shape[0]! }, () => fill(shape.slice(1), leaf));
    const spy: Backend = { ...backend, run: jest.fn() } as unknown as Backend;
    const run = new Estimator(spy).run([[ansatz, fill(obsShape, () => 'XX') as never, fill(parShape, () => [0.1, 0.2]) as never]]);
    const py = (s: readonly number[]) => (s.length === 1 ? `(${s[0]},)` : `(${s.join(', ')})`);
    await expect(run).rejects.toBeInstanceOf(InputValidationError);
    await expect(run).rejects.toThrow(`PUB 0: the observables shape ${py(obsShape)} and the parameter values shape ${py(parShape)} are not broadcastable`);
    expect(spy.run).not.toHaveBeenCalled();
  });

  it('one observable on a circuit without parameters is 0-d: shape [], item() the closed form', async () => {
    const bell = new Circuit(2).h(0).cx(0, 1);
    const res = await (await new Estimator(backend).run([[bell, 'ZZ'], [bell, [['XX', 1], ['YY', 2]]], [bell, ['ZZ', 'YY']]])).result();
    expect(res[0]!.data.evs.shape).toEqual([]);
    expect(res[0]!.data.evs.item()).toBeCloseTo(1, 12); // Bell: ⟨ZZ⟩ = 1
    // A [label, coeff] list is one observable: ⟨XX⟩ + 2⟨YY⟩ = 1 − 2.
    expect(res[1]!.data.evs.shape).toEqual([]);
    expect(res[1]!.data.evs.toArray()).toBeCloseTo(-1, 12);
    expect(res[2]!.data.evs.shape).toEqual([2]);
    expect(res[2]!.data.evs.toArray()).toEqual([expect.closeTo(1, 12), expect.closeTo(-1, 12)]);
  });

  it('reads nested label lists as axes: [["ZZ", "XX"]] is (1, 2), a [label, coeff] list stays one observable', async () => {
    const bell = new Circuit(2).h(0).cx(0, 1);
    const res = await (await new Estimator(backend).run([[bell, [['ZZ', 'XX', 'YY']]], [bell, [[[['ZZ', 1]], [['ZI', 1]]]]]])).result();
    expect(res[0]!.data.evs.shape).toEqual([1, 3]);
    expect(res[0]!.data.evs.toArray()).toEqual([[expect.closeTo(1, 12), expect.closeTo(1, 12), expect.closeTo(-1, 12)]]);
    expect(res[1]!.data.evs.shape).toEqual([1, 2]);
    expect(res[1]!.data.evs.get(0, 1)).toBeCloseTo(0, 12); // ⟨ZI⟩ = 0
  });

  it('keeps the flat fields: pubs[i].evs[row][observable] over every row and observable, result[i] the same object', async () => {
    const obs = ['ZZ', 'XX', 'IY'];
    const rows = SIX.slice(0, 3);
    const res = await (await new Estimator(backend).run([[ansatz, obs, rows]])).result();
    expect(res).toBeInstanceOf(PrimitiveResult);
    expect(res.kind).toBe('estimator');
    expect(res.length).toBe(1);
    expect(res[0]).toBe(res.pubs[0]);
    expect(res.at(-1)).toBe(res.pubs[0]);
    expect([...res]).toEqual([res.pubs[0]]);
    const pub = res.pubs[0]!;
    // (3,) against (3,) pairs elementwise in data.evs; the flat table has all 3 × 3.
    expect(pub.data.evs.shape).toEqual([3]);
    expect(pub.evs).toHaveLength(3);
    rows.forEach((row, r) => {
      obs.forEach((o, k) => expect(pub.evs[r]![k]).toBeCloseTo(sumExpectation(reference(row), [[o, 1]]), 10));
      expect(pub.data.evs.get(r)).toBeCloseTo(sumExpectation(reference(row), [[obs[r]!, 1]]), 10);
    });
    // JSON and keys show the same fields as before.
    expect(Object.keys(res)).toEqual(['kind', 'pubs', 'metadata']);
    expect(Object.isFrozen(res)).toBe(true);
  });

  it('takes 3-level parameter values (4, 3, 2) as shape (4, 3), bound in row-major order', async () => {
    const grid = Array.from({ length: 4 }, (_, i) => Array.from({ length: 3 }, (_, j) => [0.2 * i - 0.5, 0.9 * j + 0.1]));
    const res = await (await new Estimator(backend).run([[ansatz, 'XX', grid]])).result();
    const { evs } = res[0]!.data;
    expect(evs.shape).toEqual([4, 3]);
    for (let i = 0; i < 4; i++) for (let j = 0; j < 3; j++) expect(evs.get(i, j)).toBeCloseTo(sumExpectation(reference(grid[i]![j]!), [['XX', 1]]), 10);
    expect(res.pubs[0]!.metadata).toBeDefined();
  });

  it('estimates with shots: stds shaped like evs, each value within 5 standard errors of the dense one', async () => {
    const res = await (await new Estimator(backend, { precision: 0.02, seed: 5 }).run([[ansatz, DOC_OBS, SIX]])).result();
    const { evs, stds } = res[0]!.data;
    expect(stds.shape).toEqual([3, 6]);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 6; j++) {
        expect(stds.get(i, j)).toBeGreaterThan(0);
        expect(Math.abs(evs.get(i, j) - sumExpectation(reference(SIX[j]!), DOC_OBS_SUMS[i]!))).toBeLessThanOrEqual(5 * stds.get(i, j));
      }
    }
  });

  it('refuses ragged nested inputs with a typed error', async () => {
    await expect(new Estimator(backend).run([[ansatz, [['ZZ'], ['XX', 'YY']], [0.1, 0.2]]])).rejects.toThrow(/PUB 0: the observables are ragged/);
    const ragged = [[[0.1, 0.2], [0.3, 0.4]], [[0.5, 0.6]]];
    await expect(new Estimator(backend).run([[ansatz, 'ZZ', ragged]])).rejects.toBeInstanceOf(InputValidationError);
    await expect(new Estimator(backend).run([[ansatz, 'ZZ', ragged]])).rejects.toThrow(/PUB 0: the parameter values are ragged/);
    await expect(new Estimator(backend).run([[ansatz, [['ZZ'], []], [0.1, 0.2]]])).rejects.toBeInstanceOf(InputValidationError);
    await expect(new Estimator(backend).run([[ansatz, 'ZZ', 0.5 as never]])).rejects.toThrow(/parameterValues must be an array/);
  });
});
