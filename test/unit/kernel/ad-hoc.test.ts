import { InputValidationError } from '../../../src/core/errors';
import { adHocData, adHocStages } from '../../../src';
import { Prng } from '../../../src/core/random';
import { loadAdHoc } from '../../support/kernel-cases';

const ref = loadAdHoc();
const d = 4;
const cm = (m: { re: number[][]; im: number[][] }) => ({ dim: d, re: Float64Array.from(m.re.flat()), im: Float64Array.from(m.im.flat()) });

describe('ad hoc dataset stages (against adhoc_seed12345_n2.json)', () => {
  const O = cm(ref.O);

  it('O = V†·Zpar·V from the fixture V', () => {
    const o = adHocStages.parityObservable(cm(ref.V));
    for (let k = 0; k < 16; k++) {
      expect(Math.abs(o.re[k]! - O.re[k]!)).toBeLessThan(1e-14);
      expect(Math.abs(o.im[k]! - O.im[k]!)).toBeLessThan(1e-14);
    }
  });

  it('probe expectations ⟨Φ(x)|O|Φ(x)⟩', () => {
    ref.probe_points.forEach((x: number[], i: number) => {
      expect(Math.abs(adHocStages.expectation(O, adHocStages.adHocState(x, 2)) - ref.probe_expectations[i])).toBeLessThan(1e-12);
    });
  });

  it('grid values and all 10 000 grid labels, with the label counts', () => {
    expect(Array.from(adHocStages.gridValues(100))).toEqual(ref.grid_xvals);
    const grid = adHocStages.labelGrid(O, 2, ref.params.gap);
    expect(Array.from(grid)).toEqual(ref.grid_labels.flat());
    const counts: Record<string, number> = { '-1': 0, '0': 0, '1': 0 };
    for (const l of grid) counts[String(l)]!++;
    expect(counts).toEqual(ref.grid_label_counts);
  });

  it("sampling by draws: the fixture's draw sequence gives its training/test features and labels", () => {
    const grid = Int8Array.from(ref.grid_labels.flat());
    let used = 0;
    const [a, b] = adHocStages.sampleByDraws(grid, 2, 25, () => ref.draws[used++]);
    expect(used).toBe(ref.draws.length);
    const xs = adHocStages.gridValues(100);
    const f = (idx: number[]): number[] => idx.map((i) => xs[i]!);
    expect([...a.slice(0, 20), ...b.slice(0, 20)].map(f)).toEqual(ref.training_features);
    expect([...a.slice(20), ...b.slice(20)].map(f)).toEqual(ref.test_features);
  });

  it('own random unitary: unitary, columns by descending eigenvalue of A†A', () => {
    const v = adHocStages.randomUnitary(2, new Prng(3));
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        let re = 0;
        let im = 0;
        for (let k = 0; k < d; k++) {
          re += v.re[k * d + i]! * v.re[k * d + j]! + v.im[k * d + i]! * v.im[k * d + j]!;
          im += v.re[k * d + i]! * v.im[k * d + j]! - v.im[k * d + i]! * v.re[k * d + j]!;
        }
        expect(Math.abs(re - (i === j ? 1 : 0))).toBeLessThan(1e-12);
        expect(Math.abs(im)).toBeLessThan(1e-12);
      }
    }
  });
});

describe('adHocData', () => {
  it('generates separable classes on the grid, seeded and reproducible (n = 2 and 3)', () => {
    for (const n of [2, 3]) {
      const a = adHocData({ trainingSize: 10, testSize: 4, n, gap: 0.3, seed: 5 });
      const b = adHocData({ trainingSize: 10, testSize: 4, n, gap: 0.3, seed: 5 });
      expect(a.trainingFeatures).toEqual(b.trainingFeatures);
      expect(a.trainingFeatures).toHaveLength(20);
      expect(a.testFeatures).toHaveLength(8);
      expect(a.trainingLabels).toEqual([...Array(10).fill(0), ...Array(10).fill(1)]);
      expect(a.trainingFeatures[0]).toHaveLength(n);
      const count = n === 2 ? 100 : 20;
      // Every point is a grid point whose label matches its class (+1 → 0, −1 → 1).
      a.trainingFeatures.forEach((x, i) => {
        let g = 0;
        for (const v of x) g = g * count + Math.round(v / ((2 * Math.PI) / count));
        expect(a.gridLabels[g]).toBe(a.trainingLabels[i] === 0 ? 1 : -1);
      });
    }
  });
  it('refuses unsupported sizes and impossible gaps', () => {
    expect(() => adHocData({ trainingSize: 2, testSize: 1, n: 4, gap: 0.3 })).toThrow(InputValidationError);
    expect(() => adHocData({ trainingSize: 2, testSize: 1, n: 2, gap: 5 })).toThrow(/gap is too large/);
    expect(() => adHocData({ trainingSize: -1, testSize: 1, n: 2, gap: 0.3 })).toThrow(InputValidationError);
  });
});
