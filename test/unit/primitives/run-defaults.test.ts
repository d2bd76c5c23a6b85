/**
 * Run-level defaults as Qiskit's V2 primitives take them: `Sampler.run(pubs, { shots })` and
 * `Estimator.run(pubs, { precision })`. Precedence as Qiskit: the PUB's own value, then the
 * run's, then the primitive's default options.
 */
import { Circuit } from '../../../src/circuit/circuit';
import { InputValidationError } from '../../../src/core/errors';
import { Estimator } from '../../../src/primitives/estimator';
import { Sampler } from '../../../src/primitives/sampler';
import { createLocalBackend } from '../../../simulators/local';

const backend = createLocalBackend();
const bell = new Circuit(2).h(0).cx(0, 1).measureAll();
const bellNoMeasure = new Circuit(2).h(0).cx(0, 1);

describe('Sampler.run(pubs, { shots })', () => {
  it('run shots apply to PUBs without their own, over the constructor default', async () => {
    const res = await (await new Sampler(backend, { shots: 11, seed: 1 }).run([bell, [bell, undefined, 5]], { shots: 7 })).result();
    expect(res.pubs[0]!.data.meas!.numShots).toBe(7);
    expect(res.pubs[1]!.data.meas!.numShots).toBe(5); // the PUB's shots win
    const counts = res.pubs[0]!.data.meas!.getCounts();
    expect((counts['00'] ?? 0) + (counts['11'] ?? 0)).toBe(7);
  });

  it('without run shots the constructor default holds, then 1024', async () => {
    expect((await (await new Sampler(backend, { shots: 11, seed: 1 }).run([bell])).result()).pubs[0]!.data.meas!.numShots).toBe(11);
    expect((await (await new Sampler(backend, { seed: 1 }).run([bell])).result()).pubs[0]!.data.meas!.numShots).toBe(1024);
  });

  it('bad run shots are a typed error', async () => {
    await expect(new Sampler(backend).run([bell], { shots: 0 })).rejects.toBeInstanceOf(InputValidationError);
    await expect(new Sampler(backend).run([bell], { shots: 2.5 })).rejects.toThrow(/shots must be a positive integer/);
  });
});

describe('Estimator.run(pubs, { precision })', () => {
  it('run precision applies to PUBs without their own, over the constructor default', async () => {
    const res = await (
      await new Estimator(backend, { precision: 0, seed: 3 }).run(
        [[bellNoMeasure, 'ZZ'], [bellNoMeasure, 'ZZ', undefined, 0.1]],
        { precision: 0.05 },
      )
    ).result();
    // shots = ceil(1 / precision²): 400 for 0.05, 100 for 0.1
    expect(res.pubs[0]!.metadata).toMatchObject({ precision: 0.05, shots: 400 });
    expect(res.pubs[1]!.metadata).toMatchObject({ precision: 0.1, shots: 100 });
  });

  it('without run precision the constructor default holds (0: exact on the local simulator)', async () => {
    const res = await (await new Estimator(backend, { precision: 0 }).run([[bellNoMeasure, 'XX']])).result();
    expect(res.pubs[0]!.metadata.precision).toBe(0);
    expect(res.pubs[0]!.evs.flat()[0]).toBeCloseTo(1, 12);
  });

  it('bad run precision is a typed error', async () => {
    await expect(new Estimator(backend).run([[bellNoMeasure, 'ZZ']], { precision: -1 })).rejects.toBeInstanceOf(InputValidationError);
  });
});
