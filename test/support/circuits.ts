/** Test circuits shared by the transpiler and fake-backend suites: GHZ, QFT, a ZZ feature-map (kernel) circuit, seeded random circuits. */
import { Circuit } from '../../src/circuit/circuit';
import { ParameterVector, type Angle } from '../../src/circuit/parameter';

/** GHZ and the textbook QFT: the library's own builders. */
export { ghzCircuit as ghz, qftCircuit as qft } from '../../src/circuit/library';

/**
 * ZZ feature map (full entanglement): per rep, H on every qubit, P(2·x_i), then for i < j
 * CX(i,j)·P(2(π−x_i)(π−x_j)) on j·CX(i,j) (Qiskit's ZZFeatureMap with α = 2).
 */
export function zzFeatureMap(d: number, reps: number, x: readonly Angle[]): Circuit {
  const c = new Circuit(d);
  const mulA = (a: Angle, k: number): Angle => (typeof a === 'number' ? a * k : a.mul(k));
  const piMinus = (a: Angle): Angle => (typeof a === 'number' ? Math.PI - a : a.neg().add(Math.PI));
  for (let r = 0; r < reps; r++) {
    for (let i = 0; i < d; i++) c.h(i);
    for (let i = 0; i < d; i++) c.p(mulA(x[i]!, 2), i);
    for (let i = 0; i < d; i++) {
      for (let j = i + 1; j < d; j++) {
        const pi = piMinus(x[i]!);
        const pj = piMinus(x[j]!);
        const ang = typeof pi === 'number' && typeof pj === 'number' ? 2 * pi * pj : (typeof pi === 'number' ? (pj as Exclude<Angle, number>).mul(pi) : pi.mul(pj)).mul(2);
        c.cx(i, j).p(ang, j).cx(i, j);
      }
    }
  }
  return c;
}

/** The compute-uncompute kernel circuit U(x)·U(y)† with parameter vectors x and y. */
export function kernelCircuit(d: number, reps: number): Circuit {
  const x = new ParameterVector('x', d).elements;
  const y = new ParameterVector('y', d).elements;
  return zzFeatureMap(d, reps, x).compose(zzFeatureMap(d, reps, y).inverse());
}

/** A seeded random circuit of `gates` gates over every kind. */
export function randomCircuit(n: number, gates: number, seed: number): Circuit {
  let s = seed >>> 0;
  const rnd = (): number => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return ((s ^ (s >>> 13)) >>> 0) / 4294967296;
  };
  const kinds: [string, number, number][] = [
    ['h', 1, 0], ['x', 1, 0], ['sx', 1, 0], ['t', 1, 0], ['rz', 1, 1], ['ry', 1, 1], ['u', 1, 3],
    ['cx', 2, 0], ['cz', 2, 0], ['cp', 2, 1], ['rzz', 2, 1], ['swap', 2, 0], ['ccx', 3, 0],
  ];
  const c = new Circuit(n);
  for (let g = 0; g < gates; g++) {
    const [name, nq, np] = kinds[Math.floor(rnd() * kinds.length)]!;
    if (nq > n) continue;
    const qs: number[] = [];
    while (qs.length < nq) {
      const q = Math.floor(rnd() * n);
      if (!qs.includes(q)) qs.push(q);
    }
    c.append(name, qs, Array.from({ length: np }, () => (rnd() - 0.5) * 2 * Math.PI));
  }
  return c;
}
