import { Circuit, Parameter, ParameterVector } from '../../../../src/circuit';
import { CircuitValidationError, InputValidationError } from '../../../../src/core/errors';
import { createTarget } from '../../../../src/core/target';
import { buildEstimatorJob, buildSamplerJob } from '../../../../adapters/ibm-runtime/payload';
import { validatedEstimatorRequest, validatedSamplerRequest } from '../../../../src/primitives/validate';

/** A 3-qubit line, Heron-like: cz both ways on (0,1), (1,2). */
const target = createTarget({
  numQubits: 3,
  basisGates: ['cz', 'id', 'rz', 'sx', 'x'],
  extraOperations: ['measure', 'reset', 'barrier', 'delay'],
  couplingMap: [[0, 1], [1, 0], [1, 2], [2, 1]],
  maxShots: 100_000,
  requiresIsa: true,
});

describe('Sampler payload', () => {
  it('binds rows by the exported QASM names (x[0] → _x_0_), columns in circuit.parameters order', () => {
    const x = new ParameterVector('x', 2);
    const b = new Parameter('b');
    const c = new Circuit(1, 1).rz(x.get(1), 0).rz(b, 0).rz(x.get(0), 0).sx(0).measure(0, 0);
    expect(c.parameters).toEqual(['b', 'x[0]', 'x[1]']);
    const built = buildSamplerJob({ kind: 'sampler', pubs: [{ circuit: c, parameterValues: [[1, 2, 3], [4, 5, 6]] }] }, 'dev', target);
    const pub = (built.body.params as { pubs: unknown[][] }).pubs[0]!;
    expect(pub[1]).toEqual({ b: [1, 4], _x_0_: [2, 5], _x_1_: [3, 6] });
    expect(pub[0]).toMatch(/input float\[64\] _x_0_;/);
  });

  it('passes Qiskit-style options through, puts max_execution_time in cost, and refuses unknown options', () => {
    const c = new Circuit(1, 1).x(0).measure(0, 0);
    const built = buildSamplerJob(
      {
        kind: 'sampler',
        pubs: [{ circuit: c, shots: 10 }],
        shots: 100,
        tag: 'exp',
        options: { twirling: { enable_gates: true }, dynamical_decoupling: { enable: true, sequence_type: 'XY4' }, max_execution_time: 300 },
      },
      'dev',
      target,
      'sess-1',
    );
    expect(built.body).toMatchObject({ program_id: 'sampler', backend: 'dev', session_id: 'sess-1', tags: ['exp'], cost: 300 });
    expect(built.body.params).toMatchObject({
      shots: 100,
      version: 2,
      options: { twirling: { enable_gates: true }, dynamical_decoupling: { enable: true, sequence_type: 'XY4' } },
    });
    expect((built.body.params as { pubs: unknown[][] }).pubs[0]![2]).toBe(10);
    expect(() => buildSamplerJob({ kind: 'sampler', pubs: [{ circuit: c }], options: { shotz: 1 } }, 'dev', target)).toThrow(InputValidationError);
  });

  it('drops identities and global phase from the program, and hashes the payload', () => {
    const c = new Circuit(1, { classicalRegisters: { c: 1 }, globalPhase: 0.5 }).id(0).x(0).measure(0, 0);
    const built = buildSamplerJob({ kind: 'sampler', pubs: [{ circuit: c }] }, 'dev', target);
    const qasm = (built.body.params as { pubs: string[][] }).pubs[0]![0]!;
    expect(qasm).not.toMatch(/\bid \$|gphase/);
    expect(qasm).toMatch(/^x \$0;$/m);
    expect(built.payloadSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses circuits without measurements, unbound parameters and bad shots before any request', () => {
    expect(() => buildSamplerJob({ kind: 'sampler', pubs: [{ circuit: new Circuit(1).x(0) }] }, 'dev', target)).toThrow(/measurements/);
    const t = new Parameter('t');
    expect(() => buildSamplerJob({ kind: 'sampler', pubs: [{ circuit: new Circuit(1, 1).rz(t, 0).measure(0, 0) }] }, 'dev', target)).toThrow(
      CircuitValidationError,
    );
    expect(() => buildSamplerJob({ kind: 'sampler', pubs: [{ circuit: new Circuit(1, 1).measure(0, 0) }], shots: 0 }, 'dev', target)).toThrow(
      InputValidationError,
    );
  });
});

describe('requests the Sampler/Estimator validated', () => {
  it('build the same bodies as direct requests (the adapter only skips the checks already made)', () => {
    const theta = new Parameter('theta');
    const c = new Circuit(2, 2).rz(theta, 0).sx(0).cz(0, 1).measure(0, 0).measure(1, 1);
    const direct = { kind: 'sampler' as const, pubs: [{ circuit: c, parameterValues: [[0.1], [0.2]], shots: 7 }], shots: 100 };
    expect(buildSamplerJob(validatedSamplerRequest(direct, target), 'dev', target).body).toEqual(buildSamplerJob(direct, 'dev', target).body);
    const est = { kind: 'estimator' as const, pubs: [{ circuit: new Circuit(2).rz(theta, 0).sx(0).cz(0, 1), observables: [['ZZ', 1]] as [string, number][], parameterValues: [[0.3]] }] };
    expect(buildEstimatorJob(validatedEstimatorRequest(est, target), 'dev', target).body).toEqual(buildEstimatorJob(est, 'dev', target).body);
  });

  it('a direct request is still checked: bad shots and rows are refused before any request', () => {
    const c = new Circuit(1, 1).rz(new Parameter('t'), 0).measure(0, 0);
    expect(() => buildSamplerJob({ kind: 'sampler', pubs: [{ circuit: c, parameterValues: [[1, 2]] }] }, 'dev', target)).toThrow(CircuitValidationError);
    expect(() => buildSamplerJob({ kind: 'sampler', pubs: [{ circuit: c, parameterValues: [[Number.NaN]] }] }, 'dev', target)).toThrow(InputValidationError);
    expect(() => buildSamplerJob({ kind: 'sampler', pubs: [{ circuit: c, parameterValues: [[1]], shots: 0 }] }, 'dev', target)).toThrow(InputValidationError);
  });
});

describe('Estimator payload', () => {
  const bell = (): Circuit => new Circuit(2).sx(0).cz(0, 1);

  it('renames parameters that clash with gate names (t → _t) and binds by the new name', () => {
    const t = new Parameter('t');
    const built = buildEstimatorJob({ kind: 'estimator', pubs: [{ circuit: new Circuit(1).rz(t, 0), observables: [['Z', 1]], parameterValues: [[1]] }] }, 'dev', target);
    expect((built.body.params as { pubs: unknown[][] }).pubs[0]![2]).toEqual({ _t: [1] });
  });

  it('chooses the broadcast layout from observables and rows', () => {
    const t = new Parameter('theta');
    const pc = new Circuit(2).rz(t, 0).sx(0).cz(0, 1);
    const built = buildEstimatorJob(
      {
        kind: 'estimator',
        pubs: [
          { circuit: bell(), observables: [['ZZ', 1]] },
          { circuit: bell(), observables: [[['ZZ', 1]], [['XX', 2]]] },
          { circuit: pc, observables: [['ZI', 1]], parameterValues: [[0.1], [0.2]] },
          { circuit: pc, observables: [[['ZI', 1]], [['IZ', 1]]], parameterValues: [[0.1], [0.2]], precision: 0.01 },
        ],
        options: { resilience_level: 2, resilience: { zne_mitigation: true } },
      },
      'dev',
      target,
    );
    expect(built.estimatorLayouts).toEqual(['scalar', 'obs', 'rows', 'obsxrows']);
    const pubs = (built.body.params as { pubs: unknown[][] }).pubs;
    expect(pubs[0]![1]).toEqual({ ZZ: 1 });
    expect(pubs[1]![1]).toEqual([{ ZZ: 1 }, { XX: 2 }]);
    expect(pubs[2]!.slice(1)).toEqual([{ ZI: 1 }, { theta: [0.1, 0.2] }, null]);
    expect(pubs[3]!.slice(1)).toEqual([[[{ ZI: 1 }], [{ IZ: 1 }]], { theta: [0.1, 0.2] }, 0.01]);
    expect(built.body.params).toMatchObject({ resilience_level: 2, options: { resilience: { zne_mitigation: true } } });
  });

  it('sums duplicate Pauli terms and pads to the program width with a barrier for idle measured qubits', () => {
    // qubit 2 is measured by the observable but untouched by gates: it must exist in the program.
    const c = new Circuit(3).sx(0).cz(0, 1);
    const built = buildEstimatorJob({ kind: 'estimator', pubs: [{ circuit: c, observables: [['ZII', 1], ['ZII', 0.5]] }] }, 'dev', target);
    const pub = (built.body.params as { pubs: unknown[][] }).pubs[0]!;
    expect(pub[1]).toEqual({ ZII: 1.5 });
    expect(pub[0]).toMatch(/barrier \$2;/);
  });

  it('refuses measurements and malformed observables', () => {
    const m = new Circuit(1, 1).measure(0, 0);
    expect(() => buildEstimatorJob({ kind: 'estimator', pubs: [{ circuit: m, observables: [['Z', 1]] }] }, 'dev', target)).toThrow(/measurements/);
    for (const obs of [[['Z', 1]], [['ZQ', 1]], [['ZZ', Number.NaN]], []] as Array<Array<[string, number]>>) {
      expect(() => buildEstimatorJob({ kind: 'estimator', pubs: [{ circuit: bell(), observables: obs }] }, 'dev', target)).toThrow(InputValidationError);
    }
  });
});

describe('point 8: parameter values bound to a fractional rzz are checked before submission', () => {
  const fractional = createTarget({
    numQubits: 2,
    basisGates: ['cz', 'id', 'rz', 'sx', 'x', 'rzz'],
    extraOperations: ['measure', 'reset', 'barrier', 'delay'],
    couplingMap: [[0, 1], [1, 0]],
    maxShots: 100_000,
    requiresIsa: true,
  });
  const t = new Parameter('t');
  const s = new Parameter('s');

  it('point 8: refuses the first row whose bound angle (an expression of parameters) leaves [0, π/2], naming row and values', () => {
    const c = new Circuit(2, 2).rzz(t.mul(2).add(s), 0, 1).measure(0, 0).measure(1, 1);
    const rows = [[0.1, 0.2], [0.25, -0.5], [1, 1]]; // c.parameters = [s, t]: angles 0.5, -0.75, 3
    expect(c.parameters).toEqual(['s', 't']);
    let err: unknown;
    try {
      buildSamplerJob({ kind: 'sampler', pubs: [{ circuit: c, parameterValues: rows }] }, 'dev', fractional);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CircuitValidationError);
    expect((err as Error).name).toBe('IsaValidationError');
    expect((err as Error).message).toMatch(/PUB 0: instruction 0 \(rzz on qubits 0, 1\): parameter values row 1 \(.*t=-0\.5.*\) bind the angle -0\.75/);
  });

  it('point 8: accepts rows inside the range, for the Estimator too', () => {
    const c = new Circuit(2).rzz(t, 0, 1);
    const ok = () => buildEstimatorJob({ kind: 'estimator', pubs: [{ circuit: c, observables: [['ZZ', 1]], parameterValues: [[0], [Math.PI / 2]] }] }, 'dev', fractional);
    expect(ok).not.toThrow();
    expect(() => buildEstimatorJob({ kind: 'estimator', pubs: [{ circuit: c, observables: [['ZZ', 1]], parameterValues: [[0.3], [-0.01]] }] }, 'dev', fractional))
      .toThrow(/row 1 \(t=-0\.01\)/);
  });
});
