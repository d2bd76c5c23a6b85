import type { NoiseModel } from '../../src/noise/noise-model';

/**
 * One line naming a noise model: where it came from and how many errors it attaches (the full
 * list is `NoiseModel.describe()`, one line per error, a thousand lines for a 156-qubit device).
 */
export function noiseSummary(model: NoiseModel, source: string): string {
  const s = model.snapshot();
  const gates = s.allQubitErrors.size + s.localErrors.size;
  const readout = s.localReadout.length + (s.allQubitReadout ? 1 : 0);
  const delays = s.allQubitDelayRelaxation ? 'all qubits' : `${s.delayRelaxation.size} qubit${s.delayRelaxation.size === 1 ? '' : 's'}`;
  const delayPart = s.allQubitDelayRelaxation || s.delayRelaxation.size ? `, delay relaxation on ${delays}` : '';
  return `${source} (${gates} gate error${gates === 1 ? '' : 's'}, ${readout} readout error${readout === 1 ? '' : 's'}${delayPart})`;
}

/**
 * The job metadata of a noisy run: the model (`noise`: one-line summary, `noiseModel`: its
 * `describe()`), the method(s) the PUBs used, and the seed the job ran with.
 */
export function noisyJobMetadata(
  pubs: readonly { readonly metadata: Readonly<Record<string, unknown>> }[],
  model: NoiseModel,
  source: string,
  seed: number,
): Record<string, unknown> {
  const methods = [...new Set(pubs.map((p) => String(p.metadata.noiseMethod)))];
  return { noise: noiseSummary(model, source), noiseModel: model.describe(), noiseMethod: methods.join(', '), seed };
}
