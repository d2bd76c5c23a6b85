/**
 * Issue 13 point 6 for the Estimator: IBM counts an Estimator job's executions as parameter rows
 * × measurement bases (qubit-wise commuting groups of the observables' terms) × shots, shots
 * from the precision (⌈1/p²⌉) or `default_shots` or IBM's default 0.015625 (4096 shots).
 * Group counts below are worked out by hand from the qubit-wise commutation rule.
 */
import { ibmEstimatorShots, estimatorExecutions, measurementBases } from '../../../src/primitives/estimator-executions';

describe('point 6: Estimator executions as IBM counts them', () => {
  it('point 6: terms that commute qubit-wise share one measurement basis', () => {
    // ZZ, ZI, IZ all read in the Z basis: 1.
    expect(measurementBases([[['ZZ', 1], ['ZI', 2]], [['IZ', 1]]])).toBe(1);
    // ZZ and XX differ on both qubits: 2.
    expect(measurementBases([[['ZZ', 1], ['XX', 1]]])).toBe(2);
    // ZZ–XX, ZZ–IX and ZI–XX conflict; {ZZ, ZI} and {XX, IX} are the two groups.
    expect(measurementBases([[['ZZ', 1]], [['XX', 1]], [['ZI', 1]], [['IX', 1]]])).toBe(2);
    // X, Y, Z on one qubit: three bases; a repeated term counts once.
    expect(measurementBases([[['X', 1], ['Y', 1]], [['Z', 1], ['X', 3]]])).toBe(3);
    // The identity commutes with everything and adds no basis.
    expect(measurementBases([[['II', 1], ['XZ', 1]]])).toBe(1);
  });

  it('point 6: the greedy colouring takes the terms with most conflicts first (a path of 4 needs 2 bases, not 3)', () => {
    // XII–ZXI–IZX–IIZ conflict in a path (each pair differs on a qubit where neither is I);
    // all other pairs commute qubit-wise. Colouring in the given order XII, IIZ, ZXI, IZX would
    // use 3 colours; most conflicts first (ZXI, IZX) gives the 2 groups {XII, IZX}, {ZXI, IIZ}.
    expect(measurementBases([[['XII', 1], ['IIZ', 1], ['ZXI', 1], ['IZX', 1]]])).toBe(2);
    // A 4-clique (every pair conflicts) needs 4.
    expect(measurementBases([[['XZ', 1], ['ZX', 1], ['XX', 1], ['ZZ', 1]]])).toBe(4);
  });

  it('point 6: shots follow the PUB precision, then the request precision, then default_shots, then default_precision, then 4096', () => {
    expect(ibmEstimatorShots({ pubPrecision: 0.1, precision: 0.01, defaultShots: 7 })).toBe(100);
    expect(ibmEstimatorShots({ precision: 0.01, defaultShots: 7 })).toBe(10_000);
    // qbridge's precision 0 means "not given" on IBM.
    expect(ibmEstimatorShots({ precision: 0, defaultShots: 7, defaultPrecision: 0.1 })).toBe(7);
    expect(ibmEstimatorShots({ defaultPrecision: 0.05 })).toBe(400);
    expect(ibmEstimatorShots({})).toBe(4096);
  });

  it('point 6: executions = Σ rows × bases × shots', () => {
    // 3 rows × 2 bases × 100 + 1 row × 1 basis × 4096.
    expect(
      estimatorExecutions([
        { rows: 3, observables: [[['ZZ', 1]], [['XX', 1]]], shots: 100 },
        { rows: 0, observables: [[['Z', 1]]], shots: 4096 },
      ]),
    ).toBe(600 + 4096);
  });
});
