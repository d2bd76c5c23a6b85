/**
 * A small dense statevector reference, written for the tests independently of the simulators:
 * gates as 2×2 / 4×4 complex matrices (Qiskit's definitions: RY(θ) = exp(−iθY/2),
 * RZ(φ) = diag(e^{−iφ/2}, e^{iφ/2}), CX with the control on the first qubit), applied to a state
 * vector whose basis index has qubit k at bit k (Qiskit's little-endian order), and ⟨ψ|P|ψ⟩ for
 * a Pauli label whose last character acts on qubit 0.
 */

/** A complex number as [re, im]. */
type C = [number, number];
const mul = (a: C, b: C): C => [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];
const add = (a: C, b: C): C => [a[0] + b[0], a[1] + b[1]];

/** One gate of a reference circuit: a matrix on one qubit, or CX. */
export type RefGate =
  | { readonly kind: '1q'; readonly qubit: number; readonly m: readonly [C, C, C, C] }
  | { readonly kind: 'cx'; readonly control: number; readonly target: number };

export const ry = (theta: number, qubit: number): RefGate => {
  const c = Math.cos(theta / 2);
  const s = Math.sin(theta / 2);
  return { kind: '1q', qubit, m: [[c, 0], [-s, 0], [s, 0], [c, 0]] };
};
export const rz = (phi: number, qubit: number): RefGate => ({
  kind: '1q',
  qubit,
  m: [[Math.cos(phi / 2), -Math.sin(phi / 2)], [0, 0], [0, 0], [Math.cos(phi / 2), Math.sin(phi / 2)]],
});
export const h = (qubit: number): RefGate => {
  const r = Math.SQRT1_2;
  return { kind: '1q', qubit, m: [[r, 0], [r, 0], [r, 0], [-r, 0]] };
};
export const cx = (control: number, target: number): RefGate => ({ kind: 'cx', control, target });

/** The state of `gates` applied to |0…0⟩ on `n` qubits. */
export function denseState(n: number, gates: readonly RefGate[]): C[] {
  let psi: C[] = Array.from({ length: 2 ** n }, (_, i) => (i === 0 ? [1, 0] : [0, 0]));
  for (const g of gates) {
    const out: C[] = psi.map(() => [0, 0]);
    psi.forEach((amp, i) => {
      if (g.kind === 'cx') {
        const j = (i >> g.control) & 1 ? i ^ (1 << g.target) : i;
        out[j] = add(out[j]!, amp);
        return;
      }
      const b = (i >> g.qubit) & 1;
      // Column b of the matrix sends |b⟩ to m[0·2+b]|0⟩ + m[1·2+b]|1⟩ on that qubit.
      for (const r of [0, 1]) {
        const j = (i & ~(1 << g.qubit)) | (r << g.qubit);
        out[j] = add(out[j]!, mul(g.m[r * 2 + b]!, amp));
      }
    });
    psi = out;
  }
  return psi;
}

/** ⟨ψ|P|ψ⟩ for a Pauli label (last character on qubit 0). */
export function pauliExpectation(psi: readonly C[], label: string): number {
  const n = label.length;
  let total: C = [0, 0];
  psi.forEach((amp, i) => {
    // P|i⟩ = phase · |j⟩, built letter by letter.
    let j = i;
    let phase: C = [1, 0];
    for (let q = 0; q < n; q++) {
      const p = label[n - 1 - q]!;
      const bit = (i >> q) & 1;
      if (p === 'X' || p === 'Y') j ^= 1 << q;
      if (p === 'Z' && bit) phase = mul(phase, [-1, 0]);
      if (p === 'Y') phase = mul(phase, bit ? [0, -1] : [0, 1]); // Y|0⟩ = i|1⟩, Y|1⟩ = −i|0⟩
    }
    // ⟨ψ|P|ψ⟩ = Σ_i conj(ψ_j) · phase · ψ_i
    const conj: C = [psi[j]![0], -psi[j]![1]];
    total = add(total, mul(conj, mul(phase, amp)));
  });
  return total[0];
}

/** ⟨ψ|Σ c·P|ψ⟩ for a Pauli sum. */
export function sumExpectation(psi: readonly C[], sum: ReadonlyArray<readonly [string, number]>): number {
  return sum.reduce((acc, [label, c]) => acc + c * pauliExpectation(psi, label), 0);
}
