import { Circuit, Statevector } from '../../../src';
import { expectAllClose } from '../../support/numeric';

describe('Bell state on the statevector simulator', () => {
  it('gives (|00⟩ + |11⟩)/√2 exactly', () => {
    const sv = Statevector.fromCircuit(new Circuit(2).h(0).cx(0, 1));
    expectAllClose(sv.re, [Math.SQRT1_2, 0, 0, Math.SQRT1_2]);
    expectAllClose(sv.im, [0, 0, 0, 0]);
  });

  it('is little-endian: X on qubit 0 of 3 gives index 1', () => {
    const sv = Statevector.fromCircuit(new Circuit(3).x(0));
    expect(sv.probabilities()[1]).toBe(1);
  });
});
