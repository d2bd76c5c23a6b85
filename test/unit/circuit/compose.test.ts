/**
 * Issue 15, first bullet: `compose` follows Qiskit (a new circuit unless `inplace`), and a
 * feature map's circuit is the caller's own, so composing an ansatz onto it cannot corrupt the
 * map that later sampled kernels bind.
 */
import { createLocalBackend } from '../../../simulators/local';
import { Circuit } from '../../../src/circuit/circuit';
import { Parameter } from '../../../src/circuit/parameter';
import { CircuitValidationError } from '../../../src/core/errors';
import { QuantumKernel, zzFeatureMap } from '../../../src/kernel';
import { denseSimulate } from '../../support/dense';

const ops = (c: Circuit) => c.instructions.map((i) => [i.name, [...i.qubits]]);

/** |⟨ψ(y)|ψ(x)⟩|² from the test's dense simulator (not the engine the kernel uses). */
function denseFidelity(a: Circuit, b: Circuit): number {
  const u = denseSimulate(a);
  const v = denseSimulate(b);
  let re = 0;
  let im = 0;
  for (let k = 0; k < u.re.length; k++) {
    re += v.re[k]! * u.re[k]! + v.im[k]! * u.im[k]!;
    im += v.re[k]! * u.im[k]! - v.im[k]! * u.re[k]!;
  }
  return re * re + im * im;
}

describe('Circuit.compose (Qiskit semantics)', () => {
  it('returns a new circuit and leaves both operands unchanged', () => {
    const theta = new Parameter('theta');
    const a = new Circuit(2, { globalPhase: 0.25 }).h(0);
    const b = new Circuit(2, { globalPhase: 0.5 }).cx(0, 1).rz(theta, 1);
    const c = a.compose(b);
    expect(c).not.toBe(a);
    expect(ops(c)).toEqual([['h', [0]], ['cx', [0, 1]], ['rz', [1]]]);
    expect(c.globalPhase).toBe(0.75);
    expect(c.parameters).toEqual(['theta']);
    expect(ops(a)).toEqual([['h', [0]]]);
    expect(a.globalPhase).toBe(0.25);
    expect(ops(b)).toEqual([['cx', [0, 1]], ['rz', [1]]]);
    // The result is independent too: extending it does not reach back into `a`.
    c.x(1);
    expect(ops(a)).toEqual([['h', [0]]]);
  });

  it('with { inplace: true } extends this circuit and returns it (mapping given or not)', () => {
    const a = new Circuit(3).x(2);
    const inner = new Circuit(2).h(0).cx(0, 1);
    expect(a.compose(inner, [2, 0], undefined, { inplace: true })).toBe(a);
    expect(ops(a)).toEqual([['x', [2]], ['h', [2]], ['cx', [2, 0]]]);
    expect(a.compose(new Circuit(3).z(1), { inplace: true })).toBe(a);
    expect(ops(a)).toEqual([['x', [2]], ['h', [2]], ['cx', [2, 0]], ['z', [1]]]);
  });

  it('a failing inplace compose leaves the circuit as it was', () => {
    const a = new Circuit(2).h(0);
    const big = new Circuit(3).x(0).x(2);
    expect(() => a.compose(big, [0, 1, 5], undefined, { inplace: true })).toThrow(CircuitValidationError);
    expect(() => a.compose(new Circuit(2).h(0), [0])).toThrow(/mapping of that length/);
    expect(ops(a)).toEqual([['h', [0]]]);
  });
});

describe('PauliFeatureMap.circuit() is the caller\'s own', () => {
  const X = [
    [0.3, 1.2],
    [2.5, 0.4],
    [4.1, 5.0],
  ];

  it('fm.circuit().compose(ansatz) leaves the map intact: the sampled kernel still equals the exact path', async () => {
    const fm = zzFeatureMap({ featureDimension: 2, reps: 2, entanglement: 'linear' });
    const before = ops(fm.circuit());
    // The sequence: a feature map composed with an ansatz, as in Qiskit.
    const ansatz = new Circuit(2).ry(1.1, 0).ry(-0.7, 1).cx(0, 1).ry(0.4, 1);
    const model = fm.circuit().compose(ansatz);
    expect(model.instructions.length).toBe(before.length + 4);
    expect(ops(fm.circuit())).toEqual(before);

    const shots = 8192;
    const sampled = await new QuantumKernel({
      featureMap: fm, backend: createLocalBackend(), method: 'sampler', shots, seed: 5, enforcePsd: false,
    }).evaluate(X);
    const exact = await new QuantumKernel({ featureMap: fm }).evaluate(X);
    const sigma = Math.sqrt(0.25 / shots);
    for (let i = 0; i < X.length; i++) {
      for (let j = i + 1; j < X.length; j++) {
        const dense = denseFidelity(fm.assign(X[i]!), fm.assign(X[j]!));
        expect(exact.get(i, j)).toBeCloseTo(dense, 12);
        expect(Math.abs(sampled.get(i, j) - dense)).toBeLessThan(5 * sigma);
        // The corrupted map (ansatz inside the x half) gives a visibly different value, so the
        // check above can tell the two apart.
        const corrupted = denseFidelity(fm.assign(X[i]!).compose(ansatz), fm.assign(X[j]!));
        expect(Math.abs(corrupted - dense)).toBeGreaterThan(10 * sigma);
      }
    }
  });

  it('mutating what circuit() returned (even in place) does not change later circuits or assign()', () => {
    const fm = zzFeatureMap({ featureDimension: 2, reps: 1 });
    const want = ops(fm.assign([0.1, 0.2]));
    fm.circuit().h(0).compose(new Circuit(2).x(1), { inplace: true });
    fm.circuit().globalPhase = 1;
    expect(fm.circuit().globalPhase).toBe(0);
    expect(ops(fm.assign([0.1, 0.2]))).toEqual(want);
    expect(fm.circuit()).not.toBe(fm.circuit());
  });
});
