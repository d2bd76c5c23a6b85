/**
 * The fidelity kernel under a noise model, exactly: every entry is the noisy P(0…0) of the
 * compute-uncompute ISA circuit fm(x) ∘ fm(y)⁻¹ + measure_all (the same template the sampled
 * kernel sends), read from the density-matrix simulator — no shot noise. Readout errors of the
 * model apply, as on the device.
 */
import type { Target } from '../core/target';
import { ResourceLimitError, throwIfAborted } from '../core/errors';
import { yieldToEventLoop } from '../core/abort';
import type { NoiseModel } from '../noise/noise-model';
import { MAX_DENSITY_MATRIX_QUBITS, measurementProbabilities, touchedQubits } from '../../simulators/density-matrix';
import type { PauliFeatureMap } from './feature-map';
import { rowsEqual, toFeatureMatrix, type FeatureInput } from './inputs';
import { KernelMatrix } from './kernel-matrix';
import type { EvaluateDuplicates } from './kernel-options';
import { buildTemplate } from './sampled';
import { scheduleIdleDelays } from '../transpiler/schedule';

/** Options of {@link noisyExactKernel}. */
export interface NoisyExactKernelOptions {
  /** Which trivial entries are set to 1 instead of simulated (as the QuantumKernel). @defaultValue 'off_diagonal' */
  readonly evaluateDuplicates?: EvaluateDuplicates;
  /** Checked between entries. */
  readonly signal?: AbortSignal;
  /**
   * Schedule the ISA circuit as late as possible and relax idle qubits during their waits
   * (`scheduleIdleDelays`; the noise model's delay relaxation applies). @defaultValue false
   */
  readonly idleRelaxation?: boolean;
}

/**
 * K(x_i, y_j) = noisy P(0…0) on `target` under `noise`, exactly (density matrix). `y` omitted:
 * the symmetric training kernel of `x`.
 *
 * @throws {ResourceLimitError} when the ISA circuit touches more qubits than the density-matrix simulator takes
 */
export async function noisyExactKernel(
  fm: PauliFeatureMap,
  target: Target,
  noise: NoiseModel,
  x: FeatureInput,
  y?: FeatureInput,
  options: NoisyExactKernelOptions = {},
): Promise<KernelMatrix> {
  const d = fm.featureDimension;
  const X = toFeatureMatrix(x, d, 'x');
  const Y = y === undefined ? X : toFeatureMatrix(y, d, 'y');
  const symmetric = y === undefined;
  const mode = options.evaluateDuplicates ?? 'off_diagonal';
  const template = await buildTemplate(fm, target);
  // Scheduling depends on gate names and qubits only, so the parameterised template is scheduled once.
  const circuit = options.idleRelaxation ? scheduleIdleDelays(template.circuit, target).circuit : template.circuit;
  const touched = touchedQubits(circuit).length;
  if (touched > MAX_DENSITY_MATRIX_QUBITS) {
    throw new ResourceLimitError(
      `the exact noisy kernel needs a ${touched}-qubit density matrix (the ISA circuit touches ${touched} qubits); the limit is ${MAX_DENSITY_MATRIX_QUBITS}`,
    );
  }
  const zeros = '0'.repeat(circuit.numClbits);
  const out = new Float64Array(X.rows * Y.rows);
  for (let i = 0; i < X.rows; i++) {
    await yieldToEventLoop();
    throwIfAborted(options.signal);
    for (let j = symmetric ? i : 0; j < Y.rows; j++) {
      const trivial = mode !== 'all' && ((symmetric && i === j) || (mode === 'none' && rowsEqual(X, i, Y, j)));
      let v = 1;
      if (!trivial) {
        const row = template.sources.map(([src, k]) => (src === 0 ? X.data[i * d + k]! : Y.data[j * d + k]!));
        v = measurementProbabilities(circuit.assignParameters(row), { noise, signal: options.signal }).probabilities.get(zeros) ?? 0;
      }
      out[i * Y.rows + j] = v;
      // Symmetric: mirrored, as the sampled kernel evaluates each pair once (x = row i, y = row j, i < j).
      if (symmetric) out[j * Y.rows + i] = v;
    }
  }
  return new KernelMatrix(X.rows, Y.rows, out);
}
