/**
 * Adapters for the npm peers (`jsqubits`, `quantum-circuit`): run a bench gate list and return
 * the full statevector as re/im arrays (reading it is part of the timed work, as for qbridge).
 * Both use Qiskit's RZ, phase and CX conventions and little-endian indices; the bench checks
 * their answers against qbridge's on a small case before timing anything.
 */
import type { BenchGate } from './circuits';

/** A peer simulator as the bench drives it. */
export interface Peer {
  readonly name: string;
  /** Runs the gates from |0…0⟩ and returns the statevector. */
  run(n: number, gates: readonly BenchGate[]): { re: Float64Array; im: Float64Array };
}

/* eslint-disable @typescript-eslint/no-require-imports */
function load(name: string): unknown {
  // jsqubits is an ES module; Node 20.19+ loads it through require().
  const mod = require(name) as Record<string, unknown>;
  return mod.default ?? mod;
}

/** jsqubits@2: immutable sparse states (it drops amplitudes below 1e-7 by design). */
export function jsqubitsPeer(): Peer {
  type QState = {
    hadamard(t: number): QState;
    rotateZ(t: number, a: number): QState;
    r(t: number, a: number): QState;
    cnot(c: number, t: number): QState;
    amplitude(i: number): { real: number; imaginary: number };
  };
  const Qubits = load('jsqubits') as (bits: string) => QState;
  return {
    name: 'jsqubits',
    run(n, gates) {
      let s = Qubits(`|${'0'.repeat(n)}>`);
      for (const g of gates) {
        if (g.name === 'h') s = s.hadamard(g.qubits[0]!);
        else if (g.name === 'rz') s = s.rotateZ(g.qubits[0]!, g.angle!);
        else if (g.name === 'p') s = s.r(g.qubits[0]!, g.angle!);
        else s = s.cnot(g.qubits[0]!, g.qubits[1]!);
      }
      const re = new Float64Array(2 ** n), im = new Float64Array(2 ** n);
      for (let i = 0; i < re.length; i++) {
        const a = s.amplitude(i);
        re[i] = a.real;
        im[i] = a.imaginary;
      }
      return { re, im };
    },
  };
}

/** quantum-circuit@0.9: a circuit object, run() then read `state` (sparse map of math.js complexes). */
export function quantumCircuitPeer(): Peer {
  type QC = {
    appendGate(name: string, wires: number | number[], options?: { params: Record<string, number> }): void;
    run(): void;
    state: Record<number, { re: number; im: number } | undefined>;
  };
  const QuantumCircuit = load('quantum-circuit') as new (n: number) => QC;
  return {
    name: 'quantum-circuit',
    run(n, gates) {
      const c = new QuantumCircuit(n);
      for (const g of gates) {
        if (g.name === 'h') c.appendGate('h', g.qubits[0]!);
        else if (g.name === 'rz') c.appendGate('rz', g.qubits[0]!, { params: { phi: g.angle! } });
        else if (g.name === 'p') c.appendGate('u1', g.qubits[0]!, { params: { lambda: g.angle! } });
        else c.appendGate('cx', [g.qubits[0]!, g.qubits[1]!]);
      }
      c.run();
      const re = new Float64Array(2 ** n), im = new Float64Array(2 ** n);
      for (let i = 0; i < re.length; i++) {
        const a = c.state[i];
        if (a) {
          re[i] = a.re;
          im[i] = a.im;
        }
      }
      return { re, im };
    },
  };
}
