/**
 * `--kernel projected` on `qbridge kernel` and `qbridge qsvc`: the flags, the kernel they
 * describe, what the output says was used, and the spend estimate on IBM devices.
 */
import type { Command } from 'commander';
import type { Backend } from '../backend';
import { InputValidationError } from '../core/errors';
import { prepareIsaCircuit, type PreparedCircuit } from '../primitives/isa-prepare';
import { acquireBackend } from '../index';
import { ProjectedQuantumKernel } from '../kernel/projected';
import { shotsForPrecision } from '../primitives/validate';
import { checkShotsForBackend, integerFlag, numberFlag, shotsFlag } from './flags';
import { featureMapFromFlags, type KernelFlags } from './kernel-flags';
import type { CliIo } from './io';
import { checkSpend } from './spend';

/** The flags this module adds. */
export interface ProjectedFlags {
  /** `--kernel`: fidelity (default) or projected. */
  kernel?: string;
  /** `--gamma`: γ of the projected kernel's Gaussian. */
  gamma?: string;
  /** `--precision`: the Estimator's target standard error (projected kernel, estimated path). */
  precision?: string;
}

/** Adds `--kernel`, `--gamma` and `--precision` to a command. */
export function addProjectedKernelFlags(cmd: Command): Command {
  return cmd
    .option('--kernel <kind>', 'fidelity (|⟨ψ(x)|ψ(y)⟩|²) | projected (Huang et al. 2021: Gaussian on the one-qubit reduced density matrices; --method auto | statevector | estimator)', 'fidelity')
    .option('--gamma <g>', '--kernel projected: γ > 0 of exp(−γ Σ_k ‖ρ_k(x) − ρ_k(y)‖²_F) (default 1)')
    .option('--precision <p>', '--kernel projected: Estimator target standard error of each ⟨X_k⟩, ⟨Y_k⟩, ⟨Z_k⟩ (⌈1/p²⌉ shots per basis; 0 = exact on simulators)');
}

/**
 * True for `--kernel projected`; refuses an unknown kind and the projected-only flags on the
 * fidelity kernel (they would change nothing there).
 * @throws {InputValidationError} naming the flag
 */
export function wantsProjected(flags: ProjectedFlags): boolean {
  const kind = flags.kernel ?? 'fidelity';
  if (kind !== 'fidelity' && kind !== 'projected') throw new InputValidationError(`--kernel must be fidelity or projected, got '${kind}'`);
  if (kind === 'fidelity') {
    for (const [flag, v] of [['--gamma', flags.gamma], ['--precision', flags.precision]] as const) {
      if (v !== undefined) throw new InputValidationError(`${flag} applies to --kernel projected only`);
    }
  }
  return kind === 'projected';
}

/**
 * The Estimator precision that runs exactly `shots` shots per basis (⌈1/p²⌉ = shots): 1/√shots,
 * nudged up when rounding would make ⌈1/p²⌉ one more than asked.
 */
export function precisionForShots(shots: number): number {
  let p = 1 / Math.sqrt(shots);
  while (shotsForPrecision(p) > shots) p *= 1 + 1e-15;
  return p;
}

/**
 * The projected kernel (and its backend) the flags describe. The fidelity kernel's sampling
 * flags that mean nothing here are refused rather than ignored. `--method auto` takes the
 * estimated path when `--shots` or `--precision` is given (shot noise on a simulator) or the
 * backend has no statevectors; the exact path otherwise.
 * @throws {InputValidationError} naming the flag at fault
 */
export async function projectedKernelFromFlags(
  flags: KernelFlags & ProjectedFlags & { resume?: boolean },
  dimension: number,
  given?: { backend: Backend },
): Promise<{ kernel: ProjectedQuantumKernel; backend: Backend }> {
  if (flags.resume) throw new InputValidationError('--resume applies to --kernel fidelity only (the projected kernel does not journal resumable chunks)');
  if (flags.maxCircuitsPerJob !== undefined) throw new InputValidationError('--max-circuits-per-job applies to --kernel fidelity only (the projected kernel runs one PUB per point)');
  if (flags.enforcePsd) throw new InputValidationError('--enforce-psd applies to --kernel fidelity only (the projected kernel is PSD by construction)');
  if ((flags.evaluateDuplicates ?? 'off_diagonal') !== 'off_diagonal') {
    throw new InputValidationError('--evaluate-duplicates applies to --kernel fidelity only (equal points have equal projected features: their entry is 1)');
  }
  const method = flags.method ?? 'auto';
  if (!['auto', 'statevector', 'estimator'].includes(method)) {
    throw new InputValidationError(`--method must be auto, statevector or estimator with --kernel projected, got '${method}'`);
  }
  const gamma = flags.gamma === undefined ? undefined : numberFlag('--gamma', flags.gamma);
  if (gamma !== undefined && !(gamma > 0)) throw new InputValidationError(`--gamma must be a number > 0, got '${flags.gamma}'`);
  const shots = shotsFlag(flags.shots);
  const precisionGiven = flags.precision === undefined ? undefined : numberFlag('--precision', flags.precision);
  if (precisionGiven !== undefined && (precisionGiven < 0 || precisionGiven > 1)) {
    throw new InputValidationError(`--precision must be a number from 0 to 1, got '${flags.precision}'`);
  }
  if (shots !== undefined && precisionGiven !== undefined) throw new InputValidationError('give --shots or --precision, not both (--precision p means ⌈1/p²⌉ shots per basis)');
  const precision = precisionGiven ?? (shots === undefined ? undefined : precisionForShots(shots));
  const featureMap = featureMapFromFlags(flags, dimension);
  const backend = given?.backend ?? (await acquireBackend(flags.backend));
  checkShotsForBackend(shots, backend);
  if (precision !== undefined && precision > 0 && shotsForPrecision(precision) > backend.target.maxShots) {
    throw new InputValidationError(`--precision ${flags.precision} needs ${shotsForPrecision(precision)} shots per basis, more than backend '${backend.name}''s limit of ${backend.target.maxShots}`);
  }
  if (method === 'statevector' && precision !== undefined) {
    throw new InputValidationError(`${shots !== undefined ? '--shots' : '--precision'} needs the estimated path: use --method estimator (or auto), not statevector`);
  }
  const resolved = method === 'auto' && precision !== undefined ? 'estimator' : (method as 'auto' | 'statevector' | 'estimator');
  try {
    const kernel = new ProjectedQuantumKernel({
      featureMap,
      backend,
      method: resolved,
      ...(gamma === undefined ? {} : { gamma }),
      ...(precision === undefined ? {} : { precision }),
      seed: integerFlag('--seed', flags.seed, 0, 2 ** 32 - 1),
    });
    return { kernel, backend };
  } catch (e) {
    // What the library can still refuse is the path the backend cannot take.
    if (e instanceof InputValidationError && /statevectors/.test(e.message)) {
      throw new InputValidationError(`--method statevector: backend '${backend.name}' has no statevectors; use --method estimator`, undefined, { cause: e });
    }
    throw e;
  }
}

/** What `--json` reports of the projected kernel used. */
export function projectedJson(kernel: ProjectedQuantumKernel): Record<string, unknown> {
  return {
    kernel: 'projected',
    gamma: kernel.gamma,
    method: kernel.method,
    ...(kernel.method === 'estimator' ? { precision: kernel.precision ?? null, shots_per_basis: kernel.precision ? shotsForPrecision(kernel.precision) : null } : {}),
  };
}

/** One line naming the projected kernel used. */
export function projectedLine(kernel: ProjectedQuantumKernel): string {
  const how =
    kernel.method === 'statevector'
      ? 'exact one-qubit reduced density matrices from the statevectors'
      : `⟨X_k⟩, ⟨Y_k⟩, ⟨Z_k⟩ from the Estimator (${kernel.stats.pubsSubmitted} PUBs, one per point, in ${kernel.stats.jobsSubmitted} job(s); ` +
        (kernel.precision === undefined ? "the backend's default precision)" : kernel.precision === 0 ? 'precision 0: exact)' : `precision ${kernel.precision.toPrecision(4)}, ${shotsForPrecision(kernel.precision)} shots per basis)`);
  return `kernel: projected, K = exp(−γ Σ_k ‖ρ_k(x) − ρ_k(y)‖²_F) with γ = ${kernel.gamma}; ${how}`;
}

/**
 * IBM Estimator precision when none is given: its `default_precision`, 0.015625 (4096 shots).
 * Used only to estimate the spend.
 */
const IBM_DEFAULT_PRECISION = 0.015625;

/**
 * Prints the spend estimate of the estimated projected kernel of `points` distinct points on an
 * IBM device and refuses above the threshold without `--yes`. Circuits: three per point, since
 * the Estimator measures qubit-wise commuting terms together and X_0…X_{n−1}, Y_…, Z_… are three
 * such groups; an upper bound, as points already measured are reused.
 * @throws {ConfigurationError} naming `--yes` above the threshold
 */
export async function checkProjectedSpend(io: CliIo, kernel: ProjectedQuantumKernel, backend: Backend, points: number, yes: boolean): Promise<void> {
  if (kernel.method !== 'estimator') return;
  const shots = shotsForPrecision(kernel.precision || IBM_DEFAULT_PRECISION);
  const jobs = Math.ceil(points / Math.min(backend.target.maxPubsPerJob, kernel.maxPubsPerJob ?? Infinity));
  const target = backend.target;
  // Every circuit is the feature map on the device's ISA, read out on all its qubits.
  const prepared = (): PreparedCircuit => (target.requiresIsa ? prepareIsaCircuit(kernel.featureMap.circuit(), target) : { circuit: kernel.featureMap.circuit(), physical: Array.from({ length: kernel.featureMap.numQubits }, (_, i) => i), transpiled: false });
  let physical: readonly number[] = [];
  await checkSpend(
    io,
    backend,
    {
      circuits: 3 * points,
      shots,
      jobs,
      circuit: () => {
        const p = prepared();
        physical = p.physical;
        return p.circuit;
      },
      readoutQubits: () => physical,
      note: 'circuits: at most three measurement bases per point',
    },
    yes,
  );
}
