import { InputValidationError } from '../../../src/core/errors';
import { describeScale, fitScaler, isScaleKind } from '../../../src/kernel/learn/scaling';

const train = [[1, 10, 5], [3, 30, 5], [2, 50, 5], [6, 20, 5]];
const test = [[0, 60, 7], [4, 25, 5]];

describe('feature scaling (fit on training data, apply to test data)', () => {
  it('2pi: each training column onto [0, 2π]; test rows use the training range (no refit: values may leave it)', () => {
    const s = fitScaler('2pi', train);
    const tr = s.transform(train);
    expect(tr.map((r) => r[0])).toEqual([0, (2 / 5) * 2 * Math.PI, (1 / 5) * 2 * Math.PI, 2 * Math.PI].map((v) => expect.closeTo(v, 14)));
    expect(Math.min(...tr.map((r) => r[1]!))).toBe(0);
    expect(Math.max(...tr.map((r) => r[1]!))).toBeCloseTo(2 * Math.PI, 14);
    const te = s.transform(test);
    // Training column 0 spans 1..6, column 1 spans 10..50.
    expect(te[0]![0]).toBeCloseTo(((0 - 1) / 5) * 2 * Math.PI, 14);
    expect(te[0]![1]).toBeCloseTo(((60 - 10) / 40) * 2 * Math.PI, 14);
    expect(te[1]![1]).toBeCloseTo(((25 - 10) / 40) * 2 * Math.PI, 14);
    // A scaler refitted on train + test would put test row 0 at 0 in column 0: not what we do.
    expect(te[0]![0]).toBeLessThan(0);
  });

  it('pi and minmax have their own upper ends; a constant training column maps to 0', () => {
    expect(fitScaler('pi', train).transform([[6, 50, 5]])[0]).toEqual([Math.PI, Math.PI, 0]);
    expect(fitScaler('minmax', train).transform([[6, 50, 5]])[0]).toEqual([1, 1, 0]);
    expect(fitScaler('minmax', train).transform([[0, 60, 7]])[0]![2]).toBe(0);
  });

  it('standard: training columns get mean 0 and population variance 1; test uses the training moments', () => {
    const s = fitScaler('standard', train);
    const tr = s.transform(train);
    for (const j of [0, 1]) {
      const col = tr.map((r) => r[j]!);
      const mean = col.reduce((a, v) => a + v, 0) / col.length;
      expect(mean).toBeCloseTo(0, 14);
      expect(col.reduce((a, v) => a + v * v, 0) / col.length).toBeCloseTo(1, 14);
    }
    // Column 0: mean 3, population std √(14/4).
    expect(s.transform(test)[0]![0]).toBeCloseTo((0 - 3) / Math.sqrt(14 / 4), 14);
    expect(tr[0]![2]).toBe(0); // constant column: factor 1 after centring
  });

  it('refuses no rows, ragged rows and rows of another width; names the kinds', () => {
    expect(() => fitScaler('pi', [])).toThrow(InputValidationError);
    expect(() => fitScaler('pi', [[1, 2], [3]])).toThrow(InputValidationError);
    expect(() => fitScaler('pi', train).transform([[1, 2]])).toThrow(/fitted on 3 features/);
    expect(isScaleKind('2pi')).toBe(true);
    expect(isScaleKind('zscore')).toBe(false);
    expect(describeScale('pi')).toContain('[0, π]');
  });
});
