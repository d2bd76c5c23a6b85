/**
 * Runs one Sampler PUB the way the real service would: parse the ISA circuit, check it against
 * the device (IBM code 1517 for a non-ISA instruction, inside if bodies too), then simulate only
 * the touched physical qubits (indices compressed): a static circuit once on the local
 * statevector simulator, sampling the measurements; a dynamic one (mid-circuit measurement,
 * reset, if_else) shot by shot on the server's own dense executor (./dynamic.ts).
 */
import { Circuit, type Instruction } from '../../../src/circuit';
import { parseQasm } from '../../../src/circuit/qasm';
import { Statevector } from '../../../simulators/statevector';
import { sampleDynamic, type DynOp } from './dynamic';
import { evalAngle, IsaParseError, parseIsaQasm, type IsaOp } from './isa-qasm';

/** A numeric operation on physical qubits (an if_else carries its condition and bodies). */
type NumOp = DynOp;

/** Which QASM reader the server uses for Sampler circuits: its own ISA reader, or the product's `parseQasm` (`library`; `auto` is the same). */
export type ParserChoice = 'builtin' | 'library' | 'auto';

/** Samples of one register in the plain JSON result format. */
export interface RegisterSamples {
  samples: string[];
  num_bits: number;
}

/** The outcome of one PUB. */
export type PubOutcome =
  | { ok: true; data: Record<string, RegisterSamples>; shots: number }
  | { ok: false; code: number; reason: string };

function viaBuiltin(qasm: string, env: Record<string, number>): { ops: NumOp[]; registers: { name: string; size: number }[] } {
  const prog = parseIsaQasm(qasm);
  for (const name of prog.inputs) {
    if (!(name in env)) throw new IsaParseError(`no value for input parameter '${name}'`);
  }
  const numeric = (op: IsaOp): NumOp => {
    const { body, orelse, params, ...rest } = op;
    return {
      ...rest,
      params: params.map((p) => evalAngle(p, env)),
      ...(body ? { body: body.map(numeric) } : {}),
      ...(orelse ? { orelse: orelse.map(numeric) } : {}),
    };
  };
  return { ops: prog.ops.map(numeric), registers: prog.registers };
}

function viaLibrary(qasm: string, env: Record<string, number>): { ops: NumOp[]; registers: { name: string; size: number }[] } {
  let circuit = parseQasm(qasm);
  if (circuit.parameters.length) {
    const binding: Record<string, number> = {};
    for (const n of circuit.parameters) {
      if (!(n in env)) throw new IsaParseError(`no value for input parameter '${n}'`);
      binding[n] = env[n]!;
    }
    circuit = circuit.assignParameters(binding);
  }
  const regs = circuit.classicalRegisters;
  const regBit = (c: number): { reg: string; index: number } => {
    const reg = regs.find((r) => c >= r.offset && c < r.offset + r.size)!;
    return { reg: reg.name, index: c - reg.offset };
  };
  const convert = (ins: Instruction): NumOp => {
    const op: NumOp = { name: ins.name, qubits: [...ins.qubits], params: ins.params.map((p) => p as number) };
    if (ins.name === 'measure') op.clbit = regBit(ins.clbits[0]!);
    if (ins.condition) {
      op.cond = { bits: ins.condition.clbits.map(regBit), value: ins.condition.value };
      op.body = ins.blocks![0]!.map(convert);
      if (ins.blocks![1]) op.orelse = ins.blocks![1].map(convert);
    }
    return op;
  };
  return { ops: circuit.instructions.map(convert), registers: regs.map((r) => ({ name: r.name, size: r.size })) };
}

interface DeviceGates {
  numQubits: number;
  supported: Set<string>;
  edges: Map<string, Set<string>>;
}

/** The ISA facts of a configuration document: `n_qubits`, `supported_instructions`, per-gate `coupling_map`. */
export function deviceGates(configuration: Record<string, unknown>): DeviceGates {
  const supported = new Set<string>([...(configuration.supported_instructions as string[]), 'barrier']);
  const edges = new Map<string, Set<string>>();
  for (const g of configuration.gates as { name: string; coupling_map?: number[][] }[]) {
    if (g.coupling_map) edges.set(g.name, new Set(g.coupling_map.map((e) => e.join(','))));
  }
  return { numQubits: configuration.n_qubits as number, supported, edges };
}

const notIsa = (op: NumOp): PubOutcome => ({
  ok: false,
  code: 1517,
  reason:
    `The instruction ${op.name} on qubits (${op.qubits.join(', ')},) is not supported by the target system. ` +
    'Transpile your circuits for the target before submitting a primitive query.',
});

/** Executes one PUB. Never throws: every problem becomes a failed outcome with an IBM code. */
export function executePub(
  qasm: string,
  env: Record<string, number>,
  shots: number,
  seed: number,
  device: DeviceGates,
  parser: ParserChoice,
): PubOutcome {
  let prog: { ops: NumOp[]; registers: { name: string; size: number }[] };
  try {
    prog = parser === 'builtin' ? viaBuiltin(qasm, env) : viaLibrary(qasm, env);
  } catch (e) {
    return { ok: false, code: 1603, reason: `OpenQASM parse error: ${e instanceof Error ? e.message : String(e)}` };
  }
  const refused = checkOps(prog.ops, device);
  if (refused) return refused;
  // Compress the touched physical qubits to 0..k-1 so only they are simulated.
  // An if_else's qubits are already the union of its bodies' (both readers set them so).
  const touched = [...new Set(prog.ops.flatMap((o) => o.qubits))].sort((a, b) => a - b);
  const dense = new Map(touched.map((q, k) => [q, k]));
  if (isDynamic(prog.ops)) {
    const compress = (op: NumOp): NumOp => ({
      ...op,
      qubits: op.qubits.map((q) => dense.get(q)!),
      ...(op.body ? { body: op.body.map(compress) } : {}),
      ...(op.orelse ? { orelse: op.orelse.map(compress) } : {}),
    });
    const values = sampleDynamic(prog.ops.map(compress), touched.length, prog.registers, shots, seed);
    const data: Record<string, RegisterSamples> = {};
    for (const r of prog.registers) data[r.name] = { samples: values.get(r.name)!.map((v) => '0x' + v.toString(16)), num_bits: r.size };
    return { ok: true, data, shots };
  }
  const circuit = new Circuit(touched.length);
  const measured = new Map<number, { reg: string; index: number }[]>();
  for (const op of prog.ops) {
    const qs = op.qubits.map((q) => dense.get(q)!);
    if (op.name === 'barrier' || op.name === 'delay') continue;
    if (op.name === 'measure') {
      const list = measured.get(qs[0]!) ?? [];
      list.push(op.clbit!);
      measured.set(qs[0]!, list);
      continue;
    }
    try {
      circuit.append(op.name, qs, op.params);
    } catch (e) {
      return { ok: false, code: 1603, reason: `invalid instruction ${op.name}: ${e instanceof Error ? e.message : String(e)}` };
    }
  }
  const sv = Statevector.fromCircuit(circuit);
  const idx = sv.sampleIndices(shots, seed);
  const data: Record<string, RegisterSamples> = {};
  for (const r of prog.registers) data[r.name] = { samples: new Array<string>(shots), num_bits: r.size };
  const values = new Map<string, bigint>();
  for (let s = 0; s < shots; s++) {
    values.clear();
    for (const r of prog.registers) values.set(r.name, 0n);
    for (const [q, bits] of measured) {
      if (((idx[s]! >>> q) & 1) === 0) continue;
      for (const b of bits) values.set(b.reg, values.get(b.reg)! | (1n << BigInt(b.index)));
    }
    for (const r of prog.registers) data[r.name]!.samples[s] = '0x' + values.get(r.name)!.toString(16);
  }
  return { ok: true, data, shots };
}

/** The first instruction (bodies included) the device does not run, as IBM's 1517; null when all run. */
function checkOps(ops: readonly NumOp[], device: DeviceGates): PubOutcome | null {
  for (const op of ops) {
    if (op.qubits.some((q) => q >= device.numQubits) || !device.supported.has(op.name)) return notIsa(op);
    const allowed = device.edges.get(op.name);
    if (allowed && op.name !== 'measure' && op.name !== 'if_else' && !allowed.has(op.qubits.join(','))) return notIsa(op);
    if (op.name === 'rzz' && !(op.params[0]! >= -1e-10 && op.params[0]! <= Math.PI / 2 + 1e-10)) {
      return { ok: false, code: 1517, reason: `rzz angle ${op.params[0]} is outside [0, pi/2]` };
    }
    const inner = checkOps([...(op.body ?? []), ...(op.orelse ?? [])], device);
    if (inner) return inner;
  }
  return null;
}

/** True for a circuit that needs shot-by-shot execution: if_else, reset, or a gate after a measurement on its qubit. */
function isDynamic(ops: readonly NumOp[]): boolean {
  const measured = new Set<number>();
  for (const op of ops) {
    if (op.name === 'if_else' || op.name === 'reset') return true;
    if (op.name === 'barrier' || op.name === 'delay') continue;
    if (op.qubits.some((q) => measured.has(q))) return true;
    if (op.name === 'measure') measured.add(op.qubits[0]!);
  }
  return false;
}
