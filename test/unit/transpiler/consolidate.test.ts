import { Circuit } from '../../../src/circuit/circuit';
import { Parameter } from '../../../src/circuit/parameter';
import { Operator } from '../../../src/quantum-info/operator';
import { consolidateTwoQubitBlocks } from '../../../src/transpiler/consolidate';
import { circuitFromProgram, programFromCircuit } from '../../../src/transpiler/ir';
import { unrollToCx } from '../../../src/transpiler/unroll';
import { randomCircuit } from '../../support/circuits';

/**
 * Block consolidation against quantum_info's Operator of the input circuit (global phase
 * included), and against closed-form CX counts: any two-qubit unitary needs at most three CX;
 * CX·SWAP is locally an iSWAP (two CX, Qiskit's num_basis_gates); CX(0,1)·CX(0,1) is the
 * identity (zero).
 */

function consolidated(c: Circuit): Circuit {
  return circuitFromProgram(consolidateTwoQubitBlocks(programFromCircuit(c)), c);
}

function expectSameOperator(a: Circuit, b: Circuit): void {
  const x = Operator.fromCircuit(a).toMatrix();
  const y = Operator.fromCircuit(b).toMatrix();
  let worst = 0;
  x.forEach((row, r) => row.forEach((z, k) => (worst = Math.max(worst, z.sub(y[r]![k]!).abs()))));
  expect(worst).toBeLessThan(1e-11);
}

const twoQ = (c: Circuit): number => c.instructions.filter((i) => i.qubits.length === 2 && i.name !== 'barrier').length;

describe('two-qubit block consolidation', () => {
  test('a run of four CX with one-qubit gates on one pair becomes ≤ 3 CX, same operator', () => {
    const c = new Circuit(2).cx(0, 1).ry(0.3, 0).cx(1, 0).rz(1.1, 1).h(0).cx(0, 1).rx(-0.7, 1).cx(1, 0).t(0);
    const out = consolidated(c);
    expect(twoQ(out)).toBeLessThanOrEqual(3);
    expectSameOperator(c, out);
  });

  test('H·CX·SWAP·S needs two CX; CX·CX·SWAP (written as five CX) is a SWAP: three', () => {
    const c = new Circuit(2).cx(0, 1).cx(0, 1).cx(1, 0).cx(0, 1).cx(1, 0);
    // CX(0,1)·CX(0,1) cancel on paper; the remaining CX(0,1)·CX(1,0)·CX(0,1) is a SWAP
    const d = new Circuit(2).h(0).cx(0, 1).swap(0, 1).s(1);
    for (const x of [c, d]) {
      const out = consolidated(x);
      expectSameOperator(x, out);
    }
    expect(twoQ(consolidated(d))).toBe(2);
    expect(twoQ(consolidated(c))).toBe(3);
  });

  test('CX·CX on the same pair is the identity: no entangler left', () => {
    const c = new Circuit(2).cx(0, 1).cx(0, 1);
    const out = consolidated(c);
    expect(twoQ(out)).toBe(0);
    expectSameOperator(c, out);
  });

  test('a gate on another pair ends a block; order stays valid (operator unchanged)', () => {
    const c = new Circuit(3).cx(0, 1).cx(1, 0).cx(1, 2).cx(0, 1).cx(1, 0).cx(0, 1).h(2).cx(2, 1).cx(1, 2);
    expectSameOperator(c, consolidated(c));
  });

  test('a block already at its minimum is left as written', () => {
    const c = new Circuit(2).h(0).cx(0, 1).rz(0.2, 1).cx(0, 1);
    expect(consolidated(c).instructions).toEqual(c.instructions);
  });

  test('measurements, barriers and symbolic gates end blocks and pass unchanged', () => {
    const th = new Parameter('θ');
    const c = new Circuit(2, { classicalRegisters: { c: 2 } });
    c.cx(0, 1).cx(1, 0).rz(th, 0).cx(0, 1).cx(1, 0).barrier().cx(0, 1).measure(0, 0).cx(0, 1).cx(1, 0).measure(1, 1);
    const out = consolidated(c);
    const names = out.instructions.map((i) => i.name);
    expect(names.filter((n) => n === 'measure')).toHaveLength(2);
    expect(names).toContain('barrier');
    expect(out.instructions.some((i) => i.name === 'rz' && typeof i.params[0] !== 'number')).toBe(true);
    // with θ bound and measurements removed, the same operator as the input
    const strip = (x: Circuit): Circuit => {
      const y = new Circuit(2);
      y.globalPhase = x.globalPhase;
      for (const i of x.instructions) if (i.name !== 'measure' && i.name !== 'barrier') y.append(i.name, i.qubits, i.params);
      return y.assignParameters([0.37]);
    };
    expectSameOperator(strip(c), strip(out));
  });

  test.each([1, 2, 3, 4, 5, 6])('seeded random 4-qubit circuit %d (every gate kind): same operator, never more two-qubit cost', (seed) => {
    const c = randomCircuit(4, 80, seed);
    const out = consolidated(c);
    expectSameOperator(c, out);
    // ccx and the like are left to the unroller: compare CX counts after unrolling both
    const cost = (x: Circuit): number => unrollToCx(programFromCircuit(x)).ops.filter((o) => o.qubits.length === 2).length;
    expect(cost(out)).toBeLessThanOrEqual(cost(c));
  });
});
