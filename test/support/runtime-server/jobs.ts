/**
 * The server's job store: validation of `POST /jobs` bodies (program, backend, `params.version`
 * 2, PUBs, options keys, tags, cost, session), the job life cycle Queued → Running →
 * Completed/Failed advanced by polls, and per-job
 * plans a test queues (fail with an IBM code, stay queued, ...).
 */
import { randomBytes } from 'node:crypto';
import { deviceGates, executePub, type ParserChoice, type RegisterSamples } from './execute';
import type { FakeDevice } from './fixtures';
import { estimatorResult } from './estimator';
import { plainSamplerResult, qiskitSamplerResult } from './results';

/** What should happen to the next submitted job. */
export interface JobPlan {
  /** Fail with this IBM reason code (e.g. 1517) and reason. */
  fail?: { code: number; reason?: string };
  /** Never leave `Queued`. */
  stayQueued?: boolean;
  /** Polls answered `Queued` / `Running` before the job moves on (default 1 / 1). */
  queuedPolls?: number;
  runningPolls?: number;
  /** End `Cancelled - Ran too long` (reason code 1305). */
  ranTooLong?: boolean;
}

/** Terminal and non-terminal states (IBM spelling). */
export type JobState = 'Queued' | 'Running' | 'Completed' | 'Failed' | 'Cancelled';

/** One stored job. */
export interface StoredJob {
  id: string;
  backend: string;
  programId: string;
  params: Record<string, unknown>;
  tags: string[];
  sessionId?: string;
  private: boolean;
  created: string;
  state: JobState;
  reason?: { code: number; text: string };
  ranTooLong?: boolean;
  queuedLeft: number;
  runningLeft: number;
  stayQueued: boolean;
  resultBody?: string;
  /** The Sampler samples per PUB and register as executed (whatever format `resultBody` uses). */
  samples?: Record<string, RegisterSamples>[];
  resultReads: number;
}

/** A validation problem: becomes a 4xx with an IBM error body. */
export class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly ibmCode: number,
    message: string,
  ) {
    super(message);
  }
}

const ALLOWED_OPTIONS = new Set(['default_shots', 'dynamical_decoupling', 'execution', 'twirling', 'simulator', 'experimental']);
/** The Estimator's `params.options` take its own keys too (qiskit-ibm-runtime's EstimatorOptions); a Sampler job is refused them. */
const ESTIMATOR_OPTIONS = new Set([...ALLOWED_OPTIONS, 'default_precision', 'seed_estimator', 'resilience']);
const BASE32 = 'abcdefghijklmnopqrstuv0123456789';

function newJobId(): string {
  const bytes = randomBytes(19);
  return 'd' + [...bytes].map((b) => BASE32[b % 32]).join('');
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Parameter rows of one PUB: each row is an env for the angle evaluator. */
function pubRows(values: unknown): Record<string, number>[] {
  if (values === undefined || values === null) return [{}];
  if (!isRecord(values)) throw new RequestError(400, 1002, 'parameter values must be an object of name → value(s)');
  const entries = Object.entries(values);
  let rows = 1;
  for (const [k, v] of entries) {
    if (Array.isArray(v)) {
      if (!v.every((x) => typeof x === 'number' && Number.isFinite(x))) throw new RequestError(400, 1002, `parameter '${k}' has non-numeric values`);
      if (rows !== 1 && v.length !== rows) throw new RequestError(400, 1002, 'parameter arrays do not broadcast');
      rows = v.length;
    } else if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new RequestError(400, 1002, `parameter '${k}' is not a finite number`);
    }
  }
  return Array.from({ length: rows }, (_, r) =>
    Object.fromEntries(entries.map(([k, v]) => [k, Array.isArray(v) ? (v[r] as number) : (v as number)])),
  );
}

/** The job store. */
export class JobStore {
  readonly jobs = new Map<string, StoredJob>();
  readonly plans: JobPlan[] = [];
  /** Applied to jobs without a queued plan (and under a plan, for the fields it leaves unset). */
  defaultPlan: JobPlan = {};
  /**
   * IBM's job list is eventually consistent: a job younger than this many ms is left out of
   * `GET /jobs` listings (`GET /jobs/{id}` still finds it). 0: listed at once.
   */
  listingLagMs = 0;
  /** Jobs a `GET /jobs` listing matched but left out because they were younger than {@link listingLagMs}. */
  listingMisses = 0;
  private seed: number;

  constructor(
    private readonly devices: FakeDevice[],
    private readonly parser: ParserChoice,
    seed: number,
  ) {
    this.seed = seed;
  }

  /** Validates and creates a job (executes it at once; polls reveal the outcome). */
  create(body: unknown, sessionOpen: (id: string) => boolean): StoredJob {
    if (!isRecord(body)) throw new RequestError(400, 1002, 'request body must be a JSON object');
    const { program_id: programId, backend, params, tags = [], session_id: sessionId } = body;
    if (typeof programId !== 'string') throw new RequestError(400, 1002, 'program_id is required');
    if (typeof backend !== 'string') throw new RequestError(400, 1002, 'backend is required');
    const device = this.devices.find((d) => d.name === backend);
    if (!device) throw new RequestError(404, 1007, `Backend ${backend} not found.`);
    if (programId !== 'sampler' && programId !== 'estimator') throw new RequestError(400, 1002, `program ${programId} is not supported by the test server`);
    if (!isRecord(params) || params.version !== 2) throw new RequestError(400, 1002, 'params.version must be 2');
    if (!Array.isArray(params.pubs) || params.pubs.length === 0) throw new RequestError(400, 1002, 'params.pubs must be a non-empty array');
    const options = params.options ?? {};
    if (!isRecord(options)) throw new RequestError(400, 1002, 'params.options must be an object');
    for (const k of Object.keys(options)) {
      if (!(programId === 'estimator' ? ESTIMATOR_OPTIONS : ALLOWED_OPTIONS).has(k)) throw new RequestError(400, 1002, `options: unexpected field '${k}'`);
    }
    if (!Array.isArray(tags) || tags.length > 8 || !tags.every((t) => typeof t === 'string' && t.length <= 86)) {
      throw new RequestError(400, 1002, 'tags: at most 8 strings of at most 86 characters');
    }
    if (body.cost !== undefined && !(Number.isInteger(body.cost) && (body.cost as number) >= 0)) {
      throw new RequestError(400, 1002, 'cost must be a non-negative integer');
    }
    if (sessionId !== undefined && (typeof sessionId !== 'string' || !sessionOpen(sessionId))) {
      throw new RequestError(400, 1002, 'session is closed or unknown');
    }
    const defaultShots = params.shots ?? options.default_shots ?? 4096;
    const gates = deviceGates(device.configuration);
    const plan = { ...this.defaultPlan, ...(this.plans.shift() ?? {}) };
    const job: StoredJob = {
      id: newJobId(),
      backend,
      programId,
      params,
      tags: tags as string[],
      sessionId: sessionId as string | undefined,
      private: body.private === true,
      created: new Date().toISOString(),
      state: 'Queued',
      queuedLeft: plan.queuedPolls ?? 1,
      runningLeft: plan.runningPolls ?? 1,
      stayQueued: plan.stayQueued === true || device.status !== 'online',
      ranTooLong: plan.ranTooLong,
      resultReads: 0,
    };
    // Execute now (a failure is revealed at the job's final poll, as on the real service).
    const pubData: Record<string, RegisterSamples>[] = [];
    const pubShapes: number[][] = [];
    if (programId === 'estimator') {
      try {
        job.resultBody = JSON.stringify(estimatorResult(params.pubs as unknown[][]));
      } catch (e) {
        job.reason = { code: 1603, text: `estimator PUB error: ${e instanceof Error ? e.message : String(e)}` };
      }
    }
    for (const [i, pub] of (programId === 'sampler' ? (params.pubs as unknown[]) : []).entries()) {
      const [qasm, values, shotsRaw] = Array.isArray(pub) ? pub : [pub];
      if (typeof qasm !== 'string') throw new RequestError(400, 1002, `pubs[${i}]: circuit must be an OpenQASM 3 string`);
      const shots = shotsRaw ?? defaultShots;
      if (!Number.isInteger(shots) || (shots as number) < 1 || (shots as number) > 100_000) {
        throw new RequestError(400, 1002, `pubs[${i}]: shots must be an integer in [1, 100000]`);
      }
      const merged: Record<string, RegisterSamples> = {};
      const rows = pubRows(values);
      // Dict-form values with an array per parameter give a PUB of shape (rows,); none or scalars, shape ().
      pubShapes.push(isRecord(values) && Object.values(values).some(Array.isArray) ? [rows.length] : []);
      for (const env of rows) {
        const out = executePub(qasm, env, shots as number, this.seed++, gates, this.parser);
        if (!out.ok) {
          job.reason ??= { code: out.code, text: out.reason };
          break;
        }
        for (const [name, reg] of Object.entries(out.data)) {
          const m = (merged[name] ??= { samples: [], num_bits: reg.num_bits });
          m.samples.push(...reg.samples);
        }
      }
      pubData.push(merged);
    }
    if (plan.fail) {
      job.reason = { code: plan.fail.code, text: plan.fail.reason ?? `Injected failure ${plan.fail.code}` };
      job.resultBody = undefined;
    }
    if (!job.reason && programId === 'sampler') {
      job.samples = pubData;
      job.resultBody = JSON.stringify(params.support_qiskit === true ? qiskitSamplerResult(pubData, pubShapes) : plainSamplerResult(pubData));
    }
    // Zero polls requested: the job is already past those states when created.
    if (!job.stayQueued && job.queuedLeft <= 0) {
      job.state = 'Running';
      if (job.runningLeft <= 0) job.state = job.ranTooLong ? 'Cancelled' : job.reason ? 'Failed' : 'Completed';
    }
    this.jobs.set(job.id, job);
    return job;
  }

  /** Advances a job by one poll (called after its state was reported). */
  advance(job: StoredJob): void {
    if (job.stayQueued) return;
    if (job.state === 'Queued') {
      if (--job.queuedLeft <= 0) job.state = 'Running';
    } else if (job.state === 'Running') {
      if (--job.runningLeft <= 0) job.state = job.ranTooLong ? 'Cancelled' : job.reason ? 'Failed' : 'Completed';
    }
  }

  /** The `GET /jobs/{id}` body (`state.status`, reason and code when failed, tags, session, usage). */
  view(job: StoredJob, includeParams: boolean): Record<string, unknown> {
    const state: Record<string, unknown> = { status: job.state };
    let status: string = job.state;
    if (job.state === 'Failed' && job.reason) {
      state.reason = job.reason.text;
      state.reason_code = job.reason.code;
      state.reason_solution = 'Transpile your circuits for the target before submitting a primitive query.';
    }
    if (job.state === 'Cancelled' && job.ranTooLong) {
      state.reason = 'RAN TOO LONG';
      state.reason_code = 1305;
      status = 'Cancelled - Ran too long';
    }
    const out: Record<string, unknown> = {
      id: job.id,
      backend: job.backend,
      state,
      status,
      program: { id: job.programId },
      created: job.created,
      cost: 600,
      tags: job.tags,
      session_id: job.sessionId ?? job.id,
      user_id: 'IBMid-0000000000',
      usage: { qpu_charge_time_seconds: job.state === 'Completed' ? 2 : 0, status: job.state === 'Completed' ? 'complete' : 'pending' },
    };
    if (includeParams && !job.private) out.params = job.params;
    if (job.private) out.private = true;
    return out;
  }

  /** The jobs of a filtered listing that are old enough to be listed (the others count as misses). */
  listable(matched: StoredJob[], nowMs = Date.now()): StoredJob[] {
    if (this.listingLagMs <= 0) return matched;
    const listed = matched.filter((j) => nowMs - Date.parse(j.created) >= this.listingLagMs);
    this.listingMisses += matched.length - listed.length;
    return listed;
  }

  isTerminal(job: StoredJob): boolean {
    return job.state === 'Completed' || job.state === 'Failed' || job.state === 'Cancelled';
  }
}
