/**
 * The Sampler's Qiskit-shaped results (issue 15): `result[i].data.<register>` is a BitArray in
 * the shape of PUB i's parameter values (Qiskit's SamplerPub: `BindingsArray.shape`, `()` for a
 * circuit without parameters). Outcomes are checked on deterministic circuits: rx(0)|0⟩ = |0⟩
 * and rx(π)|0⟩ = −i|1⟩, so every shot of a row is known from its angle.
 */
import type { Backend } from '../../../src/backend';
import { Circuit } from '../../../src/circuit/circuit';
import { Parameter } from '../../../src/circuit/parameter';
import { InputValidationError } from '../../../src/core/errors';
import { PrimitiveResult } from '../../../src/primitives/containers';
import { Sampler } from '../../../src/primitives/sampler';
import { createLocalBackend } from '../../../simulators/local';

const backend = createLocalBackend();
const t = new Parameter('t');
const flip = new Circuit(1).rx(t, 0).measureAll();

describe('Sampler results as Qiskit shapes them', () => {
  it('a circuit without parameters gives 0-d BitArrays; result[0] is pubs[0]; counts read as Qiskit: result[0].data.meas.getCounts()', async () => {
    const bell = new Circuit(2).h(0).cx(0, 1).measureAll();
    const res = await (await new Sampler(backend, { shots: 200, seed: 3 }).run([bell])).result();
    expect(res).toBeInstanceOf(PrimitiveResult);
    expect(res.kind).toBe('sampler');
    expect(res[0]).toBe(res.pubs[0]);
    const meas = res[0]!.data.meas!;
    expect(meas.shape).toEqual([]);
    expect(meas.ndim).toBe(0);
    expect(meas.numRows).toBe(1);
    const counts = meas.getCounts();
    expect(Object.keys(counts).every((k) => k === '00' || k === '11')).toBe(true);
    expect((counts['00'] ?? 0) + (counts['11'] ?? 0)).toBe(200);
    expect(Object.keys(res[0]!.data)).toEqual(['meas']);
  });

  it('parameter values of shape (2, 3, 1) give BitArrays of shape (2, 3), rows in row-major order', async () => {
    // angle[i][j] is π where (i + j) is odd: those rows read '1' on every shot.
    const grid = [0, 1].map((i) => [0, 1, 2].map((j) => [(i + j) % 2 ? Math.PI : 0]));
    const res = await (await new Sampler(backend, { shots: 40, seed: 1 }).run([[flip, grid]])).result();
    const meas = res[0]!.data.meas!;
    expect(meas.shape).toEqual([2, 3]);
    expect(meas.numRows).toBe(6);
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 3; j++) expect(meas.getCounts(i * 3 + j)).toEqual({ [(i + j) % 2 ? '1' : '0']: 40 });
    }
    expect(res.pubs[0]!.metadata.numRows).toBe(6);
  });

  it('a flat list of values binds once (shape []); rows give shape [rows]; slicing keeps the shape', async () => {
    const res = await (await new Sampler(backend, { shots: 10, seed: 2 }).run([[flip, [Math.PI]], [flip, [[0], [Math.PI]]]])).result();
    expect(res[0]!.data.meas!.shape).toEqual([]);
    expect(res[0]!.data.meas!.getCounts()).toEqual({ '1': 10 });
    const rows = res[1]!.data.meas!;
    expect(rows.shape).toEqual([2]);
    expect(rows.getCounts(0)).toEqual({ '0': 10 });
    expect(rows.getCounts(1)).toEqual({ '1': 10 });
    expect(rows.sliceShots([0, 1]).shape).toEqual([2]);
    expect(rows.sliceBits([0]).shape).toEqual([2]);
  });

  it('refuses ragged parameter values with a typed error before submitting', async () => {
    const spy: Backend = { ...backend, run: jest.fn() } as unknown as Backend;
    const run = new Sampler(spy).run([[flip, [[[0]], [[0], [1]]]]]);
    await expect(run).rejects.toBeInstanceOf(InputValidationError);
    await expect(run).rejects.toThrow(/PUB 0: the parameter values are ragged/);
    expect(spy.run).not.toHaveBeenCalled();
  });

  it('forwards the job itself: id, backend name, status and methods a backend job adds', async () => {
    const inner = await backend.run({ kind: 'sampler', pubs: [{ circuit: new Circuit(1).measureAll() }], shots: 5 });
    const extra = { ...inner, progress: jest.fn(() => 'p'), result: inner.result.bind(inner), status: inner.status.bind(inner), cancel: inner.cancel.bind(inner) };
    const spy = { ...backend, target: backend.target, run: jest.fn(async () => extra) } as unknown as Backend;
    const job = await new Sampler(spy).run([new Circuit(1).measureAll()]);
    expect(job.id).toBe(inner.id);
    expect(job.backendName).toBe(inner.backendName);
    expect(await job.status()).toBe('done');
    expect((job as unknown as { progress(): string }).progress()).toBe('p');
    const res = await job.result();
    expect(res[0]!.data.meas!.shape).toEqual([]);
    expect(res[0]!.data.meas!.getCounts()).toEqual({ '0': 5 });
  });
});
