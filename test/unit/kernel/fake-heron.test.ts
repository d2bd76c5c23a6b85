import { QuantumKernel, zzFeatureMap } from '../../../src/kernel';
import { createFakeBackend } from '../../../simulators/fake';

/**
 * Issue 6 acceptance: a kernel on the 156-qubit Heron-class fake device, noise off, through the
 * sampled path (compute-uncompute template transpiled once to cz/rz/sx/x on the heavy-hex map,
 * all pairs as parameter rows) matches the exact kernel within shot noise.
 */
describe('QuantumKernel on fake_fez (Heron, noise off), sampled path', () => {
  it('agrees with the exact kernel within 5 standard errors per entry', async () => {
    const featureMap = zzFeatureMap({ featureDimension: 3, reps: 2, entanglement: 'full' });
    const x = [
      [0.1, 1.2, 2.3],
      [0.4, 0.5, 0.6],
      [2.0, 1.0, 0.3],
      [3.0, 2.5, 1.5],
    ];
    const shots = 4000;
    const exact = (await new QuantumKernel({ featureMap }).evaluate(x)).toArray();
    const backend = await createFakeBackend('fake_fez');
    const kernel = new QuantumKernel({ featureMap, backend, method: 'sampler', shots, seed: 17 });
    const sampled = (await kernel.evaluate(x)).toArray();

    expect(kernel.method).toBe('sampler');
    let offDiagonalSpread = 0;
    for (let i = 0; i < x.length; i++) {
      for (let j = 0; j < x.length; j++) {
        const p = exact[i]![j]!;
        const sigma = Math.max(Math.sqrt((p * (1 - p)) / shots), 1 / shots);
        expect(Math.abs(sampled[i]![j]! - p)).toBeLessThanOrEqual(5 * sigma);
        if (i !== j) offDiagonalSpread = Math.max(offDiagonalSpread, Math.abs(p - exact[0]![1]!));
      }
    }
    // The points are far enough apart for the comparison to mean something.
    expect(offDiagonalSpread).toBeGreaterThan(0.05);
    expect(kernel.stats.jobsSubmitted).toBeGreaterThanOrEqual(1);
  });
});
