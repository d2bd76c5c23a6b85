/** Transpiler test helpers: fake-device and line targets, and the equivalence checks (state overlap on the final layout, clbit distributions). */
import { Circuit } from '../../src/circuit/circuit';
import { createTarget, type Target } from '../../src/core/target';
import { simulateStatevector } from '../../simulators/statevector';
import { compressCircuit } from '../../simulators/fake/compress';
import type { TranspileResult } from '../../src/transpiler';
import { targetFromIbmConfiguration } from '../../src/ibm/device-config';
import { fakeDevice } from '../../simulators/fake/devices';

/** The target of a fake device (noise-free JSON → Target). */
export function fakeTarget(name: string, useFractionalGates = false): Target {
  const { configuration, properties } = fakeDevice(name).load();
  return targetFromIbmConfiguration(configuration, properties, { useFractionalGates });
}

export const FAKE_NAMES = ['fake_line5', 'fake_hanoi', 'fake_brisbane', 'fake_fez', 'fake_torino'] as const;

/**
 * ⟨expected|actual⟩ where `expected` is the original circuit's state placed on the physical
 * qubits of `layout.final` (ancillas |0⟩). Equal to 1 (real, phase included) when the
 * transpiled circuit is exactly equivalent.
 */
export function overlapWithLayout(original: Circuit, result: TranspileResult): { re: number; im: number } {
  const strip = stripMeasurements;
  const psi = simulateStatevector(strip(original));
  const { circuit, physical } = compressCircuit(strip(result.circuit), result.layout.final);
  const phi = simulateStatevector(circuit);
  const pos = result.layout.final.map((p) => physical.indexOf(p));
  let re = 0, im = 0;
  for (let i = 0; i < psi.re.length; i++) {
    let j = 0;
    for (let v = 0; v < original.numQubits; v++) if ((i >> v) & 1) j |= 1 << pos[v]!;
    // conj(psi_i) * phi_j
    re += psi.re[i]! * phi.re[j]! + psi.im[i]! * phi.im[j]!;
    im += psi.re[i]! * phi.im[j]! - psi.im[i]! * phi.re[j]!;
  }
  return { re, im };
}

/** A directed line 0→1→…→n−1 (one direction only). */
export function lineTarget(n: number, basis: string[], bidirectional = false): Target {
  const edges: [number, number][] = [];
  for (let i = 0; i + 1 < n; i++) {
    edges.push([i, i + 1]);
    if (bidirectional) edges.push([i + 1, i]);
  }
  return createTarget({ numQubits: n, basisGates: basis, couplingMap: edges, requiresIsa: true });
}

/** Exact distribution of the classical bits (terminal measurements), keyed by integer value. */
export function clbitDistribution(c: Circuit): Map<number, number> {
  const src = new Map<number, number>();
  for (const i of c.instructions) if (i.name === 'measure') src.set(i.clbits[0]!, i.qubits[0]!);
  const { circuit, physical } = compressCircuit(c);
  const s = simulateStatevector(stripMeasurements(circuit));
  const out = new Map<number, number>();
  for (let i = 0; i < s.re.length; i++) {
    const p = s.re[i]! ** 2 + s.im[i]! ** 2;
    if (p < 1e-15) continue;
    let v = 0;
    for (const [cb, q] of src) if ((i >> physical.indexOf(q)) & 1) v |= 1 << cb;
    out.set(v, (out.get(v) ?? 0) + p);
  }
  return out;
}

/** The circuit without measurements and barriers. */
export function stripMeasurements(c: Circuit): Circuit {
  const out = new Circuit(c.numQubits);
  out.globalPhase = c.globalPhase;
  for (const i of c.instructions) if (i.name !== 'measure' && i.name !== 'barrier') out.append(i.name, i.qubits, i.params);
  return out;
}
