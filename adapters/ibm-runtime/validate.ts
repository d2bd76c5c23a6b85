import { InvalidResponseError } from '../../src/core/errors';
import type { components } from './schema';

/**
 * Small hand-written validators for response bodies (no dependency). They check what qbridge
 * reads — required fields and their types — and leave extra fields alone; a failure is an
 * {@link InvalidResponseError} naming the JSON path, never a TypeError deep in the adapter.
 */

type S = components['schemas'];
type Obj = Record<string, unknown>;

function fail(what: string, path: string, expected: string): never {
  throw new InvalidResponseError(`${what}: ${path} should be ${expected}`);
}

/** Parses a response body; tolerates the bare `Infinity`/`NaN` tokens IBM sometimes emits. */
export function parseJsonText(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Replace bare non-JSON number tokens (outside strings) with marker strings, then revive.
    const patched = text.replace(/("(?:[^"\\]|\\.)*")|(-?Infinity|NaN)/g, (m, str: string | undefined) =>
      str !== undefined ? m : `"__qbridge_num:${m}"`,
    );
    try {
      return JSON.parse(patched, (_k, v: unknown) =>
        typeof v === 'string' && v.startsWith('__qbridge_num:') ? Number(v.slice(14)) : v,
      );
    } catch {
      throw new InvalidResponseError(`${what} is not valid JSON (malformed or truncated, ${text.length} bytes)`);
    }
  }
}

export function isObj(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
function obj(x: unknown, what: string, path: string): Obj {
  return isObj(x) ? x : fail(what, path, 'an object');
}
function str(o: Obj, k: string, what: string, path: string, optional = false): void {
  if (o[k] === undefined && optional) return;
  if (typeof o[k] !== 'string') fail(what, `${path}.${k}`, 'a string');
}
function num(o: Obj, k: string, what: string, path: string, optional = false): void {
  if ((o[k] === undefined || o[k] === null) && optional) return;
  if (typeof o[k] !== 'number') fail(what, `${path}.${k}`, 'a number');
}
function arr(o: Obj, k: string, what: string, path: string, optional = false): unknown[] {
  if ((o[k] === undefined || o[k] === null) && optional) return [];
  return Array.isArray(o[k]) ? (o[k] as unknown[]) : fail(what, `${path}.${k}`, 'an array');
}

/**
 * IAM token response (`POST <iam>/identity/token` with `grant_type=urn:ibm:params:oauth:grant-type:apikey`):
 * `access_token`, and its life as `expires_in` (seconds) and/or `expiration` (Unix seconds).
 */
export function validateIamToken(x: unknown): { access_token: string; expires_in?: number; expiration?: number } {
  const w = 'IAM token response';
  const o = obj(x, w, '$');
  if (typeof o.access_token !== 'string' || !o.access_token) fail(w, '$.access_token', 'a non-empty string');
  num(o, 'expires_in', w, '$', true);
  num(o, 'expiration', w, '$', true);
  return o as { access_token: string; expires_in?: number; expiration?: number };
}

export function validateBackends(x: unknown): S['BackendsResponse'] {
  const w = 'backends list';
  const o = obj(x, w, '$');
  arr(o, 'devices', w, '$').forEach((d, i) => {
    const p = `$.devices[${i}]`;
    const dev = obj(d, w, p);
    str(dev, 'name', w, p);
    obj(dev.status, w, `${p}.status`);
    str(dev.status as Obj, 'name', w, `${p}.status`);
    num(dev, 'queue_length', w, p);
    num(dev, 'qubits', w, p, true);
  });
  return o as S['BackendsResponse'];
}

export function validateConfiguration(x: unknown): S['BackendConfiguration'] {
  const w = 'backend configuration';
  const o = obj(x, w, '$');
  str(o, 'backend_name', w, '$');
  if (!Number.isInteger(o.n_qubits) || (o.n_qubits as number) < 0) fail(w, '$.n_qubits', 'an integer ≥ 0');
  if (!arr(o, 'basis_gates', w, '$').every((g) => typeof g === 'string')) fail(w, '$.basis_gates', 'strings');
  arr(o, 'coupling_map', w, '$', true).forEach((e, i) => {
    if (!Array.isArray(e) || !e.every((q) => Number.isInteger(q))) fail(w, `$.coupling_map[${i}]`, 'a list of integers');
  });
  arr(o, 'gates', w, '$', true).forEach((g, i) => {
    const gate = obj(g, w, `$.gates[${i}]`);
    str(gate, 'name', w, `$.gates[${i}]`);
    arr(gate, 'coupling_map', w, `$.gates[${i}]`, true);
  });
  num(o, 'max_shots', w, '$', true);
  num(o, 'max_experiments', w, '$', true);
  return o as S['BackendConfiguration'];
}

export function validateProperties(x: unknown): S['BackendProperties'] {
  const w = 'backend properties';
  const o = obj(x, w, '$');
  arr(o, 'qubits', w, '$').forEach((q, i) => {
    if (!Array.isArray(q)) fail(w, `$.qubits[${i}]`, 'a list');
    q.forEach((n, j) => {
      const e = obj(n, w, `$.qubits[${i}][${j}]`);
      str(e, 'name', w, `$.qubits[${i}][${j}]`);
      num(e, 'value', w, `$.qubits[${i}][${j}]`);
    });
  });
  arr(o, 'gates', w, '$').forEach((g, i) => {
    const p = `$.gates[${i}]`;
    const gate = obj(g, w, p);
    str(gate, 'gate', w, p);
    arr(gate, 'qubits', w, p);
    arr(gate, 'parameters', w, p);
  });
  return o as S['BackendProperties'];
}

export function validateStatus(x: unknown): S['BackendStatus'] {
  const w = 'backend status';
  const o = obj(x, w, '$');
  num(o, 'length_queue', w, '$');
  return o as S['BackendStatus'];
}

export function validateJobCreated(x: unknown): S['JobCreateResponse'] {
  const w = 'job submission response';
  const o = obj(x, w, '$');
  str(o, 'id', w, '$');
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(o.id as string)) fail(w, '$.id', 'a job id');
  str(o, 'backend', w, '$', true);
  str(o, 'session_id', w, '$', true);
  return o as S['JobCreateResponse'];
}

const JOB_STATES = new Set(['Queued', 'Running', 'Completed', 'Cancelled', 'Failed']);

export function validateJob(x: unknown, path = '$'): S['JobResponse'] {
  const w = 'job';
  const o = obj(x, w, path);
  str(o, 'id', w, path);
  const state = obj(o.state, w, `${path}.state`);
  if (typeof state.status !== 'string' || !JOB_STATES.has(capitalise(state.status))) {
    fail(w, `${path}.state.status`, 'one of Queued, Running, Completed, Cancelled, Failed');
  }
  state.status = capitalise(state.status as string);
  str(o, 'backend', w, path, true);
  str(o, 'created', w, path, true);
  str(o, 'session_id', w, path, true);
  return o as S['JobResponse'];
}

export function validateJobList(x: unknown): S['JobsListResponse'] {
  const w = 'job list';
  const o = obj(x, w, '$');
  arr(o, 'jobs', w, '$').forEach((j, i) => validateJob(j, `$.jobs[${i}]`));
  num(o, 'count', w, '$', true);
  return o as S['JobsListResponse'];
}

export function validateSession(x: unknown): S['JobSession'] {
  const w = 'session';
  const o = obj(x, w, '$');
  str(o, 'id', w, '$');
  if (o.mode !== 'batch' && o.mode !== 'dedicated') fail(w, '$.mode', "'batch' or 'dedicated'");
  return o as S['JobSession'];
}

export function validateUsage(x: unknown): S['InstanceUsage'] {
  const w = 'instance usage';
  const o = obj(x, w, '$');
  num(o, 'usage_consumed_seconds', w, '$', true);
  return o as S['InstanceUsage'];
}

/** IBM sends `Completed`; some fakes send `COMPLETED` (Python upper-cases before comparing). */
function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
}
