/**
 * The API routes of the test server (paths relative to `/api/v1`), as data in, reply out.
 * Status codes and bodies follow IBM's (404 code 1291 for an unknown job, 409 code 1301 for
 * cancelling a finished one, IBM error bodies throughout).
 */
import { randomBytes } from 'node:crypto';
import type { Reply } from './faults';
import { errorBody, type FakeDevice } from './fixtures';
import { JobStore, RequestError, type StoredJob } from './jobs';

/** A handled request. */
export interface Handled {
  route: string;
  reply: Reply;
}

/** What the routes work on. */
export interface RouteContext {
  jobs: JobStore;
  devices: FakeDevice[];
  sessions: Map<string, Record<string, unknown>>;
  apiVersion: string;
  /** The instance's plan: Open-plan instances may create batches but not dedicated sessions. */
  plan?: 'open' | 'premium';
  /** Whether the calling instance may see a job (all jobs when absent). */
  visible?: (job: StoredJob) => boolean;
}

const json = (status: number, value: unknown): Reply => ({ status, body: JSON.stringify(value) });
const noContent: Reply = { status: 204 };

function parseBody(body: string): unknown {
  try {
    return body === '' ? undefined : JSON.parse(body);
  } catch {
    throw new RequestError(400, 1002, 'The request body is not valid JSON.');
  }
}

function jobNotFound(id: string): Reply {
  return { status: 404, body: errorBody(1291, `Job not found. Job ID: ${id}`, 'Verify the job ID is correct') };
}

/** Dispatches one API request; `check` validates the auth headers first. */
export function routeApi(
  method: string,
  rel: string,
  query: URLSearchParams,
  body: string,
  ctx: RouteContext,
  check: () => Reply | undefined,
): Handled {
  const line = `${method} ${rel}`;
  let m: RegExpExecArray | null;
  const result = (route: string, fn: () => Reply): Handled => {
    const denied = check();
    if (denied) return { route, reply: denied };
    try {
      return { route, reply: fn() };
    } catch (e) {
      if (e instanceof RequestError) return { route, reply: { status: e.status, body: errorBody(e.ibmCode, e.message) } };
      throw e;
    }
  };
  const device = (name: string): FakeDevice => {
    const d = ctx.devices.find((x) => x.name === name);
    if (!d) throw new RequestError(404, 1007, 'device not found');
    return d;
  };
  const job = (id: string): StoredJob | undefined => {
    const j = ctx.jobs.jobs.get(id);
    return j && (ctx.visible?.(j) ?? true) ? j : undefined;
  };

  if (line === 'GET /versions') {
    return result('GET /versions', () =>
      json(200, { versions: [{ version: '2025-05-01', sunset_date: '2027-01-01', status: 'deprecated' }, { version: ctx.apiVersion, status: 'live' }] }),
    );
  }
  if (line === 'GET /backends') {
    return result('GET /backends', () =>
      json(200, {
        devices: ctx.devices.map((d) => ({
          name: d.name,
          status: d.status === 'online' ? { name: 'online' } : { name: d.status, reason: 'Calibrating' },
          is_simulator: false,
          qubits: d.configuration.n_qubits,
          clops: { type: 'hardware', value: 340000 },
          processor_type: { family: 'Heron', revision: '2' },
          queue_length: d.queueLength,
        })),
      }),
    );
  }
  if ((m = /^GET \/backends\/([^/]+)\/(configuration|properties|status)$/.exec(line))) {
    const [, name, what] = m;
    return result(`GET /backends/:name/${what}`, () => {
      const d = device(decodeURIComponent(name!));
      if (what === 'configuration') return json(200, d.configuration);
      if (what === 'properties') return json(200, d.properties);
      return json(200, {
        state: d.status === 'online',
        status: d.status === 'online' ? 'active' : d.status,
        message: d.status === 'online' ? 'available' : 'calibrating',
        length_queue: d.queueLength,
        backend_version: '1.0.0',
      });
    });
  }
  if (line === 'POST /jobs') {
    return result('POST /jobs', () => {
      const j = ctx.jobs.create(parseBody(body), (sid) => ctx.sessions.get(sid)?.accepting_jobs === true);
      const out: Record<string, unknown> = { id: j.id, backend: j.backend };
      if (j.sessionId) out.session_id = j.sessionId;
      if (j.private) out.private = true;
      return json(200, out);
    });
  }
  if (line === 'GET /instances/usage') {
    // A fixed fake period: 120 s of a 600 s limit used.
    return result('GET /instances/usage', () =>
      json(200, {
        instance_id: 'fake-instance',
        usage_period: { start_time: '2026-12-01T00:00:00Z', end_time: '2026-12-31T23:59:59Z' },
        usage_consumed_seconds: 120,
        usage_limit_seconds: 600,
        usage_limit_reached: false,
        usage_remaining_seconds: 480,
      }),
    );
  }
  if (line === 'GET /jobs') {
    return result('GET /jobs', () => {
      let list = [...ctx.jobs.jobs.values()].filter((j) => ctx.visible?.(j) ?? true);
      const pending = query.get('pending');
      if (pending !== null) list = list.filter((j) => (pending === 'true') !== ctx.jobs.isTerminal(j));
      for (const k of ['backend', 'session_id', 'program'] as const) {
        const v = query.get(k);
        if (v !== null) list = list.filter((j) => (k === 'backend' ? j.backend : k === 'program' ? j.programId : j.sessionId) === v);
      }
      const tags = query.getAll('tags');
      if (tags.length) list = list.filter((j) => tags.every((t) => j.tags.includes(t)));
      list = ctx.jobs.listable(list);
      list.sort((a, b) => a.created.localeCompare(b.created));
      if (query.get('sort') !== 'ASC') list.reverse();
      const limitRaw = Number(query.get('limit') ?? 200);
      const limit = Number.isInteger(limitRaw) && limitRaw >= 1 && limitRaw <= 200 ? limitRaw : 200;
      const offset = Math.max(0, Number(query.get('offset') ?? 0) || 0);
      const include = query.get('exclude_params') === 'false';
      return json(200, { jobs: list.slice(offset, offset + limit).map((j) => ctx.jobs.view(j, include)), count: list.length, offset, limit });
    });
  }
  if ((m = /^GET \/jobs\/([^/]+)$/.exec(line))) {
    const id = m[1]!;
    return result('GET /jobs/:id', () => {
      const j = job(id);
      if (!j) return jobNotFound(id);
      const view = ctx.jobs.view(j, query.get('exclude_params') !== 'true');
      ctx.jobs.advance(j);
      return json(200, view);
    });
  }
  if ((m = /^GET \/jobs\/([^/]+)\/results$/.exec(line))) {
    const id = m[1]!;
    return result('GET /jobs/:id/results', () => {
      const j = job(id);
      if (!j) return jobNotFound(id);
      if (j.state === 'Failed') {
        return { status: 200, contentType: 'text/plain', body: `Error code ${j.reason?.code}; ${j.reason?.text}` };
      }
      if (j.state !== 'Completed' || j.resultBody === undefined) return noContent;
      if (j.private && j.resultReads > 0) return noContent;
      j.resultReads++;
      return { status: 200, body: j.resultBody };
    });
  }
  if ((m = /^GET \/jobs\/([^/]+)\/metrics$/.exec(line))) {
    const id = m[1]!;
    return result('GET /jobs/:id/metrics', () => {
      const j = job(id);
      if (!j) return jobNotFound(id);
      return json(200, { timestamps: { created: j.created, running: null, finished: null }, usage: { qpu_charge_time_seconds: 0, status: 'pending' } });
    });
  }
  if ((m = /^POST \/jobs\/([^/]+)\/cancel$/.exec(line))) {
    const id = m[1]!;
    return result('POST /jobs/:id/cancel', () => {
      const j = job(id);
      if (!j) return jobNotFound(id);
      if (ctx.jobs.isTerminal(j)) return { status: 409, body: errorBody(1301, 'Job is in non cancellable status.') };
      j.state = 'Cancelled';
      j.stayQueued = true;
      return noContent;
    });
  }
  if ((m = /^DELETE \/jobs\/([^/]+)$/.exec(line))) {
    const id = m[1]!;
    return result('DELETE /jobs/:id', () => {
      const j = job(id);
      if (!j) return jobNotFound(id);
      if (!ctx.jobs.isTerminal(j)) return { status: 400, body: errorBody(1002, 'Job must be in a terminal state.') };
      ctx.jobs.jobs.delete(id);
      return noContent;
    });
  }
  if (line === 'POST /sessions') {
    return result('POST /sessions', () => {
      const b = parseBody(body) as Record<string, unknown> | undefined;
      if (!b || (b.mode !== 'batch' && b.mode !== 'dedicated')) throw new RequestError(400, 1002, "mode must be 'batch' or 'dedicated'");
      const backend = (b.backend ?? b.backend_name) as string | undefined;
      if (backend !== undefined) device(backend);
      if (b.mode === 'dedicated' && ctx.plan === 'open') {
        throw new RequestError(403, 1352, 'You are not authorized to run a session when using the open plan.');
      }
      const id = 'c' + randomBytes(10).toString('hex').slice(0, 19);
      const now = new Date().toISOString();
      const s = {
        id, backend_name: backend ?? null, mode: b.mode, state: 'open', accepting_jobs: true,
        max_ttl: typeof b.max_ttl === 'number' ? b.max_ttl : 28800, active_ttl: 28800, started_at: null,
        timestamps: [{ status: 'open', timestamp: now }], user_id: 'IBMid-0000000000', elapsed_time: null,
      };
      ctx.sessions.set(id, s);
      return json(200, s);
    });
  }
  if ((m = /^(GET|PATCH) \/sessions\/([^/]+)$/.exec(line))) {
    const [, verb, id] = m;
    return result(`${verb} /sessions/:id`, () => {
      const s = ctx.sessions.get(id!);
      if (!s) return { status: 404, body: errorBody(1292, 'Session not found.') };
      if (verb === 'GET') return json(200, s);
      const b = parseBody(body) as Record<string, unknown> | undefined;
      if (!b || typeof b.accepting_jobs !== 'boolean') throw new RequestError(400, 1002, 'accepting_jobs must be a boolean');
      s.accepting_jobs = b.accepting_jobs;
      if (!b.accepting_jobs) s.state = 'closed';
      return noContent;
    });
  }
  if ((m = /^DELETE \/sessions\/([^/]+)\/close$/.exec(line))) {
    const id = m[1]!;
    return result('DELETE /sessions/:id/close', () => {
      const s = ctx.sessions.get(id);
      if (!s) return { status: 404, body: errorBody(1292, 'Session not found.') };
      s.accepting_jobs = false;
      s.state = 'closed';
      for (const j of ctx.jobs.jobs.values()) {
        if (j.sessionId === id && j.state === 'Queued') {
          j.state = 'Cancelled';
          j.stayQueued = true;
        }
      }
      return noContent;
    });
  }
  return { route: 'unknown', reply: { status: 404, body: errorBody(1291, 'Not found.') } };
}
