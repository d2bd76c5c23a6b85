import { AbortedError, InputValidationError } from '../../../src/core/errors';
import { adam, cobyla, spsa, type Objective } from '../../../src/kernel/train/optimizers';

/** f(x) = Σ w_i (x_i − t_i)² with its exact gradient. */
function quadratic(t: number[], w = t.map(() => 1)): Objective {
  return {
    value: (x) => x.reduce((s, v, i) => s + w[i]! * (v - t[i]!) ** 2, 0),
    valueAndGradient: (x) => ({
      value: x.reduce((s, v, i) => s + w[i]! * (v - t[i]!) ** 2, 0),
      gradient: x.map((v, i) => 2 * w[i]! * (v - t[i]!)),
    }),
  };
}

describe('SPSA (Spall gains)', () => {
  it('first step on f = x³: x₁ = x₀ − a/(A+1)^0.602 · (3x₀² + c²), the two-sided difference for either sign of Δ', async () => {
    const cube: Objective = { value: (x) => x[0]! ** 3 };
    const r = await spsa(cube, [0.5], { maxiter: 1, a: 0.1, c: 0.2, A: 2 });
    // ((x + cΔ)³ − (x − cΔ)³) / (2cΔ) = 3x² + c²Δ² = 3x² + c² for Δ = ±1.
    expect(r.x[0]).toBeCloseTo(0.5 - (0.1 / 3 ** 0.602) * (3 * 0.25 + 0.04), 14);
    expect(r.gains).toEqual({ a: 0.1, c: 0.2, A: 2, alpha: 0.602, gamma: 0.101 });
  });

  it('second step uses c₁ = c/2^0.101 and a₁ = a/(A+2)^0.602 (Spall exponents)', async () => {
    const cube: Objective = { value: (x) => x[0]! ** 3 };
    const r = await spsa(cube, [0.5], { maxiter: 2, a: 0.1, c: 0.2, A: 2 });
    const x1 = 0.5 - (0.1 / 3 ** 0.602) * (0.75 + 0.04);
    const c1 = 0.2 / 2 ** 0.101;
    expect(r.x[0]).toBeCloseTo(x1 - (0.1 / 4 ** 0.602) * (3 * x1 * x1 + c1 * c1), 14);
  });

  it('converges on a quadratic, the curve records the loss at each iterate; same seed same path, other seed other path', async () => {
    const f = quadratic([1, -2, 0.5], [1, 3, 0.5]);
    const r = await spsa(f, [0, 0, 0], { maxiter: 300, seed: 7 });
    r.x.forEach((v, i) => expect(Math.abs(v - [1, -2, 0.5][i]!)).toBeLessThan(0.05));
    expect(r.curve).toHaveLength(301);
    expect(r.curve[0]!.loss).toBeCloseTo(f.value(Float64Array.of(0, 0, 0)), 12);
    expect(r.curve[300]!.loss).toBeCloseTo(f.value(Float64Array.from(r.x)), 12);
    expect(r.curve[300]!.evaluations).toBe(r.evaluations);
    expect((await spsa(f, [0, 0, 0], { maxiter: 20, seed: 7 })).x).toEqual((await spsa(f, [0, 0, 0], { maxiter: 20, seed: 7 })).x);
    expect((await spsa(f, [0, 0, 0], { maxiter: 20, seed: 8 })).x).not.toEqual((await spsa(f, [0, 0, 0], { maxiter: 20, seed: 7 })).x);
  });

  it('calibration: a = (2π/10)(A+1)^0.602 / mean |Δf/2c| — on a linear f = 3x that is (2π/10)(A+1)^0.602/3', async () => {
    const r = await spsa({ value: (x) => 3 * x[0]! }, [0], { maxiter: 10 });
    expect(r.gains!.a).toBeCloseTo(((2 * Math.PI) / 10) * (1 + 1) ** 0.602 / 3, 12);
    // So the first step has the target magnitude 2π/10.
    expect(Math.abs(r.curve[1]!.loss / 3)).toBeCloseTo((2 * Math.PI) / 10, 12);
  });

  it('bad settings are typed errors naming the setting', async () => {
    await expect(spsa(quadratic([0]), [0], { maxiter: 0 })).rejects.toThrow(/maxiter must be an integer ≥ 1/);
    await expect(spsa(quadratic([0]), [0], { c: -1 })).rejects.toThrow(/perturbation c/);
    await expect(spsa(quadratic([0]), [NaN])).rejects.toThrow(InputValidationError);
  });
});

describe('Adam', () => {
  it('the first step is lr·sign(g) (bias-corrected m̂/√v̂ = g/|g|)', async () => {
    const r = await adam(quadratic([1, -1]), [0.3, 0.2], { maxiter: 1, learningRate: 0.01 });
    expect(r.x[0]).toBeCloseTo(0.3 + 0.01, 9);
    expect(r.x[1]).toBeCloseTo(0.2 - 0.01, 9);
  });

  it('converges on an ill-scaled quadratic; curve = loss at each iterate, last = the returned point', async () => {
    const f = quadratic([1, -2], [1, 50]);
    const r = await adam(f, [0, 0], { maxiter: 400, learningRate: 0.05 });
    expect(Math.abs(r.x[0]! - 1)).toBeLessThan(1e-2);
    expect(Math.abs(r.x[1]! + 2)).toBeLessThan(1e-2);
    expect(r.curve).toHaveLength(401);
    expect(r.curve[400]!.loss).toBe(r.fun);
    expect(r.fun).toBeLessThan(r.curve[0]!.loss * 1e-3);
  });

  it('needs a gradient', async () => {
    await expect(adam({ value: () => 0 }, [0])).rejects.toThrow(/Adam needs the gradient/);
  });
});

describe('stopping and progress', () => {
  it.each(['spsa', 'adam'] as const)('%s: an abort fired from the event loop (as Ctrl-C is) stops the run between iterations', async (name) => {
    const controller = new AbortController();
    const points: number[] = [];
    // The abort comes from a macrotask: it can only run if the optimiser yields to the event loop.
    const onPoint = (p: { step: number }): void => {
      points.push(p.step);
      if (p.step === 3) setImmediate(() => controller.abort());
    };
    const run = name === 'spsa' ? spsa(quadratic([1]), [0], { maxiter: 10_000, a: 0.1, signal: controller.signal, onPoint }) : adam(quadratic([1]), [0], { maxiter: 10_000, signal: controller.signal, onPoint });
    await expect(run).rejects.toBeInstanceOf(AbortedError);
    expect(points.length).toBeGreaterThanOrEqual(4);
    expect(points.length).toBeLessThan(10);
    expect(points.slice(0, 4)).toEqual([0, 1, 2, 3]);
  });
});

describe('COBYLA (nlopt-js, NLopt LN_COBYLA) in Node 20', () => {
  it('finds the minimum of a quadratic; every evaluation is a curve point; runs are deterministic', async () => {
    const f = quadratic([1, -0.5, 2], [1, 10, 2]);
    const r = await cobyla(f, [0, 0, 0], { maxiter: 400, tolerance: 1e-12 });
    r.x.forEach((v, i) => expect(Math.abs(v - [1, -0.5, 2][i]!)).toBeLessThan(1e-4));
    expect(r.curve.length).toBe(r.evaluations);
    expect(r.evaluations).toBeLessThanOrEqual(400);
    expect(Math.min(...r.curve.map((p) => p.loss))).toBeCloseTo(r.fun, 12);
    const again = await cobyla(f, [0, 0, 0], { maxiter: 400, tolerance: 1e-12 });
    expect(again.x).toEqual(r.x);
  });

  it('respects maxiter, and an error thrown by the objective comes back as is (and the module still works after)', async () => {
    const r = await cobyla(quadratic([5, 5]), [0, 0], { maxiter: 7 });
    expect(r.evaluations).toBe(7);
    let calls = 0;
    const failing: Objective = {
      value: () => {
        if (++calls === 3) throw new InputValidationError('objective broke');
        return calls;
      },
    };
    await expect(cobyla(failing, [0, 0], { maxiter: 50 })).rejects.toThrow('objective broke');
    const after = await cobyla(quadratic([0.25]), [0], { maxiter: 200, tolerance: 1e-12 });
    expect(Math.abs(after.x[0]! - 0.25)).toBeLessThan(1e-4);
  });
});
