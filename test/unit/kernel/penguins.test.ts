import { readFileSync } from 'node:fs';
import { InputValidationError } from '../../../src/core/errors';
import { PENGUIN_FEATURES, penguinsData, penguinsTable } from '../../../src/kernel/learn/datasets/penguins';

/**
 * The reference: the shipped file read here by a positional regular expression (not the
 * loader's header-matched split), and the figures the palmerpenguins package publishes for its
 * `penguins` table: 344 rows, 152 Adelie, 68 Chinstrap, 124 Gentoo; two rows (one Adelie, one
 * Gentoo) without any measurement; means over the measured rows 43.92193 mm (culmen length),
 * 17.15117 mm (culmen depth), 200.9152 mm (flipper length), 4201.754 g (body mass).
 */
const RAW = readFileSync(require.resolve('@observablehq/sample-datasets/penguins.csv'), 'utf8');
const ROW = /^(Adelie|Chinstrap|Gentoo),(\w+),([\d.]+|NaN),([\d.]+|NaN),([\d.]+|NaN),([\d.]+|NaN),(MALE|FEMALE|)$/;
const rawRows = RAW.trimEnd().split('\n').slice(1).map((l, k) => {
  const m = ROW.exec(l);
  if (!m) throw new Error(`reference regex does not match line ${k + 2}: ${l}`);
  return { line: k + 2, species: m[1]!, values: [m[3], m[4], m[5], m[6]].map((v) => (v === 'NaN' ? NaN : parseFloat(v!))), sex: m[7]! };
});
const measured = rawRows.filter((r) => r.values.every((v) => !Number.isNaN(v)));
const count = (rows: Array<{ species: string }>, s: string): number => rows.reduce((n, r) => n + (r.species === s ? 1 : 0), 0);

describe('Palmer penguins loader', () => {
  it('the shipped file is the published table: 344 rows, 152/68/124 per species, 2 unmeasured, published means', () => {
    expect(RAW.split('\n')[0]).toBe('species,island,culmen_length_mm,culmen_depth_mm,flipper_length_mm,body_mass_g,sex');
    expect(rawRows).toHaveLength(344);
    expect(['Adelie', 'Chinstrap', 'Gentoo'].map((s) => count(rawRows, s))).toEqual([152, 68, 124]);
    expect(measured).toHaveLength(342);
    expect(['Adelie', 'Chinstrap', 'Gentoo'].map((s) => count(measured, s))).toEqual([151, 68, 123]);
    const means = [0, 1, 2, 3].map((j) => measured.reduce((s, r) => s + r.values[j]!, 0) / measured.length);
    [43.92193, 17.15117, 200.9152, 4201.754].forEach((m, j) => expect(means[j]!).toBeCloseTo(m, 3));
  });

  it('penguinsTable: drops the 2 unmeasured rows (lines 5 and 341), keeps the rest with their means', () => {
    const t = penguinsTable();
    expect(t.rowsInFile).toBe(344);
    expect(t.features).toHaveLength(342);
    expect(t.dropped).toEqual([
      { line: 5, species: 'Adelie', missing: [...PENGUIN_FEATURES] },
      { line: 341, species: 'Gentoo', missing: [...PENGUIN_FEATURES] },
    ]);
    expect(['Adelie', 'Chinstrap', 'Gentoo'].map((s) => t.species.filter((x) => x === s).length)).toEqual([151, 68, 123]);
    const loaderMeans = [0, 1, 2, 3].map((j) => t.features.reduce((s, r) => s + r[j]!, 0) / t.features.length);
    const rawMeans = [0, 1, 2, 3].map((j) => measured.reduce((s, r) => s + r.values[j]!, 0) / measured.length);
    loaderMeans.forEach((m, j) => expect(m).toBeCloseTo(rawMeans[j]!, 10));
    expect(loaderMeans[0]).toBeCloseTo(43.92, 2);
    expect(loaderMeans[2]).toBeCloseTo(200.92, 2);
    expect(loaderMeans[3]).toBeCloseTo(4201.75, 2);
    // A missing sex is not a missing measurement: the 9 measured rows without a sex stay.
    const keptLines = new Set(t.lines);
    expect(measured.filter((r) => r.sex === '').every((r) => keptLines.has(r.line))).toBe(true);
    expect(measured.filter((r) => r.sex === '')).toHaveLength(9);
  });

  it('features are chosen by name, in the order given', () => {
    const t = penguinsTable(['body_mass_g', 'culmen_length_mm']);
    expect(t.featureNames).toEqual(['body_mass_g', 'culmen_length_mm']);
    const byLine = new Map(rawRows.map((r) => [r.line, r]));
    t.lines.forEach((line, i) => expect(t.features[i]).toEqual([byLine.get(line)!.values[3], byLine.get(line)!.values[0]]));
  });

  it('drops a row only for a missing chosen feature; NaN, NA and empty cells count as missing', () => {
    const csv = [
      'island,species,sex,body_mass_g,culmen_depth_mm,culmen_length_mm,flipper_length_mm',
      'Dream,Adelie,MALE,3800,NA,39.5,186',
      'Dream,Adelie,,3900,18,,190',
      'Biscoe,Gentoo,FEMALE,NaN,15,46,210',
      'Biscoe,Gentoo,MALE,5000,16,48,220',
    ].join('\n');
    const onlyLength = penguinsTable(['culmen_length_mm'], csv);
    expect(onlyLength.features).toEqual([[39.5], [46], [48]]);
    expect(onlyLength.dropped).toEqual([{ line: 3, species: 'Adelie', missing: ['culmen_length_mm'] }]);
    const all = penguinsTable(PENGUIN_FEATURES, csv);
    expect(all.features).toEqual([[48, 16, 220, 5000]]);
    expect(all.dropped.map((d) => [d.line, d.missing])).toEqual([
      [2, ['culmen_depth_mm']],
      [3, ['culmen_length_mm']],
      [4, ['body_mass_g']],
    ]);
  });

  it('splits each species by a seeded shuffle: equal sizes per species, string labels, disjoint, reproducible', () => {
    const d = penguinsData({ testSize: 10, trainingSize: 30, seed: 3 });
    expect(d.classNames).toEqual(['Adelie', 'Chinstrap', 'Gentoo']);
    expect(d.usablePerClass).toEqual({ Adelie: 151, Chinstrap: 68, Gentoo: 123 });
    expect(d.dropped.map((x) => x.line)).toEqual([5, 341]);
    for (const s of d.classNames) {
      expect(d.trainingLabels.filter((l) => l === s)).toHaveLength(30);
      expect(d.testLabels.filter((l) => l === s)).toHaveLength(10);
    }
    // Every point is a measured row of its species in the file, and no row is used twice
    // (the table has no duplicate rows of the four measurements within a species).
    const key = (x: number[], s: string): string => `${s}:${x.join(',')}`;
    const rawKeys = new Set(measured.map((r) => key(r.values, r.species)));
    expect(rawKeys.size).toBe(342);
    const used = [...d.trainingFeatures.map((x, i) => key(x, d.trainingLabels[i]!)), ...d.testFeatures.map((x, i) => key(x, d.testLabels[i]!))];
    expect(used.every((k) => rawKeys.has(k))).toBe(true);
    expect(new Set(used).size).toBe(used.length);
    expect(penguinsData({ testSize: 10, trainingSize: 30, seed: 3 })).toEqual(d);
    expect(penguinsData({ testSize: 10, trainingSize: 30, seed: 4 }).testFeatures).not.toEqual(d.testFeatures);
  });

  it('defaults: 10 test points per species, the rest of the smallest species (Chinstrap, 68) for training', () => {
    const d = penguinsData();
    expect(d.testLabels).toHaveLength(30);
    expect(d.trainingLabels).toHaveLength(3 * 58);
    const two = penguinsData({ classes: ['Gentoo', 'Adelie'], testSize: 0, features: ['flipper_length_mm'] });
    expect(two.classNames).toEqual(['Gentoo', 'Adelie']);
    expect(two.trainingLabels.filter((l) => l === 'Gentoo')).toHaveLength(123);
    expect(two.trainingLabels.filter((l) => l === 'Adelie')).toHaveLength(123);
    expect(two.trainingFeatures.every((x) => x.length === 1)).toBe(true);
    // Gentoo flippers are the longest: every Gentoo in the file has flippers of 203 mm or more.
    two.trainingFeatures.forEach((x, i) => (two.trainingLabels[i] === 'Gentoo' ? expect(x[0]).toBeGreaterThanOrEqual(203) : expect(x[0]).toBeLessThan(211)));
  });

  it('refuses unknown or categorical features, unknown species, one species, sizes that do not fit, bad cells', () => {
    expect(() => penguinsTable(['island'])).toThrow(/no numeric feature 'island' \('island' is a category, not a measurement\); the features are culmen_length_mm/);
    expect(() => penguinsTable(['beak'])).toThrow(InputValidationError);
    expect(() => penguinsTable(['body_mass_g', 'body_mass_g'])).toThrow(/named twice/);
    expect(() => penguinsData({ classes: ['Emperor', 'Adelie'] })).toThrow(/no species 'Emperor'/);
    expect(() => penguinsData({ classes: ['Adelie'] })).toThrow(/at least two penguin species/);
    expect(() => penguinsData({ testSize: 10, trainingSize: 59 })).toThrow(/\(Chinstrap\) has 68 usable rows/);
    expect(() => penguinsData({ testSize: 10, trainingSize: 58 })).not.toThrow();
    expect(() => penguinsTable(PENGUIN_FEATURES, 'species,culmen_length_mm,culmen_depth_mm,flipper_length_mm,body_mass_g\nAdelie,39,18,x,3000')).toThrow(/'x' in column 'flipper_length_mm' is not a number \(line 2, column 4\)/);
    expect(() => penguinsTable(PENGUIN_FEATURES, 'species,culmen_length_mm,culmen_depth_mm,flipper_length_mm,body_mass_g\nAdelie,39,18')).toThrow(/line 2 has 3 fields but the header has 5/);
    expect(() => penguinsTable(PENGUIN_FEATURES, 'species,culmen_length_mm\nAdelie,39')).toThrow(/no column 'culmen_depth_mm'/);
  });
});
