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
import { NOISE_METHODS, parseNoiseMethod, type NoiseMethod } from '../../simulators/noisy';

/** The noise flags as commander parses them. */
export interface NoiseFlags {
  /** `--noise`: simulate the fake device's calibrated noise. */
  noise?: boolean;
  /** `--noise-method auto|density_matrix|trajectories`. */
  noiseMethod?: string;
}

/** Adds `--noise` and `--noise-method` to a command. */
export function addNoiseFlags(cmd: Command): Command {
  return cmd
    .option('--noise', "fake_* backends: simulate the device's calibrated noise (depolarizing + thermal relaxation per gate, readout per qubit)")
    .option('--noise-method <m>', `with --noise: ${NOISE_METHODS.join(' | ')} (auto: exact density matrix up to 13 touched qubits, else trajectories)`);
}

/**
 * The noise the flags ask for: null without `--noise`.
 *
 * @throws {InputValidationError} for `--noise-method` without `--noise`, or an unknown method
 */
export function noiseFlagsOf(flags: NoiseFlags): { method: NoiseMethod } | null {
  if (!flags.noise) {
    if (flags.noiseMethod !== undefined) throw new InputValidationError('--noise-method chooses how --noise is simulated: give --noise too');
    return null;
  }
  return { method: parseNoiseMethod(flags.noiseMethod ?? 'auto', '--noise-method') };
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
    return createFakeBackend(resolved, { noise: true, noiseMethod: noise.method });
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
}

/** Reads the noise a job used from its result metadata; null when it ran without noise. */
export function noiseUsed(metadata: Readonly<Record<string, unknown>>, flags: NoiseFlags): NoiseUsed | null {
  if (typeof metadata.noise !== 'string') return null;
  return { model: metadata.noise, method: String(metadata.noiseMethod), requested: flags.noiseMethod ?? 'auto' };
}

/** The human output line: `noise: <model>, method <method> (requested <requested>)`. */
export function noiseLine(used: NoiseUsed): string {
  return `noise: ${used.model}, method ${used.method}${used.requested === used.method ? '' : ` (--noise-method ${used.requested})`}`;
}
