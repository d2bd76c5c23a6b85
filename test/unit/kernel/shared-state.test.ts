/**
 * Issue 15, first bullet (audit): objects that keep a circuit they analysed must not share it
 * with callers, or an edit made later leaves the analysis describing a different circuit.
 */
import { Circuit } from '../../../src/circuit/circuit';
import { ParameterVector } from '../../../src/circuit/parameter';
import { simulateStatevector } from '../../../simulators/statevector';
import { TrainableFeatureMap } from '../../../src/kernel/train/trainable-map';
import { TrainableFidelityKernel } from '../../../src/kernel/train/trainable-kernel';

function fidelity(a: { re: Float64Array; im: Float64Array }, b: { re: Float64Array; im: Float64Array }): number {
  let r = 0, i = 0;
  for (let k = 0; k < a.re.length; k++) {
    r += a.re[k]! * b.re[k]! + a.im[k]! * b.im[k]!;
    i += a.re[k]! * b.im[k]! - a.im[k]! * b.re[k]!;
  }
  return r * r + i * i;
}

describe('TrainableFeatureMap keeps its own circuit', () => {
  it('editing the circuit passed in, or the one read back, changes neither the map nor its kernel', () => {
    const x = new ParameterVector('x', 2);
    const theta = new ParameterVector('theta', 1);
    const c = new Circuit(2).ry(theta.get(0), 0).rz(x.get(0), 0).h(1).rz(x.get(1), 1).cx(0, 1);
    const reference = c.copy();
    const fm = new TrainableFeatureMap({ circuit: c });
    c.rx(x.get(0), 1); // the caller keeps editing its circuit
    fm.circuit.compose(new Circuit(2).x(0), { inplace: true }); // or the one it read back
    expect(fm.circuit.instructions).toEqual(reference.instructions);

    const bind = (v: number[], t: number) => reference.assignParameters({ 'x[0]': v[0]!, 'x[1]': v[1]!, 'theta[0]': t });
    const pts = [[0.4, 1.1], [2.0, -0.7]];
    const k = new TrainableFidelityKernel(fm).evaluate([0.8], pts);
    const want = fidelity(simulateStatevector(bind(pts[0]!, 0.8)), simulateStatevector(bind(pts[1]!, 0.8)));
    expect(k.get(0, 1)).toBeCloseTo(want, 12);
    // The extra gates would have changed the value: the check can fail.
    const edited = (v: number[]) => bind(v, 0.8).compose(new Circuit(2).rx(v[0]!, 1).x(0));
    expect(Math.abs(fidelity(simulateStatevector(edited(pts[0]!)), simulateStatevector(edited(pts[1]!))) - want)).toBeGreaterThan(1e-3);
  });
});
