import { Circuit, type Instruction } from '../circuit/circuit';
import type { Angle } from '../circuit/parameter';
import { angle } from '../circuit/parameter';

/**
 * The transpiler's working form: a flat list of operations plus a global phase. Passes take a
 * {@link Program} and return a new one; qubit indices are virtual before layout and physical
 * after it. One operation is the circuit model's {@link Instruction} (the transpiler adds no
 * fields of its own).
 */
export type Op = Instruction;

/** Operations, the number of qubits they index, and the accumulated global phase. */
export interface Program {
  readonly numQubits: number;
  readonly ops: Op[];
  globalPhase: Angle;
}

/** Builds an {@link Op} (no validation: passes only emit known gates). */
export function op(name: string, qubits: readonly number[], params: readonly Angle[] = [], clbits: readonly number[] = []): Op {
  return { name, qubits, params, clbits };
}

/** The circuit's instructions as a {@link Program}. */
export function programFromCircuit(c: Circuit): Program {
  return {
    numQubits: c.numQubits,
    // An if_else keeps its condition and bodies (the control-flow pass reads them).
    ops: c.instructions.map((i) => (i.blocks ? i : op(i.name, i.qubits, i.params, i.clbits))),
    globalPhase: c.globalPhase,
  };
}

/**
 * A circuit of `numQubits` qubits with the template's classical registers and name, holding
 * the program's operations (validated by {@link Circuit.appendInstruction}; `if_else` included).
 */
export function circuitFromProgram(p: Program, template: Circuit, numQubits = p.numQubits): Circuit {
  const out = new Circuit(numQubits, {
    name: template.name,
    classicalRegisters: template.classicalRegisters.map((r) => [r.name, r.size] as const),
  });
  out.globalPhase = p.globalPhase;
  for (const o of p.ops) out.appendInstruction(o);
  return out;
}

/** Adds `delta` to the program's global phase (numbers stay numbers). */
export function addPhase(p: Program, delta: Angle): void {
  if (typeof delta === 'number' && delta === 0) return;
  p.globalPhase = angle.add(p.globalPhase, delta);
}
