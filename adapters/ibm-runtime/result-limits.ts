import type { SamplerRequest } from '../../src/primitives/types';
import { resultByteLimit } from './result-stream';
import { decodeResultText, type DecodedResult } from './results';

/** IBM's own default when neither the PUB, the request nor `options.default_shots` sets shots. */
const IBM_DEFAULT_SHOTS = 4096;

/**
 * The largest result a Sampler request can legally produce (see `resultByteLimit`): per PUB,
 * its parameter rows × shots × its registers' widths, shots as IBM resolves them (PUB, request,
 * `options.default_shots`, else 4096).
 */
export function samplerResultLimit(request: SamplerRequest): number {
  const fallback = typeof request.options?.default_shots === 'number' ? request.options.default_shots : IBM_DEFAULT_SHOTS;
  return resultByteLimit(
    request.pubs.map((p) => ({
      shots: p.shots ?? request.shots ?? fallback,
      rows: Math.max(1, p.parameterValues?.length ?? 1),
      registerBits: p.circuit.classicalRegisters.map((r) => r.size),
    })),
  );
}

/** A result body as text (buffered) or already decoded (streamed) → the decoded document. */
export function asDocument(body: string | DecodedResult): DecodedResult {
  return typeof body === 'string' ? decodeResultText(body) : body;
}
