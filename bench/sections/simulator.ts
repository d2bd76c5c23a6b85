/**
 * The simulator section: W1 and W2 (performance.md) on qbridge fused and unfused and on the npm
 * peers, side by side in one process, with the memory-bandwidth floor. Peers are checked for
 * correct amplitudes on a small case first; a peer whose predicted time for the next size (from
 * its last measured one) exceeds the per-case budget is skipped and shown as "> budget".
 */
import type { Circuit } from '../../src/circuit/circuit';
import { AUTO_FUSION_MIN_QUBITS, planFusedOps, simulateStatevector } from '../../simulators/statevector/simulate';
import { defaultThreads } from '../../simulators/statevector/wasm/thread-pool';
import { bandwidthFloorSeconds, floorBandwidthGBs } from '../lib/bandwidth';
import { fmtRatio, fmtSeconds, renderTable, timeInterleaved, timeMedian, timeOnce } from '../lib/timing';
import { toCircuit, toQasm3, w1Gates, w2Gates, w2Input, type BenchGate } from '../workloads/circuits';
import { jsqubitsPeer, quantumCircuitPeer, type Peer } from '../workloads/peers';
import type { BenchContext, BenchSection } from './types';

/** Per-case time budget for a peer, seconds. */
const PEER_BUDGET_SECONDS = 20;

interface Case {
  workload: 'W1' | 'W2';
  n: number;
  gates: BenchGate[];
}

type Parse = (source: string) => Circuit;

/** parseQasm from src/circuit/qasm when present (another helper's module), else null. */
function loadParser(): Parse | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require('../../src/circuit/qasm') as { parseQasm?: Parse };
    return typeof mod.parseQasm === 'function' ? mod.parseQasm : null;
  } catch {
    return null;
  }
}

function maxAbsDiff(a: { re: Float64Array; im: Float64Array }, b: { re: Float64Array; im: Float64Array }): number {
  let m = 0;
  for (let i = 0; i < a.re.length; i++) m = Math.max(m, Math.abs(a.re[i]! - b.re[i]!), Math.abs(a.im[i]! - b.im[i]!));
  return m;
}

export const simulatorSection: BenchSection = {
  name: 'simulator',
  description: 'W1/W2 statevectors: qbridge fused vs unfused vs jsqubits vs quantum-circuit, and the bandwidth floor',
  run(ctx: BenchContext) {
    const parse = loadParser();
    ctx.print(parse ? 'W2 circuits are read from OpenQASM 3 with parseQasm.' : 'parseQasm not available: W2 built with the Circuit API.');
    const w1Sizes = ctx.quick ? [12, 16] : [16, 20, 22, 24];
    const w2Sizes = ctx.quick ? [8, 12] : [8, 12, 16, 20];
    const cases: Case[] = [
      ...w1Sizes.map((n) => ({ workload: 'W1' as const, n, gates: w1Gates(n) })),
      ...w2Sizes.map((n) => ({ workload: 'W2' as const, n, gates: w2Gates(w2Input(n)) })),
    ];

    // Peers: load, check on a small case of each workload against qbridge, calibrate.
    const peers: Array<{ peer: Peer; ok: boolean; note: string; last: Partial<Record<'W1' | 'W2', { n: number; gates: number; t: number }>> }> = [];
    for (const make of [jsqubitsPeer, quantumCircuitPeer]) {
      let peer: Peer;
      try {
        peer = make();
      } catch (e) {
        ctx.print(`peer not available: ${(e as Error).message}`);
        continue;
      }
      const entry = { peer, ok: true, note: '', last: {} as Partial<Record<'W1' | 'W2', { n: number; gates: number; t: number }>> };
      for (const [workload, n, gates] of [['W1', 8, w1Gates(8)], ['W2', 6, w2Gates(w2Input(6))]] as const) {
        const want = simulateStatevector(toCircuit(n, gates), { fusion: false });
        let got: { re: Float64Array; im: Float64Array } | undefined;
        const t = timeOnce(() => {
          got = peer.run(n, gates);
        });
        // a second, warm run calibrates the time predictions
        const t2 = timeOnce(() => void peer.run(n, gates));
        const diff = maxAbsDiff(got!, want);
        entry.note += `${workload} n=${n}: max |Δamplitude| ${diff.toExponential(1)}; `;
        if (!(diff < 1e-6)) entry.ok = false;
        entry.last[workload] = { n, gates: gates.length, t: Math.min(t, t2) };
      }
      ctx.print(`${peer.name} check: ${entry.note}${entry.ok ? 'OK' : 'WRONG, not timed'}`);
      peers.push(entry);
    }

    const rows: string[][] = [];
    const results: Record<string, unknown>[] = [];
    ctx.print('progress (columns as in the table below):');
    for (const cs of cases) {
      const { workload, n, gates } = cs;
      let circuit: Circuit;
      let parseSeconds: number | null = null;
      if (workload === 'W2' && parse) {
        const src = toQasm3(n, gates);
        parseSeconds = timeOnce(() => {
          circuit = parse(src);
        });
        const built = toCircuit(n, gates);
        if (circuit!.instructions.length !== built.instructions.length) {
          throw new Error(`parseQasm gave ${circuit!.instructions.length} instructions, expected ${built.instructions.length}`);
        }
      } else circuit = toCircuit(n, gates);
      const c = circuit!;

      const floor = bandwidthFloorSeconds(n);
      const fusedPasses = planFusedOps(c).length;
      const unfusedPasses = gates.length;
      const slow = n >= 22;
      const opts = slow ? { minRuns: 1, maxRuns: 3, targetSeconds: 10 } : { minRuns: 5, maxRuns: 21, targetSeconds: 3 };
      // warm-up (JIT) outside the timing: small cases need a few dozen runs to settle
      for (let w = 0, spent = 0; w < 40 && spent < 0.5; w++) {
        spent += timeOnce(() => void simulateStatevector(c, { fusion: true })) + timeOnce(() => void simulateStatevector(c, { fusion: false }));
      }
      const [tFused, tFused1, tFusedTs, tUnfused] = timeInterleaved(
        [
          () => void simulateStatevector(c, { fusion: true }),
          () => void simulateStatevector(c, { fusion: true, threads: 1 }),
          () => void simulateStatevector(c, { fusion: true, wasm: false }),
          () => void simulateStatevector(c, { fusion: false }),
        ],
        opts,
      ) as [number, number, number, number];
      // The fused answer must be the unfused one.
      const plain = simulateStatevector(c, { fusion: false });
      const diff = Math.max(
        maxAbsDiff(simulateStatevector(c, { fusion: true }), plain),
        maxAbsDiff(simulateStatevector(c, { fusion: true, threads: 1 }), plain),
        maxAbsDiff(simulateStatevector(c, { fusion: true, wasm: false }), plain),
      );
      // what users get by default (fusion: 'auto')
      const tDefault = n >= AUTO_FUSION_MIN_QUBITS ? tFused : tUnfused;
      if (!(diff < 1e-11)) throw new Error(`${workload} n=${n}: fused and unfused differ by ${diff}`);

      const peerTimes: Record<string, number | string> = {};
      for (const p of peers) {
        if (!p.ok) {
          peerTimes[p.peer.name] = 'wrong';
          continue;
        }
        const last = p.last[workload];
        const predicted = last ? last.t * 2 ** (n - last.n) * (gates.length / last.gates) : 0;
        if (predicted > PEER_BUDGET_SECONDS) {
          peerTimes[p.peer.name] = `> budget (~${fmtSeconds(predicted)} s predicted)`;
          continue;
        }
        const t = predicted < 0.5 ? timeMedian(() => void p.peer.run(n, gates), { minRuns: 3, maxRuns: 7, targetSeconds: 2 }) : timeOnce(() => void p.peer.run(n, gates));
        p.last[workload] = { n, gates: gates.length, t };
        peerTimes[p.peer.name] = t;
      }

      const cell = (name: string): [string, string] => {
        const v = peerTimes[name];
        if (typeof v === 'number') return [fmtSeconds(v), fmtRatio(v / tDefault)];
        return [v === undefined ? '—' : v.startsWith('>') ? '> budget' : v, '—'];
      };
      rows.push([
        `${workload} n=${n}`,
        `${fusedPasses}/${unfusedPasses}`,
        fmtSeconds(floor),
        fmtSeconds(tFused),
        fmtSeconds(tFused1),
        fmtRatio(tFused1 / tFused),
        fmtSeconds(tFusedTs),
        fmtRatio(tFusedTs / tFused),
        fmtSeconds(tUnfused),
        fmtRatio(tUnfused / tFused),
        ...cell('jsqubits'),
        ...cell('quantum-circuit'),
        `${((100 * fusedPasses * floor) / tFused).toFixed(0)}%`,
        `${((100 * unfusedPasses * floor) / tUnfused).toFixed(0)}%`,
      ]);
      ctx.print(`  ${rows[rows.length - 1]!.join('  ')}`);
      results.push({
        workload,
        n,
        gates: gates.length,
        fromQasm: workload === 'W2' && parse !== null,
        parseSeconds,
        floorSeconds: floor,
        floorGBs: floorBandwidthGBs(n, floor),
        fusedPasses,
        unfusedPasses,
        fusedSeconds: tFused,
        threads: defaultThreads(),
        fusedOneThreadSeconds: tFused1,
        oneThreadVsFused: tFused1 / tFused,
        fusedTsSeconds: tFusedTs,
        fusedTsVsFused: tFusedTs / tFused,
        defaultSeconds: tDefault,
        unfusedSeconds: tUnfused,
        fusedVsUnfused: tUnfused / tFused,
        fusedFractionOfFloor: (fusedPasses * floor) / tFused,
        unfusedFractionOfFloor: (unfusedPasses * floor) / tUnfused,
        peers: peerTimes,
        fusedMaxDiffVsUnfused: diff,
      });
    }
    ctx.print(
      renderTable(
        ['case', 'passes f/u', 'floor/pass', 'fused', 'fused 1 thr', '1thr/fused', 'fused TS', 'TS/wasm', 'unfused', 'unf/fused', 'jsqubits', 'jsq/qbridge', 'q-circuit', 'qc/qbridge', 'fused %floor', 'unfused %floor'],
        rows,
      ),
    );
    ctx.print(
      `fused = fused passes on the WebAssembly SIMD kernels where they apply (14–26 qubits), split over ${defaultThreads()} thread(s) from 18 qubits (the default); fused 1 thr = the same on the calling thread only (threads: 1); fused TS = the same passes on the TypeScript kernels only (wasm: false, one thread).`,
    );
    ctx.print(`seconds, median of several runs, fused, fused TS and unfused interleaved (1–3 runs at n ≥ 22); peer ratios are against qbridge's default (fusion 'auto': fused from ${AUTO_FUSION_MIN_QUBITS} qubits, else unfused); passes f/u = fused passes / gates; %floor = passes × floor / time; peers skipped past a ${PEER_BUDGET_SECONDS} s per-case budget.`);
    return { peers: peers.map((p) => ({ name: p.peer.name, ok: p.ok, check: p.note })), cases: results };
  },
};
