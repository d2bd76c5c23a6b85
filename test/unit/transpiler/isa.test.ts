import { Circuit } from '../../../src/circuit/circuit';
import { Parameter } from '../../../src/circuit/parameter';
import { CircuitValidationError } from '../../../src/core/errors';
import { createTarget } from '../../../src/core/target';
import { checkIsa, isIsa, IsaValidationError, NON_ISA_MESSAGE, transpile } from '../../../src/transpiler';
import { ghz, kernelCircuit, qft, randomCircuit } from '../../support/circuits';
import { FAKE_NAMES, fakeTarget } from '../../support/transpiler';

describe('checkIsa', () => {
  const fez = fakeTarget('fake_fez'); // cz; the published ibm_fez configuration has no fractional gates
  const frac = fakeTarget('fake_line5', true); // cz + fractional rx/rzz
  const brisbane = fakeTarget('fake_brisbane'); // ecr, one direction per edge

  function expectViolation(c: Circuit, target = fez, violation: string, words: RegExp): void {
    expect(isIsa(c, target)).toBe(false);
    let err: unknown;
    try {
      checkIsa(c, target);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(IsaValidationError);
    expect(err).toBeInstanceOf(CircuitValidationError);
    const e = err as IsaValidationError;
    expect(e.violation).toBe(violation);
    expect(e.ibmCode).toBe(1517);
    expect(e.message.startsWith(NON_ISA_MESSAGE)).toBe(true);
    expect(e.message).toMatch(words);
  }

  test('accepts native gates on directed edges, measurements, barriers and free parameters', () => {
    const c = new Circuit(156, 2).rz(new Parameter('t'), 3).sx(3).x(16).cz(3, 16).cz(23, 16).barrier().measure(3, 0).measure(16, 1);
    expect(() => checkIsa(c, fez)).not.toThrow();
    expect(isIsa(c, fez)).toBe(true);
    const f = new Circuit(5, 1).rx(0.3, 2).rzz(0.5, 1, 2).cz(3, 2).measure(2, 0);
    expect(() => checkIsa(f, frac)).not.toThrow();
    expect(isIsa(new Circuit(156).rzz(0.5, 16, 23), fez)).toBe(false);
  });

  test('a gate that is not native', () => {
    expectViolation(new Circuit(2).rz(0.1, 0).h(1), fez, 'not-native', /instruction 1 \(h on qubit 1\).*'h' is not a native/);
  });
  test('two qubits that are not an edge', () => {
    expectViolation(new Circuit(6).cz(0, 5), fez, 'not-an-edge', /instruction 0 \(cz on qubits 0, 5\).*not a directed edge/);
  });
  test('the wrong direction of a one-directional ECR edge', () => {
    const [a, b] = brisbane.couplingMap![0]!;
    expect(isIsa(new Circuit(127).ecr(a, b), brisbane)).toBe(true);
    expectViolation(new Circuit(127).ecr(b, a), brisbane, 'not-an-edge', /not a directed edge/);
  });
  test('more qubits than the target', () => {
    expectViolation(new Circuit(157), fez, 'too-many-qubits', /157 qubits but the target has 156/);
  });
  test('a circuit narrower than the target is fine', () => {
    const t = createTarget({ numQubits: 2, basisGates: ['rz'], couplingMap: [[0, 1]] });
    expect(isIsa(new Circuit(2).rz(1, 1), t)).toBe(true);
  });
  test('a faulty qubit', () => {
    const t = createTarget({
      numQubits: 3,
      basisGates: ['cz', 'rz', 'sx', 'x'],
      couplingMap: [[0, 1], [1, 2]],
      qubitProperties: [{}, {}, { faulty: true }],
    });
    expectViolation(new Circuit(3).sx(2), t, 'faulty-qubit', /qubit 2 is marked faulty/);
  });
  test('rzz angle outside [0, π/2] (bound values); parameters pass', () => {
    expectViolation(new Circuit(2).rzz(-0.2, 0, 1), frac, 'rzz-angle', /outside \[0, π\/2\]/);
    expectViolation(new Circuit(2).rzz(2, 0, 1), frac, 'rzz-angle', /outside/);
    expect(isIsa(new Circuit(2).rzz(Math.PI / 2 + 1e-11, 0, 1), frac)).toBe(true);
    expect(isIsa(new Circuit(2).rzz(new Parameter('t'), 0, 1), frac)).toBe(true);
  });
  test('point 8: no rzz angle below 0 at all (IBM refuses -1e-11; only π/2 has a 1e-10 allowance)', () => {
    expectViolation(new Circuit(2).rzz(-1e-11, 0, 1), frac, 'rzz-angle', /rzz angle -1e-11 is outside/);
    expectViolation(new Circuit(2).rzz(Math.PI / 2 + 2e-10, 0, 1), frac, 'rzz-angle', /outside/);
    expect(isIsa(new Circuit(2).rzz(0, 0, 1), frac)).toBe(true);
  });
  test('three-qubit gates are never native', () => {
    const t = createTarget({ numQubits: 3, basisGates: ['ccx'], couplingMap: [[0, 1]] });
    expectViolation(new Circuit(3).ccx(0, 1, 2), t, 'not-native', /3-qubit operations are not native/);
  });
});

describe.each(FAKE_NAMES)('every transpiled circuit is ISA on %s', (name) => {
  const target = fakeTarget(name);
  const circuits: [string, Circuit][] = [
    ['ghz', ghz(Math.min(5, target.numQubits))],
    ['qft', qft(Math.min(5, target.numQubits))],
    ['random', randomCircuit(Math.min(5, target.numQubits), 80, 11)],
    ['kernel template', kernelCircuit(Math.min(4, target.numQubits), 2)],
  ];
  test.each(circuits)('%s', (_, c) => {
    for (const level of [0, 1, 2, 3] as const) {
      const r = transpile(c, target, { optimizationLevel: level });
      expect(() => checkIsa(r.circuit, target)).not.toThrow();
      expect(r.circuit.numQubits).toBe(target.numQubits);
    }
  });
});
