import { createHash } from 'node:crypto';
import { Circuit, type Instruction } from '../../src/circuit/circuit';
import { qasm3ParameterNames, toQasm3 } from '../../src/circuit/qasm';
import { CircuitValidationError, InputValidationError } from '../../src/core/errors';
import type { EstimatorRequest, PauliSum, ParameterRows, SamplerRequest } from '../../src/primitives/types';
import { isValidatedFor, refuseOverExecutions } from '../../src/primitives/validate';
import type { Target } from '../../src/core/target';
import { prepareIsaCircuit, type PreparedCircuit, type TranspilePolicy } from '../../src/primitives/isa-prepare';
import { findRzzBindingViolation } from '../../src/transpiler/isa';
import { ibmEstimatorShots, refuseOverEstimatorExecutions } from '../../src/primitives/estimator-executions';
import { splitRuntimeOptions, type SplitOptions } from './options';
import type { EstimatorLayout, SamplerPubInfo } from './results';
import type { components } from './schema';

/**
 * Builds `POST /jobs` bodies for Sampler V2 / Estimator V2 (IBM's REST API: `program_id`
 * `sampler` or `estimator`, `backend`, and `params` = `{pubs, version: 2, shots | precision,
 * options}`; each PUB a tuple `[qasm, observables?, parameter values, shots | precision]`): OpenQASM 3
 * circuits on physical qubits (`$k`), parameters as `input float[64]` bound by the dict form
 * `{name: [value per row]}`, Qiskit-style options passed through. Pure: no I/O.
 */

type JobCreateRequest = components['schemas']['JobCreateRequest'];

/** A ready submission plus what is needed to decode its result. */
export interface BuiltJob {
  body: JobCreateRequest;
  samplerInfo?: SamplerPubInfo[];
  estimatorLayouts?: EstimatorLayout[];
  /** sha256 of the JSON of `body.params` (for the ledger). */
  payloadSha256: string;
}

/**
 * The ISA policy from `request.options`: `transpile: false` refuses non-ISA circuits; otherwise
 * they are transpiled at `optimization_level` (default 1) with `seed_transpiler` (default 0).
 */
export function transpilePolicyOf(options: Readonly<Record<string, unknown>> | undefined): TranspilePolicy {
  const o = options ?? {};
  if (o.transpile !== undefined && !o.transpile) return false;
  return {
    optimizationLevel: (o.optimization_level as 0 | 1 | 2 | 3 | undefined) ?? 1,
    seed: typeof o.seed_transpiler === 'number' ? o.seed_transpiler : 0,
  };
}

/** QASM for IBM: physical qubits, no `gphase` (unobservable), identities dropped (IBM rejects bare `id`). */
function qasmFor(c: Circuit): { qasm: string; cregNames: string[]; paramNames: Map<string, string> } {
  const stripped = c.emptyCopy();
  // Recursively: an if_else body may hold identities too.
  const strip = (list: readonly Instruction[]): Instruction[] =>
    list.filter((i) => i.name !== 'id').map((i) => (i.blocks ? { ...i, blocks: i.blocks.map(strip) } : i));
  for (const ins of strip(c.instructions)) stripped.appendInstruction(ins);
  const qasm = toQasm3(stripped, { physicalQubits: true, globalPhase: false });
  const cregNames = [...qasm.matchAll(/^bit\[\d+\] ([A-Za-z_][A-Za-z0-9_]*);$/gm)].map((m) => m[1]!);
  return { qasm, cregNames, paramNames: qasm3ParameterNames(stripped) };
}

/** `{qasmName: [value per row]}` from rows ordered like the ORIGINAL circuit's parameters. */
function bindings(
  original: Circuit,
  rows: ParameterRows | undefined,
  names: Map<string, string>,
  pub: number,
  validated: boolean,
): Record<string, number[]> | null {
  const params = original.parameters;
  if (!params.length) {
    if (!validated && rows && rows.some((r) => r.length)) throw new InputValidationError(`PUB ${pub}: the circuit has no parameters but values were given`);
    return null;
  }
  if (!rows || !rows.length) throw new CircuitValidationError(`PUB ${pub}: unbound parameter(s) ${params.join(', ')}: give parameter values`);
  const out: Record<string, number[]> = {};
  params.forEach((p, j) => {
    const key = names.get(p);
    if (!key) throw new InputValidationError(`PUB ${pub}: parameter '${p}' vanished during transpilation`);
    // Rows of a request the Sampler/Estimator validated are known to fit (width, finite values).
    out[key] = validated
      ? rows.map((r) => r[j]!)
      : rows.map((r, i) => {
          if (r.length !== params.length) throw new CircuitValidationError(`PUB ${pub} row ${i}: expected ${params.length} value(s) for ${params.join(', ')}, got ${r.length}`);
          const v = r[j]!;
          if (!Number.isFinite(v)) throw new InputValidationError(`PUB ${pub} row ${i}: value ${v} is not finite`, { row: i });
          return v;
        });
  });
  return out;
}

/**
 * IBM's client refuses, before submission, parameter values that bind a fractional `rzz` angle
 * outside [0, π/2] (the device would reject the job after it waited in the queue).
 */
function refuseBadRzzBindings(prepared: PreparedCircuit, original: Circuit, rows: ParameterRows | undefined, pub: number): void {
  const bad = findRzzBindingViolation(prepared.circuit, original.parameters, rows, `PUB ${pub}: `);
  if (bad) throw bad;
}

/**
 * Asks for the Qiskit-encoded result (`support_qiskit: true` in `params`, as qiskit-ibm-runtime's
 * OptionsV2 sends it). Without it IBM answers plain JSON, where a Sampler register is one flat
 * list of samples and the PUB's parameter shape is lost; with it, a `PrimitiveResult` whose
 * BitArrays are `.npy` arrays of shape (*pub_shape, shots, bytes) and Estimator values are
 * ndarrays of the PUB's shape. Both formats are still decoded (jobs submitted by others).
 */
const QISKIT_FORMAT = { support_qiskit: true } as const;

function sha256(x: unknown): string {
  return createHash('sha256').update(JSON.stringify(x)).digest('hex');
}

/** IBM's Sampler default when neither the PUB nor the request gives shots. */
const IBM_DEFAULT_SHOTS = 4096;

/** Builds a Sampler V2 job. @throws {CircuitValidationError | InputValidationError | ResourceLimitError} before any request */
export function buildSamplerJob(req: SamplerRequest, backend: string, target: Target, sessionId?: string): BuiltJob {
  const split = splitRuntimeOptions('sampler', req.options);
  const isa = transpilePolicyOf(req.options);
  // A request the Sampler validated for this target is not checked again (shots, rows).
  const validated = isValidatedFor(req, target);
  const info: SamplerPubInfo[] = [];
  const pubs = req.pubs.map((pub, i) => {
    if (!pub.circuit.instructions.some((x) => x.name === 'measure')) {
      throw new InputValidationError(`PUB ${i}: a Sampler circuit needs measurements`);
    }
    const prepared: PreparedCircuit = prepareIsaCircuit(pub.circuit, target, isa);
    refuseBadRzzBindings(prepared, pub.circuit, pub.parameterValues, i);
    const { qasm, cregNames, paramNames } = qasmFor(prepared.circuit);
    const regs = prepared.circuit.classicalRegisters.map((r, k) => ({ ...r, name: cregNames[k] ?? r.name }));
    info.push({ registers: regs, numRows: pub.parameterValues?.length || 1 });
    if (!validated && pub.shots !== undefined && (!Number.isInteger(pub.shots) || pub.shots < 1 || pub.shots > target.maxShots)) {
      throw new InputValidationError(`PUB ${i}: shots must be an integer in [1, ${target.maxShots}]`);
    }
    return [qasm, bindings(pub.circuit, pub.parameterValues, paramNames, i, validated), pub.shots ?? null];
  });
  // The top-level `shots` overrides `options.default_shots` and IBM's own default (4096), so it
  // is sent only when the caller gave it.
  const shots = req.shots;
  if (!validated && shots !== undefined && (!Number.isInteger(shots) || shots < 1 || shots > target.maxShots)) {
    throw new InputValidationError(`shots must be an integer in [1, ${target.maxShots}], got ${shots}`);
  }
  // IBM's per-job limit is executions (rows × shots); unset shots default to IBM's 4096.
  const executions = req.pubs.reduce((sum, pub) => sum + (pub.parameterValues?.length || 1) * (pub.shots ?? shots ?? IBM_DEFAULT_SHOTS), 0);
  refuseOverExecutions(executions, req.pubs.length, target);
  const params: Record<string, unknown> = { pubs, version: 2, ...QISKIT_FORMAT };
  if (shots !== undefined) params.shots = shots;
  if (Object.keys(split.params).length) params.options = split.params;
  // Register names in results are the QASM names; map them back to the circuit's own names.
  const samplerInfo = info.map((p, i) => ({
    ...p,
    registers: p.registers!.map((r, k) => ({ ...r, qasmName: r.name, name: req.pubs[i]!.circuit.classicalRegisters[k]?.name ?? r.name })),
  }));
  return { body: jobBody('sampler', backend, params, split, req.tag, sessionId), samplerInfo, payloadSha256: sha256(params) };
}

/** Maps a Pauli string over original qubits onto physical positions (rightmost letter = qubit 0). */
function mapPauli(p: string, physical: readonly number[], width: number, pub: number): string {
  if (!/^[IXYZ]+$/.test(p) || p.length !== physical.length) {
    throw new InputValidationError(`PUB ${pub}: observable '${p}' must be ${physical.length} letters of I, X, Y, Z`);
  }
  const out = new Array<string>(width).fill('I');
  for (let v = 0; v < physical.length; v++) {
    const letter = p[p.length - 1 - v]!;
    if (letter !== 'I') out[width - 1 - physical[v]!] = letter; // measured qubits are < width by construction
  }
  return out.join('');
}

function sumToDict(sum: PauliSum, physical: readonly number[], width: number, pub: number): Record<string, number> {
  const d: Record<string, number> = {};
  for (const [p, c] of sum) {
    if (!Number.isFinite(c)) throw new InputValidationError(`PUB ${pub}: coefficient of '${p}' is not finite`);
    const k = mapPauli(p, physical, width, pub);
    d[k] = (d[k] ?? 0) + c;
  }
  return d;
}

function isSumList(o: PauliSum | readonly PauliSum[]): o is readonly PauliSum[] {
  return o.length > 0 && Array.isArray(o[0]) && Array.isArray((o[0] as unknown[])[0]);
}

/** Builds an Estimator V2 job; observables follow the transpiler's layout. */
export function buildEstimatorJob(req: EstimatorRequest, backend: string, target: Target, sessionId?: string): BuiltJob {
  const split = splitRuntimeOptions('estimator', req.options);
  const isa = transpilePolicyOf(req.options);
  // A request the Estimator validated for this target is not checked again (rows).
  const validated = isValidatedFor(req, target);
  const layouts: EstimatorLayout[] = [];
  const pubs = req.pubs.map((pub, i) => {
    if (pub.circuit.instructions.some((x) => x.name === 'measure')) {
      throw new InputValidationError(`PUB ${i}: an Estimator circuit must not contain measurements`);
    }
    const prepared = prepareIsaCircuit(pub.circuit, target, isa);
    refuseBadRzzBindings(prepared, pub.circuit, pub.parameterValues, i);
    const list = isSumList(pub.observables);
    const sums = list ? (pub.observables as readonly PauliSum[]) : [pub.observables as PauliSum];
    if (!sums.length || sums.some((s) => !s.length)) throw new InputValidationError(`PUB ${i}: observables must not be empty`);
    // IBM loads `$k` programs with width (highest k + 1) and observables must be exactly that
    // wide. A qubit an observable measures but no gate touches gets a barrier (ISA-exempt) so
    // that it exists in the program.
    const n = pub.circuit.numQubits;
    const measured = new Set<number>();
    for (const s of sums) for (const [p] of s) for (let v = 0; v < n && v < p.length; v++) if (p[p.length - 1 - v] !== 'I') measured.add(prepared.physical[v]!);
    let isaCircuit = prepared.circuit;
    const touched = new Set(isaCircuit.instructions.flatMap((x) => x.qubits));
    const idle = [...measured].filter((q) => !touched.has(q));
    if (idle.length) isaCircuit = isaCircuit.copy().barrier(...idle);
    const { qasm, paramNames } = qasmFor(isaCircuit);
    const width = Math.max(-1, ...isaCircuit.instructions.flatMap((x) => x.qubits)) + 1;
    const dicts = sums.map((s) => sumToDict(s, prepared.physical, width, i));
    const values = bindings(pub.circuit, pub.parameterValues, paramNames, i, validated);
    let layout: EstimatorLayout;
    let obs: unknown;
    if (!values) [layout, obs] = list ? ['obs', dicts] : ['scalar', dicts[0]];
    else if (!list) [layout, obs] = ['rows', dicts[0]];
    else [layout, obs] = ['obsxrows', dicts.map((d) => [d])]; // shape (K,1) × rows (R,) → (K,R)
    layouts.push(layout);
    return [qasm, obs, values, pub.precision ?? null];
  });
  // IBM's executions limit counts rows × measurement bases × shots (see estimator-executions.ts).
  const o = req.options ?? {};
  const counted = req.pubs.map((pub) => ({
    rows: pub.parameterValues?.length || 1,
    observables: isSumList(pub.observables) ? (pub.observables as readonly PauliSum[]) : [pub.observables as PauliSum],
    shots: ibmEstimatorShots({ pubPrecision: pub.precision, precision: req.precision, defaultShots: o.default_shots as number | undefined, defaultPrecision: o.default_precision as number | undefined }),
  }));
  refuseOverEstimatorExecutions(counted, target);
  const params: Record<string, unknown> = { pubs, version: 2, ...QISKIT_FORMAT };
  if (req.precision !== undefined && req.precision > 0) params.precision = req.precision;
  if (split.resilienceLevel !== undefined) params.resilience_level = split.resilienceLevel;
  if (Object.keys(split.params).length) params.options = split.params;
  return { body: jobBody('estimator', backend, params, split, req.tag, sessionId), estimatorLayouts: layouts, payloadSha256: sha256(params) };
}

function jobBody(
  program: 'sampler' | 'estimator',
  backend: string,
  params: Record<string, unknown>,
  job: SplitOptions,
  tag: string | undefined,
  sessionId: string | undefined,
): JobCreateRequest {
  const body: JobCreateRequest = { program_id: program, backend, params };
  if (sessionId) body.session_id = sessionId;
  // The primitive's own tag first: the ledger finds a job whose answer was lost by it.
  const tags = [...(tag ? [tag] : []), ...job.jobTags];
  for (const t of tags) {
    if (t.length > 86) throw new InputValidationError(`the job tag '${t.slice(0, 20)}…' must be at most 86 characters (IBM limit)`);
  }
  if (tags.length) body.tags = tags;
  if (job.cost !== undefined) body.cost = job.cost;
  if (job.logLevel !== undefined) body.log_level = job.logLevel as JobCreateRequest['log_level'];
  if (job.private) body.private = true;
  return body;
}
