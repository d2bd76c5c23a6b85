/**
 * The Nyström approximation (issue 17): error against the exact Gram matrix of N points for
 * m landmarks, and the time of each against the exact kernel, in one run. Sizes:
 * QBRIDGE_BENCH_NYSTROM_POINTS (default 2 000; --quick 300), QBRIDGE_BENCH_NYSTROM_DIM (12
 * features = qubits; --quick 6); m = 100, 200, 400 (--quick 25, 50, 100).
 */
import { Prng } from '../../src/core/random';
import { zzFeatureMap } from '../../src/kernel/feature-map';
import { nystromError, nystromKernel } from '../../src/kernel/nystrom';
import { QuantumKernel } from '../../src/kernel/quantum-kernel';
import { benchSize } from '../lib/sizes';
import { fmtRatio, fmtSeconds, renderTable } from '../lib/timing';
import type { BenchContext, BenchSection } from './types';

export const nystromSection: BenchSection = {
  name: 'nystrom',
  description: 'Nyström low-rank kernel: error vs the exact Gram matrix for m landmarks, time vs exact',
  async run(ctx: BenchContext) {
    const n = benchSize('QBRIDGE_BENCH_NYSTROM_POINTS', 2000, 300, ctx);
    const d = benchSize('QBRIDGE_BENCH_NYSTROM_DIM', 12, 6, ctx);
    const ms = ctx.quick ? [25, 50, 100] : [100, 200, 400];
    const rng = new Prng(17);
    // Points in [0, 0.4]^d: a small bandwidth, where the ZZ kernel is not concentrated (larger
    // angles make it nearly the identity, whose Nyström error is large for any m ≪ N).
    const x = Array.from({ length: n }, () => Array.from({ length: d }, () => rng.next() * 0.4));
    const kernel = new QuantumKernel({ featureMap: zzFeatureMap({ featureDimension: d, reps: 1 }) });
    let t0 = performance.now();
    const exact = await kernel.evaluate(x);
    const exactSeconds = (performance.now() - t0) / 1000;
    const idx = x.map((_, i) => i);
    const rows: string[][] = [['exact', String(n), '—', '—', '0', '0', fmtSeconds(exactSeconds), '1×']];
    const out: Record<string, unknown>[] = [];
    for (const m of ms.filter((v) => v <= n)) {
      t0 = performance.now();
      const approx = await nystromKernel(kernel, x, { landmarks: m, seed: 1 });
      const seconds = (performance.now() - t0) / 1000;
      const err = nystromError(approx, exact, idx);
      rows.push([`Nyström m=${m}`, String(n), String(m), String(approx.rank), err.relativeFrobenius.toExponential(3), err.maxAbs.toExponential(3), fmtSeconds(seconds), fmtRatio(seconds / exactSeconds)]);
      out.push({ m, rank: approx.rank, relativeFrobenius: err.relativeFrobenius, maxAbs: err.maxAbs, seconds });
    }
    ctx.print(renderTable(['method', 'N', 'm', 'rank', '‖K−ZZᵀ‖F/‖K‖F', 'max |K−ZZᵀ|', 'seconds', 'vs exact'], rows));
    return { points: n, dimension: d, exactSeconds, nystrom: out };
  },
};
