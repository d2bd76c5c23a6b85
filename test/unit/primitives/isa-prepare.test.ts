import { Circuit, CircuitValidationError, Estimator, Parameter, Sampler } from '../../../src';
import { createTarget } from '../../../src/core/target';
import { prepareIsaCircuit } from '../../../src/primitives/isa-prepare';
import { IsaValidationError } from '../../../src/transpiler';
import { createFakeBackend } from '../../../simulators/fake';
import { createLocalBackend } from '../../../simulators/local';

/**
 * The primitive front-ends make the same researcher code run on ISA-only backends: logical
 * circuits are transpiled once per PUB, parameters stay symbolic, observables follow the layout.
 */
describe('Sampler and Estimator on ISA-only backends', () => {
  const bell = (): Circuit => new Circuit(2).h(0).cx(0, 1).measureAll();

  it('samples a logical Bell circuit on a fake Heron device (only 00 and 11, keyed by the own register)', async () => {
    const backend = await createFakeBackend('fake_fez');
    const result = await (await new Sampler(backend, { shots: 400, seed: 3 }).run([bell()])).result();
    const counts = result.pubs[0]!.data.meas!.getCounts();
    expect(Object.keys(counts).sort()).toEqual(['00', '11']);
    expect(counts['00']! + counts['11']!).toBe(400);
    expect(counts['00']!).toBeGreaterThan(140);
    expect(counts['11']!).toBeGreaterThan(140);
  });

  it('refuses the same circuit when transpiling is turned off', async () => {
    const backend = await createFakeBackend('fake_fez');
    await expect(new Sampler(backend, { transpile: false }).run([bell()])).rejects.toBeInstanceOf(CircuitValidationError);
  });

  it('keeps parameters symbolic: rows bind the transpiled template', async () => {
    const theta = new Parameter('theta');
    const circ = new Circuit(1).ry(theta, 0).measureAll();
    const backend = await createFakeBackend('fake_brisbane');
    const rows = [[0], [Math.PI]];
    const result = await (await new Sampler(backend, { shots: 200, seed: 1 }).run([[circ, rows]])).result();
    const meas = result.pubs[0]!.data.meas!;
    expect(meas.getCounts(0)).toEqual({ '0': 200 });
    expect(meas.getCounts(1)).toEqual({ '1': 200 });
  });

  it('moves observables onto the physical qubits (GHZ-3 ⟨ZZI⟩ = 1, ⟨XXX⟩ = 1 exactly, as on local)', async () => {
    const ghz = new Circuit(3).h(0).cx(0, 1).cx(1, 2);
    const observables = [[['ZZI', 1]], [['XXX', 1]], [['ZII', 1]]] as const;
    const fake = await (await new Estimator(await createFakeBackend('fake_hanoi'), { precision: 0 }).run([{ circuit: ghz, observables }])).result();
    const local = await (await new Estimator(createLocalBackend(), { precision: 0 }).run([{ circuit: ghz, observables }])).result();
    expect(fake.pubs[0]!.evs[0]![0]).toBeCloseTo(1, 9);
    expect(fake.pubs[0]!.evs[0]![1]).toBeCloseTo(1, 9);
    expect(fake.pubs[0]!.evs[0]![2]).toBeCloseTo(0, 9);
    expect(fake.pubs[0]!.evs[0]).toEqual(local.pubs[0]!.evs[0]!.map((v) => expect.closeTo(v, 9)));
  });
});

describe('the one ISA gate (prepareIsaCircuit)', () => {
  const line = createTarget({
    numQubits: 3,
    basisGates: ['cz', 'rz', 'sx', 'x'],
    couplingMap: [[0, 1], [1, 0], [1, 2], [2, 1]],
    requiresIsa: true,
  });

  it('returns an ISA circuit as is, with the identity layout', () => {
    const isa = new Circuit(2).sx(0).cz(0, 1).measureAll();
    const p = prepareIsaCircuit(isa, line);
    expect(p).toEqual({ circuit: isa, physical: [0, 1], transpiled: false });
    expect(p.circuit).toBe(isa);
  });

  it('transpiles a logical circuit once (parameters stay symbolic) and reports where the qubits went', () => {
    const theta = new Parameter('theta');
    const logical = new Circuit(3).h(0).cx(0, 2).ry(theta, 1).measureAll();
    const p = prepareIsaCircuit(logical, line, { seed: 1 });
    expect(p.transpiled).toBe(true);
    expect(p.circuit.parameters).toEqual(['theta']);
    expect([...p.physical].sort()).toEqual([0, 1, 2]);
    expect(prepareIsaCircuit(p.circuit, line).transpiled).toBe(false);
  });

  it("refuses a non-ISA circuit with IBM's 1517 wording when transpiling is off", () => {
    expect(() => prepareIsaCircuit(new Circuit(2).h(0).cx(0, 1), line, false)).toThrow(IsaValidationError);
  });
});
