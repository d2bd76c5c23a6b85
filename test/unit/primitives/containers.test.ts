/**
 * The result containers on their own: ShapedArray against numpy's indexing and `tolist()`,
 * broadcastShapes against numpy's `broadcast_shapes` (the examples of numpy's broadcasting
 * documentation), BitArray shapes, PrimitiveResult, and the typed errors for a backend answer
 * that does not fit the PUBs sent.
 */
import { InputValidationError, InvalidResponseError } from '../../../src/core/errors';
import { BitArray } from '../../../src/primitives/bit-array';
import { PrimitiveResult, toEstimatorPrimitiveResult, toSamplerPrimitiveResult } from '../../../src/primitives/containers';
import { broadcastShapes, broadcastSourceIndices, formatShape } from '../../../src/primitives/shape';
import { ShapedArray } from '../../../src/primitives/shaped-array';
import type { EstimatorResult, SamplerResult } from '../../../src/primitives/types';

const META = { backend: 'test', jobId: 'j1' };

describe('broadcastShapes (numpy.broadcast_shapes)', () => {
  // numpy's broadcasting documentation: 256×256×3 with 3; 8×1×6×1 with 7×1×5; 5×4 with 1 and 4;
  // 15×3×5 with 15×1×5 and 3×5 and 3×1.
  it.each([
    [[256, 256, 3], [3], [256, 256, 3]],
    [[8, 1, 6, 1], [7, 1, 5], [8, 7, 6, 5]],
    [[5, 4], [1], [5, 4]],
    [[5, 4], [4], [5, 4]],
    [[15, 3, 5], [15, 1, 5], [15, 3, 5]],
    [[15, 3, 5], [3, 5], [15, 3, 5]],
    [[15, 3, 5], [3, 1], [15, 3, 5]],
    [[], [], []],
    [[0], [1], [0]],
  ])('%j with %j is %j', (x, y, want) => {
    expect(broadcastShapes(x, y)).toEqual(want);
    expect(broadcastShapes(y, x)).toEqual(want);
  });

  // The same page's pairs that do not broadcast: 3 with 4; 2×1 with 8×4×3.
  it.each([
    [[3], [4]],
    [[2, 1], [8, 4, 3]],
    [[0], [2]],
  ])('%j with %j is a typed error naming both shapes', (x, y) => {
    expect(() => broadcastShapes(x, y, ['observables', 'parameter values'], 'PUB 3')).toThrow(InputValidationError);
    expect(() => broadcastShapes(x, y, ['observables', 'parameter values'], 'PUB 3')).toThrow(
      `PUB 3: the observables shape ${formatShape(x)} and the parameter values shape ${formatShape(y)} are not broadcastable`,
    );
  });

  it('formats shapes as Python tuples', () => {
    expect(formatShape([])).toBe('()');
    expect(formatShape([3])).toBe('(3,)');
    expect(formatShape([3, 6])).toBe('(3, 6)');
  });

  it('maps every element of the broadcast to its source: (3, 1) into (2, 3, 4)', () => {
    // Element (i, j, k) of the result comes from element (j, 0) of the source: flat index j.
    const src = broadcastSourceIndices([3, 1], [2, 3, 4]);
    const want: number[] = [];
    for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 4; k++) want.push(j);
    expect([...src]).toEqual(want);
    // (4,) into (2, 3, 4): element k.
    expect([...broadcastSourceIndices([4], [2, 3, 4])]).toEqual(Array.from({ length: 24 }, (_, f) => f % 4));
    expect([...broadcastSourceIndices([], [])]).toEqual([0]);
  });
});

describe('ShapedArray', () => {
  const values = Array.from({ length: 24 }, (_, k) => k * 1.5);
  const arr = new ShapedArray([2, 3, 4], values);

  it('indexes row-major as numpy, negative indices from the end', () => {
    expect(arr.shape).toEqual([2, 3, 4]);
    expect(arr.ndim).toBe(3);
    expect(arr.size).toBe(24);
    // numpy: a.reshape(2, 3, 4)[1, 2, 3] is element 1·12 + 2·4 + 3 = 23.
    expect(arr.get(1, 2, 3)).toBe(values[23]);
    expect(arr.get(0, 1, 2)).toBe(values[6]);
    expect(arr.get(-1, -3, -4)).toBe(values[12]);
    expect(() => arr.get(2, 0, 0)).toThrow(InputValidationError);
    expect(() => arr.get(0, 0)).toThrow(/takes 3 indices/);
    expect(() => arr.get(0.5, 0, 0)).toThrow(InputValidationError);
  });

  it('toArray is tolist(): nested rows; a number for shape []; JSON writes the same', () => {
    const small = new ShapedArray([2, 2], [1, 2, 3, 4]);
    expect(small.toArray()).toEqual([[1, 2], [3, 4]]);
    expect(JSON.stringify(small)).toBe('[[1,2],[3,4]]');
    const scalar = new ShapedArray([], [7]);
    expect(scalar.toArray()).toBe(7);
    expect(scalar.item()).toBe(7);
    expect(scalar.get()).toBe(7);
    expect(() => small.item()).toThrow(/size 1/);
    expect(new ShapedArray([0, 3], []).toArray()).toEqual([]);
  });

  it('hands out copies only: changing what it returned or was built from changes nothing', () => {
    const source = [1, 2, 3];
    const a = new ShapedArray([3], source);
    source[0] = 99;
    a.toFloat64Array()[1] = 99;
    (a.toArray() as number[])[2] = 99;
    expect(a.toArray()).toEqual([1, 2, 3]);
    expect(Object.isFrozen(a.shape)).toBe(true);
  });

  it('refuses a shape that does not hold the values', () => {
    expect(() => new ShapedArray([2, 2], [1, 2, 3])).toThrow(/needs 4 values, got 3/);
    expect(() => new ShapedArray([-1], [])).toThrow(InputValidationError);
  });
});

describe('BitArray shapes', () => {
  it('defaults to [numRows]; reshape arranges the rows without changing any shot', () => {
    const bits = BitArray.fromInts([0, 1, 2, 3, 1, 1], 2, 1, 6);
    expect(bits.shape).toEqual([6]);
    const grid = bits.reshape([2, 3]);
    expect(grid.shape).toEqual([2, 3]);
    expect(grid.ndim).toBe(2);
    expect(grid.getBitstrings()).toEqual(['00', '01', '10', '11', '01', '01']);
    expect(grid.getCounts(5)).toEqual({ '01': 1 });
    expect(bits.shape).toEqual([6]);
    expect(() => bits.reshape([4])).toThrow(/does not hold 6 row/);
    expect(() => new BitArray(new Uint32Array(1), 1, 1, 1, [2])).toThrow(InputValidationError);
    expect(BitArray.fromInts([1], 1, 1).reshape([]).shape).toEqual([]);
  });
});

describe('PrimitiveResult and the typed errors for an answer that does not fit', () => {
  it('is indexable, iterable, frozen; numeric keys do not show in JSON', () => {
    const r = new PrimitiveResult('sampler', [{ x: 1 }, { x: 2 }], META);
    expect(r.length).toBe(2);
    expect(r[1]).toEqual({ x: 2 });
    expect(r.at(-2)).toBe(r[0]);
    expect([...r].map((p) => p.x)).toEqual([1, 2]);
    expect(JSON.parse(JSON.stringify(r))).toEqual({ kind: 'sampler', pubs: [{ x: 1 }, { x: 2 }], metadata: META });
    expect(Object.isFrozen(r) && Object.isFrozen(r.pubs)).toBe(true);
  });

  it('an Estimator answer with the wrong number of rows or observables is an InvalidResponseError', () => {
    const answer = (evs: number[][]): EstimatorResult => ({ kind: 'estimator', pubs: [{ evs, stds: evs.map((r) => r.map(() => 0)), metadata: { precision: 0 } }], metadata: META });
    // Observables (2,) against parameter values (3, 1): 3 rows × 2 observables asked for.
    const shape = { observables: [2], parameters: [3, 1], shape: [3, 2] as number[] };
    expect(() => toEstimatorPrimitiveResult(answer([[1, 2], [3, 4]]), [shape])).toThrow(InvalidResponseError);
    expect(() => toEstimatorPrimitiveResult(answer([[1, 2], [3, 4], [5]]), [shape])).toThrow(/PUB 0 does not hold 3 row/);
    expect(() => toEstimatorPrimitiveResult(answer([[1]]), [shape, shape])).toThrow(/returned 1 PUB results, expected 2/);
  });

  it('a Sampler answer with the wrong number of rows is an InvalidResponseError', () => {
    const answer: SamplerResult = { kind: 'sampler', pubs: [{ data: { c: BitArray.fromInts([0, 1], 1, 1, 2) }, metadata: { shots: 1, numRows: 2 } }], metadata: META };
    expect(() => toSamplerPrimitiveResult(answer, [[3]])).toThrow(InvalidResponseError);
    expect(toSamplerPrimitiveResult(answer, [[1, 2]])[0]!.data.c!.shape).toEqual([1, 2]);
  });
});
