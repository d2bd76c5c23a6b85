/**
 * Noisy simulation (issue 14): quantum trajectories on a 100-gate ISA circuit on `fake_fez`
 * with the device's noise model (`noiseModelFromDevice`), time per shot as a ratio to the
 * noiseless runs of the same circuit (the trajectory walker's single trajectory, and the
 * noiseless `fake_fez` Sampler on the fused statevector engine), the same through the noisy
 * `fake_fez` Sampler, and the exact density-matrix method.
 * Sizes are overridable for a quick smoke run: QBRIDGE_BENCH_NOISE_QUBITS (default 20; --quick
 * 8), QBRIDGE_BENCH_NOISE_SHOTS (1000; --quick 50), QBRIDGE_BENCH_NOISE_GATES (100; --quick 30),
 * QBRIDGE_BENCH_DM_QUBITS (12; --quick 5).
 */
import { Circuit } from '../../src/circuit/circuit';
import { Prng } from '../../src/core/random';
import type { Target } from '../../src/core/target';
import { noiseModelFromDevice } from '../../src/noise';
import { createFakeBackend } from '../../simulators/fake';
import { sampleDensityMatrixCounts } from '../../simulators/density-matrix';
import { sampleTrajectoryCounts, type TrajectoryCounts } from '../../simulators/trajectories';
import { Sampler } from '../../src/primitives/sampler';
import { fmtRatio, fmtSeconds, renderTable, timeOnce } from '../lib/timing';
import { benchSize } from '../lib/sizes';
import type { BenchContext, BenchSection } from './types';

/** A connected set of n physical qubits (breadth first from qubit 0 over the coupling map). */
function connectedQubits(target: Target, n: number): number[] {
  const edges = target.couplingMap ?? [];
  const seen = [0];
  for (let i = 0; i < seen.length && seen.length < n; i++) {
    for (const [a, b] of edges) {
      const other = a === seen[i] ? b : b === seen[i] ? a : -1;
      if (other >= 0 && !seen.includes(other) && seen.length < n) seen.push(other);
    }
  }
  return seen;
}

/**
 * A seeded ISA circuit of `gates` gates on n connected qubits of a Heron target (sx, x, rz and
 * cz on coupled pairs), then measurements of all of them.
 */
function isaCircuit(target: Target, n: number, gates: number, seed: number): Circuit {
  const qs = connectedQubits(target, n);
  const inSet = new Set(qs);
  const pairs = (target.couplingMap ?? []).filter(([a, b]) => inSet.has(a) && inSet.has(b) && a < b);
  const rng = new Prng(seed);
  const c = new Circuit(target.numQubits, n);
  for (let g = 0; g < gates; g++) {
    const k = rng.integer(4);
    if (k === 3 && pairs.length) {
      const [a, b] = pairs[rng.integer(pairs.length)]!;
      c.append('cz', [a, b]);
    } else {
      const q = qs[rng.integer(qs.length)]!;
      if (k === 0) c.append('sx', [q]);
      else if (k === 1) c.append('x', [q]);
      else c.append('rz', [q], [rng.next() * 6 - 3]);
    }
  }
  qs.forEach((q, i) => c.measure(q, i));
  return c;
}

export const noiseSection: BenchSection = {
  name: 'noise',
  description: 'noisy simulation on fake_fez: trajectories (time per shot vs noiseless) and the density-matrix method',
  async run(ctx: BenchContext) {
    const n = benchSize('QBRIDGE_BENCH_NOISE_QUBITS', 20, 8, ctx);
    const shots = benchSize('QBRIDGE_BENCH_NOISE_SHOTS', 1000, 50, ctx);
    const gates = benchSize('QBRIDGE_BENCH_NOISE_GATES', 100, 30, ctx);
    const dmQubits = benchSize('QBRIDGE_BENCH_DM_QUBITS', 12, 5, ctx);
    const noiseless = await createFakeBackend('fake_fez');
    const noisyBackend = await createFakeBackend('fake_fez', { noise: true, noiseMethod: 'trajectories' });
    const { target } = noiseless;
    const { model } = noiseModelFromDevice(target);
    const circuit = isaCircuit(target, n, gates, 1);
    let ideal: TrajectoryCounts | undefined;
    let noisy: TrajectoryCounts | undefined;
    const idealSeconds = timeOnce(() => (ideal = sampleTrajectoryCounts(circuit, { shots, seed: 1 })));
    const noisySeconds = timeOnce(() => (noisy = sampleTrajectoryCounts(circuit, { noise: model, shots, seed: 1 })));
    const samplerRun = async (backend: typeof noiseless): Promise<number> => {
      const t0 = performance.now();
      await (await new Sampler(backend, { shots, seed: 1, transpile: false }).run([circuit])).result();
      return (performance.now() - t0) / 1000;
    };
    const engineSeconds = await samplerRun(noiseless);
    const noisySamplerSeconds = await samplerRun(noisyBackend);
    const dmCircuit = isaCircuit(target, dmQubits, gates, 2);
    const dmSeconds = timeOnce(() => sampleDensityMatrixCounts(dmCircuit, { noise: model, shots, seed: 1 }));
    const ratio = noisySeconds / idealSeconds;
    ctx.print(
      renderTable(
        ['case', 'qubits', 'gates', 'shots', 'trajectories', 'seconds', 's / shot', 'vs noiseless walk', 'vs noiseless Sampler'],
        [
          ['trajectories, noiseless', String(n), String(gates), String(shots), String(ideal!.trajectories), fmtSeconds(idealSeconds), fmtSeconds(idealSeconds / shots), '1×', fmtRatio(idealSeconds / engineSeconds)],
          ['trajectories, fake_fez noise', String(n), String(gates), String(shots), String(noisy!.trajectories), fmtSeconds(noisySeconds), fmtSeconds(noisySeconds / shots), fmtRatio(ratio), fmtRatio(noisySeconds / engineSeconds)],
          ['Sampler fake_fez, noiseless (engine)', String(n), String(gates), String(shots), '1', fmtSeconds(engineSeconds), fmtSeconds(engineSeconds / shots), fmtRatio(engineSeconds / idealSeconds), '1×'],
          ['Sampler fake_fez --noise', String(n), String(gates), String(shots), '—', fmtSeconds(noisySamplerSeconds), fmtSeconds(noisySamplerSeconds / shots), fmtRatio(noisySamplerSeconds / idealSeconds), fmtRatio(noisySamplerSeconds / engineSeconds)],
          ['density matrix, fake_fez noise', String(dmQubits), String(gates), String(shots), '—', fmtSeconds(dmSeconds), fmtSeconds(dmSeconds / shots), '—', '—'],
        ],
      ),
    );
    return {
      qubits: n,
      gates,
      shots,
      noiselessSeconds: idealSeconds,
      noisySeconds,
      noisyTrajectories: noisy!.trajectories,
      perShotRatio: ratio,
      noiselessSamplerSeconds: engineSeconds,
      noisySamplerSeconds,
      noisySamplerVsNoiselessSampler: noisySamplerSeconds / engineSeconds,
      densityMatrix: { qubits: dmQubits, seconds: dmSeconds },
    };
  },
};
