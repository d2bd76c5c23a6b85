import { InputValidationError } from '../../src/core/errors';

/**
 * IBM Runtime primitive options, typed per primitive as IBM's V2 options have them
 * (qiskit-ibm-runtime's `SamplerOptions` / `EstimatorOptions`), and the split of one options
 * object into what goes where in `POST /jobs`: `params.options`, `params.resilience_level`, the
 * job's own fields (`cost`, `tags`, `log_level`, `private`) and qbridge's local ISA policy.
 *
 * IBM declares `params.options` with `additionalProperties: false` and refuses Estimator keys in
 * a Sampler job, so an unknown or misplaced key is refused here, before anything is paid for,
 * with the key's full path in the message.
 */

/** Dynamical decoupling on idle qubits. */
export interface DynamicalDecouplingOptions {
  enable?: boolean;
  sequence_type?: 'XX' | 'XpXm' | 'XY4';
  extra_slack_distribution?: 'middle' | 'edges';
  scheduling_method?: 'alap' | 'asap';
  skip_reset_qubits?: boolean;
}

/** Pauli twirling of gates and measurements. */
export interface TwirlingOptions {
  enable_gates?: boolean;
  enable_measure?: boolean;
  num_randomizations?: number | 'auto';
  shots_per_randomization?: number | 'auto';
  strategy?: 'active' | 'active-circuit' | 'active-accum' | 'all';
}

/** Execution settings shared by both primitives. */
export interface ExecutionOptions {
  /** Reset the qubits to the ground state before each shot. */
  init_qubits?: boolean;
  /** Delay between shots in seconds (within the device's `rep_delay_range`). */
  rep_delay?: number;
}

/** How jobs are recorded: IBM's `EnvironmentOptions`, sent as job fields rather than options. */
export interface EnvironmentOptions {
  log_level?: 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR' | 'CRITICAL';
  /** Extra job tags (the primitive's own `tag` comes first). */
  job_tags?: string[];
  private?: boolean;
}

/** Options for IBM's cloud simulators (ignored by devices). */
export interface SimulatorOptions {
  noise_model?: unknown;
  seed_simulator?: number;
  coupling_map?: number[][];
  basis_gates?: string[];
}

/** qbridge's own options: how circuits are made ISA before submission (never sent to IBM). */
export interface IsaOptions {
  /** `false` refuses circuits that are not already ISA; otherwise they are transpiled. */
  transpile?: boolean;
  /** Transpiler optimisation level. @defaultValue 1 */
  optimization_level?: 0 | 1 | 2 | 3;
  /** Seed of the transpiler's randomised passes. @defaultValue 0 */
  seed_transpiler?: number;
}

/** Options both primitives take. */
export interface CommonRuntimeOptions extends IsaOptions {
  /** Shots per PUB when neither the PUB nor the request says (IBM's default: 4096). */
  default_shots?: number;
  dynamical_decoupling?: DynamicalDecouplingOptions;
  twirling?: TwirlingOptions;
  environment?: EnvironmentOptions;
  simulator?: SimulatorOptions;
  /** Maximum QPU execution time in seconds (sent as the job's `cost`). */
  max_execution_time?: number;
  /** Experimental options, passed through unchecked. */
  experimental?: Record<string, unknown>;
}

/** Sampler V2 options. */
export interface SamplerRuntimeOptions extends CommonRuntimeOptions {
  execution?: ExecutionOptions & { meas_type?: 'classified' | 'kerneled' | 'avg_kerneled' };
}

/** Estimator V2 error-mitigation options (`resilience`). */
export interface ResilienceOptions {
  measure_mitigation?: boolean;
  measure_noise_learning?: { num_randomizations?: number; shots_per_randomization?: number | 'auto' };
  zne_mitigation?: boolean;
  zne?: {
    amplifier?: 'gate_folding' | 'gate_folding_front' | 'gate_folding_back' | 'pea';
    noise_factors?: number[];
    extrapolator?: string | string[];
    extrapolated_noise_factors?: number[];
  };
  pec_mitigation?: boolean;
  pec?: { max_overhead?: number | null; noise_gain?: number | 'auto' };
  layer_noise_learning?: {
    max_layers_to_learn?: number | null;
    shots_per_randomization?: number;
    num_randomizations?: number;
    layer_pair_depths?: number[];
  };
  layer_noise_model?: unknown;
}

/** Estimator V2 options. */
export interface EstimatorRuntimeOptions extends CommonRuntimeOptions {
  /** Target precision per expectation value when neither the PUB nor the request says. */
  default_precision?: number;
  seed_estimator?: number;
  /** 0 (none), 1 (measurement mitigation, IBM's default) or 2 (plus ZNE). */
  resilience_level?: 0 | 1 | 2;
  resilience?: ResilienceOptions;
  execution?: ExecutionOptions;
}

/** A shape: `true` = a value of any form; a record = an object with exactly these keys. */
type Shape = true | { readonly [key: string]: Shape };

const ANY: Shape = true;
const DYNAMICAL_DECOUPLING: Shape = {
  enable: ANY, sequence_type: ANY, extra_slack_distribution: ANY, scheduling_method: ANY, skip_reset_qubits: ANY,
};
const TWIRLING: Shape = {
  enable_gates: ANY, enable_measure: ANY, num_randomizations: ANY, shots_per_randomization: ANY, strategy: ANY,
};
const SIMULATOR: Shape = { noise_model: ANY, seed_simulator: ANY, coupling_map: ANY, basis_gates: ANY };
const ENVIRONMENT: Shape = { log_level: ANY, job_tags: ANY, private: ANY };
const RESILIENCE: Shape = {
  measure_mitigation: ANY,
  measure_noise_learning: { num_randomizations: ANY, shots_per_randomization: ANY },
  zne_mitigation: ANY,
  zne: { amplifier: ANY, noise_factors: ANY, extrapolator: ANY, extrapolated_noise_factors: ANY },
  pec_mitigation: ANY,
  pec: { max_overhead: ANY, noise_gain: ANY },
  layer_noise_learning: { max_layers_to_learn: ANY, shots_per_randomization: ANY, num_randomizations: ANY, layer_pair_depths: ANY },
  layer_noise_model: ANY,
};

/** Keys that go into `params.options`, per primitive. */
const PARAMS_OPTIONS: Record<'sampler' | 'estimator', Readonly<Record<string, Shape>>> = {
  sampler: {
    default_shots: ANY, dynamical_decoupling: DYNAMICAL_DECOUPLING, twirling: TWIRLING, simulator: SIMULATOR,
    execution: { init_qubits: ANY, rep_delay: ANY, meas_type: ANY }, experimental: ANY,
  },
  estimator: {
    default_shots: ANY, default_precision: ANY, seed_estimator: ANY, dynamical_decoupling: DYNAMICAL_DECOUPLING,
    twirling: TWIRLING, simulator: SIMULATOR, execution: { init_qubits: ANY, rep_delay: ANY }, resilience: RESILIENCE,
    experimental: ANY,
  },
};
/** Keys that do not go into `params.options`: job fields, `resilience_level`, the ISA policy. */
const ELSEWHERE: Record<'sampler' | 'estimator', Readonly<Record<string, Shape>>> = {
  sampler: { environment: ENVIRONMENT, max_execution_time: ANY, transpile: ANY, optimization_level: ANY, seed_transpiler: ANY },
  estimator: {
    environment: ENVIRONMENT, max_execution_time: ANY, transpile: ANY, optimization_level: ANY, seed_transpiler: ANY,
    resilience_level: ANY,
  },
};

const PRIMITIVE_NAME = { sampler: 'Sampler', estimator: 'Estimator' } as const;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkShape(value: unknown, shape: Shape, path: string, primitive: 'sampler' | 'estimator'): void {
  if (shape === true || value === undefined) return;
  if (!isPlainObject(value)) throw new InputValidationError(`IBM ${PRIMITIVE_NAME[primitive]} option '${path}' must be an object`);
  for (const [k, v] of Object.entries(value)) {
    const sub = shape[k];
    if (sub === undefined) {
      throw new InputValidationError(
        `unknown IBM ${PRIMITIVE_NAME[primitive]} option '${path}.${k}' (allowed in '${path}': ${Object.keys(shape).join(', ')})`,
      );
    }
    checkShape(v, sub, `${path}.${k}`, primitive);
  }
}

function positiveInteger(v: unknown, key: string): void {
  if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < 1)) {
    throw new InputValidationError(`IBM option '${key}' must be a positive integer, got ${String(v)}`);
  }
}

/** Where each part of a primitive's options goes in `POST /jobs`. */
export interface SplitOptions {
  /** `params.options` (only keys IBM accepts for this primitive). */
  params: Record<string, unknown>;
  /** `params.resilience_level` (Estimator only). */
  resilienceLevel?: number;
  /** The job's `cost` (from `max_execution_time`). */
  cost?: number;
  /** From `environment`. */
  logLevel?: string;
  jobTags: string[];
  private: boolean;
}

/**
 * Checks `options` against the primitive's option set and splits it. Undefined values count as
 * not given.
 * @throws {InputValidationError} naming the first unknown or misplaced key (an Estimator-only key
 *   such as `resilience` in a Sampler job is refused with that fact), or an ill-typed value
 */
export function splitRuntimeOptions(
  primitive: 'sampler' | 'estimator',
  options: Readonly<Record<string, unknown>> | undefined,
): SplitOptions {
  const params: Record<string, unknown> = {};
  const out: SplitOptions = { params, jobTags: [], private: false };
  const other = primitive === 'sampler' ? 'estimator' : 'sampler';
  for (const [k, v] of Object.entries(options ?? {})) {
    if (v === undefined) continue;
    const shape = PARAMS_OPTIONS[primitive][k] ?? ELSEWHERE[primitive][k];
    if (shape === undefined) {
      const elsewhere = PARAMS_OPTIONS[other][k] ?? ELSEWHERE[other][k];
      throw new InputValidationError(
        elsewhere !== undefined
          ? `IBM option '${k}' is an ${PRIMITIVE_NAME[other]} option; ${PRIMITIVE_NAME[primitive]} jobs do not accept it`
          : `unknown IBM ${PRIMITIVE_NAME[primitive]} option '${k}' (allowed: ${[...Object.keys(PARAMS_OPTIONS[primitive]), ...Object.keys(ELSEWHERE[primitive])].join(', ')})`,
      );
    }
    checkShape(v, shape, k, primitive);
    if (k in PARAMS_OPTIONS[primitive]) params[k] = v;
  }
  const o = options ?? {};
  positiveInteger(o.default_shots, 'default_shots');
  positiveInteger(o.max_execution_time, 'max_execution_time');
  if (o.max_execution_time !== undefined) out.cost = o.max_execution_time as number;
  if (o.resilience_level !== undefined) {
    if (o.resilience_level !== 0 && o.resilience_level !== 1 && o.resilience_level !== 2) {
      throw new InputValidationError(`IBM option 'resilience_level' must be 0, 1 or 2, got ${String(o.resilience_level)}`);
    }
    out.resilienceLevel = o.resilience_level;
  }
  if (o.default_precision !== undefined && !(typeof o.default_precision === 'number' && o.default_precision > 0 && Number.isFinite(o.default_precision))) {
    throw new InputValidationError(`IBM option 'default_precision' must be a positive number, got ${String(o.default_precision)}`);
  }
  const env = (o.environment ?? {}) as EnvironmentOptions;
  if (env.log_level !== undefined) {
    if (!['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'].includes(env.log_level)) {
      throw new InputValidationError(`IBM option 'environment.log_level' must be DEBUG, INFO, WARNING, ERROR or CRITICAL, got ${String(env.log_level)}`);
    }
    out.logLevel = env.log_level;
  }
  if (env.job_tags !== undefined) {
    if (!Array.isArray(env.job_tags) || env.job_tags.some((t) => typeof t !== 'string')) {
      throw new InputValidationError(`IBM option 'environment.job_tags' must be an array of strings`);
    }
    out.jobTags = [...env.job_tags];
  }
  if (env.private !== undefined) out.private = env.private === true;
  return out;
}
