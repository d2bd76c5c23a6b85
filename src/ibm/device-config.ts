/**
 * IBM backend `configuration` and `properties` JSON (GET /v1/backends/{name}/configuration and
 * /properties) → qbridge {@link Target}, following qiskit-ibm-runtime's `convert_to_target`:
 *
 * - gates: `basis_gates` (fractional `rx`/`rzz` dropped unless `useFractionalGates`), plus
 *   measure/reset/delay and control flow from `supported_instructions`, plus `barrier`;
 * - coupling: the native two-qubit gate's own `gates[].coupling_map` (directed; Eagle `ecr`
 *   lists one direction), falling back to the top-level `coupling_map`; edges on faulty qubits
 *   and edges marked `operational: 0` are removed. An edge whose calibrated `gate_error` is 1
 *   stays (as in `convert_to_target`, which filters only on `operational`): its error 1 is in
 *   `gateErrors`, so noise-aware layout avoids it (real ibm_fez data has 14 such cz directions);
 * - `dt`: the configuration gives it in nanoseconds (ibm_brisbane 0.5, ibm_fez 4.0), as
 *   Qiskit's `BackendConfiguration` reads it; the Target holds seconds;
 * - calibration: T1/T2 (µs → s), frequency (GHz → Hz), readout_error, prob_meas0_prep1,
 *   prob_meas1_prep0, readout_length (ns → s),
 *   `operational: 0` → faulty; gate errors and gate lengths (ns → s) keyed `name:q0` / `name:q0,q1`.
 *
 * Used by the fake backends and by the IBM adapter (same JSON shapes).
 */
import { ConfigurationError } from '../core/errors';
import { createTarget, findEntangler, type QubitProperties, type Target } from '../core/target';

/** The fields of IBM's backend configuration this module reads (others are ignored). */
export interface IbmBackendConfiguration {
  /** The device name, e.g. `ibm_fez`. */
  readonly backend_name: string;
  /** The device software version string, as reported. */
  readonly backend_version?: string;
  /** Number of physical qubits. */
  readonly n_qubits: number;
  /** The native gate names (`sx`, `rz`, `cz`, ...): the ISA circuits must use. */
  readonly basis_gates: readonly string[];
  /** Further instructions the device accepts besides the basis gates (`measure`, `delay`, ...). */
  readonly supported_instructions?: readonly string[];
  /** Per-gate entries; a gate's own `coupling_map` says on which qubits it exists. */
  readonly gates?: ReadonlyArray<{
    /** The gate name. */
    readonly name: string;
    /** Names of the gate's parameters. */
    readonly parameters?: readonly string[];
    /** IBM's OpenQASM definition of the gate (not used). */
    readonly qasm_def?: string | null;
    /** The qubit tuples this gate is available on. */
    readonly coupling_map?: ReadonlyArray<readonly number[]>;
  }>;
  /** Directed qubit pairs `[control, target]` that a two-qubit gate can act on; absent or null means all-to-all. */
  readonly coupling_map?: ReadonlyArray<readonly number[]> | null;
  /** True for a simulator rather than hardware. */
  readonly simulator?: boolean;
  /** The sample time of the control electronics, in nanoseconds (ibm_brisbane: 0.5). */
  readonly dt?: number;
  /** Legacy shot limit; not enforced (IBM limits executions per job instead). */
  readonly max_shots?: number;
  /** Legacy circuit-count limit; not enforced (IBM limits executions per job instead). */
  readonly max_experiments?: number;
  /** The processor family (`Heron`, `Eagle`, ...), revision and segment. */
  readonly processor_type?: {
    /** The processor family, e.g. `Heron` or `Eagle`. */
    readonly family?: string;
    /** The family's revision, e.g. `2`. */
    readonly revision?: string | number;
    /** The segment of a family, when IBM names one. */
    readonly segment?: string;
  };
  readonly [extra: string]: unknown;
}

/**
 * IBM Quantum's limit on one job: 5 000 000 executions, where executions = the sum over the
 * job's PUBs of parameter-binding rows × shots.
 */
export const IBM_MAX_EXECUTIONS_PER_JOB = 5_000_000;

/** One `{date, name, unit, value}` calibration entry. */
export interface IbmNduv {
  /** When the value was measured (ISO 8601). */
  readonly date?: string;
  /** The quantity: `T1`, `T2`, `frequency`, `readout_error`, `gate_error`, ... */
  readonly name: string;
  /** Its unit (`us`, `ns`, `GHz`, or empty for a probability). */
  readonly unit?: string;
  /** The measured value, in `unit`. */
  readonly value: number;
}

/** The fields of IBM's backend properties this module reads. */
export interface IbmBackendProperties {
  /** The device name, e.g. `ibm_fez`. */
  readonly backend_name?: string;
  /** Per physical qubit (by index), its calibration entries. */
  readonly qubits: ReadonlyArray<ReadonlyArray<IbmNduv>>;
  /** Per gate instance, its calibration entries (`gate_error`, `gate_length`). */
  readonly gates: ReadonlyArray<{
    /** The gate name, e.g. `cz`. */
    readonly gate: string;
    /** The physical qubits of this instance, in argument order. */
    readonly qubits: readonly number[];
    /** Its calibration entries. */
    readonly parameters: ReadonlyArray<IbmNduv>;
    /** IBM's instance label, e.g. `cz0_1`. */
    readonly name?: string;
  }>;
  readonly [extra: string]: unknown;
}

/** Options of {@link targetFromIbmConfiguration}. */
export interface TargetFromIbmOptions {
  /** Keep fractional gates (`rx`, `rzz`) in the basis, as `use_fractional_gates=True` does. */
  readonly useFractionalGates?: boolean;
}

/** Gates whose parameters are not "fractional" in IBM's sense (Python keeps them). */
const NON_FRACTIONAL_PARAMETRIC = new Set(['rz', 'p', 'u1', 'delay']);
const EXTRA_OPS = ['measure', 'reset', 'delay', 'if_else', 'for_loop', 'switch_case', 'while_loop'];

const UNIT_SCALE: Record<string, number> = { s: 1, ms: 1e-3, us: 1e-6, µs: 1e-6, ns: 1e-9, Hz: 1, kHz: 1e3, MHz: 1e6, GHz: 1e9 };

function scaled(e: IbmNduv): number {
  return e.value * (e.unit ? (UNIT_SCALE[e.unit] ?? 1) : 1);
}

/**
 * Builds a {@link Target} from IBM configuration (and optional properties) JSON.
 * @throws {ConfigurationError} for a configuration without `n_qubits`/`basis_gates` or with
 * out-of-range edges
 */
export function targetFromIbmConfiguration(
  conf: IbmBackendConfiguration,
  props?: IbmBackendProperties,
  options: TargetFromIbmOptions = {},
): Target {
  if (!conf || !Number.isInteger(conf.n_qubits) || !Array.isArray(conf.basis_gates)) {
    throw new ConfigurationError('backend configuration needs an integer n_qubits and a basis_gates list', 'configuration');
  }
  const n = conf.n_qubits;
  const paramsOf = new Map((conf.gates ?? []).map((g) => [g.name, g.parameters ?? []]));
  const fractional = (name: string): boolean =>
    (paramsOf.get(name)?.length ?? (name === 'rx' || name === 'rzz' ? 1 : 0)) > 0 && !NON_FRACTIONAL_PARAMETRIC.has(name);
  const basisGates = conf.basis_gates.filter((g) => options.useFractionalGates || !fractional(g));
  const supported = new Set(conf.supported_instructions ?? ['measure', 'reset', 'delay']);
  const extra = ['barrier', ...EXTRA_OPS.filter((o) => supported.has(o) || o === 'measure')];

  // Calibration.
  const qubitProperties: QubitProperties[] | undefined = props
    ? Array.from({ length: n }, (_, q) => {
        const entries = props.qubits[q] ?? [];
        const get = (name: string): number | undefined => {
          const e = entries.find((x) => x.name === name);
          return e ? scaled(e) : undefined;
        };
        const operational = entries.find((x) => x.name === 'operational');
        const readoutLength = get('readout_length');
        const probMeas0Prep1 = get('prob_meas0_prep1');
        const probMeas1Prep0 = get('prob_meas1_prep0');
        return {
          t1: get('T1'),
          t2: get('T2'),
          frequency: get('frequency'),
          readoutError: get('readout_error'),
          faulty: operational ? operational.value === 0 : false,
          ...(readoutLength === undefined ? {} : { readoutLength }),
          ...(probMeas0Prep1 === undefined ? {} : { probMeas0Prep1 }),
          ...(probMeas1Prep0 === undefined ? {} : { probMeas1Prep0 }),
        };
      })
    : undefined;
  const faulty = new Set<number>();
  qubitProperties?.forEach((p, q) => p.faulty && faulty.add(q));
  const gateErrors = new Map<string, number>();
  const gateLengths = new Map<string, number>();
  const badGates = new Set<string>();
  for (const g of props?.gates ?? []) {
    const key = `${g.gate}:${g.qubits.join(',')}`;
    const err = g.parameters.find((p) => p.name === 'gate_error');
    const op = g.parameters.find((p) => p.name === 'operational');
    if (err) gateErrors.set(key, err.value);
    const length = g.parameters.find((p) => p.name === 'gate_length');
    if (length) gateLengths.set(key, scaled(length));
    if (op && op.value === 0) badGates.add(key);
  }

  // Directed coupling of the native entangler, trimmed of faulty qubits and bad edges.
  const entangler = findEntangler(basisGates);
  const gateMap = entangler ? conf.gates?.find((g) => g.name === entangler)?.coupling_map : undefined;
  const raw = (gateMap ?? conf.coupling_map ?? []) as ReadonlyArray<readonly number[]>;
  const couplingMap: [number, number][] = [];
  for (const e of raw) {
    if (e.length !== 2) continue;
    const [a, b] = e as [number, number];
    if (!Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b < 0 || a >= n || b >= n) {
      throw new ConfigurationError(`coupling edge [${e.join(', ')}] is outside ${n} qubits`, 'coupling_map');
    }
    if (faulty.has(a) || faulty.has(b)) continue;
    if (entangler && badGates.has(`${entangler}:${a},${b}`)) continue;
    couplingMap.push([a, b]);
  }
  const pt = conf.processor_type;
  return createTarget({
    numQubits: n,
    basisGates,
    extraOperations: extra,
    couplingMap,
    // IBM's only per-job size limit is executions (rows × shots summed over PUBs). The
    // configuration's `max_experiments` (300) and `max_shots` (100 000) are legacy fields that
    // qiskit-ibm-runtime itself calls "no longer an accurate representation", so they are not
    // caps here: one PUB and one job can each go up to the executions limit.
    maxShots: IBM_MAX_EXECUTIONS_PER_JOB,
    maxPubsPerJob: IBM_MAX_EXECUTIONS_PER_JOB,
    maxExecutionsPerJob: IBM_MAX_EXECUTIONS_PER_JOB,
    // `default_rep_delay` is in µs.
    ...(typeof conf.default_rep_delay === 'number' ? { defaultRepDelay: conf.default_rep_delay * 1e-6 } : {}),
    simulator: conf.simulator ?? false,
    requiresIsa: !(conf.simulator ?? false),
    qubitProperties,
    gateErrors: props ? gateErrors : undefined,
    ...(gateLengths.size ? { gateLengths } : {}),
    dt: typeof conf.dt === 'number' && conf.dt > 0 ? conf.dt * 1e-9 : undefined,
    processorType: pt?.family ? `${pt.family}${pt.revision !== undefined ? ` r${pt.revision}` : ''}` : undefined,
  });
}
