/**
 * Which noisy simulation method runs a circuit: the exact density-matrix simulator while the
 * qubits the circuit touches fit it, quantum trajectories beyond.
 */
import { InputValidationError, ResourceLimitError } from '../../src/core/errors';
import { assertDensityMatrixFits, MAX_DENSITY_MATRIX_QUBITS } from '../density-matrix';

/** The noisy methods, and `'auto'` (density matrix when it fits, else trajectories). */
export const NOISE_METHODS = ['auto', 'density_matrix', 'trajectories'] as const;

/** A requested noisy simulation method. */
export type NoiseMethod = (typeof NOISE_METHODS)[number];

/** A method that actually runs (what `'auto'` resolves to). */
export type ResolvedNoiseMethod = Exclude<NoiseMethod, 'auto'>;

/**
 * Checks a requested method name.
 *
 * @param what how the caller names the setting in errors (e.g. `--noise-method`)
 * @throws {InputValidationError} for anything but `auto`, `density_matrix`, `trajectories`
 */
export function parseNoiseMethod(value: unknown, what = 'noiseMethod'): NoiseMethod {
  if (typeof value === 'string' && (NOISE_METHODS as readonly string[]).includes(value)) return value as NoiseMethod;
  throw new InputValidationError(`${what} must be one of ${NOISE_METHODS.join(', ')}; got '${String(value)}'`);
}

/**
 * Resolves `'auto'`: the density matrix when the touched qubits are at most
 * {@link MAX_DENSITY_MATRIX_QUBITS} and its working copies fit in memory, else trajectories.
 * An explicit method is returned as is (its own limits are checked when it runs).
 */
export function chooseNoiseMethod(touchedQubitCount: number, requested: NoiseMethod = 'auto'): ResolvedNoiseMethod {
  if (requested !== 'auto') return requested;
  try {
    assertDensityMatrixFits(touchedQubitCount);
    return 'density_matrix';
  } catch (e) {
    if (e instanceof ResourceLimitError) return 'trajectories';
    throw e;
  }
}
