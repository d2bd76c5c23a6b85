/**
 * Dynamic circuits (issue 12): a 20-qubit circuit with 10 mid-circuit measurements and
 * feed-forward, 10 000 shots, sampled as the local backend samples it (branching; past its
 * bound, shot groups: a measurement history shared by many shots simulated once) against one
 * trajectory per shot. Per-shot work is linear in the shots, so it is timed on a sample of
 * shots and scaled (the table says so). Sizes: QBRIDGE_BENCH_DYN_QUBITS (default 20, even;
 * --quick 12), QBRIDGE_BENCH_DYN_SHOTS (10 000; --quick 2 000), QBRIDGE_BENCH_DYN_PER_SHOT
 * (shots timed per shot, 20; --quick 20).
 *
 * The circuit: data qubits d_k in |+⟩, ancilla a_k = CX(d_k, a_k), a_k measured mid-circuit,
 * `if (c_k == 1) x d_k`, then every d_k measured: each c_k is a fair coin and every data bit
 * reads 0, which the bench checks before it reports times.
 */
import { Circuit } from '../../src/circuit/circuit';
import { sampleDynamic } from '../../simulators/pub-runner/branching';
import { fmtRatio, fmtSeconds, renderTable, timeOnce } from '../lib/timing';
import { benchSize } from '../lib/sizes';
import type { BenchContext, BenchSection } from './types';

function feedForwardCircuit(n: number): Circuit {
  const half = n / 2;
  const c = new Circuit(n, n);
  for (let k = 0; k < half; k++) c.h(k);
  for (let k = 0; k < half; k++) {
    c.cx(k, half + k).measure(half + k, k);
    c.ifTest({ clbit: k, value: 1 }, (b) => b.x(k));
  }
  for (let k = 0; k < half; k++) c.measure(k, half + k);
  return c;
}

export const dynamicSection: BenchSection = {
  name: 'dynamic',
  description: 'dynamic circuits: mid-circuit measurements with feed-forward, shot groups vs one trajectory per shot',
  run(ctx: BenchContext) {
    const n = benchSize('QBRIDGE_BENCH_DYN_QUBITS', 20, 12, ctx);
    if (n % 2) throw new Error('QBRIDGE_BENCH_DYN_QUBITS must be even');
    const shots = benchSize('QBRIDGE_BENCH_DYN_SHOTS', 10_000, 2_000, ctx);
    const perShotShots = Math.min(shots, benchSize('QBRIDGE_BENCH_DYN_PER_SHOT', 20, 20, ctx));
    const circuit = feedForwardCircuit(n);
    const out = new Uint32Array(shots);
    let sampling: ReturnType<typeof sampleDynamic> | undefined;
    const groupedSeconds = timeOnce(() => (sampling = sampleDynamic(circuit, shots, 1, out, 1)));
    const half = n / 2;
    let ones = 0;
    for (let s = 0; s < shots; s++) {
      if (out[s]! >>> half !== 0) throw new Error(`shot ${s}: a data bit read 1; the feed-forward is wrong`);
      ones += out[s]! & 1;
    }
    const perShotOut = new Uint32Array(perShotShots);
    const perShotSeconds = timeOnce(() => sampleDynamic(circuit, perShotShots, 2, perShotOut, 1, undefined, 'per-shot'));
    const perShotScaled = (perShotSeconds / perShotShots) * shots;
    const measurements = half;
    ctx.print(
      renderTable(
        ['method', 'qubits', 'mid-circuit measurements', 'shots', 'simulated', 'seconds', 'vs per-shot'],
        [
          [
            String(sampling!.method),
            String(n),
            String(measurements),
            String(shots),
            sampling!.groups !== undefined ? `${sampling!.groups} groups` : `${sampling!.branches} branches`,
            fmtSeconds(groupedSeconds),
            fmtRatio(groupedSeconds / perShotScaled),
          ],
          ['per shot', String(n), String(measurements), String(shots), `${perShotShots} shots timed, scaled ×${shots / perShotShots}`, fmtSeconds(perShotScaled), '1×'],
        ],
      ),
    );
    ctx.print(`(first coin: ${ones} ones in ${shots} shots; every data bit read 0)`);
    return {
      qubits: n,
      shots,
      method: sampling!.method,
      groups: sampling!.groups,
      branches: sampling!.branches,
      seconds: groupedSeconds,
      perShotSecondsScaled: perShotScaled,
      perShotShotsTimed: perShotShots,
      speedup: perShotScaled / groupedSeconds,
    };
  },
};
