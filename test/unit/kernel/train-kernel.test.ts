import { Circuit } from '../../../src/circuit/circuit';
import { ParameterVector } from '../../../src/circuit/parameter';
import { InputValidationError } from '../../../src/core/errors';
import { simulateStatevector } from '../../../simulators/statevector';
import { QuantumKernel, pauliFeatureMap, zzFeatureMap } from '../../../src/kernel';
import { TrainableFeatureMap, trainableRotationFeatureMap } from '../../../src/kernel/train/trainable-map';
import { TrainableFidelityKernel } from '../../../src/kernel/train/trainable-kernel';

/** |⟨a|b⟩|² of two engine states, summed here by hand. */
function fidelity(a: { re: Float64Array; im: Float64Array }, b: { re: Float64Array; im: Float64Array }): number {
  let r = 0, i = 0;
  for (let k = 0; k < a.re.length; k++) {
    r += a.re[k]! * b.re[k]! + a.im[k]! * b.im[k]!;
    i += a.re[k]! * b.im[k]! - a.im[k]! * b.re[k]!;
  }
  return r * r + i * i;
}

/** The reference Gram entry: the circuit bound by name and simulated gate by gate by the engine. */
function boundKernel(fm: TrainableFeatureMap, theta: number[], x: number[], y: number[]): number {
  const bind = (v: number[]): Record<string, number> => {
    const b: Record<string, number> = {};
    const used = new Set(fm.circuit.parameters);
    v.forEach((val, i) => used.has(`x[${i}]`) && (b[`x[${i}]`] = val));
    theta.forEach((t, k) => used.has(`theta[${k}]`) && (b[`theta[${k}]`] = t));
    return b;
  };
  return fidelity(simulateStatevector(fm.circuit.assignParameters(bind(x))), simulateStatevector(fm.circuit.assignParameters(bind(y))));
}

/** Central finite differences of every Gram entry in θ_k (h = 1e-5: truncation ~h², rounding ~1e-11). */
function finiteDifference(kernel: TrainableFidelityKernel, theta: number[], xs: number[][], k: number): Float64Array {
  const h = 1e-5;
  const up = theta.slice();
  const down = theta.slice();
  up[k]! += h;
  down[k]! -= h;
  const a = kernel.evaluate(up, xs).data;
  const b = kernel.evaluate(down, xs).data;
  return a.map((v, i) => (v - b[i]!) / (2 * h));
}

const points = [[0.3, 1.7], [2.2, -0.4], [5.1, 3.3], [-1.0, 0.8]];

describe('TrainableFidelityKernel', () => {
  it('one qubit RZ(x)·RY(θ): K = cos²(δ/2) + cos²θ·sin²(δ/2), ∂K/∂θ = −sin 2θ·sin²(δ/2) (closed form)', () => {
    const t = new ParameterVector('theta', 1);
    const x = new ParameterVector('x', 1);
    const fm = new TrainableFeatureMap({ circuit: new Circuit(1).ry(t.get(0), 0).rz(x.get(0), 0) });
    const kernel = new TrainableFidelityKernel(fm);
    const xs = [[0.4], [2.9], [-1.3]];
    const theta = 0.7;
    const { value, gradient } = kernel.gradient([theta], xs);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        const s2 = Math.sin((xs[i]![0]! - xs[j]![0]!) / 2) ** 2;
        expect(value.get(i, j)).toBeCloseTo(1 - s2 + Math.cos(theta) ** 2 * s2, 12);
        expect(gradient[0]![i * 3 + j]).toBeCloseTo(-Math.sin(2 * theta) * s2, 12);
      }
    }
  });

  it('Gram entries equal the bound circuit simulated gate by gate (ZZ map after a per-qubit RY layer)', () => {
    const fm = trainableRotationFeatureMap({ featureMap: zzFeatureMap({ featureDimension: 2, reps: 2, entanglement: 'linear' }) });
    const kernel = new TrainableFidelityKernel(fm);
    const theta = [0.9, -0.4];
    const k = kernel.evaluate(theta, points);
    const cross = kernel.evaluate(theta, points.slice(0, 2), points);
    for (let i = 0; i < points.length; i++) {
      for (let j = 0; j < points.length; j++) {
        const ref = boundKernel(fm, theta, points[i]!, points[j]!);
        expect(k.get(i, j)).toBeCloseTo(ref, 12);
        if (i < 2) expect(cross.get(i, j)).toBeCloseTo(ref, 12);
      }
    }
    // θ matters: the same points at θ = 0 give a different matrix.
    expect(Math.abs(kernel.evaluate([0, 0], points).get(0, 1) - k.get(0, 1))).toBeGreaterThan(1e-3);
  });

  it('at θ = 0 the RY layer is the identity: the Gram matrix equals the untrained QuantumKernel (its compiled-plan path)', async () => {
    const data = pauliFeatureMap({ featureDimension: 3, paulis: ['Z', 'XY', 'ZZZ'], reps: 2, entanglement: 'circular' });
    const fm = trainableRotationFeatureMap({ featureMap: data });
    const xs = [[0.3, 1.7, -0.2], [2.2, -0.4, 1.1], [5.1, 3.3, 0.4]];
    const mine = new TrainableFidelityKernel(fm).evaluate([0, 0, 0], xs);
    const ref = await new QuantumKernel({ featureMap: data }).evaluate(xs);
    mine.data.forEach((v, i) => expect(v).toBeCloseTo(ref.data[i]!, 12));
    expect(Math.abs(mine.get(0, 1) - new TrainableFidelityKernel(fm).evaluate([0.5, 0, 0], xs).get(0, 1))).toBeGreaterThan(1e-4);
  });

  it('parameter shift equals central finite differences to 1e-6: per-qubit RY layer before ZZ', () => {
    const fm = trainableRotationFeatureMap({ featureMap: zzFeatureMap({ featureDimension: 2, reps: 2 }) });
    const kernel = new TrainableFidelityKernel(fm);
    const theta = [0.9, -0.4];
    const { gradient } = kernel.gradient(theta, points);
    for (let k = 0; k < 2; k++) {
      const fd = finiteDifference(kernel, theta, points, k);
      let largest = 0;
      fd.forEach((v, i) => {
        expect(Math.abs(gradient[k]![i]! - v)).toBeLessThan(1e-6);
        largest = Math.max(largest, Math.abs(v));
      });
      expect(largest).toBeGreaterThan(1e-2); // a non-trivial gradient, not zeros equal to zeros
    }
  });

  it('parameter shift equals finite differences to 1e-6: θ shared by several gates, scaled, inside data angles, and in rzz/rxx/cp', () => {
    const t = new ParameterVector('theta', 3);
    const x = new ParameterVector('x', 2);
    const c = new Circuit(2)
      .ry(t.get(0), 0)
      .ry(t.get(0), 1) // the tutorial's one shared θ: two occurrences
      .h(0)
      .h(1)
      .rz(x.get(0).mul(t.get(1)), 0) // θ scaling a feature: ∂angle/∂θ = x
      .rzz(t.get(2).mul(2).add(x.get(1)), 0, 1)
      .ry(x.get(0), 1) // data gates between the θ gates, so no θ gate commutes to the end and cancels
      .rxx(t.get(1).sub(0.3), 0, 1)
      .cp(t.get(2).neg(), 1, 0)
      .h(0)
      .p(x.get(1), 1)
      .ry(x.get(1), 0);
    const fm = new TrainableFeatureMap({ circuit: c });
    expect(fm.occurrences.map((o) => o.gate)).toEqual(['ry', 'ry', 'rz', 'rzz', 'rxx', 'cp']);
    const kernel = new TrainableFidelityKernel(fm);
    const theta = [0.35, 1.2, -0.8];
    const { value, gradient } = kernel.gradient(theta, points);
    expect(Array.from(value.data)).toEqual(Array.from(kernel.evaluate(theta, points).data));
    for (let k = 0; k < 3; k++) {
      const fd = finiteDifference(kernel, theta, points, k);
      fd.forEach((v, i) => expect(Math.abs(gradient[k]![i]! - v)).toBeLessThan(1e-6));
      expect(Math.max(...fd.map(Math.abs))).toBeGreaterThan(1e-2);
    }
  });

  it('a θ gate outside the shift-rule set (crx), an unknown parameter, a wrong θ length: typed errors naming them', () => {
    const t = new ParameterVector('theta', 1);
    expect(() => new TrainableFeatureMap({ circuit: new Circuit(2).crx(t.get(0), 0, 1).rz(new ParameterVector('x', 1).get(0), 0) })).toThrow(/'crx'.*shift rule/);
    expect(() => new TrainableFeatureMap({ circuit: new Circuit(1).ry(new ParameterVector('w', 1).get(0), 0) })).toThrow(InputValidationError);
    expect(() => new TrainableFeatureMap({ circuit: new Circuit(1).ry(t.get(0), 0) })).toThrow(/no feature parameter x\[i\]/);
    expect(() => new TrainableFeatureMap({ circuit: new Circuit(1).rz(new ParameterVector('x', 1).get(0), 0) })).toThrow(/no training parameter theta\[k\]/);
    const fm = trainableRotationFeatureMap({ featureMap: zzFeatureMap({ featureDimension: 2 }) });
    expect(() => new TrainableFidelityKernel(fm).evaluate([1], points)).toThrow(/theta has 1 values.*2 training parameters/);
    expect(() => new TrainableFidelityKernel(fm).evaluate([1, NaN], points)).toThrow(InputValidationError);
  });
});
