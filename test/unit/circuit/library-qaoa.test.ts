/**
 * Issue 15, circuit library: `qaoaAnsatz` against Qiskit's `qaoa_ansatz`. Expected gate lists
 * are written from Qiskit's rules: H on every qubit, then per rep each cost term and each mixer
 * term (Σ X_i, qubit order) evolved with time 2·c·γ_r (2·c·β_r). A term in sparse form (letters on
 * ascending qubits, identities dropped) of one letter is RX/RY/RZ; XX/YY/ZZ is RXX/RYY/RZZ; any
 * other is basis change (H for X, SX for Y), CX chain down onto the first qubit, RZ, chain up,
 * inverse basis change (H, SX†). Identity terms become the global phase −c·γ.
 */
import { Circuit } from '../../../src/circuit/circuit';
import { qaoaAnsatz } from '../../../src/circuit/library/qaoa-ansatz';
import { CircuitValidationError } from '../../../src/core/errors';
import { SparsePauliOp } from '../../../src/quantum-info/sparse-pauli-op';
import { Statevector } from '../../../src/quantum-info/statevector';
import { kron, mat, type Mat } from '../../support/dense';

type Gate = [name: string, qubits: number[], params: string[]];
const gates = (c: Circuit): Gate[] =>
  c.instructions.map((i) => [i.name, [...i.qubits], i.params.map((p) => (typeof p === 'number' ? String(p) : p.toString()))]);

describe('qaoaAnsatz (Qiskit qaoa_ansatz)', () => {
  it('ZZI + IZZ, reps=2: H layer, RZZ per cost term, RX per qubit, parameters β[0], β[1], γ[0], γ[1]', () => {
    const c = qaoaAnsatz(new SparsePauliOp(['ZZI', 'IZZ']), 2);
    const layer = (r: number): Gate[] => [
      // 'ZZI' acts on qubits 1, 2 (rightmost letter is qubit 0); 'IZZ' on 0, 1.
      ['rzz', [1, 2], [`2*γ[${r}]`]],
      ['rzz', [0, 1], [`2*γ[${r}]`]],
      ['rx', [0], [`2*β[${r}]`]],
      ['rx', [1], [`2*β[${r}]`]],
      ['rx', [2], [`2*β[${r}]`]],
    ];
    expect(gates(c)).toEqual([['h', [0], []], ['h', [1], []], ['h', [2], []], ...layer(0), ...layer(1)]);
    // Qiskit sorts by vector name (β U+03B2 before γ U+03B3), then index.
    expect(c.parameters).toEqual(['β[0]', 'β[1]', 'γ[0]', 'γ[1]']);
    expect(c.name).toBe('QAOA');
  });

  it('reps defaults to 1 and may be given in an options object', () => {
    const op = SparsePauliOp.fromList([['ZZ', 1]]);
    expect(qaoaAnsatz(op).parameters).toEqual(['β[0]', 'γ[0]']);
    expect(qaoaAnsatz(op, { reps: 3 }).parameters).toHaveLength(6);
  });

  it('general terms: basis change, CX chain down, RZ on the first qubit, chain up, inverse basis change', () => {
    // 'XYZ' → sparse 'zyx' on [0, 1, 2]; 'ZIZ' → 'zz' on [0, 2]; 'YZ' → 'zy' on [0, 1].
    const c = qaoaAnsatz(SparsePauliOp.fromList([['XYZ', 0.5], ['ZIZ', -1], ['IYZ', 2]]), { reps: 1, mixerOperator: SparsePauliOp.fromList([['YII', 1]]) });
    expect(gates(c)).toEqual([
      ['h', [0], []], ['h', [1], []], ['h', [2], []],
      ['sx', [1], []], ['h', [2], []],
      ['cx', [2, 1], []], ['cx', [1, 0], []],
      ['rz', [0], ['1*γ[0]']],
      ['cx', [1, 0], []], ['cx', [2, 1], []],
      ['sxdg', [1], []], ['h', [2], []],
      ['rzz', [0, 2], ['(-2)*γ[0]']],
      ['sx', [1], []], ['cx', [1, 0], []], ['rz', [0], ['4*γ[0]']], ['cx', [1, 0], []], ['sxdg', [1], []],
      ['ry', [2], ['2*β[0]']],
    ]);
  });

  it('insertBarriers: a barrier between consecutive term evolutions, none after the last', () => {
    const c = qaoaAnsatz(new SparsePauliOp('ZZ'), { insertBarriers: true });
    expect(gates(c).map(([n, q]) => [n, q])).toEqual([
      ['h', [0]], ['h', [1]], ['rzz', [0, 1]], ['barrier', [0, 1]], ['rx', [0]], ['barrier', [0, 1]], ['rx', [1]],
    ]);
  });

  it('a custom initial state replaces the H layer', () => {
    const init = new Circuit(2).x(0);
    const c = qaoaAnsatz(new SparsePauliOp('ZZ'), { initialState: init });
    expect(gates(c)[0]).toEqual(['x', [0], []]);
    expect(gates(c).filter(([n]) => n === 'h')).toEqual([]);
    expect(init.instructions).toHaveLength(1);
  });

  it('an operator that is one identity term is left out with its parameters (Qiskit _remove_identities)', () => {
    const c = qaoaAnsatz(new SparsePauliOp('II'), 1);
    expect(c.parameters).toEqual(['β[0]']);
    expect(gates(c).map(([n]) => n)).toEqual(['h', 'h', 'rx', 'rx']);
  });

  it('rejects complex coefficients, mismatched widths and ZX terms with typed errors', () => {
    expect(() => qaoaAnsatz(SparsePauliOp.fromList([['ZZ', { re: 1, im: 0.5 }]]))).toThrow(/complex coefficient/);
    expect(() => qaoaAnsatz(new SparsePauliOp('ZZ'), { mixerOperator: new SparsePauliOp('XXX') })).toThrow(/mixer acts on 3 qubits/);
    expect(() => qaoaAnsatz(new SparsePauliOp('XZ'))).toThrow(CircuitValidationError);
    expect(() => qaoaAnsatz(new SparsePauliOp('ZZ'), -1)).toThrow(/reps must be a non-negative integer/);
  });
});

describe('a bound QAOA circuit against the dense evolution, global phase included', () => {
  it('C = ZZ + 0.5·ZI + 0.3·II, M = X0 + X1: ψ = e^{−iβM} e^{−iγC} H⊗H|00⟩', () => {
    const gamma = 0.7;
    const beta = -0.45;
    const c = qaoaAnsatz(SparsePauliOp.fromList([['ZZ', 1], ['ZI', 0.5], ['II', 0.3]]), 1);
    expect(c.parameters).toEqual(['β[0]', 'γ[0]']);
    const sv = Statevector.fromCircuit(c.assignParameters([beta, gamma]));
    // Dense reference: C is diagonal; z_j = 1 − 2·bit_j of the basis index (qubit 0 = bit 0).
    const amp: Array<[number, number]> = [];
    for (let k = 0; k < 4; k++) {
      const z0 = 1 - 2 * (k & 1);
      const z1 = 1 - 2 * ((k >> 1) & 1);
      const e = z0 * z1 + 0.5 * z1 + 0.3;
      amp.push([0.5 * Math.cos(-gamma * e), 0.5 * Math.sin(-gamma * e)]);
    }
    // e^{−iβX} = cos β·I − i sin β·X on each qubit.
    const rx: Mat = mat([[Math.cos(beta), [0, -Math.sin(beta)]], [[0, -Math.sin(beta)], Math.cos(beta)]]);
    const m = kron(rx, rx);
    for (let r = 0; r < 4; r++) {
      let re = 0;
      let im = 0;
      for (let k = 0; k < 4; k++) {
        const ar = m.data[2 * (r * 4 + k)]!;
        const ai = m.data[2 * (r * 4 + k) + 1]!;
        re += ar * amp[k]![0] - ai * amp[k]![1];
        im += ar * amp[k]![1] + ai * amp[k]![0];
      }
      expect(sv.re[r]).toBeCloseTo(re, 12);
      expect(sv.im[r]).toBeCloseTo(im, 12);
    }
  });
});
