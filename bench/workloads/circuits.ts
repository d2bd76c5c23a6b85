/**
 * The bench workloads (performance.md): W1 (H, RZ, CX-chain layers) and W2 (the ZZ feature map,
 * read from OpenQASM 3), each also as plain gate lists so peers get the same gates and angles.
 */
import { Circuit } from '../../src/circuit/circuit';

/** One gate as every simulator in the bench receives it. */
export interface BenchGate {
  readonly name: 'h' | 'rz' | 'p' | 'cx';
  readonly qubits: readonly number[];
  readonly angle?: number;
}

/** W1: 10 layers of [H on every qubit, RZ(0.1·k) on every qubit, CX(q, q+1) chain], k = 1..10. */
export function w1Gates(n: number): BenchGate[] {
  const g: BenchGate[] = [];
  for (let k = 1; k <= 10; k++) {
    for (let q = 0; q < n; q++) g.push({ name: 'h', qubits: [q] });
    for (let q = 0; q < n; q++) g.push({ name: 'rz', qubits: [q], angle: 0.1 * k });
    for (let q = 0; q + 1 < n; q++) g.push({ name: 'cx', qubits: [q, q + 1] });
  }
  return g;
}

/** The single W2 input: x_i = 0.1 + 0.37·i (mod π), fixed so every run sees the same angles. */
export function w2Input(d: number): number[] {
  return Array.from({ length: d }, (_, i) => (0.1 + 0.37 * i) % Math.PI);
}

/**
 * W2: ZZ feature map, reps 2, full entanglement: per rep H on all, P(2x_i) on all, and for each
 * pair i < j: CX(i,j), P(2(π−x_i)(π−x_j)) on j, CX(i,j).
 */
export function w2Gates(x: readonly number[], reps = 2): BenchGate[] {
  const d = x.length;
  const g: BenchGate[] = [];
  for (let r = 0; r < reps; r++) {
    for (let q = 0; q < d; q++) g.push({ name: 'h', qubits: [q] });
    for (let q = 0; q < d; q++) g.push({ name: 'p', qubits: [q], angle: 2 * x[q]! });
    for (let i = 0; i < d; i++) {
      for (let j = i + 1; j < d; j++) {
        g.push({ name: 'cx', qubits: [i, j] });
        g.push({ name: 'p', qubits: [j], angle: 2 * (Math.PI - x[i]!) * (Math.PI - x[j]!) });
        g.push({ name: 'cx', qubits: [i, j] });
      }
    }
  }
  return g;
}

/** The gates as a qbridge Circuit (builder API). */
export function toCircuit(n: number, gates: readonly BenchGate[]): Circuit {
  const c = new Circuit(n);
  for (const g of gates) c.append(g.name, g.qubits, g.angle === undefined ? [] : [g.angle]);
  return c;
}

/** The gates as an OpenQASM 3 program (angles written with full round-trip precision). */
export function toQasm3(n: number, gates: readonly BenchGate[]): string {
  const lines = ['OPENQASM 3.0;', 'include "stdgates.inc";', `qubit[${n}] q;`];
  for (const g of gates) {
    const args = g.qubits.map((q) => `q[${q}]`).join(', ');
    lines.push(g.angle === undefined ? `${g.name} ${args};` : `${g.name}(${String(g.angle)}) ${args};`);
  }
  return lines.join('\n') + '\n';
}
