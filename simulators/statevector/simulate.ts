import type { Circuit, Instruction } from '../../src/circuit/circuit';
import { gateDefinition } from '../../src/circuit/gates';
import { CircuitValidationError, throwIfAborted } from '../../src/errors';
import { apply1q } from './kernels/apply-1q';
import { applyDense } from './kernels/apply-dense';
import { applyDiagonal, applyDiagonal1q } from './kernels/apply-diagonal';
import { applyCx, applySwap, applyX } from './kernels/apply-permutation';
import { assertStateFits } from './memory-guard';

/** A state as two parallel typed arrays (little-endian index: qubit 0 is the LSB). */
export interface StateBuffers {
  readonly numQubits: number;
  readonly re: Float64Array;
  readonly im: Float64Array;
}

/** Options for {@link simulateStatevector}. */
export interface SimulateOptions {
  /** Checked between gates: a long simulation can be aborted. */
  signal?: AbortSignal;
}

/** Allocates |0…0⟩ after checking that it fits in memory. */
export function zeroState(numQubits: number): StateBuffers {
  assertStateFits(numQubits);
  const re = new Float64Array(2 ** numQubits);
  const im = new Float64Array(2 ** numQubits);
  re[0] = 1;
  return { numQubits, re, im };
}

/**
 * Numeric parameters of an instruction, or a {@link CircuitValidationError} naming the
 * unbound parameter.
 */
export function numericParams(ins: Instruction, index: number): number[] {
  return ins.params.map((p) => {
    if (typeof p === 'number') return p;
    throw new CircuitValidationError(
      `instruction ${index} (${ins.name}): unbound parameter(s) ${p.parameterNames().join(', ')}; bind values first`,
      index,
    );
  });
}

const scratch = new Float64Array(64);

/**
 * Applies one unitary gate to the state, gate by gate (no fusion): the specialised kernel
 * when there is one (diagonal, X/CX/SWAP permutations, 2×2), the dense kernel otherwise.
 */
export function applyGate(state: StateBuffers, name: string, qubits: readonly number[], params: readonly number[]): void {
  const { re, im } = state;
  switch (name) {
    case 'x':
      applyX(re, im, qubits[0]!);
      return;
    case 'cx':
      applyCx(re, im, qubits[0]!, qubits[1]!);
      return;
    case 'swap':
      applySwap(re, im, qubits[0]!, qubits[1]!);
      return;
    case 'id':
      return;
  }
  const def = gateDefinition(name);
  const mat = def.matrix(params);
  if (def.diagonal) {
    const d = new Float64Array(2 * mat.dim);
    for (let i = 0; i < mat.dim; i++) {
      d[2 * i] = mat.data[2 * (i * mat.dim + i)]!;
      d[2 * i + 1] = mat.data[2 * (i * mat.dim + i) + 1]!;
    }
    if (qubits.length === 1) applyDiagonal1q(re, im, qubits[0]!, d[0]!, d[1]!, d[2]!, d[3]!);
    else applyDiagonal(re, im, qubits, d);
    return;
  }
  if (qubits.length === 1) apply1q(re, im, qubits[0]!, mat.data);
  else applyDense(re, im, qubits, mat.data, scratch);
}

/** Multiplies every amplitude by e^{iφ}. */
export function applyGlobalPhase(state: StateBuffers, phi: number): void {
  if (phi === 0) return;
  const c = Math.cos(phi);
  const s = Math.sin(phi);
  const { re, im } = state;
  for (let i = 0; i < re.length; i++) {
    const xr = re[i]!, xi = im[i]!;
    re[i] = c * xr - s * xi;
    im[i] = c * xi + s * xr;
  }
}

/**
 * The final statevector of a circuit's unitary part, gate by gate. Barriers are skipped;
 * measurements are allowed only at the end of their qubit's timeline and are ignored here
 * (the sampler draws them from this state). Resets and mid-circuit measurements are refused.
 *
 * @throws {CircuitValidationError} for unbound parameters or mid-circuit measurement/reset
 * @throws {ResourceLimitError} when the state would not fit in memory
 */
export function simulateStatevector(circuit: Circuit, options: SimulateOptions = {}): StateBuffers {
  assertTerminalMeasurementsOnly(circuit);
  const state = zeroState(circuit.numQubits);
  const instrs = circuit.instructions;
  for (let i = 0; i < instrs.length; i++) {
    const ins = instrs[i]!;
    if (ins.name === 'barrier' || ins.name === 'measure') continue;
    if ((i & 63) === 0) throwIfAborted(options.signal);
    applyGate(state, ins.name, ins.qubits, numericParams(ins, i));
  }
  const gp = circuit.globalPhase;
  if (typeof gp !== 'number') {
    throw new CircuitValidationError(`global phase has unbound parameter(s): ${gp.parameterNames().join(', ')}`);
  }
  applyGlobalPhase(state, gp);
  return state;
}

/**
 * Throws unless every measurement is final on its qubit (no gate, reset or second
 * measurement after it) and there is no reset.
 */
export function assertTerminalMeasurementsOnly(circuit: Circuit): void {
  const measured = new Set<number>();
  circuit.instructions.forEach((ins, i) => {
    if (ins.name === 'barrier') return;
    if (ins.name === 'reset') {
      throw new CircuitValidationError(`instruction ${i} (reset): resets are not supported by the statevector simulator`, i);
    }
    for (const q of ins.qubits) {
      if (measured.has(q)) {
        throw new CircuitValidationError(
          `instruction ${i} (${ins.name}) acts on qubit ${q} after it was measured; only final measurements are supported`,
          i,
        );
      }
    }
    if (ins.name === 'measure') measured.add(ins.qubits[0]!);
  });
}
