/**
 * Issue 13 point 5 (options): runtime options are typed per primitive as IBM's V2 options have
 * them (qiskit-ibm-runtime's SamplerOptions / EstimatorOptions), Estimator-only keys never reach a
 * Sampler job, unknown keys are refused locally with their path, and a top-level `shots` is sent
 * only when the caller gave one (it would override `options.default_shots` and IBM's 4096).
 */
import { Circuit } from '../../../../src/circuit';
import { InputValidationError } from '../../../../src/core/errors';
import { createTarget } from '../../../../src/core/target';
import { buildEstimatorJob, buildSamplerJob } from '../../../../adapters/ibm-runtime/payload';
import { splitRuntimeOptions } from '../../../../adapters/ibm-runtime/options';
import { thrownMessage } from '../../../support/errors';

const target = createTarget({
  numQubits: 2,
  basisGates: ['cz', 'id', 'rz', 'sx', 'x'],
  extraOperations: ['measure', 'reset', 'barrier', 'delay'],
  couplingMap: [[0, 1], [1, 0]],
  maxShots: 100_000,
  requiresIsa: true,
});
const measured = () => new Circuit(1, 1).x(0).measure(0, 0);
const unmeasured = () => new Circuit(1).x(0);

function samplerParams(options: Record<string, unknown>, shots?: number): Record<string, unknown> {
  return buildSamplerJob({ kind: 'sampler', pubs: [{ circuit: measured() }], options, ...(shots === undefined ? {} : { shots }) }, 'dev', target)
    .body.params as Record<string, unknown>;
}

const refusal = (fn: () => unknown): string => thrownMessage(fn, InputValidationError);

describe('point 5: runtime options per primitive', () => {
  it.each(['resilience', 'default_precision', 'seed_estimator', 'resilience_level'])(
    'point 5: refuses the Estimator-only key %s in a Sampler job, naming it',
    (key) => {
      const value = key === 'resilience' ? { measure_mitigation: true } : 1;
      expect(refusal(() => samplerParams({ [key]: value }))).toMatch(new RegExp(`'${key}' is an Estimator option; Sampler jobs do not accept it`));
    },
  );

  it('point 5: passes the same keys into an Estimator job', () => {
    const built = buildEstimatorJob(
      {
        kind: 'estimator',
        pubs: [{ circuit: unmeasured(), observables: [['Z', 1]] }],
        options: { resilience: { measure_mitigation: true, zne: { noise_factors: [1, 3] } }, default_precision: 0.01, seed_estimator: 5, resilience_level: 2 },
      },
      'dev',
      target,
    );
    expect(built.body.params).toMatchObject({
      resilience_level: 2,
      options: { resilience: { measure_mitigation: true, zne: { noise_factors: [1, 3] } }, default_precision: 0.01, seed_estimator: 5 },
    });
    // resilience_level is a params field, not an option (IBM's options refuse it).
    expect((built.body.params as { options: Record<string, unknown> }).options.resilience_level).toBeUndefined();
  });

  it('point 5: refuses unknown keys at any depth with their full path', () => {
    expect(refusal(() => samplerParams({ shotz: 1 }))).toMatch(/unknown IBM Sampler option 'shotz'/);
    expect(refusal(() => samplerParams({ twirling: { enable_gate: true } }))).toMatch(/'twirling\.enable_gate'.*enable_gates/);
    expect(refusal(() => samplerParams({ execution: { rep_delay: 1e-4, shots: 3 } }))).toMatch(/'execution\.shots'/);
    expect(
      refusal(() => splitRuntimeOptions('estimator', { resilience: { zne: { noise_factor: [1] } } })),
    ).toMatch(/'resilience\.zne\.noise_factor'/);
    expect(refusal(() => samplerParams({ dynamical_decoupling: true }))).toMatch(/'dynamical_decoupling' must be an object/);
  });

  it('point 5: sends top-level shots only when given, so options.default_shots (or IBM\'s default) applies', () => {
    const p = samplerParams({ default_shots: 300 });
    expect(p.shots).toBeUndefined();
    expect(p.options).toEqual({ default_shots: 300 });
    expect(samplerParams({}).shots).toBeUndefined();
    expect(samplerParams({ default_shots: 300 }, 50).shots).toBe(50);
  });

  it('point 5: maps environment and max_execution_time onto the job fields, not params.options', () => {
    const built = buildSamplerJob(
      {
        kind: 'sampler',
        pubs: [{ circuit: measured() }],
        tag: 'mine',
        options: { environment: { log_level: 'INFO', job_tags: ['a', 'b'], private: true }, max_execution_time: 120, default_shots: 10 },
      },
      'dev',
      target,
    );
    expect(built.body).toMatchObject({ tags: ['mine', 'a', 'b'], log_level: 'INFO', private: true, cost: 120 });
    expect(built.body.params).toEqual(expect.objectContaining({ options: { default_shots: 10 } }));
    expect(refusal(() => samplerParams({ environment: { log_level: 'LOUD' } }))).toMatch(/environment\.log_level/);
    expect(refusal(() => samplerParams({ environment: { callback: 1 } }))).toMatch(/'environment\.callback'/);
    expect(refusal(() => samplerParams({ max_execution_time: 1.5 }))).toMatch(/max_execution_time/);
    expect(refusal(() => samplerParams({ default_shots: 0 }))).toMatch(/default_shots/);
  });

  it('point 5: keeps qbridge\'s ISA policy local: transpile/optimization_level/seed_transpiler are never sent', () => {
    const p = samplerParams({ optimization_level: 2, seed_transpiler: 3, default_shots: 7 });
    expect(p.options).toEqual({ default_shots: 7 });
    expect(JSON.stringify(p)).not.toMatch(/optimization_level|seed_transpiler/);
  });
});
