import { InputValidationError } from '../../../src/core/errors';
import { IRIS_FEATURES, irisData } from '../../../src/kernel/learn/datasets/iris';

describe('Iris loader', () => {
  it('holds Fisher\'s data: 150 points, column means 5.843, 3.057, 3.758, 1.199 cm (the published summary)', () => {
    const d = irisData({ testSize: 0, trainingSize: 50 });
    expect(d.trainingFeatures).toHaveLength(150);
    expect(d.testFeatures).toHaveLength(0);
    const means = IRIS_FEATURES.map((_, j) => d.trainingFeatures.reduce((s, r) => s + r[j]!, 0) / 150);
    [5.8433, 3.0573, 3.758, 1.1993].forEach((m, j) => expect(means[j]!).toBeCloseTo(m, 3));
    expect(d.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    // Setosa's petals are short: every setosa petal length < 2 cm, every other species' ≥ 3 cm.
    d.trainingFeatures.forEach((r, i) => (d.trainingLabels[i] === 0 ? expect(r[2]).toBeLessThan(2) : expect(r[2]).toBeGreaterThanOrEqual(3)));
  });

  it('splits each class by a seeded shuffle: sizes per class, disjoint sets, reproducible, seed-dependent', () => {
    const d = irisData({ testSize: 10, seed: 3 });
    expect(d.trainingFeatures).toHaveLength(120);
    expect(d.testFeatures).toHaveLength(30);
    for (const c of [0, 1, 2]) {
      expect(d.trainingLabels.filter((l) => l === c)).toHaveLength(40);
      expect(d.testLabels.filter((l) => l === c)).toHaveLength(10);
    }
    const key = (r: number[], l: number): string => `${r.join(',')}:${l}`;
    const trainKeys = d.trainingFeatures.map((r, i) => key(r, d.trainingLabels[i]!));
    // Iris has a few duplicate rows; count occurrences so duplicates do not fake an overlap.
    const all = irisData({ testSize: 0, trainingSize: 50 });
    const counts = new Map<string, number>();
    all.trainingFeatures.forEach((r, i) => counts.set(key(r, all.trainingLabels[i]!), (counts.get(key(r, all.trainingLabels[i]!)) ?? 0) + 1));
    for (const k of [...trainKeys, ...d.testFeatures.map((r, i) => key(r, d.testLabels[i]!))]) counts.set(k, counts.get(k)! - 1);
    expect([...counts.values()].every((v) => v === 0)).toBe(true);
    expect(irisData({ testSize: 10, seed: 3 })).toEqual(d);
    expect(irisData({ testSize: 10, seed: 4 }).testFeatures).not.toEqual(d.testFeatures);
  });

  it('keeps the named species, labelled in the given order', () => {
    const d = irisData({ classes: ['virginica', 'versicolor'], testSize: 5 });
    expect(d.classNames).toEqual(['virginica', 'versicolor']);
    expect(new Set(d.trainingLabels)).toEqual(new Set([0, 1]));
    expect(d.trainingFeatures).toHaveLength(90);
  });

  it('refuses unknown species, a single species and sizes that do not fit', () => {
    expect(() => irisData({ classes: ['rose', 'setosa'] })).toThrow(/no species 'rose'/);
    expect(() => irisData({ classes: ['setosa'] })).toThrow(InputValidationError);
    expect(() => irisData({ testSize: 30, trainingSize: 30 })).toThrow(InputValidationError);
    expect(() => irisData({ testSize: 50 })).toThrow(InputValidationError);
  });
});
