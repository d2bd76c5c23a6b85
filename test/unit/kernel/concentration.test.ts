import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { InputValidationError } from '../../../src/core/errors';
import { QuantumKernel, zzFeatureMap } from '../../../src/kernel';
import { CONCENTRATION_STD_THRESHOLD, concentrationLines, kernelConcentration } from '../../../src/kernel/concentration';
import { KernelMatrix } from '../../../src/kernel/kernel-matrix';

const km = (rows: number[][]): KernelMatrix => new KernelMatrix(rows.length, rows[0]!.length, Float64Array.from(rows.flat()));

describe('kernelConcentration', () => {
  it('effective dimension = participation ratio (Σλ)²/Σλ² of a dense eigendecomposition; mean and variance of the off-diagonal values', async () => {
    const pts = [[0.1, 2.0, 1.3], [4.4, 0.2, 2.2], [3.3, 3.3, 0.5], [5.9, 1.1, 6.0], [0.7, 0.8, 0.9], [2.5, 5.1, 3.7]];
    const k = await new QuantumKernel({ featureMap: zzFeatureMap({ featureDimension: 3, reps: 2 }) }).evaluate(pts);
    const c = kernelConcentration(k);
    const eig = new EigenvalueDecomposition(new Matrix(k.toArray()), { assumeSymmetric: true }).realEigenvalues;
    const pr = eig.reduce((s, l) => s + l, 0) ** 2 / eig.reduce((s, l) => s + l * l, 0);
    expect(c.effectiveDimension!).toBeCloseTo(pr, 10);
    expect(c.effectiveDimensionRatio!).toBeCloseTo(pr / 6, 10);
    // Written differently: E[v²] − E[v]² over the list of i ≠ j values.
    const off: number[] = [];
    k.toArray().forEach((r, i) => r.forEach((v, j) => i !== j && off.push(v)));
    const mean = off.reduce((s, v) => s + v, 0) / off.length;
    expect(c.values).toBe(30);
    expect(c.mean).toBeCloseTo(mean, 14);
    expect(c.variance).toBeCloseTo(off.reduce((s, v) => s + v * v, 0) / off.length - mean * mean, 12);
    expect(c.std).toBeCloseTo(Math.sqrt(c.variance), 14);
    expect(c.symmetric).toBe(true);
  });

  it('limits: K = identity has effective dimension n; all entries equal has 1', () => {
    const id = km([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]);
    expect(kernelConcentration(id).effectiveDimension).toBeCloseTo(4, 14);
    expect(kernelConcentration(km([[1, 1, 1], [1, 1, 1], [1, 1, 1]])).effectiveDimension).toBeCloseTo(1, 14);
  });

  it('a rectangular (test × train) matrix counts every value and has no effective dimension', () => {
    const c = kernelConcentration(km([[0.2, 0.4, 0.9], [0.1, 0.3, 0.5]]));
    expect(c.symmetric).toBe(false);
    expect(c.values).toBe(6);
    expect(c.mean).toBeCloseTo(2.4 / 6, 14);
    expect(c.effectiveDimension).toBeNull();
  });

  it('flags concentration exactly below the threshold, and the lines carry the warning only then', () => {
    const withSpread = (s: number): KernelMatrix => km([[1, 0.5 + s, 0.5 - s], [0.5 + s, 1, 0.5 + s], [0.5 - s, 0.5 + s, 1]]);
    // Off-diagonal values 0.5 ± s (two of +s, one of −s per triangle): std = s·√(8/9).
    const sAt = CONCENTRATION_STD_THRESHOLD / Math.sqrt(8 / 9);
    const below = kernelConcentration(withSpread(sAt * 0.99));
    const above = kernelConcentration(withSpread(sAt * 1.01));
    expect(below.concentrated).toBe(true);
    expect(above.concentrated).toBe(false);
    expect(concentrationLines(below, '--bandwidth auto').join('\n')).toMatch(/warning: the kernel values concentrate.*try --bandwidth auto/);
    expect(concentrationLines(above).join('\n')).not.toMatch(/warning/);
    expect(concentrationLines(above)[0]).toMatch(/^concentration: off-diagonal values mean 0\.\d{4}, variance .* effective dimension \(participation ratio of eigenvalues\) \d\.\d\d of 3 points$/);
  });

  it('refuses an empty matrix and a 1-point Gram matrix', () => {
    expect(() => kernelConcentration(new KernelMatrix(0, 0, new Float64Array(0)))).toThrow(InputValidationError);
    expect(() => kernelConcentration(km([[1]]))).toThrow(InputValidationError);
  });
});
