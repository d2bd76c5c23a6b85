/**
 * Transpiler quality and speed on the heavy-hex fake devices (Eagle 127 `fake_brisbane`, Heron
 * 156 `fake_fez`): two-qubit gate count and depth of the ISA circuit, against the lower bound
 * (two-qubit gates before routing, i.e. with all-to-all connectivity), and transpile time.
 * Target: routed ≤ 2× unrouted for GHZ-20 and QFT-10.
 *
 * Second table, before/after two-qubit block resynthesis (KAK): routed two-qubit gates over the
 * KAK lower bound (the unrouted circuit's two-qubit count after block consolidation, all-to-all)
 * for `transpile` as it was (levels 1 and 3) and for the preset pass manager at level 3, on
 * seeded random 12-qubit × 300-gate circuits and QFT-10.
 */
import { Circuit } from '../../src/circuit/circuit';
import { ghzCircuit as ghz, qftCircuit as qft } from '../../src/circuit/library';
import { ParameterVector, type ParameterExpression } from '../../src/circuit/parameter';
import { createFakeBackend } from '../../simulators/fake';
import { generatePresetPassManager, transpile, type TranspileResult } from '../../src/transpiler';
import type { Target } from '../../src/core/target';
import { fmtRatio, fmtSeconds, renderTable, timeMedian } from '../lib/timing';
import type { BenchContext, BenchSection } from './types';

/** Seeded random circuit over 1q, 2q and 3q gates. */
function random(n: number, gates: number, seed: number): Circuit {
  let s = seed >>> 0;
  const rnd = (): number => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return ((s ^ (s >>> 13)) >>> 0) / 4294967296;
  };
  const kinds: [string, number, number][] = [
    ['h', 1, 0], ['sx', 1, 0], ['t', 1, 0], ['rz', 1, 1], ['ry', 1, 1], ['u', 1, 3],
    ['cx', 2, 0], ['cz', 2, 0], ['cp', 2, 1], ['rzz', 2, 1], ['swap', 2, 0], ['ccx', 3, 0],
  ];
  const c = new Circuit(n);
  for (let g = 0; g < gates; g++) {
    const [name, k, np] = kinds[Math.floor(rnd() * kinds.length)]!;
    const qs: number[] = [];
    while (qs.length < k) {
      const q = Math.floor(rnd() * n);
      if (!qs.includes(q)) qs.push(q);
    }
    c.append(name, qs, Array.from({ length: np }, () => (rnd() - 0.5) * 2 * Math.PI));
  }
  return c;
}

/** ZZ feature map, full entanglement: H; P(2x_i); CX(i,j)·P(2(π−x_i)(π−x_j))_j·CX(i,j). */
function zzMap(d: number, reps: number, x: readonly ParameterExpression[]): Circuit {
  const c = new Circuit(d);
  for (let r = 0; r < reps; r++) {
    for (let i = 0; i < d; i++) c.h(i);
    for (let i = 0; i < d; i++) c.p(x[i]!.mul(2), i);
    for (let i = 0; i < d; i++)
      for (let j = i + 1; j < d; j++) c.cx(i, j).p(x[i]!.neg().add(Math.PI).mul(x[j]!.neg().add(Math.PI)).mul(2), j).cx(i, j);
  }
  return c;
}

/** The compute-uncompute kernel template U(x)·U(y)† (d = 8, reps 2, full entanglement). */
function kernel(d: number, reps: number): Circuit {
  const x = new ParameterVector('x', d).elements;
  const y = new ParameterVector('y', d).elements;
  return zzMap(d, reps, x).compose(zzMap(d, reps, y).inverse());
}

export const transpileSection: BenchSection = {
  name: 'transpile',
  description: 'ISA transpilation on heavy-hex Eagle 127 / Heron 156: 2q gates and depth vs the unrouted lower bound, time',
  async run(ctx: BenchContext) {
    const cases: [string, Circuit][] = [
      ['GHZ-20', ghz(20)],
      ['QFT-10', qft(10)],
      ['random 12q×300', random(12, 300, 1)],
      ['ZZ kernel d=8 r=2', kernel(8, 2)],
    ];
    const devices = ['fake_brisbane', 'fake_fez'];
    const levels = ctx.quick ? ([1] as const) : ([1, 3] as const);
    const rows: string[][] = [];
    const results: Record<string, unknown>[] = [];
    for (const name of devices) {
      const { target } = await createFakeBackend(name);
      for (const [label, c] of cases) {
        for (const level of levels) {
          let r: TranspileResult | undefined;
          const seconds = timeMedian(() => (r = transpile(c, target, { optimizationLevel: level, seed: 0 })), {
            minRuns: ctx.quick ? 1 : 3,
            maxRuns: ctx.quick ? 1 : 7,
            targetSeconds: 2,
          });
          const s = r!.stats;
          const ratio = s.twoQubitGates / Math.max(1, s.twoQubitGatesBeforeRouting);
          rows.push([name, label, String(level), String(s.twoQubitGatesBeforeRouting), String(s.twoQubitGates), fmtRatio(ratio), String(s.swaps), String(s.depth), fmtSeconds(seconds)]);
          results.push({ device: name, circuit: label, level, ...s, ratio, seconds });
        }
      }
    }
    ctx.print(renderTable(['device', 'circuit', 'level', '2q lower bound', '2q routed', 'ratio', 'swaps', 'depth', 'time (s)'], rows));
    const kak = await beforeAfterKak(ctx, devices);
    return { byLevel: results, kak };
  },
};

/** One row of the before/after table: routed two-qubit counts and their ratios to the KAK bound. */
interface KakRow {
  device: string;
  circuit: string;
  /** Unrolled CX count with all-to-all connectivity (the first table's bound). */
  cxLowerBound: number;
  /** The same after two-qubit block consolidation: the bound the ratios use. */
  kakLowerBound: number;
  beforeLevel1: number;
  beforeLevel3: number;
  afterPreset3: number;
  ratioBeforeLevel1: number;
  ratioBeforeLevel3: number;
  ratioAfterPreset3: number;
  secondsAfter: number;
}

function kakRow(device: string, label: string, c: Circuit, target: Target): KakRow {
  const pm = generatePresetPassManager({ optimizationLevel: 3, target, seed: 0 });
  let after: TranspileResult | undefined;
  const secondsAfter = timeMedian(() => (after = pm.runWithLayout(c)), { minRuns: 1, maxRuns: 1, targetSeconds: 0 });
  const b1 = transpile(c, target, { optimizationLevel: 1, seed: 0 }).stats;
  const b3 = transpile(c, target, { optimizationLevel: 3, seed: 0 }).stats;
  const bound = Math.max(1, after!.stats.twoQubitGatesBeforeRouting);
  return {
    device,
    circuit: label,
    cxLowerBound: b1.twoQubitGatesBeforeRouting,
    kakLowerBound: after!.stats.twoQubitGatesBeforeRouting,
    beforeLevel1: b1.twoQubitGates,
    beforeLevel3: b3.twoQubitGates,
    afterPreset3: after!.stats.twoQubitGates,
    ratioBeforeLevel1: b1.twoQubitGates / bound,
    ratioBeforeLevel3: b3.twoQubitGates / bound,
    ratioAfterPreset3: after!.stats.twoQubitGates / bound,
    secondsAfter,
  };
}

/** The before/after table (see the module comment); random circuits also as a mean row. */
async function beforeAfterKak(ctx: BenchContext, devices: readonly string[]): Promise<KakRow[]> {
  const seeds = ctx.quick ? [1] : [1, 2, 3];
  const out: KakRow[] = [];
  const rows: string[][] = [];
  const show = (r: KakRow): void => {
    rows.push([r.device, r.circuit, String(r.cxLowerBound), String(r.kakLowerBound), String(r.beforeLevel1), fmtRatio(r.ratioBeforeLevel1), String(r.beforeLevel3), fmtRatio(r.ratioBeforeLevel3), String(r.afterPreset3), fmtRatio(r.ratioAfterPreset3), fmtSeconds(r.secondsAfter)]);
  };
  for (const device of devices) {
    const { target } = await createFakeBackend(device);
    const randomRows = seeds.map((s) => kakRow(device, `random 12q×300 seed ${s}`, random(12, 300, s), target));
    randomRows.forEach(show);
    if (randomRows.length > 1) {
      const mean = (f: (r: KakRow) => number): number => randomRows.reduce((a, r) => a + f(r), 0) / randomRows.length;
      rows.push([device, `random 12q×300 mean of ${randomRows.length}`, '', '', '', fmtRatio(mean((r) => r.ratioBeforeLevel1)), '', fmtRatio(mean((r) => r.ratioBeforeLevel3)), '', fmtRatio(mean((r) => r.ratioAfterPreset3)), '']);
    }
    const q = kakRow(device, 'QFT-10', qft(10), target);
    show(q);
    out.push(...randomRows, q);
  }
  ctx.print('Routed two-qubit gates / KAK lower bound, before (transpile L1, L3) and after (preset pass manager L3, KAK blocks)');
  ctx.print(renderTable(['device', 'circuit', 'CX bound', 'KAK bound', 'before L1', 'ratio', 'before L3', 'ratio', 'after L3', 'ratio', 'after time (s)'], rows));
  return out;
}
