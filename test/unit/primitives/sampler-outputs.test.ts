/**
 * Issue 15, fourth bullet: a Sampler PUB whose circuit has no classical register used to come
 * back as `data: {}`. Qiskit's Sampler warns about exactly this case ("no output classical
 * registers so the result will be empty") and qiskit-ibm-runtime refuses size-0 registers;
 * qbridge refuses both with a typed error.
 */
import { createLocalBackend } from '../../../simulators/local';
import { Circuit } from '../../../src/circuit/circuit';
import { CircuitValidationError } from '../../../src/core/errors';
import { Sampler } from '../../../src/primitives/sampler';

describe('Sampler: circuits without outputs', () => {
  const local = createLocalBackend();

  it('refuses a circuit with no classical register, naming the PUB and the fix', async () => {
    const noMeasure = new Circuit(2).h(0).cx(0, 1);
    const run = new Sampler(local, { shots: 10 }).run([new Circuit(1).x(0).measureAll(), noMeasure]);
    await expect(run).rejects.toBeInstanceOf(CircuitValidationError);
    await expect(new Sampler(local).run([noMeasure])).rejects.toThrow(/PUB 0: the circuit has no classical registers.*measureAll/);
    await expect(new Sampler(local).run([new Circuit(1).measureAll(), noMeasure])).rejects.toThrow(/^PUB 1:/);
  });

  it('refuses a classical register of size 0', async () => {
    const c = new Circuit(1, { classicalRegisters: { c: 1, empty: 0 } }).measure(0, 0);
    await expect(new Sampler(local).run([c])).rejects.toThrow(/register 'empty' has size 0/);
  });

  it('a register without measurements is valid, as in Qiskit: its bits read 0 on every shot', async () => {
    const c = new Circuit(1, 1).x(0);
    const result = await (await new Sampler(local, { shots: 20, seed: 1 }).run([c])).result();
    expect(result.pubs[0]!.data.c!.getCounts()).toEqual({ '0': 20 });
  });
});
