/**
 * Issue 15, circuit library: `zFeatureMap` / `zzFeatureMap` / `pauliFeatureMap` called with
 * Qiskit's positional signature return circuits, gate for gate as Qiskit's `pauli_feature_map`
 * builds them: per rep an H layer (barrier if asked), then for each Pauli string and each
 * entanglement tuple the evolution block (for Z on qubit i: P(α·x[i]); for ZZ on (i, j):
 * CX(i, j), P(α·(π − x[i])·(π − x[j])) on j, CX(i, j)); a barrier after each rep but the last.
 * The options-object form still returns the PauliFeatureMap the kernels use, with the same gates.
 */
import { Circuit } from '../../../src/circuit/circuit';
import { pauliFeatureMap, PauliFeatureMap, zFeatureMap, zzFeatureMap } from '../../../src/kernel/feature-map';
import { InputValidationError } from '../../../src/core/errors';
import { Statevector } from '../../../src/quantum-info/statevector';
import { eye, kron, mat, matmul, type Mat } from '../../support/dense';

type Gate = [name: string, qubits: number[], params: string[]];
const gates = (c: Circuit): Gate[] =>
  c.instructions.map((i) => [i.name, [...i.qubits], i.params.map((p) => (typeof p === 'number' ? String(p) : p.toString()))]);
const h = (n: number): Gate[] => Array.from({ length: n }, (_, q): Gate => ['h', [q], []]);
const barrier = (n: number): Gate => ['barrier', Array.from({ length: n }, (_, q) => q), []];

describe("Qiskit's positional feature-map signatures return circuits", () => {
  it('zFeatureMap(3, 3, { insertBarriers: true }) is the docstring circuit: H ░ P(2·x[i]) ░ … (no barrier at the end)', () => {
    const c = zFeatureMap(3, 3, { insertBarriers: true });
    expect(c).toBeInstanceOf(Circuit);
    const p: Gate[] = [0, 1, 2].map((q) => ['p', [q], [`x[${q}]*2`]]);
    expect(gates(c)).toEqual([...h(3), barrier(3), ...p, barrier(3), ...h(3), barrier(3), ...p, barrier(3), ...h(3), barrier(3), ...p]);
    expect(c.name).toBe('ZFeatureMap');
    expect(c.parameters).toEqual(['x[0]', 'x[1]', 'x[2]']);
  });

  it('zzFeatureMap(2, 1): H H, P(2x0), P(2x1), CX(0,1), P(2(π−x0)(π−x1)) on 1, CX(0,1)', () => {
    const c = zzFeatureMap(2, 1);
    expect(gates(c)).toEqual([
      ...h(2),
      ['p', [0], ['x[0]*2']],
      ['p', [1], ['x[1]*2']],
      ['cx', [0, 1], []],
      ['p', [1], [`(${Math.PI} - x[0])*(${Math.PI} - x[1])*2`]],
      ['cx', [0, 1], []],
    ]);
    expect(c.name).toBe('ZZFeatureMap');
  });

  it('positional reps, entanglement, alpha, paulis; keyword object in any trailing slot', () => {
    const a = zzFeatureMap(3, 1, 'linear', 1.5);
    const b = zzFeatureMap(3, { reps: 1, entanglement: 'linear', alpha: 1.5 });
    expect(gates(a)).toEqual(gates(b));
    // linear on 3: ZZ blocks on (0,1) then (1,2).
    expect(gates(a).filter(([n]) => n === 'cx').map(([, q]) => q)).toEqual([[0, 1], [0, 1], [1, 2], [1, 2]]);
    const c = pauliFeatureMap(2, 1, 'full', 2, ['X'], { parameterPrefix: 'y', name: 'mine' });
    // X on qubit i: H, P(2·y[i]), H after the H layer.
    expect(gates(c)).toEqual([...h(2), ['h', [0], []], ['p', [0], ['y[0]*2']], ['h', [0], []], ['h', [1], []], ['p', [1], ['y[1]*2']], ['h', [1], []]]);
    expect(c.name).toBe('mine');
  });

  it('the options-object form is unchanged: a PauliFeatureMap whose circuit has the same gates', () => {
    const fm = pauliFeatureMap({ featureDimension: 3 });
    expect(fm).toBeInstanceOf(PauliFeatureMap);
    expect(gates(fm.circuit())).toEqual(gates(pauliFeatureMap(3)));
    expect(zzFeatureMap({ featureDimension: 2 })).toBeInstanceOf(PauliFeatureMap);
    expect(zFeatureMap({ featureDimension: 2 })).toBeInstanceOf(PauliFeatureMap);
  });

  it('each call builds a new circuit: editing one leaves the next untouched', () => {
    const a = zzFeatureMap(2);
    a.x(0);
    expect(gates(zzFeatureMap(2)).some(([n]) => n === 'x')).toBe(false);
  });

  it('bad input is a typed error', () => {
    expect(() => zzFeatureMap(1)).toThrow(/at least 2 features/);
    expect(() => zFeatureMap(2, 0)).toThrow(InputValidationError);
    expect(() => zFeatureMap(2, 1, 'full', 2, ['Z'] as never)).toThrow(/data_map_func is not supported/);
  });
});

describe('a bound zzFeatureMap(2, 1) against a dense product of its gate matrices', () => {
  // P(t) = diag(1, e^{it}); H; CX(0→1) in little-endian order swaps indices 1 ↔ 3.
  const H = mat([[Math.SQRT1_2, Math.SQRT1_2], [Math.SQRT1_2, -Math.SQRT1_2]]);
  const P = (t: number): Mat => mat([[1, 0], [0, [Math.cos(t), Math.sin(t)]]]);
  const CX = mat([[1, 0, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0], [0, 1, 0, 0]]);
  const I2 = eye(2);

  it('x = (0.4, −1.3)', () => {
    const x = [0.4, -1.3];
    const c = zzFeatureMap(2, 1).assignParameters({ 'x[0]': x[0]!, 'x[1]': x[1]! });
    const phi = 2 * (Math.PI - x[0]!) * (Math.PI - x[1]!);
    const seq = [kron(H, H), kron(I2, P(2 * x[0]!)), kron(P(2 * x[1]!), I2), CX, kron(P(phi), I2), CX];
    const u = seq.reduce((acc, g) => matmul(g, acc), eye(4));
    const sv = Statevector.fromCircuit(c);
    for (let k = 0; k < 4; k++) {
      expect(sv.re[k]).toBeCloseTo(u.data[2 * (k * 4)]!, 12);
      expect(sv.im[k]).toBeCloseTo(u.data[2 * (k * 4) + 1]!, 12);
    }
  });
});
