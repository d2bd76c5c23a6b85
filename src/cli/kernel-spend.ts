/**
 * The spend estimate of a sampled `qbridge kernel` run on an IBM device: one circuit per kernel
 * entry evaluated, chunked into jobs the way the kernel plans them ({@link planJobs}), every
 * circuit an instance of the kernel's one compute-uncompute ISA template.
 */
import type { Backend } from '../backend';
import type { QuantumKernel } from '../kernel/quantum-kernel';
import { isPaid } from '../ibm/spend-estimate';
import { buildTemplate, planJobs } from '../kernel/sampled';
import type { CliIo } from './io';
import { checkSpend } from './spend';
import { DEFAULT_CALIBRATION_SHOTS, templateQubits } from '../kernel/mitigation';
import { calibrationCircuit } from '../noise/mitigation/measure-assignment';

/** The sampled kernel's default shots, as {@link QuantumKernel} uses them. */
const KERNEL_DEFAULT_SHOTS = 1024;

/**
 * Prints the estimate of a sampled kernel of `rows` × `cols` points (`cols` undefined:
 * symmetric) on stderr and refuses above the threshold without `--yes`. The circuit count is an
 * upper bound: duplicate points may be skipped (`--evaluate-duplicates`) and `--resume` reuses jobs.
 * @throws {ConfigurationError} naming `--yes` above the threshold
 */
export async function checkKernelSpend(io: CliIo, kernel: QuantumKernel, backend: Backend, rows: number, cols: number | undefined, yes: boolean): Promise<void> {
  await checkSampledSpend(io, kernel, backend, kernelCircuits(kernel, rows, cols), yes);
}

/** The most circuits a `rows` × `cols` kernel (`cols` undefined: symmetric) evaluates. */
export function kernelCircuits(kernel: QuantumKernel, rows: number, cols: number | undefined): number {
  return cols === undefined ? (kernel.evaluateDuplicates === 'all' ? (rows * (rows + 1)) / 2 : (rows * (rows - 1)) / 2) : rows * cols;
}

/**
 * Prints the estimate of `circuits` sampled kernel circuits and refuses above the threshold without `--yes`.
 * @throws {ConfigurationError} naming `--yes` above the threshold
 */
export async function checkSampledSpend(io: CliIo, kernel: QuantumKernel, backend: Backend, circuits: number, yes: boolean): Promise<void> {
  if (kernel.method !== 'sampler' || !isPaid(backend.name, backend.target)) return;
  const shots = kernel.shots ?? KERNEL_DEFAULT_SHOTS;
  const jobs = planJobs(circuits, backend.target, shots, kernel.maxCircuitsPerJob, kernel.maxRowsPerPub).length;
  await checkSpend(
    io,
    backend,
    {
      circuits,
      shots,
      jobs,
      circuit: async () => (await buildTemplate(kernel.featureMap, backend.target)).circuit,
      note: 'circuits: at most, one per kernel entry',
    },
    yes,
  );  // --mitigate measured: the readout calibration job (2 circuits) is paid too; asked about on its
  // own, before anything is submitted (an upper bound: a calibration already cached is not rerun).
  if (kernel.mitigation?.matrices === 'measured') {
    const template = await buildTemplate(kernel.featureMap, backend.target);
    const calShots = kernel.mitigation.calibrationShots ?? DEFAULT_CALIBRATION_SHOTS;
    await checkSpend(io, backend, { circuits: 2, shots: calShots, jobs: 1, circuit: calibrationCircuit(backend, templateQubits(template.circuit), 1), note: 'readout calibration circuits of --mitigate measured' }, yes);
  }
}
