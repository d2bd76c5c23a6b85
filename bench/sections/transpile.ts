/**
 * Transpiler quality and speed on the heavy-hex fake devices (Eagle 127 `fake_brisbane`, Heron
 * 156 `fake_fez`): two-qubit gate count and depth of the ISA circuit, against the lower bound
 * (two-qubit gates before routing, i.e. with all-to-all connectivity), and transpile time.
 * Target: routed ≤ 2× unrouted for GHZ-20 and QFT-10.
 */
import { Circuit } from '../../src/circuit/circuit';
import { ghzCircuit as ghz, qftCircuit as qft } from '../../src/circuit/library';
import { ParameterVector, type ParameterExpression } from '../../src/circuit/parameter';
import { createFakeBackend } from '../../simulators/fake';
import { transpile, type TranspileResult } from '../../src/transpiler';
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
    return results;
  },
};
