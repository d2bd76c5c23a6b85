/**
 * IBM's own readout mitigation for the Estimator: TREX (twirled readout error extinction, van
 * den Berg, Minev & Temme, PRA 105, 032620 (2022)). Measurement twirling randomises each
 * measurement by a Pauli X before it and a classical flip after it, which turns the readout
 * error of every qubit into a symmetric bit flip; IBM then learns that flip and divides it out
 * of the expectation values (`resilience.measure_mitigation`). IBM's `resilience_level` 1 (its
 * default) turns both on; these options turn them on explicitly, whatever the level.
 */
import { InputValidationError } from '../../src/core/errors';
import type { EstimatorRuntimeOptions } from './options';

/**
 * `options` with IBM's measurement mitigation on: `resilience.measure_mitigation: true` and
 * `twirling.enable_measure: true`, every other option kept.
 *
 * @example
 * const est = new Estimator(ibmBackend, { options: withMeasurementMitigation({ default_precision: 0.01 }) });
 * @throws {InputValidationError} when `options` switches either of them off explicitly (asking
 *   for mitigation and refusing it at once)
 */
export function withMeasurementMitigation(options: EstimatorRuntimeOptions = {}): EstimatorRuntimeOptions {
  if (options.resilience?.measure_mitigation === false) {
    throw new InputValidationError('measurement mitigation asked for, but resilience.measure_mitigation is false');
  }
  if (options.twirling?.enable_measure === false) {
    throw new InputValidationError('measurement mitigation asked for, but twirling.enable_measure is false');
  }
  return {
    ...options,
    resilience: { ...options.resilience, measure_mitigation: true },
    twirling: { ...options.twirling, enable_measure: true },
  };
}
