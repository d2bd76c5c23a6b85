/**
 * Custom passes (Qiskit's PassManager.append/run) and the preset manager's positional form.
 */
import { Circuit } from '../../../src/circuit/circuit';
import { CircuitValidationError } from '../../../src/core/errors';
import { generatePresetPassManager, PassManager } from '../../../src/transpiler';
import { fakeTarget } from '../../support/transpiler';

describe('PassManager', () => {
  test('runs its passes in order on a copy: the caller’s circuit is unchanged', () => {
    const seen: string[] = [];
    const pm = new PassManager([
      (c) => {
        seen.push('first');
        return c.x(0); // edits the circuit it is given
      },
    ]).append({ name: 'add-h', run: (c) => (seen.push('second'), c.h(1)) });
    const input = new Circuit(2);
    const out = pm.run(input);
    expect(seen).toEqual(['first', 'second']);
    expect(out.instructions.map((i) => i.name)).toEqual(['x', 'h']);
    expect(input.instructions).toHaveLength(0);
    expect(pm.length).toBe(2);
    expect(pm.run([new Circuit(2), new Circuit(2).z(0)]).map((c) => c.instructions.map((i) => i.name))).toEqual([
      ['x', 'h'],
      ['z', 'x', 'h'],
    ]);
  });

  test('a pass that returns no circuit, or something that is not a pass, is a typed error naming it', () => {
    const bad = new PassManager({ name: 'forgetful', run: () => undefined as unknown as Circuit });
    expect(() => bad.run(new Circuit(1))).toThrow(/pass 0 \(forgetful\) returned nothing, not a Circuit/);
    expect(() => new PassManager([42 as never])).toThrow(CircuitValidationError);
    expect(() => new PassManager((c: Circuit) => c).append({} as never)).toThrow(/pass 1 is neither a function nor an object with run\(circuit\)/);
  });
});

describe('generatePresetPassManager', () => {
  const target = fakeTarget('fake_fez');
  const bell = new Circuit(2, 2).h(0).cx(0, 1).measure([0, 1], [0, 1]);

  test("Qiskit's positional form (level, backend) equals the options form; the default level is 2", () => {
    const positional = generatePresetPassManager(1, { target });
    const named = generatePresetPassManager({ optimizationLevel: 1, target });
    expect(positional.optimizationLevel).toBe(1);
    expect(positional.run(bell).instructions).toEqual(named.run(bell).instructions);
    expect(generatePresetPassManager(3, target).optimizationLevel).toBe(3);
    expect(generatePresetPassManager({ target }).optimizationLevel).toBe(2);
  });

  test('append returns a new manager whose passes run after the stages; the original is unchanged', () => {
    const pm = generatePresetPassManager({ optimizationLevel: 1, target });
    const marked = pm.append((c) => c.barrier());
    expect(pm.customPasses).toHaveLength(0);
    expect(marked.customPasses).toHaveLength(1);
    const plain = pm.run(bell);
    const out = marked.run(bell);
    expect(out.instructions.slice(0, -1)).toEqual(plain.instructions);
    const last = out.instructions[out.instructions.length - 1]!;
    expect([last.name, last.qubits.length]).toEqual(['barrier', target.numQubits]);
    expect(marked.runWithLayout(bell).circuit.instructions).toEqual(out.instructions);
    expect(() => pm.append('nope' as never)).toThrow(CircuitValidationError);
  });
});
