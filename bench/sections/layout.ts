/**
 * Micro-benchmark behind the state layout decision: a general complex 2×2 gate pass over
 * separate re/im Float64Arrays versus one interleaved (re, im, re, im, …) Float64Array, at low,
 * middle and high target qubits. The kernels here are local copies so both layouts are written
 * with the same care.
 */
import { fmtRatio, fmtSeconds, renderTable, timeMedian } from '../lib/timing';
import type { BenchContext, BenchSection } from './types';

function splitPass(re: Float64Array, im: Float64Array, target: number, m: Float64Array): void {
  const n = re.length;
  const bit = 1 << target;
  const ar = m[0]!, ai = m[1]!, br = m[2]!, bi = m[3]!, cr = m[4]!, ci = m[5]!, dr = m[6]!, di = m[7]!;
  for (let base = 0; base < n; base += bit << 1) {
    const end = base + bit;
    for (let i0 = base; i0 < end; i0++) {
      const i1 = i0 + bit;
      const x0r = re[i0]!, x0i = im[i0]!, x1r = re[i1]!, x1i = im[i1]!;
      re[i0] = ar * x0r - ai * x0i + br * x1r - bi * x1i;
      im[i0] = ar * x0i + ai * x0r + br * x1i + bi * x1r;
      re[i1] = cr * x0r - ci * x0i + dr * x1r - di * x1i;
      im[i1] = cr * x0i + ci * x0r + dr * x1i + di * x1r;
    }
  }
}

function interleavedPass(z: Float64Array, target: number, m: Float64Array): void {
  const n = z.length >> 1;
  const bit = 1 << target;
  const ar = m[0]!, ai = m[1]!, br = m[2]!, bi = m[3]!, cr = m[4]!, ci = m[5]!, dr = m[6]!, di = m[7]!;
  for (let base = 0; base < n; base += bit << 1) {
    const end = base + bit;
    for (let i0 = base; i0 < end; i0++) {
      const j0 = i0 << 1;
      const j1 = (i0 + bit) << 1;
      const x0r = z[j0]!, x0i = z[j0 + 1]!, x1r = z[j1]!, x1i = z[j1 + 1]!;
      z[j0] = ar * x0r - ai * x0i + br * x1r - bi * x1i;
      z[j0 + 1] = ar * x0i + ai * x0r + br * x1i + bi * x1r;
      z[j1] = cr * x0r - ci * x0i + dr * x1r - di * x1i;
      z[j1 + 1] = cr * x0i + ci * x0r + dr * x1i + di * x1r;
    }
  }
}

// A unitary with no special structure (so nothing is skipped): rx(0.3)·rz(0.7).
const M = (() => {
  const c = Math.cos(0.15), s = Math.sin(0.15), e = 0.35;
  const [er, ei] = [Math.cos(e), Math.sin(e)];
  // rx(0.3) = [[c, −is], [−is, c]]; rz(0.7) = diag(e^{−i·0.35}, e^{i·0.35}); product rx·rz
  return Float64Array.of(c * er, -c * ei, s * ei, -s * er, -s * ei, -s * er, c * er, c * ei);
})();

export const layoutSection: BenchSection = {
  name: 'layout',
  description: 'state layout: split re/im vs interleaved, one 2×2 pass',
  run(ctx: BenchContext) {
    const sizes = ctx.quick ? [16, 20] : [16, 20, 24];
    const rows: string[][] = [];
    const results: Record<string, unknown>[] = [];
    for (const n of sizes) {
      const re = new Float64Array(2 ** n).fill(0.5 ** (n / 2));
      const im = new Float64Array(2 ** n);
      const z = new Float64Array(2 ** (n + 1));
      for (let i = 0; i < z.length; i += 2) z[i] = re[0]!;
      for (const target of [0, Math.floor(n / 2), n - 1]) {
        const reps = n <= 16 ? 50 : n <= 20 ? 5 : 1;
        const tSplit = timeMedian(() => { for (let r = 0; r < reps; r++) splitPass(re, im, target, M); }, { minRuns: 5 }) / reps;
        const tInter = timeMedian(() => { for (let r = 0; r < reps; r++) interleavedPass(z, target, M); }, { minRuns: 5 }) / reps;
        rows.push([`n=${n} target=${target}`, fmtSeconds(tSplit), fmtSeconds(tInter), fmtRatio(tInter / tSplit)]);
        results.push({ n, target, splitSeconds: tSplit, interleavedSeconds: tInter });
      }
    }
    ctx.print(renderTable(['case', 'split re/im (s)', 'interleaved (s)', 'interleaved/split'], rows));
    return results;
  },
};
