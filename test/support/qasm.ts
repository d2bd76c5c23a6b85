/** QASM test helpers: unitaries of circuits compared column by column, and the typed error a source raises. */
import { Circuit, Statevector } from '../../src';

/**
 * The unitary of a circuit's gates (measurements and barriers dropped), column by column:
 * column j is the state reached from basis state |j⟩ (prepared with exact X gates).
 * Global phase included.
 */
export function unitaryColumns(circuit: Circuit): { re: number[]; im: number[] } {
  const n = circuit.numQubits;
  const re: number[] = [];
  const im: number[] = [];
  for (let j = 0; j < 2 ** n; j++) {
    const c = new Circuit(n);
    for (let k = 0; k < n; k++) if ((j >> k) & 1) c.x(k);
    c.globalPhase = circuit.globalPhase;
    for (const ins of circuit.instructions) {
      if (ins.name !== 'measure' && ins.name !== 'barrier') c.append(ins.name, ins.qubits, ins.params);
    }
    const sv = Statevector.fromCircuit(c);
    re.push(...sv.re);
    im.push(...sv.im);
  }
  return { re, im };
}

/** Asserts two circuits have the same unitary, global phase included. */
export function expectSameUnitary(actual: Circuit, expected: Circuit, atol = 1e-12): void {
  expect(actual.numQubits).toBe(expected.numQubits);
  const a = unitaryColumns(actual);
  const b = unitaryColumns(expected);
  for (let i = 0; i < a.re.length; i++) {
    const d = Math.hypot(a.re[i]! - b.re[i]!, a.im[i]! - b.im[i]!);
    if (!(d <= atol)) {
      throw new Error(`unitaries differ at entry ${i}: (${a.re[i]}, ${a.im[i]}) vs (${b.re[i]}, ${b.im[i]})`);
    }
  }
}

/** A k-qubit unitary given as [re, im] rows (row-major, dim × dim), checked against a circuit. */
export function expectUnitary(actual: Circuit, rows: ReadonlyArray<ReadonlyArray<readonly [number, number]>>, atol = 1e-12): void {
  const dim = rows.length;
  const a = unitaryColumns(actual);
  for (let col = 0; col < dim; col++) {
    for (let row = 0; row < dim; row++) {
      const [er, ei] = rows[row]![col]!;
      const ar = a.re[col * dim + row]!;
      const ai = a.im[col * dim + row]!;
      if (!(Math.hypot(ar - er, ai - ei) <= atol)) {
        throw new Error(`entry (${row}, ${col}): got (${ar}, ${ai}), expected (${er}, ${ei})`);
      }
    }
  }
}

/** Runs `fn` and returns the QasmSyntaxError it throws (fails if it does not throw one). */
export function qasmError(fn: () => unknown): { detail: string; line: number; column: number; name: string } {
  try {
    fn();
  } catch (e) {
    const err = e as { name: string; detail: string; line: number; column: number };
    expect(err.name).toBe('QasmSyntaxError');
    return err;
  }
  throw new Error('expected a QasmSyntaxError, nothing was thrown');
}
