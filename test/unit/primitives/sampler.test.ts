import type { Backend } from '../../../src/backend';
import { Circuit } from '../../../src/circuit/circuit';
import { Parameter } from '../../../src/circuit/parameter';
import { AbortedError, CircuitValidationError, InputValidationError } from '../../../src/core/errors';
import { Sampler } from '../../../src/primitives/sampler';
import { createTarget } from '../../../src/core/target';
import { createLocalBackend } from '../../../simulators/local';

const backend = createLocalBackend();

/** |observed − N·p| ≤ 4·√(N·p·(1−p)): a binomial count within 4 standard deviations. */
function expectBinomial(observed: number, shots: number, p: number): void {
  const sd = Math.sqrt(shots * p * (1 - p));
  expect(Math.abs(observed - shots * p)).toBeLessThanOrEqual(4 * sd + 1e-9);
}

describe('Sampler on the local backend', () => {
  it('samples a Bell pair: only 00 and 11, about half each, counts summing to shots', async () => {
    const bell = new Circuit(2).h(0).cx(0, 1).measureAll();
    const res = await (await new Sampler(backend, { shots: 4000, seed: 42 }).run([bell])).result();
    const counts = res.pubs[0]!.data.meas!.getCounts();
    expect(Object.keys(counts).sort()).toEqual(['00', '11']);
    expect(counts['00']! + counts['11']!).toBe(4000);
    expectBinomial(counts['00']!, 4000, 0.5);
  });

  it('samples GHZ-3 into 000/111 and keeps shot order between bitstrings and counts', async () => {
    const ghz = new Circuit(3).h(0).cx(0, 1).cx(1, 2).measureAll();
    const res = await (await new Sampler(backend, { seed: 7 }).run([ghz])).result();
    const bits = res.pubs[0]!.data.meas!;
    expect(bits.numShots).toBe(1024); // Qiskit's default
    const strings = bits.getBitstrings();
    const recount: Record<string, number> = {};
    for (const s of strings) recount[s] = (recount[s] ?? 0) + 1;
    expect(recount).toEqual(bits.getCounts());
    expect(new Set(strings)).toEqual(new Set(['000', '111']));
    expectBinomial(recount['111']!, 1024, 0.5);
    // the integer view agrees with the strings (little-endian: bit k of the int = qubit k)
    const ints = bits.getInts();
    strings.forEach((s, i) => expect(parseInt(s, 2)).toBe(ints[i]));
  });

  it('binds several parameter rows: P(1) = sin²(θ/2) per row', async () => {
    const theta = new Parameter('theta');
    const c = new Circuit(1).ry(theta, 0).measureAll();
    const thetas = [0, Math.PI / 3, Math.PI / 2, (2 * Math.PI) / 3, Math.PI];
    const shots = 3000;
    const res = await (await new Sampler(backend, { shots, seed: 99 }).run([[c, thetas.map((t) => [t])]])).result();
    const bits = res.pubs[0]!.data.meas!;
    expect(bits.numRows).toBe(thetas.length);
    thetas.forEach((t, r) => {
      const ones = bits.getCounts(r)['1'] ?? 0;
      expectBinomial(ones, shots, Math.sin(t / 2) ** 2);
    });
    expect(bits.getCounts(0)).toEqual({ '0': shots });
    expect(bits.getCounts(4)).toEqual({ '1': shots });
  });

  it('fills several classical registers; unmeasured bits read 0', async () => {
    const c = new Circuit(3, { classicalRegisters: [['a', 1], ['b', 3]] }).x(0).x(2).measure(0, 0).measure(2, 1).measure(0, 3);
    // a[0] ← q0 = 1; b[0] ← q2 = 1, b[1] never measured = 0, b[2] ← q0 = 1
    const res = await (await new Sampler(backend, { shots: 10, seed: 1 }).run([c])).result();
    expect(res.pubs[0]!.data.a!.getCounts()).toEqual({ '1': 10 });
    expect(res.pubs[0]!.data.b!.getCounts()).toEqual({ '101': 10 });
  });

  it('hands the per-call tag to the backend with the request', async () => {
    const seen: Array<string | undefined> = [];
    const spy = { ...backend, target: backend.target, run: ((req: { tag?: string }, o?: object) => {
      seen.push(req.tag);
      return (backend.run as (r: unknown, o?: object) => unknown)(req, o);
    }) as Backend['run'] } as Backend;
    const c = new Circuit(1).x(0).measureAll();
    await new Sampler(spy, { shots: 10, seed: 1 }).run([c], { tag: 'qbridge-kernel:k:0/1' });
    await new Sampler(spy, { shots: 10, seed: 1 }).run([c]);
    expect(seen).toEqual(['qbridge-kernel:k:0/1', undefined]);
  });

  it('is reproducible with a seed and different without', async () => {
    const c = new Circuit(3).h(0).h(1).h(2).measureAll();
    const run = async (seed?: number): Promise<string[]> =>
      (await (await new Sampler(backend, { shots: 64, seed }).run([c])).result()).pubs[0]!.data.meas!.getBitstrings();
    expect(await run(5)).toEqual(await run(5));
    expect(await run(5)).not.toEqual(await run(6));
    expect(await run()).not.toEqual(await run());
  });

  it('simulates mid-circuit measurement and reset shot by shot (seeded)', async () => {
    // c0 = random; after reset, q0 reads 0 into c1; q1 copies c0 through the CX before the reset.
    const c = new Circuit(2, 3).h(0).measure(0, 0).cx(0, 1).reset(0).measure(0, 1).measure(1, 2);
    const shots = 2000;
    const res = await (await new Sampler(backend, { shots, seed: 11 }).run([c])).result();
    const counts = res.pubs[0]!.data.c!.getCounts();
    expect(Object.keys(counts).sort()).toEqual(['000', '101']);
    expectBinomial(counts['101']!, shots, 0.5);
    expect(res.pubs[0]!.metadata.method).toBe('branching');
    const again = await (await new Sampler(backend, { shots, seed: 11 }).run([c])).result();
    expect(again.pubs[0]!.data.c!.getBitstrings()).toEqual(res.pubs[0]!.data.c!.getBitstrings());
  });

  it('re-measuring after a flip reads the new value (deterministic mid-circuit case)', async () => {
    const c = new Circuit(1, 2).x(0).measure(0, 0).x(0).measure(0, 1);
    const res = await (await new Sampler(backend, { shots: 20, seed: 3 }).run([c])).result();
    expect(res.pubs[0]!.data.c!.getCounts()).toEqual({ '01': 20 });
  });

  it('samples a 20-qubit mid-circuit measurement by branching (it once exceeded the per-shot cap)', async () => {
    const c = new Circuit(20, 1).h(0).measure(0, 0).h(0).measure(0, 0);
    const pub = (await (await new Sampler(backend, { shots: 5000, seed: 2 }).run([c])).result()).pubs[0]!;
    expect(pub.metadata).toMatchObject({ method: 'branching', branches: [2] });
    expectBinomial(pub.data.c!.getCounts()['1'] ?? 0, 5000, 0.5);
  });

  it('refuses collapse work beyond the cap with ResourceLimitError once branching exceeds its bound', async () => {
    // 24 qubits leave room for one branch; 12 mid-circuit measurements allow 4096 histories:
    // 4096 × 37 instructions × 2^24 amplitudes is past 2^36 updates, refused before any work.
    const c = new Circuit(24, 12);
    for (let k = 0; k < 12; k++) c.h(k).measure(k, k).h(k);
    c.measure(0, 0);
    await expect(new Sampler(backend, { shots: 5000 }).run([c])).rejects.toMatchObject({ code: 'RESOURCE_LIMIT' });
    await expect(new Sampler(backend, { shots: 5000 }).run([c])).rejects.toThrow(/up to 4096 measurement histories × 37 instructions × 2\^24 amplitudes exceeds the local simulator's limit of 2\^36 updates/);
  });

  it('aborts between rows when the signal fires during the run', async () => {
    const theta = new Parameter('t');
    const c = new Circuit(12).ry(theta, 0).measureAll();
    const ac = new AbortController();
    const pending = new Sampler(backend, { shots: 10 }).run([[c, Array.from({ length: 200 }, (_, i) => [i])]], { signal: ac.signal });
    setImmediate(() => ac.abort(new Error('enough')));
    await expect(pending).rejects.toBeInstanceOf(AbortedError);
  });
});

describe('Sampler front-end', () => {
  /** A backend that records requests (to check the front-end validates before submitting). */
  function spyBackend(): Backend & { run: jest.Mock } {
    return {
      contractVersion: 1,
      name: 'spy',
      target: createTarget({ numQubits: 2, basisGates: ['h', 'cx', 'rx'], maxShots: 100, maxPubsPerJob: 2 }),
      run: jest.fn(async () => ({ id: 'j', backendName: 'spy' })),
    } as unknown as Backend & { run: jest.Mock };
  }

  it('builds a sampler request from circuits, objects and tuples', async () => {
    const b = spyBackend();
    const c = new Circuit(1).h(0).measureAll();
    const t = new Parameter('t');
    const pc = new Circuit(1).rx(t, 0).measureAll();
    await new Sampler(b, { shots: 10, seed: 4 }).run([c, [pc, [[0.5]], 7]]);
    const req = b.run.mock.calls[0]![0];
    expect(req).toMatchObject({ kind: 'sampler', shots: 10, seed: 4 });
    expect(req.pubs[0]).toEqual({ circuit: c });
    expect(req.pubs[1]).toEqual({ circuit: pc, parameterValues: [[0.5]], shots: 7 });
  });

  it('validates before submitting: nothing reaches the backend', async () => {
    const b = spyBackend();
    const c = new Circuit(1).h(0).measureAll();
    const t = new Parameter('t');
    await expect(new Sampler(b, { shots: 101 }).run([c])).rejects.toBeInstanceOf(InputValidationError);
    await expect(new Sampler(b).run([c, c, c])).rejects.toThrow(/3 PUBs exceed the backend's limit of 2/);
    await expect(new Sampler(b).run([new Circuit(3).measureAll()])).rejects.toBeInstanceOf(CircuitValidationError);
    await expect(new Sampler(b).run([new Circuit(1).x(0).measureAll()])).rejects.toThrow(/'x'/);
    await expect(new Sampler(b).run([new Circuit(1).rx(t, 0).measureAll()])).rejects.toThrow(/unbound parameter/);
    await expect(new Sampler(b).run([[new Circuit(1).rx(t, 0).measureAll(), [[Number.NaN]]]])).rejects.toThrow(/not a finite number/);
    await expect(new Sampler(b).run([[new Circuit(1).rx(t, 0).measureAll(), []]])).rejects.toBeInstanceOf(InputValidationError);
    await expect(new Sampler(b).run([42 as never])).rejects.toBeInstanceOf(InputValidationError);
    expect(b.run).not.toHaveBeenCalled();
  });
});
