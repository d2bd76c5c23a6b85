/**
 * Issue 15, circuit library: n-local circuits (`nLocal`, `realAmplitudes`, `efficientSU2`)
 * against Qiskit's definitions. The expected gate lists are written from Qiskit's construction
 * rule (Rust `n_local` + parameter ledger): per rep a rotation layer (each rotation gate on
 * qubits 0, k, 2k, …, gates in list order), optional barrier, the entanglement layer (each
 * entanglement gate on its tuples in map order), optional barrier; then the final rotation
 * layer. Parameters are one vector θ handed out in exactly that order.
 */
import { Circuit } from '../../../src/circuit/circuit';
import { efficientSU2, nLocal, nLocalEntanglement, realAmplitudes } from '../../../src/circuit/library/n-local';
import { entanglerMap } from '../../../src/circuit/library/entanglement';
import { CircuitValidationError } from '../../../src/core/errors';
import { Statevector } from '../../../src/quantum-info/statevector';
import { kron, mat, matmul, eye, type Mat } from '../../support/dense';

type Gate = [name: string, qubits: number[], params: string[]];
const gates = (c: Circuit): Gate[] =>
  c.instructions.map((i) => [i.name, [...i.qubits], i.params.map((p) => (typeof p === 'number' ? String(p) : p.toString()))]);
const th = (i: number): string[] => [`θ[${i}]`];

describe('realAmplitudes (Qiskit real_amplitudes)', () => {
  it('RealAmplitudes(3, reps=2): RY layers, reverse_linear CX, 9 parameters θ[0..8] (Qiskit docs)', () => {
    const c = realAmplitudes(3, { reps: 2 });
    // reverse_linear on 3 qubits, block size 2: (1,2) then (0,1).
    const rot = (o: number): Gate[] => [0, 1, 2].map((q) => ['ry', [q], th(o + q)]);
    const ent: Gate[] = [['cx', [1, 2], []], ['cx', [0, 1], []]];
    expect(gates(c)).toEqual([...rot(0), ...ent, ...rot(3), ...ent, ...rot(6)]);
    expect(c.parameters).toEqual(Array.from({ length: 9 }, (_, i) => `θ[${i}]`));
    expect(c.name).toBe('RealAmplitudes');
  });

  it('defaults to reps=3 (4 RY layers: 12 parameters on 3 qubits) and has no CX on one qubit', () => {
    expect(realAmplitudes(3).parameters).toHaveLength(12);
    expect(gates(realAmplitudes(1, { reps: 2 }))).toEqual([['ry', [0], th(0)], ['ry', [0], th(1)], ['ry', [0], th(2)]]);
  });

  it('insertBarriers puts a barrier after each rotation and each entanglement layer of a rep', () => {
    const c = realAmplitudes(2, { reps: 1, insertBarriers: true, entanglement: 'linear' });
    expect(gates(c)).toEqual([
      ['ry', [0], th(0)], ['ry', [1], th(1)], ['barrier', [0, 1], []],
      ['cx', [0, 1], []], ['barrier', [0, 1], []],
      ['ry', [0], th(2)], ['ry', [1], th(3)],
    ]);
  });

  it('skipFinalRotationLayer drops the last RY layer and its parameters', () => {
    const c = realAmplitudes(3, { reps: 2, skipFinalRotationLayer: true });
    expect(c.parameters).toHaveLength(6);
    expect(gates(c).at(-1)).toEqual(['cx', [0, 1], []]);
  });

  it('skipUnentangledQubits: untouched qubits get no RY, and later blocks take the earlier parameters (Qiskit zips)', () => {
    // Qiskit's docstring example: real_amplitudes(4, reps=2, entanglement=[[0,3],[0,2]], skip_unentangled_qubits=True).
    // The ledger still reserves 4 parameters per rotation layer; qubit 1 is skipped, so qubits 0, 2, 3
    // take the first three of each layer's four.
    const c = realAmplitudes(4, { reps: 2, entanglement: [[0, 3], [0, 2]], skipUnentangledQubits: true });
    const rot = (o: number): Gate[] => [['ry', [0], th(o)], ['ry', [2], th(o + 1)], ['ry', [3], th(o + 2)]];
    const ent: Gate[] = [['cx', [0, 3], []], ['cx', [0, 2], []]];
    expect(gates(c)).toEqual([...rot(0), ...ent, ...rot(4), ...ent, ...rot(8)]);
    expect(c.parameters).toEqual(['θ[0]', 'θ[1]', 'θ[2]', 'θ[4]', 'θ[5]', 'θ[6]', 'θ[8]', 'θ[9]', 'θ[10]']);
  });

  it('parameterPrefix renames the vector', () => {
    expect(realAmplitudes(2, { reps: 1, parameterPrefix: 'phi' }).parameters).toEqual(['phi[0]', 'phi[1]', 'phi[2]', 'phi[3]']);
  });
});

describe('efficientSU2 (Qiskit efficient_su2)', () => {
  it('EfficientSU2(3, reps=1): RY layer then RZ layer, reverse_linear CX, 12 parameters (Qiskit docs)', () => {
    const c = efficientSU2(3, { reps: 1 });
    const rot = (o: number): Gate[] => [
      ...[0, 1, 2].map((q): Gate => ['ry', [q], th(o + q)]),
      ...[0, 1, 2].map((q): Gate => ['rz', [q], th(o + 3 + q)]),
    ];
    expect(gates(c)).toEqual([...rot(0), ['cx', [1, 2], []], ['cx', [0, 1], []], ...rot(6)]);
    expect(c.parameters).toHaveLength(12);
    expect(c.name).toBe('EfficientSU2');
  });

  it('su2Gates replaces the rotation gates', () => {
    const c = efficientSU2(2, { reps: 1, su2Gates: ['rx'], entanglement: 'full' });
    expect(gates(c)).toEqual([['rx', [0], th(0)], ['rx', [1], th(1)], ['cx', [0, 1], []], ['rx', [0], th(2)], ['rx', [1], th(3)]]);
  });
});

describe('nLocal (Qiskit n_local)', () => {
  it('parameterised entanglement blocks take parameters between the rotation layers', () => {
    const c = nLocal(3, 'ry', 'crx', { reps: 1, entanglement: 'linear' });
    expect(gates(c)).toEqual([
      ['ry', [0], th(0)], ['ry', [1], th(1)], ['ry', [2], th(2)],
      ['crx', [0, 1], th(3)], ['crx', [1, 2], th(4)],
      ['ry', [0], th(5)], ['ry', [1], th(6)], ['ry', [2], th(7)],
    ]);
    expect(c.name).toBe('nlocal');
  });

  it('defaults: reps 3, full entanglement', () => {
    const c = nLocal(3, ['ry'], ['cz']);
    const cz = gates(c).filter(([n]) => n === 'cz').map(([, q]) => q);
    expect(cz).toEqual([[0, 1], [0, 2], [1, 2], [0, 1], [0, 2], [1, 2], [0, 1], [0, 2], [1, 2]]);
    expect(c.parameters).toHaveLength(12);
  });

  it('a 2-qubit rotation block is stacked ⌊n/2⌋ times (on 0-1 only for 3 qubits); circular entanglement', () => {
    const c = nLocal(3, ['rxx'], ['cz'], { reps: 1, entanglement: 'circular' });
    expect(gates(c)).toEqual([
      ['rxx', [0, 1], th(0)],
      ['cz', [2, 0], []], ['cz', [0, 1], []], ['cz', [1, 2], []],
      ['rxx', [0, 1], th(1)],
    ]);
  });

  it('one entanglement entry per entanglement block, and a callable of the rep', () => {
    const c = nLocal(3, [], ['cx', 'cz'], { reps: 1, entanglement: ['linear', [[0, 2]]], skipFinalRotationLayer: true });
    expect(gates(c)).toEqual([['cx', [0, 1], []], ['cx', [1, 2], []], ['cz', [0, 2], []]]);
    const d = nLocal(3, [], 'cx', { reps: 2, entanglement: (rep) => (rep === 0 ? 'linear' : [[2, 0]]), skipFinalRotationLayer: true });
    expect(gates(d)).toEqual([['cx', [0, 1], []], ['cx', [1, 2], []], ['cx', [2, 0], []]]);
  });

  it("'sca' shifts and flips per rep as Qiskit's shift_circular_alternating", () => {
    const c = nLocal(3, [], 'cx', { reps: 2, entanglement: 'sca', skipFinalRotationLayer: true });
    // circular(3,2) = (2,0),(0,1),(1,2); rep 1 splits at −1 → (1,2),(2,0),(0,1), each reversed.
    expect(gates(c).map(([, q]) => q)).toEqual([[2, 0], [0, 1], [1, 2], [2, 1], [0, 2], [1, 0]]);
  });

  it('rejects bad input with a typed error naming the problem', () => {
    expect(() => nLocal(3, 'ry', 'cx', { entanglement: [[0, 1, 2]] })).toThrow(/does not match block size 2/);
    expect(() => nLocal(3, 'ry', ['cx', 'cz'], { entanglement: [[[0, 1]]] })).toThrow(/must match the number of entanglement blocks/);
    expect(() => nLocal(3, 'ry', 'cx', { reps: -1 })).toThrow(CircuitValidationError);
    expect(() => nLocal(3, 'nope', 'cx')).toThrow(/unknown gate 'nope'/);
    expect(() => nLocal(3, 'ry', 'cx', { entanglement: 'ring' as never })).toThrow(/unknown entanglement 'ring'/);
    expect(() => nLocal(2, 'ry', 'ccx')).toThrow(/3 qubits, more than the circuit's 2/);
  });
});

describe("entangler maps as Qiskit's get_entangler_map gives them", () => {
  // Values from the doc comments of Qiskit's crates/circuit_library/src/entanglement.rs and
  // the n_local docstring.
  it.each([
    ['full', 4, 2, 0, [[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]]],
    ['linear', 4, 2, 0, [[0, 1], [1, 2], [2, 3]]],
    ['reverse_linear', 4, 2, 0, [[2, 3], [1, 2], [0, 1]]],
    ['circular', 4, 3, 0, [[2, 3, 0], [3, 0, 1], [0, 1, 2], [1, 2, 3]]],
    ['pairwise', 6, 2, 0, [[0, 1], [2, 3], [4, 5], [1, 2], [3, 4]]],
    ['sca', 4, 3, 0, [[2, 3, 0], [3, 0, 1], [0, 1, 2], [1, 2, 3]]],
    ['sca', 4, 3, 1, [[3, 2, 1], [0, 3, 2], [1, 0, 3], [2, 1, 0]]],
    ['sca', 4, 3, 2, [[0, 1, 2], [1, 2, 3], [2, 3, 0], [3, 0, 1]]],
  ] as const)('%s on %i qubits, block %i, rep %i', (name, n, m, rep, expected) => {
    expect(entanglerMap(n, m, name, rep)).toEqual(expected);
    expect(nLocalEntanglement(n, [m], name, rep + 1)[rep]).toEqual([expected]);
  });
});

describe('a bound n-local circuit against a dense product of its gate matrices', () => {
  // Gate matrices written here from their definitions: RY(t) = [[c, −s], [s, c]],
  // RZ(t) = diag(e^{−it/2}, e^{it/2}) (c = cos t/2, s = sin t/2), CX with control q0, target q1 in
  // little-endian order (index = q0 + 2·q1): swaps |01⟩ ↔ |11⟩, i.e. indices 1 ↔ 3.
  const ry = (t: number): Mat => mat([[Math.cos(t / 2), -Math.sin(t / 2)], [Math.sin(t / 2), Math.cos(t / 2)]]);
  const rz = (t: number): Mat => mat([[[Math.cos(-t / 2), Math.sin(-t / 2)], 0], [0, [Math.cos(t / 2), Math.sin(t / 2)]]]);
  const cx01 = mat([[1, 0, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0], [0, 1, 0, 0]]);
  const I2 = eye(2);
  const on0 = (g: Mat): Mat => kron(I2, g);
  const on1 = (g: Mat): Mat => kron(g, I2);

  it('efficientSU2(2, reps=1) with θ bound equals RZ·RY layers ∘ CX ∘ RZ·RY layers applied to |00⟩', () => {
    const t = [0.3, -1.1, 0.7, 2.2, -0.4, 1.6, 0.9, -2.5];
    const c = efficientSU2(2, { reps: 1 }).assignParameters(t);
    // Gate order: ry θ0 q0, ry θ1 q1, rz θ2 q0, rz θ3 q1, cx(0,1), ry θ4 q0, ry θ5 q1, rz θ6 q0, rz θ7 q1.
    const seq = [on0(ry(t[0]!)), on1(ry(t[1]!)), on0(rz(t[2]!)), on1(rz(t[3]!)), cx01, on0(ry(t[4]!)), on1(ry(t[5]!)), on0(rz(t[6]!)), on1(rz(t[7]!))];
    const u = seq.reduce((acc, g) => matmul(g, acc), eye(4));
    const sv = Statevector.fromCircuit(c);
    for (let k = 0; k < 4; k++) {
      // Column 0 of U is U|00⟩.
      expect(sv.re[k]).toBeCloseTo(u.data[2 * (k * 4)]!, 12);
      expect(sv.im[k]).toBeCloseTo(u.data[2 * (k * 4) + 1]!, 12);
    }
  });

  it('realAmplitudes binds by Qiskit parameter order (θ[0], θ[1], …, θ[10] after θ[9])', () => {
    // 12 parameters: numeric order puts θ[10] after θ[9] (string order would put it after θ[1]).
    const c = realAmplitudes(3);
    expect(c.parameters.slice(9)).toEqual(['θ[9]', 'θ[10]', 'θ[11]']);
    const bound = c.assignParameters(Array.from({ length: 12 }, (_, i) => i / 10));
    const last = bound.instructions.at(-1)!;
    expect(last.name).toBe('ry');
    expect(last.params[0]).toBeCloseTo(1.1, 15);
  });
});
