/**
 * `--noise` and `--noise-method`, shared by every command that takes `--backend` and runs
 * circuits (run, kernel, qsvc): one home for parsing them, building the noisy backend and
 * saying in the output which noise model and method were used.
 */
import type { Command } from 'commander';
import type { Backend } from '../backend';
import { InputValidationError } from '../core/errors';
import { defaultBackendName } from '../registry';
import { createFakeBackend, FAKE_BACKEND_NAMES } from '../../simulators/fake';
import { touchedQubits } from '../../simulators/density-matrix';
import { chooseNoiseMethod, NOISE_METHODS, noiseSummary, parseNoiseMethod, type NoiseMethod } from '../../simulators/noisy';
import { noiseModelFromDevice } from '../noise/from-device';
import type { NoiseModel } from '../noise/noise-model';
import type { PauliFeatureMap } from '../kernel/feature-map';
import { buildTemplate } from '../kernel/sampled';

/** Backends this module made for `--noise`: their model and its one-line summary. */
const NOISY = new WeakMap<Backend, { readonly model: NoiseModel; readonly summary: string }>();

/** The noise flags as commander parses them. */
export interface NoiseFlags {
  /** `--noise`: simulate the fake device's calibrated noise. */
  noise?: boolean;
  /** `--noise-method auto|density_matrix|trajectories`. */
  noiseMethod?: string;
  /** `--noise-idle`: schedule ALAP and let idle qubits relax. */
  noiseIdle?: boolean;
  /**
   * Not a flag: set by `kernel`, which computes the noisy kernel exactly from the density matrix
   * itself when `--shots` is absent (so no `--shots` is needed there).
   */
  exactNoisyKernel?: boolean;
}

/** The noise model of a backend made by {@link noisyBackendFromFlags} (undefined for any other). */
export function cliNoiseModel(backend: Backend): NoiseModel | undefined {
  return NOISY.get(backend)?.model;
}

/** Adds `--noise` and `--noise-method` to a command. */
export function addNoiseFlags(cmd: Command): Command {
  return cmd
    .option('--noise', "fake_* backends: simulate the device's calibrated noise (depolarizing + thermal relaxation per gate, readout per qubit)")
    .option('--noise-method <m>', `with --noise: ${NOISE_METHODS.join(' | ')} (auto: exact density matrix up to 13 touched qubits, else trajectories)`)
    .option('--noise-idle', "with --noise: schedule the ISA circuit as late as possible from the device's gate lengths and let qubits relax (T1/T2) while they wait");
}

/**
 * The noise the flags ask for: null without `--noise`.
 *
 * @throws {InputValidationError} for `--noise-method` without `--noise`, or an unknown method
 */
export function noiseFlagsOf(flags: NoiseFlags): { method: NoiseMethod; idle: boolean } | null {
  if (!flags.noise) {
    if (flags.noiseMethod !== undefined) throw new InputValidationError('--noise-method chooses how --noise is simulated: give --noise too');
    if (flags.noiseIdle) throw new InputValidationError('--noise-idle lets idle qubits relax under --noise: give --noise too');
    return null;
  }
  return { method: parseNoiseMethod(flags.noiseMethod ?? 'auto', '--noise-method'), idle: flags.noiseIdle === true };
}

/**
 * The backend for `--backend NAME --noise`: a fake device with its own calibrated noise model.
 * Returns undefined without `--noise` (the caller resolves the backend as before).
 *
 * @throws {InputValidationError} naming `--noise` for a backend without calibration (local, IBM devices)
 */
export async function noisyBackendFromFlags(name: string | undefined, flags: NoiseFlags): Promise<Backend | undefined> {
  const noise = noiseFlagsOf(flags);
  if (!noise) return undefined;
  const resolved = name ?? defaultBackendName();
  if ((FAKE_BACKEND_NAMES as readonly string[]).includes(resolved)) {
    const backend = await createFakeBackend(resolved, { noise: true, noiseMethod: noise.method, idleRelaxation: noise.idle });
    const model = noiseModelFromDevice(backend.target).model;
    NOISY.set(backend, { model, summary: noiseSummary(model, `calibrated noise model of ${resolved}`) });
    return backend;
  }
  if (resolved === 'local') {
    throw new InputValidationError(
      "--noise simulates a device's calibrated noise, and the local simulator has no calibration; use a fake device (e.g. --backend fake_fez --noise)",
    );
  }
  throw new InputValidationError(`--noise works on fake_* backends (${FAKE_BACKEND_NAMES.join(', ')}), not on '${resolved}'`);
}

/** What a noisy result's metadata says about its noise: model summary and method used. */
export interface NoiseUsed {
  /** One-line summary of the model (source and error counts). */
  readonly model: string;
  /** The method(s) that ran (`density_matrix`, `trajectories`). */
  readonly method: string;
  /** The method asked for (`auto` or a method name). */
  readonly requested: string;
  /** Whether idle qubits relaxed (`--noise-idle`). */
  readonly idle: boolean;
}

/** Reads the noise a job used from its result metadata; null when it ran without noise. */
export function noiseUsed(metadata: Readonly<Record<string, unknown>>, flags: NoiseFlags): NoiseUsed | null {
  if (typeof metadata.noise !== 'string') return null;
  return { model: metadata.noise, method: String(metadata.noiseMethod), requested: flags.noiseMethod ?? 'auto', idle: flags.noiseIdle === true };
}

/** The human output line: `noise: <model>, method <method>` (plus `(chosen by --noise-method auto)`). */
export function noiseLine(used: NoiseUsed): string {
  const idle = used.idle ? ', idle qubits relax (ALAP schedule)' : '';
  return `noise: ${used.model}, method ${used.method}${used.requested === used.method ? '' : ` (chosen by --noise-method ${used.requested})`}${idle}`;
}

/**
 * The kernel path under `--noise`: the noisy backend is sampled (`sampler`), since the exact
 * statevector path would compute the noiseless kernel. Without `--noise` the method flag is
 * returned unchanged.
 *
 * @throws {InputValidationError} for `--method statevector` or no `--shots` with `--noise`, or
 *   `--noise` on a backend it did not make (e.g. with `--batch`)
 */
export function kernelMethodUnderNoise(flags: NoiseFlags & { method?: string; shots?: string }, backend: Backend): string | undefined {
  if (!noiseFlagsOf(flags)) return flags.method;
  if (!NOISY.has(backend)) throw new InputValidationError("--noise simulates a fake device's calibration; it cannot be combined with --batch");
  if (flags.method === 'statevector') {
    throw new InputValidationError('--method statevector computes the noiseless kernel; with --noise use --method sampler (or leave --method auto)');
  }
  if (flags.shots === undefined && !flags.exactNoisyKernel) {
    throw new InputValidationError(
      '--noise needs --shots N here: the noisy kernel is estimated from N shots per entry (`qbridge kernel --noise` without --shots computes it exactly from the density matrix)',
    );
  }
  return 'sampler';
}

/** Refuses `--noise` where a command path does not simulate it (named by `what`). */
export function refuseNoise(flags: NoiseFlags, what: string): void {
  if (noiseFlagsOf(flags)) throw new InputValidationError(`--noise is not supported with ${what}`);
}

/**
 * What a noisy kernel used: the model summary and the method the compute-uncompute circuit of
 * `fm` runs with on `backend` (the same ISA template the sampled kernel sends). Null when
 * `backend` is not a `--noise` backend.
 */
export async function kernelNoiseUsed(flags: NoiseFlags, fm: PauliFeatureMap, backend: Backend): Promise<NoiseUsed | null> {
  const model = NOISY.get(backend)?.summary;
  if (model === undefined) return null;
  const requested = parseNoiseMethod(flags.noiseMethod ?? 'auto', '--noise-method');
  const { circuit } = await buildTemplate(fm, backend.target);
  return { model, method: chooseNoiseMethod(touchedQubits(circuit).length, requested), requested, idle: flags.noiseIdle === true };
}

/**
 * The `noise` entry of a command's JSON output (absent without noise); `path` says how a
 * kernel was computed (`exact`: density-matrix probabilities, `sampled`: shots).
 */
export function noiseJson(
  used: NoiseUsed | null,
  path?: 'exact' | 'sampled',
): { noise?: { model: string; method: string; idleRelaxation: boolean; path?: string } } {
  return used ? { noise: { model: used.model, method: used.method, idleRelaxation: used.idle, ...(path ? { path } : {}) } } : {};
}
