import { zzFeatureMap, QuantumKernel } from '../../../src/kernel';
import { noisyExactKernel } from '../../../src/kernel/noisy-exact';
import { buildTemplate } from '../../../src/kernel/sampled';
import { depolarizingError } from '../../../src/noise/channels';
import { NoiseModel } from '../../../src/noise/noise-model';
import { createLocalBackend } from '../../../simulators/local';

describe('noisyExactKernel', () => {
  const fm = zzFeatureMap({ featureDimension: 2, reps: 1 });
  const xs = [[0.3, 1.1], [2.0, 0.4]];

  test('an ideal model gives the exact noiseless kernel; evaluateDuplicates all simulates the diagonal', async () => {
    const target = createLocalBackend().target;
    const exact = (await new QuantumKernel({ featureMap: fm }).evaluate(xs)).toArray();
    const k = (await noisyExactKernel(fm, target, new NoiseModel(), xs, undefined, { evaluateDuplicates: 'all' })).toArray();
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) expect(k[i]![j]).toBeCloseTo(exact[i]![j]!, 12);
  });

  test('2-qubit depolarizing λ on each of the m cx: K = (1−λ)^m·K_exact + (1 − (1−λ)^m)/4 exactly; diagonal 1 only when off_diagonal', async () => {
    const target = createLocalBackend().target;
    // One depolarizing λ on every 2-qubit gate; the ideal kernel of x with itself is 1, so with
    // 'all' the diagonal falls below 1, and an off-diagonal entry moves towards 1/4.
    const lambda = 0.2;
    const model = new NoiseModel().addQuantumError(depolarizingError(lambda, 2), 'cx');
    const all = (await noisyExactKernel(fm, target, model, xs, undefined, { evaluateDuplicates: 'all' })).toArray();
    const off = (await noisyExactKernel(fm, target, model, xs)).toArray();
    expect(all[0]![0]).toBeLessThan(1);
    expect(off[0]![0]).toBe(1);
    expect(off[0]![1]).toBe(all[0]![1]);
    expect(off[1]![0]).toBe(off[0]![1]);
    // On 2 qubits the channel ρ → (1−λ)ρ + λ·I/4 commutes with every unitary (U·I·U† = I), so
    // the m noisy cx compose to (1−λ)^m on the ideal state and the rest on I/4, whose P(00) is 1/4.
    const { circuit } = await buildTemplate(fm, target);
    const m = circuit.instructions.filter((i) => i.name === 'cx').length;
    expect(m).toBeGreaterThan(0);
    const s = (1 - lambda) ** m;
    const exact = (await new QuantumKernel({ featureMap: fm }).evaluate(xs)).toArray();
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) expect(Math.abs(all[i]![j]! - (s * exact[i]![j]! + (1 - s) / 4))).toBeLessThan(1e-12);
  });
});
