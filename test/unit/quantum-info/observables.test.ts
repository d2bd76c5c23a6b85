import { Circuit } from '../../../src/circuit/circuit';
import { InputValidationError } from '../../../src/core/errors';
import { Estimator } from '../../../src/primitives/estimator';
import { normalizeObservables } from '../../../src/primitives/validate';
import { observablesToPauliSums } from '../../../src/quantum-info/observables';
import { SparsePauliOp } from '../../../src/quantum-info/sparse-pauli-op';
import { createLocalBackend } from '../../../simulators/local';
import { createFakeBackend } from '../../../simulators/fake';

// Bell (|00⟩+|11⟩)/√2: ⟨ZZ⟩ = ⟨XX⟩ = 1, ⟨YY⟩ = −1, ⟨ZI⟩ = 0.
const bell = new Circuit(2).h(0).cx(0, 1);

describe('observables as Qiskit takes them (issue 15: SparsePauliOp accepted everywhere an observable is)', () => {
  const est = new Estimator(createLocalBackend(), { precision: 0 });
  const evs = async (observables: Parameters<typeof observablesToPauliSums>[0]): Promise<number[]> =>
    (await (await est.run([[bell, observables]])).result()).pubs[0]!.evs[0]!.map((v) => Number(v.toFixed(12)));

  it("a label 'ZZ' is one observable with coefficient 1; a list of labels is one observable each", async () => {
    expect(await evs('ZZ')).toEqual([1]);
    expect(await evs(['ZZ', 'XX', 'YY', 'ZI'])).toEqual([1, 1, -1, 0]);
  });

  it('a SparsePauliOp, a mapping and a mixed list are accepted', async () => {
    const h = SparsePauliOp.fromList([['ZZ', 1], ['XX', 0.5], ['YY', -2]]);
    expect(await evs(h)).toEqual([3.5]);
    expect(await evs({ ZZ: 1, XX: 0.5 })).toEqual([1.5]);
    expect(await evs([h, 'YY', [['ZI', 4], ['XX', 1]]])).toEqual([3.5, -1, 1]);
  });

  it('complex coefficients that cancel are Hermitian; a non-real merged coefficient is a typed error naming the term', async () => {
    // X·Z = −iY and Z·X = iY: (X+Z)² = 2·I, built with complex cross terms before simplify.
    const xz = SparsePauliOp.fromList([['XI', 1], ['ZZ', 1]]);
    const sq = xz.compose(xz);
    expect(sq.coeffs.some((c) => c.im !== 0)).toBe(true);
    expect(await evs(sq)).toEqual([2]);
    const bad = SparsePauliOp.fromList([['ZZ', 1], ['XX', { re: 0.5, im: 0.25 }]]);
    await expect(est.run([[bell, bad]])).rejects.toThrow(InputValidationError);
    await expect(est.run([[bell, ['ZZ', bad]]])).rejects.toThrow(/PUB 0: observable 1 is not Hermitian: the coefficient of 'XX' is 0.5 \+ 0.25i/);
    await expect(est.run([[bell, [['ZZ', { re: 1, im: 1 }]]] as never])).rejects.toThrow(/complex coefficient/);
  });

  it('labels of the wrong width are still refused by the shared validation', async () => {
    await expect(est.run([[bell, 'ZZZ']])).rejects.toThrow(/label 'ZZZ' must have 2 letter/);
    await expect(est.run([[bell, []]])).rejects.toThrow(/non-empty list/);
  });

  it('the ISA path of a fake device moves a SparsePauliOp with the layout', async () => {
    const fake = await createFakeBackend('fake_line5');
    const job = await new Estimator(fake, { precision: 0 }).run([{ circuit: bell, observables: [new SparsePauliOp('ZZ'), 'XI'] }]);
    const [zz, xi] = (await job.result()).pubs[0]!.evs[0]!;
    // fake_line5 adds noise: ⟨ZZ⟩ stays near 1, ⟨XI⟩ near 0.
    expect(zz!).toBeGreaterThan(0.8);
    expect(Math.abs(xi!)).toBeLessThan(0.2);
  });

  it('normalizeObservables (backends validating a request) coerces the same forms', () => {
    expect(normalizeObservables(new SparsePauliOp(['ZZ', 'XX'], [2, 3]), 2)).toEqual([[['ZZ', 2], ['XX', 3]]]);
    expect(normalizeObservables(['ZZ', 'XX'], 2)).toEqual([[['ZZ', 1]], [['XX', 1]]]);
    expect(normalizeObservables([['ZZ', 1]], 2)).toEqual([[['ZZ', 1]]]);
  });
});
