import * as os from 'node:os';
import { ResourceLimitError } from '../../src/core/errors';

/** Bytes per amplitude: two float64 (real and imaginary parts). */
export const BYTES_PER_AMPLITUDE = 16;

/**
 * The hard cap from index arithmetic: kernels use 32-bit bitwise operations on indices, so
 * 2^30 amplitudes is the most they address safely.
 */
export const MAX_QUBITS_BY_INDEXING = 30;

let cachedLimit = 0;
let cachedAt = -Infinity;
/** How long a measured limit is reused: reading the cgroup limit costs tens of microseconds. */
const LIMIT_CACHE_MS = 5000;

/**
 * Memory the process may use: the cgroup limit when there is one, else physical memory.
 * Cached for a few seconds (simulating many small circuits would otherwise pay for the query
 * every time).
 */
export function availableMemoryBytes(): number {
  const now = Date.now();
  if (now - cachedAt < LIMIT_CACHE_MS) return cachedLimit;
  const constrained =
    typeof process.constrainedMemory === 'function' ? process.constrainedMemory() : 0;
  const total = os.totalmem();
  cachedLimit = constrained && constrained > 0 && constrained < total ? constrained : total;
  cachedAt = now;
  return cachedLimit;
}

/**
 * Refuses, before any allocation, a state of `numQubits` qubits that would not fit.
 * @param copies how many state-sized buffers the operation needs (default 1)
 * @throws {ResourceLimitError} naming n and the bytes needed
 */
export function assertStateFits(numQubits: number, copies = 1, limitBytes = availableMemoryBytes()): void {
  const bytes = 2 ** numQubits * BYTES_PER_AMPLITUDE * copies;
  if (numQubits > MAX_QUBITS_BY_INDEXING || bytes > limitBytes) {
    throw new ResourceLimitError(
      `a ${numQubits}-qubit statevector needs ${formatBytes(bytes)} (${bytes} bytes), ` +
        `more than the ${formatBytes(limitBytes)} this process can use` +
        (numQubits > MAX_QUBITS_BY_INDEXING ? ` (the simulator's limit is ${MAX_QUBITS_BY_INDEXING} qubits)` : ''),
    );
  }
}

/** Bytes as a short human-readable size (KiB, MiB, ... with one decimal below 10). */
export function formatBytes(b: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let i = 0;
  while (b >= 1024 && i < units.length - 1) {
    b /= 1024;
    i++;
  }
  return `${b.toFixed(b < 10 ? 1 : 0)} ${units[i]}`;
}
