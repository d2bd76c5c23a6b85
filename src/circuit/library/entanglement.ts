import { InputValidationError } from '../../core/errors';

/** Named entanglement patterns, as Qiskit ≥ 1.3 (`crates/circuit_library/src/entanglement.rs`). */
export type EntanglementName = 'full' | 'linear' | 'reverse_linear' | 'circular' | 'pairwise' | 'sca';

/** Explicit qubit tuples: one list for every block size, or a list per block size. */
export type EntanglementTuples = ReadonlyArray<ReadonlyArray<number>> | Readonly<Record<number, ReadonlyArray<ReadonlyArray<number>>>>;

/** What a feature map accepts for its entanglement: a name, tuples, or a per-rep callable. */
export type Entanglement = EntanglementName | EntanglementTuples | ((rep: number) => EntanglementName | EntanglementTuples);

const NAMES: ReadonlySet<string> = new Set(['full', 'linear', 'reverse_linear', 'circular', 'pairwise', 'sca']);

/** True for the names {@link entanglerMap} understands. */
export function isEntanglementName(s: unknown): s is EntanglementName {
  return typeof s === 'string' && NAMES.has(s);
}

function combinations(n: number, m: number): number[][] {
  const out: number[][] = [];
  const idx = Array.from({ length: m }, (_, i) => i);
  if (m > n) return out;
  for (;;) {
    out.push([...idx]);
    let i = m - 1;
    while (i >= 0 && idx[i] === n - m + i) i--;
    if (i < 0) return out;
    idx[i]!++;
    for (let j = i + 1; j < m; j++) idx[j] = idx[j - 1]! + 1;
  }
}

function linear(n: number, m: number): number[][] {
  const out: number[][] = [];
  for (let s = 0; s <= n - m; s++) out.push(Array.from({ length: m }, (_, i) => s + i));
  return out;
}

function circular(n: number, m: number): number[][] {
  if (m === 1 || m === n) return linear(n, m);
  const out: number[][] = [];
  for (let s = 0; s < n; s++) out.push(Array.from({ length: m }, (_, i) => (n - m + 1 + s + i) % n));
  return out;
}

/**
 * The qubit tuples of one entanglement layer, exactly as Qiskit ≥ 1.3 computes them
 * (`entangler_map(num_qubits, block_size, entanglement, offset=rep)`).
 *
 * @param n number of qubits
 * @param m block size (length of the Pauli string)
 * @param entanglement a pattern name or explicit tuples (a callable is resolved by the caller)
 * @param rep the repetition index (Qiskit's `offset`; only 'sca' depends on it)
 * @throws {InputValidationError} for an unknown name, 'pairwise' with m > 2, or bad tuples
 */
export function entanglerMap(n: number, m: number, entanglement: EntanglementName | EntanglementTuples, rep = 0): number[][] {
  if (m > n) throw new InputValidationError(`a block of ${m} qubits does not fit on ${n} qubits`);
  if (typeof entanglement === 'string') {
    switch (entanglement) {
      case 'full':
        return combinations(n, m);
      case 'linear':
        return linear(n, m);
      case 'reverse_linear':
        return linear(n, m).reverse();
      case 'circular':
        return circular(n, m);
      case 'pairwise': {
        if (m === 1) return linear(n, m);
        if (m !== 2) throw new InputValidationError(`'pairwise' entanglement needs blocks of at most 2 qubits, got ${m}`);
        const lin = linear(n, m);
        return [...lin.filter((_, i) => i % 2 === 0), ...lin.filter((_, i) => i % 2 === 1)];
      }
      case 'sca': {
        const circ = circular(n, m);
        // Rust `shift_circular_alternating` splits at a Python-like index −rep over n (not over
        // the tuple count); slicing past the end simply yields nothing.
        const split = (n - (rep % n)) % n;
        const rotated = [...circ.slice(split), ...circ.slice(0, split)];
        return rep % 2 === 1 ? rotated.map((t) => [...t].reverse()) : rotated;
      }
      default:
        throw new InputValidationError(
          `unknown entanglement '${String(entanglement)}' (expected one of ${[...NAMES].join(', ')}, or explicit tuples)`,
        );
    }
  }
  const tuples = Array.isArray(entanglement)
    ? (entanglement as ReadonlyArray<ReadonlyArray<number>>).filter((t) => t.length === m)
    : ((entanglement as Record<number, ReadonlyArray<ReadonlyArray<number>>>)[m] ?? []);
  // A flat list with tuples of another size is Qiskit's "list for a different block size":
  // only the tuples of this block's size apply.
  return tuples.map((t) => {
    if (t.length !== m || new Set(t).size !== m || t.some((q) => !Number.isInteger(q) || q < 0 || q >= n)) {
      throw new InputValidationError(`entanglement tuple [${t.join(', ')}] is not ${m} distinct qubits in [0, ${n})`);
    }
    return [...t];
  });
}
