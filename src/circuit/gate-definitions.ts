import { CircuitValidationError } from '../core/errors';
import type { Angle } from './parameter';
import { gateDefinition } from './gates';

/**
 * Decompositions of the qelib1.inc extras into smaller gates, as Qiskit's `_define` methods
 * write them (CSXGate, RCCXGate, RC3XGate, C3XGate, C3SXGate, C4XGate). Each reproduces the
 * gate's matrix exactly, global phase included (the unit tests multiply them out). The
 * transpiler unrolls through them, and `Circuit.inverse` inverts rc3x and c3sqrtx
 * through them.
 */

/** One step of a definition: a gate on the definition's local qubits 0..k−1. */
export interface DefinitionOp {
  readonly name: string;
  readonly qubits: readonly number[];
  readonly params: readonly Angle[];
}

const op = (name: string, qubits: number[], params: number[] = []): DefinitionOp => ({ name, qubits, params });
const PI = Math.PI;

/** `h t; cu1(θ) c,t; h t;`: the controlled-√X-power step of the Barenco constructions. */
const hcph = (c: number, t: number, th: number): DefinitionOp[] => [op('h', [t]), op('cp', [c, t], [th]), op('h', [t])];

const RC3X: DefinitionOp[] = [
  op('u2', [3], [0, PI]), op('u1', [3], [PI / 4]), op('cx', [2, 3]), op('u1', [3], [-PI / 4]),
  op('u2', [3], [0, PI]), op('cx', [0, 3]), op('u1', [3], [PI / 4]), op('cx', [1, 3]),
  op('u1', [3], [-PI / 4]), op('cx', [0, 3]), op('u1', [3], [PI / 4]), op('cx', [1, 3]),
  op('u1', [3], [-PI / 4]), op('u2', [3], [0, PI]), op('u1', [3], [PI / 4]), op('cx', [2, 3]),
  op('u1', [3], [-PI / 4]), op('u2', [3], [0, PI]),
];

// C3SXGate: the cu1 angles alternate +π/8, −π/8 starting positive.
const C3SQRTX: DefinitionOp[] = [
  ...hcph(0, 3, PI / 8), op('cx', [0, 1]), ...hcph(1, 3, -PI / 8), op('cx', [0, 1]), ...hcph(1, 3, PI / 8),
  op('cx', [1, 2]), ...hcph(2, 3, -PI / 8), op('cx', [0, 2]), ...hcph(2, 3, PI / 8), op('cx', [1, 2]),
  ...hcph(2, 3, -PI / 8), op('cx', [0, 2]), ...hcph(2, 3, PI / 8),
];

const C3X: DefinitionOp[] = (() => {
  const out: DefinitionOp[] = [op('h', [3])];
  for (const q of [0, 1, 2, 3]) out.push(op('p', [q], [PI / 8]));
  const seq: Array<[string, number, number] | [string, number]> = [
    ['cx', 0, 1], ['p-', 1], ['cx', 0, 1], ['cx', 1, 2], ['p-', 2], ['cx', 0, 2], ['p+', 2], ['cx', 1, 2], ['p-', 2],
    ['cx', 0, 2], ['cx', 2, 3], ['p-', 3], ['cx', 1, 3], ['p+', 3], ['cx', 2, 3], ['p-', 3], ['cx', 0, 3], ['p+', 3],
    ['cx', 2, 3], ['p-', 3], ['cx', 1, 3], ['p+', 3], ['cx', 2, 3], ['p-', 3], ['cx', 0, 3],
  ];
  for (const s of seq) {
    if (s[0] === 'cx') out.push(op('cx', [s[1], s[2]!]));
    else out.push(op('p', [s[1]], [s[0] === 'p+' ? PI / 8 : -PI / 8]));
  }
  out.push(op('h', [3]));
  return out;
})();

/** Qiskit's definitions, by qbridge gate name. */
export const GATE_DEFINITIONS: Readonly<Record<string, readonly DefinitionOp[]>> = {
  csx: hcph(0, 1, PI / 2),
  rccx: [
    op('u2', [2], [0, PI]), op('u1', [2], [PI / 4]), op('cx', [1, 2]), op('u1', [2], [-PI / 4]),
    op('cx', [0, 2]), op('u1', [2], [PI / 4]), op('cx', [1, 2]), op('u1', [2], [-PI / 4]), op('u2', [2], [0, PI]),
  ],
  rc3x: RC3X,
  c3x: C3X,
  c3sqrtx: C3SQRTX,
  // C4XGate: Barenco Lemma 7.5 with the relative-phase rc3x and its inverse.
  c4x: [
    ...hcph(3, 4, PI / 2), op('rc3x', [0, 1, 2, 3]), ...hcph(3, 4, -PI / 2),
    ...invertOps(RC3X), op('c3sqrtx', [0, 1, 2, 4]),
  ],
};

/** The definition of `name` mapped onto `qubits`, or undefined for a gate without one. */
export function definitionOn(name: string, qubits: readonly number[]): DefinitionOp[] | undefined {
  return GATE_DEFINITIONS[name]?.map((o) => ({ name: o.name, qubits: o.qubits.map((k) => qubits[k]!), params: o.params }));
}

/** `ops` reversed with every gate inverted (recursively through definitions when needed). */
export function invertOps(ops: readonly DefinitionOp[]): DefinitionOp[] {
  const out: DefinitionOp[] = [];
  for (let i = ops.length - 1; i >= 0; i--) {
    const o = ops[i]!;
    const inv = gateDefinition(o.name).inverse(o.params);
    if (inv) {
      out.push({ name: inv.name, qubits: o.qubits, params: inv.params });
      continue;
    }
    const def = definitionOn(o.name, o.qubits);
    if (!def) throw new CircuitValidationError(`gate '${o.name}' has no inverse`);
    out.push(...invertOps(def));
  }
  return out;
}

/** The inverse of one gate application as a gate sequence (one gate whenever possible). */
export function inverseOf(name: string, qubits: readonly number[], params: readonly Angle[]): DefinitionOp[] {
  return invertOps([{ name, qubits, params }]);
}
