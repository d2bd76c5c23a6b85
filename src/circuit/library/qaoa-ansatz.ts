import { Circuit } from '../circuit';
import { angle, ParameterExpression, ParameterVector, type Angle, type Parameter } from '../parameter';
import { CircuitValidationError } from '../../core/errors';

/**
 * Qiskit's `qaoa_ansatz` and the Pauli evolutions it is built from, gate for gate as Qiskit ≥ 1.3
 * builds them (`evolved_operator_ansatz`'s fast path, Rust `pauli_evolution` and
 * `sparse_term_evolution`).
 */

/** A term's coefficient as its real and imaginary parts (complex.js values have this shape). */
export interface PauliCoefficient {
  /** Real part. */
  readonly re: number;
  /** Imaginary part (QAOA needs it ~0). */
  readonly im: number;
}

/**
 * What the QAOA ansatz needs of an operator: its width and its terms as `[label, coefficient]`
 * (big-endian labels, the rightmost letter on qubit 0). `SparsePauliOp` from quantum_info is
 * one; the circuit layer names only this shape so it does not depend on quantum_info.
 */
export interface PauliTermSource {
  /** Number of qubits the operator acts on. */
  readonly numQubits: number;
  /** The terms, in order. */
  toList(): ReadonlyArray<readonly [string, PauliCoefficient]>;
}

/** Options of {@link qaoaAnsatz}; defaults are Qiskit's. */
export interface QaoaAnsatzOptions {
  /** Number of (cost, mixer) layers, integer ≥ 0. Default 1. */
  reps?: number;
  /** The state preparation placed first. Default an H on every qubit. */
  initialState?: Circuit;
  /** The mixer. Default Σ_i X_i (terms in qubit order). */
  mixerOperator?: PauliTermSource;
  /** A barrier on all qubits between consecutive Pauli-term evolutions. Default false. */
  insertBarriers?: boolean;
}

/** One term of Qiskit's sparse form: lower-case letters on ascending qubits, identity letters dropped. */
interface SparseTerm {
  readonly letters: string;
  readonly qubits: number[];
  readonly coeff: number;
}

/** Qiskit's `to_sparse_list` with `real_or_fail` on the coefficient (atol 1e-8, as numpy's isclose to 0). */
function sparseTerms(op: PauliTermSource, what: string): SparseTerm[] {
  return op.toList().map(([label, c]) => {
    if (Math.abs(c.im) > 1e-8) {
      throw new CircuitValidationError(`the ${what} term ${label} has a complex coefficient (${c.re}${c.im < 0 ? '-' : '+'}${Math.abs(c.im)}i); QAOA evolves real coefficients only`);
    }
    const qubits: number[] = [];
    let letters = '';
    for (let q = 0; q < label.length; q++) {
      const l = label[label.length - 1 - q]!.toLowerCase();
      if (l !== 'i') {
        qubits.push(q);
        letters += l;
      }
    }
    return { letters, qubits, coeff: c.re };
  });
}

/**
 * Appends Qiskit's synthesis of exp(−i·(time/2)·P) for one sparse Pauli term (`sparse_term_evolution`,
 * CX chain form): RX/RY/RZ for one qubit, RXX/RYY/RZZ for the two-qubit XX/YY/ZZ, otherwise
 * the basis change (H for X, SX for Y), a CX chain down onto the first qubit, RZ(time) there,
 * the chain back up and the inverse basis change (H, SX†).
 */
function evolveTerm(c: Circuit, letters: string, qubits: readonly number[], time: Angle): void {
  if (letters.length === 1) {
    c.append(`r${letters}`, [qubits[0]!], [time]);
    return;
  }
  if (letters.length === 2) {
    if (letters === 'xx' || letters === 'yy' || letters === 'zz') {
      c.append(`r${letters}`, [...qubits], [time]);
      return;
    }
    if (letters === 'zx' || letters === 'xz') {
      // Qiskit emits its RZX gate here; qbridge's gate set has none, and a different
      // decomposition would not be Qiskit's circuit.
      throw new CircuitValidationError(`a two-qubit ${letters.toUpperCase()} term needs Qiskit's rzx gate, which qbridge does not have`);
    }
  }
  for (let k = 0; k < letters.length; k++) {
    if (letters[k] === 'x') c.h(qubits[k]!);
    else if (letters[k] === 'y') c.sx(qubits[k]!);
  }
  for (let k = qubits.length - 2; k >= 0; k--) c.cx(qubits[k + 1]!, qubits[k]!);
  c.append('rz', [qubits[0]!], [time]);
  for (let k = 0; k + 1 < qubits.length; k++) c.cx(qubits[k + 1]!, qubits[k]!);
  for (let k = 0; k < letters.length; k++) {
    if (letters[k] === 'x') c.h(qubits[k]!);
    else if (letters[k] === 'y') c.sxdg(qubits[k]!);
  }
}

/**
 * Qiskit's `qaoa_ansatz(cost_operator, reps)`: the initial state (H on all qubits), then per rep
 * exp(−iγ_r·C) and exp(−iβ_r·M), each term P with coefficient c evolved by angle 2·c·γ_r
 * (2·c·β_r). Parameters are the vectors `γ` and `β` (`reps` each); `circuit.parameters` lists
 * them as Qiskit does, β[0], …, γ[0], … (β sorts before γ). An all-identity term becomes a
 * global phase −c·γ_r; an operator that is a single identity term is left out with its vector,
 * as in Qiskit.
 *
 * @param costOperator - the cost Hamiltonian (e.g. a `SparsePauliOp`), real coefficients
 * @param reps - number of layers (Qiskit's positional second argument); or pass `options.reps`
 * @param options - initial state, mixer, barriers
 * @throws {@link CircuitValidationError} for complex coefficients, mismatched widths, a ZX term
 *
 * @example
 * const ansatz = qaoaAnsatz(new SparsePauliOp(['ZZI', 'IZZ']), 2);
 * ansatz.parameters; // ['β[0]', 'β[1]', 'γ[0]', 'γ[1]']
 */
export function qaoaAnsatz(costOperator: PauliTermSource, reps?: number | QaoaAnsatzOptions, options: QaoaAnsatzOptions = {}): Circuit {
  const opts = typeof reps === 'object' ? reps : { ...options, reps: reps ?? options.reps };
  const r = opts.reps ?? 1;
  if (!Number.isInteger(r) || r < 0) throw new CircuitValidationError(`reps must be a non-negative integer, got ${String(r)}`);
  const n = costOperator.numQubits;
  const mixer: PauliTermSource = opts.mixerOperator ?? {
    numQubits: n,
    toList: () => Array.from({ length: n }, (_, i) => ['I'.repeat(n - 1 - i) + 'X' + 'I'.repeat(i), { re: 1, im: 0 }] as const),
  };
  if (mixer.numQubits !== n) throw new CircuitValidationError(`the mixer acts on ${mixer.numQubits} qubits, the cost operator on ${n}`);
  const init = opts.initialState;
  if (init && init.numQubits !== n) throw new CircuitValidationError(`the initial state has ${init.numQubits} qubits, the cost operator ${n}`);

  // Qiskit drops an operator that is one identity term, together with its prefix.
  const ops = [
    { prefix: 'γ', terms: sparseTerms(costOperator, 'cost operator') },
    { prefix: 'β', terms: sparseTerms(mixer, 'mixer') },
  ].filter((o) => !(o.terms.length === 1 && o.terms[0]!.letters === ''));
  const vectors = ops.map((o) => new ParameterVector(o.prefix, r));

  const c = new Circuit(n, { name: 'QAOA' });
  if (init) c.compose(init, { inplace: true });
  else for (let q = 0; q < n; q++) c.h(q);
  // The evolution's terms in order: rep, operator, term; time = 2·c·param.
  const expanded: Array<{ term: SparseTerm; param: Parameter }> = [];
  for (let rep = 0; rep < r; rep++) ops.forEach((o, k) => o.terms.forEach((term) => expanded.push({ term, param: vectors[k]!.get(rep) })));
  let phase: ParameterExpression | undefined;
  const evolutions = expanded.filter((e) => e.term.letters !== '');
  for (const { term, param } of expanded) {
    if (term.letters !== '') continue;
    // exp(−i·c·γ·I): Qiskit sums the times 2·c·γ and scales by −1/2.
    const t = new ParameterExpression({ op: 'const', value: 2 * term.coeff }).mul(param);
    phase = phase === undefined ? t : t.add(phase);
  }
  evolutions.forEach(({ term, param }, i) => {
    evolveTerm(c, term.letters, term.qubits, new ParameterExpression({ op: 'const', value: 2 * term.coeff }).mul(param));
    // Qiskit's rule counts every term, identities included (`i < num_paulis - 1`), so a
    // trailing identity term leaves a barrier after the last evolution.
    if (opts.insertBarriers && i < expanded.length - 1) c.barrier();
  });
  if (phase !== undefined) {
    const p = phase.mul(-0.5);
    c.globalPhase = c.globalPhase === 0 ? p : angle.add(c.globalPhase, p);
  }
  return c;
}
