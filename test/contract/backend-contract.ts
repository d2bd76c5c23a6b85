/**
 * The contract every {@link Backend} passes (after async-mutex's `mutexSuite`): call
 * `describeBackendContract(name, factory, options)` from a `*.contract.test.ts` file.
 *
 * - `factory()` returns the backend, or `{ backend, prepare?, teardown? }`. `prepare(circuit)`
 *   turns a logical circuit into what the backend accepts (a transpiler pass for ISA-only
 *   backends); circuits that are meant to be rejected are not prepared when preparing would
 *   itself fail (too many qubits).
 * - `options` describes what can be asserted exactly: noise-free distributions, reproducible
 *   seeds, estimator support. Checks that do not apply are not registered (never skipped).
 */
import type { Backend } from '../../src/backend';
import { Circuit } from '../../src/circuit/circuit';
import { Parameter } from '../../src/circuit/parameter';
import { AbortedError, CircuitValidationError, InputValidationError } from '../../src/core/errors';
import { isTerminal } from '../../src/core/job';
import type { EstimatorRequest, EstimatorResult, PauliSum, SamplerRequest, SamplerResult } from '../../src/primitives/types';

/** What a contract factory returns. */
export interface BackendUnderTest {
  backend: Backend;
  /** Makes a logical circuit runnable on the backend (transpile to ISA); identity by default. */
  prepare?: (circuit: Circuit) => Circuit | Promise<Circuit>;
  /**
   * Maps a logical observable onto a prepared circuit (apply the transpiler's layout, pad to
   * the device width). Identity by default.
   */
  mapObservable?: (observable: PauliSum, prepared: Circuit) => PauliSum;
  /** Called after each test (close sessions, assert mocks are done). */
  teardown?: () => void | Promise<void>;
}

/** What the suite may assume about the backend. */
export interface BackendContractOptions {
  /** Results are noise-free: a Bell pair gives only 00/11, X|0⟩ always reads 1. @defaultValue true */
  noiseless?: boolean;
  /** The same request with the same seed gives the same counts. @defaultValue true */
  deterministicSeeds?: boolean;
  /** Estimator requests are supported (and exact at precision 0 when `noiseless`). @defaultValue true */
  estimator?: boolean;
  /** Shots used by the sampling checks. @defaultValue 200 */
  shots?: number;
}

type FactoryOutput = Backend | BackendUnderTest;

function normalise(out: FactoryOutput): BackendUnderTest {
  return 'run' in out ? { backend: out } : out;
}

async function runToResult<R>(backend: Backend, request: SamplerRequest | EstimatorRequest, signal?: AbortSignal): Promise<R> {
  const job = await backend.run(request as SamplerRequest, { signal });
  return (await job.result({ signal })) as unknown as R;
}

/** Registers the backend contract tests for `name`. */
export function describeBackendContract(
  name: string,
  factory: () => FactoryOutput | Promise<FactoryOutput>,
  options: BackendContractOptions = {},
): void {
  const noiseless = options.noiseless ?? true;
  const seeded = options.deterministicSeeds ?? true;
  const withEstimator = options.estimator ?? true;
  const shots = options.shots ?? 200;

  describe(`Backend contract: ${name}`, () => {
    let sut: BackendUnderTest;
    let backend: Backend;
    const prepare = async (c: Circuit): Promise<Circuit> => (sut.prepare ? sut.prepare(c) : c);
    const sample = async (circuits: Circuit[], extra: Partial<SamplerRequest> = {}): Promise<SamplerResult> => {
      const pubs = await Promise.all(circuits.map(async (c) => ({ circuit: await prepare(c) })));
      return runToResult<SamplerResult>(backend, { kind: 'sampler', pubs, shots, ...extra });
    };

    beforeEach(async () => {
      sut = normalise(await factory());
      backend = sut.backend;
    });
    afterEach(async () => {
      await sut?.teardown?.();
    });

    describe('facts', () => {
      it('has contract version 1, a name and a target', () => {
        expect(backend.contractVersion).toBe(1);
        expect(typeof backend.name).toBe('string');
        expect(backend.name.length).toBeGreaterThan(0);
        expect(Number.isInteger(backend.target.numQubits)).toBe(true);
        expect(backend.target.maxShots).toBeGreaterThanOrEqual(1);
        expect(backend.target.maxPubsPerJob).toBeGreaterThanOrEqual(1);
        expect(backend.target.operations.has('measure')).toBe(true);
      });

      it('has an immutable target (mutation throws or has no effect)', () => {
        const t = backend.target;
        const before = { n: t.numQubits, shots: t.maxShots, gates: [...t.basisGates], ops: [...t.operations] };
        const attempts: Array<() => void> = [
          () => ((t as { numQubits: number }).numQubits = before.n + 5),
          () => ((t as { maxShots: number }).maxShots = 1),
          () => (t.basisGates as string[]).push('bogus_gate'),
          () => (t.operations as Set<string>).add('bogus_gate'),
          () => (t.operations as Set<string>).delete('measure'),
          () => ((backend as { target: unknown }).target = { ...t, numQubits: 0 }),
        ];
        for (const attempt of attempts) {
          try {
            attempt();
          } catch {
            // throwing is an accepted way to refuse
          }
        }
        expect(backend.target.numQubits).toBe(before.n);
        expect(backend.target.maxShots).toBe(before.shots);
        expect([...backend.target.basisGates]).toEqual(before.gates);
        expect([...backend.target.operations]).toEqual(before.ops);
      });
    });

    describe('sampling', () => {
      it('returns little-endian counts that sum to the shots', async () => {
        // X on qubit 0 only: qubit 0 is the rightmost character.
        const c = new Circuit(3).x(0).measureAll();
        const res = await sample([c], { seed: 11 });
        const counts = res.pubs[0]!.data.meas!.getCounts();
        const total = Object.values(counts).reduce((a, b) => a + b, 0);
        expect(total).toBe(shots);
        for (const k of Object.keys(counts)) expect(k).toMatch(/^[01]{3}$/);
        if (noiseless) expect(counts).toEqual({ '001': shots });
        else expect(counts['001']).toBeGreaterThan(shots / 2);
      });

      it('maps measure q→c into the register bit c (not the qubit index)', async () => {
        const c = new Circuit(2, { classicalRegisters: { c: 2 } }).x(0).measure(0, 1).measure(1, 0);
        const counts = (await sample([c], { seed: 3 })).pubs[0]!.data.c!.getCounts();
        if (noiseless) expect(counts).toEqual({ '10': shots });
        else expect(counts['10']).toBeGreaterThan(shots / 2);
      });

      it('gives a Bell pair its two outcomes', async () => {
        const bell = new Circuit(2).h(0).cx(0, 1).measureAll();
        const counts = (await sample([bell], { seed: 5 })).pubs[0]!.data.meas!.getCounts();
        expect((counts['00'] ?? 0) + (counts['11'] ?? 0)).toBeGreaterThan(noiseless ? shots - 1 : shots / 2);
        expect(counts['00']).toBeGreaterThan(0);
        expect(counts['11']).toBeGreaterThan(0);
      });

      it('honours request shots and per-PUB shots', async () => {
        const c = await prepare(new Circuit(1).h(0).measureAll());
        const res = await runToResult<SamplerResult>(backend, {
          kind: 'sampler',
          pubs: [{ circuit: c }, { circuit: c, shots: 37 }],
          shots: 53,
          seed: 1,
        });
        expect(res.pubs[0]!.data.meas!.numShots).toBe(53);
        expect(res.pubs[0]!.metadata.shots).toBe(53);
        expect(res.pubs[1]!.data.meas!.numShots).toBe(37);
        expect(res.pubs[1]!.data.meas!.getBitstrings()).toHaveLength(37);
      });

      it('binds parameter rows in circuit.parameters order', async () => {
        const a = new Parameter('a');
        const b = new Parameter('b');
        // parameters sorted: [a, b]; qubit 0 gets a, qubit 1 gets b
        const c = await prepare(new Circuit(2).ry(a, 0).ry(b, 1).measureAll());
        const res = await runToResult<SamplerResult>(backend, {
          kind: 'sampler',
          pubs: [{ circuit: c, parameterValues: [[Math.PI, 0], [0, Math.PI], [Math.PI, Math.PI]] }],
          shots,
          seed: 2,
        });
        const bits = res.pubs[0]!.data.meas!;
        expect(bits.numRows).toBe(3);
        expect(res.pubs[0]!.metadata.numRows).toBe(3);
        const expected = ['01', '10', '11'];
        for (let r = 0; r < 3; r++) {
          const counts = bits.getCounts(r);
          if (noiseless) expect(counts).toEqual({ [expected[r]!]: shots });
          else expect(counts[expected[r]!]).toBeGreaterThan(shots / 2);
        }
      });

      if (seeded) {
        it('is reproducible with a seed, and rows/PUBs get different streams', async () => {
          const c = new Circuit(4).h(0).h(1).h(2).h(3).measureAll();
          const r1 = await sample([c, c], { seed: 1234 });
          const r2 = await sample([c, c], { seed: 1234 });
          const r3 = await sample([c, c], { seed: 4321 });
          const s = (r: SamplerResult, i: number): string[] => r.pubs[i]!.data.meas!.getBitstrings();
          expect(s(r1, 0)).toEqual(s(r2, 0));
          expect(s(r1, 1)).toEqual(s(r2, 1));
          // 16 equally likely outcomes per shot: equal streams of `shots` shots are (1/16)^shots unlikely
          expect(s(r1, 0)).not.toEqual(s(r1, 1));
          expect(s(r1, 0)).not.toEqual(s(r3, 0));
        });
      }
    });

    describe('validation', () => {
      const theta = new Parameter('theta');

      it('rejects an unbound parameter (no rows) with CircuitValidationError', async () => {
        const c = await prepare(new Circuit(1).rx(theta, 0).measureAll());
        await expect(runToResult(backend, { kind: 'sampler', pubs: [{ circuit: c }], shots })).rejects.toBeInstanceOf(
          CircuitValidationError,
        );
      });

      it('rejects a row with the wrong number of values with CircuitValidationError', async () => {
        const c = await prepare(new Circuit(1).rx(theta, 0).measureAll());
        await expect(
          runToResult(backend, { kind: 'sampler', pubs: [{ circuit: c, parameterValues: [[0.1, 0.2]] }], shots }),
        ).rejects.toBeInstanceOf(CircuitValidationError);
      });

      it('rejects a circuit wider than the target with CircuitValidationError', async () => {
        const c = new Circuit(backend.target.numQubits + 1).measureAll();
        await expect(runToResult(backend, { kind: 'sampler', pubs: [{ circuit: c }], shots })).rejects.toBeInstanceOf(
          CircuitValidationError,
        );
      });

      it('rejects more shots than target.maxShots, and non-positive shots, with InputValidationError', async () => {
        const c = await prepare(new Circuit(1).measureAll());
        for (const bad of [backend.target.maxShots + 1, 0, 2.5]) {
          await expect(
            runToResult(backend, { kind: 'sampler', pubs: [{ circuit: c }], shots: bad }),
          ).rejects.toBeInstanceOf(InputValidationError);
        }
      });

      if (withEstimator) {
        it('rejects malformed observables with InputValidationError', async () => {
          const c = await prepare(new Circuit(2).h(0));
          for (const obs of [[['Z', 1]], [['ZQ', 1]], [['ZZ', Number.NaN]]] as Array<Array<[string, number]>>) {
            await expect(
              runToResult(backend, { kind: 'estimator', pubs: [{ circuit: c, observables: obs }] }),
            ).rejects.toBeInstanceOf(InputValidationError);
          }
        });
      }
    });

    describe('cancellation and job life', () => {
      it('rejects run with AbortedError for a pre-aborted signal (cause = reason)', async () => {
        const c = await prepare(new Circuit(1).measureAll());
        const ac = new AbortController();
        const reason = new Error('stop');
        ac.abort(reason);
        const err = await backend.run({ kind: 'sampler', pubs: [{ circuit: c }], shots }, { signal: ac.signal }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(AbortedError);
        expect((err as AbortedError).cause).toBe(reason);
      });

      it('rejects job.result with AbortedError for a pre-aborted signal, and the job stays usable', async () => {
        const c = await prepare(new Circuit(1).measureAll());
        const job = await backend.run({ kind: 'sampler', pubs: [{ circuit: c }], shots, seed: 1 });
        const ac = new AbortController();
        ac.abort();
        await expect(job.result({ signal: ac.signal })).rejects.toBeInstanceOf(AbortedError);
        const res = await job.result();
        expect(res.pubs).toHaveLength(1);
      });

      it('reports a terminal status after the result, with id and backend name', async () => {
        const c = await prepare(new Circuit(1).measureAll());
        const job = await backend.run({ kind: 'sampler', pubs: [{ circuit: c }], shots, seed: 1 });
        expect(typeof job.id).toBe('string');
        expect(job.id.length).toBeGreaterThan(0);
        expect(job.backendName).toBe(backend.name);
        const res = await job.result();
        expect(res.kind).toBe('sampler');
        const status = await job.status();
        expect(isTerminal(status)).toBe(true);
        expect(status).toBe('done');
        await expect(job.cancel()).resolves.toBeUndefined();
        expect(await job.status()).toBe('done');
      });
    });

    if (withEstimator) {
      describe('estimation', () => {
        it('estimates ⟨ZZ⟩, ⟨XX⟩ and a sum on a Bell state, per row and observable', async () => {
          const bell = await prepare(new Circuit(2).h(0).cx(0, 1));
          const logical: PauliSum[] = [[['ZZ', 1]], [['XX', 1]], [['ZZ', 1], ['XI', 0.5]]];
          const observables = logical.map((o) => (sut.mapObservable ? sut.mapObservable(o, bell) : o));
          const res = await runToResult<EstimatorResult>(backend, {
            kind: 'estimator',
            pubs: [{ circuit: bell, observables }],
            precision: noiseless ? 0 : undefined,
            seed: 9,
          });
          const pub = res.pubs[0]!;
          expect(pub.evs).toHaveLength(1);
          expect(pub.evs[0]).toHaveLength(3);
          expect(pub.stds[0]).toHaveLength(3);
          if (noiseless) {
            expect(pub.evs[0]![0]).toBeCloseTo(1, 10);
            expect(pub.evs[0]![1]).toBeCloseTo(1, 10);
            expect(pub.evs[0]![2]).toBeCloseTo(1, 10);
          } else {
            expect(pub.evs[0]![0]).toBeGreaterThan(0.5);
          }
        });
      });
    }
  });
}
