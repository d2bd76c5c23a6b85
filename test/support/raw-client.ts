/**
 * A minimal raw HTTP client for testing the test server itself (real fetch, loopback only).
 */
import type { RuntimeServer } from './runtime-server';
import { API_VERSION, FAKE_API_KEY, FAKE_CRN } from './runtime-server';

/** Gets a bearer token from the server's IAM. */
export async function iamToken(server: RuntimeServer, apiKey = FAKE_API_KEY): Promise<string> {
  const res = await fetch(`${server.iamUrl}/identity/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({ grant_type: 'urn:ibm:params:oauth:grant-type:apikey', apikey: apiKey }).toString(),
  });
  if (res.status !== 200) throw new Error(`IAM answered ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** Calls the API with the standard headers (each can be overridden or removed with null). */
export async function api(
  server: RuntimeServer,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string | null>; signal?: AbortSignal } = {},
): Promise<Response> {
  const headers: Record<string, string> = {
    'Service-CRN': FAKE_CRN,
    'IBM-API-Version': API_VERSION,
    Accept: 'application/json',
  };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  for (const [k, v] of Object.entries(opts.headers ?? {})) {
    if (v === null) delete headers[k];
    else headers[k] = v;
  }
  return fetch(`${server.apiUrl}${path}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body),
    signal: opts.signal ?? AbortSignal.timeout(5000),
  });
}

/** The Bell pair as an ISA circuit on physical qubits 0 and 1 (H = rz·sx·rz, CNOT = H·CZ·H). */
export const BELL_ISA_QASM =
  'OPENQASM 3.0;\ninclude "stdgates.inc";\nbit[2] meas;\nrz(pi/2) $0;\nsx $0;\nrz(pi/2) $0;\nrz(pi/2) $1;\nsx $1;\nrz(pi/2) $1;\n' +
  'cz $0, $1;\nrz(pi/2) $1;\nsx $1;\nrz(pi/2) $1;\nmeas[0] = measure $0;\nmeas[1] = measure $1;\n';

/** Decodes plain-JSON samples to counts keyed by bit string (Qiskit order, c[0] rightmost). */
export function countsOf(samples: readonly string[], numBits: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of samples) {
    const key = BigInt(s).toString(2).padStart(numBits, '0');
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

/** Polls a job until it is terminal (bounded). */
export async function pollJob(server: RuntimeServer, token: string, id: string, maxPolls = 20): Promise<Record<string, unknown>> {
  for (let i = 0; i < maxPolls; i++) {
    const res = await api(server, 'GET', `/jobs/${id}?exclude_params=true`, { token });
    const body = (await res.json()) as { state: { status: string } };
    if (['Completed', 'Failed', 'Cancelled'].includes(body.state.status)) return body as Record<string, unknown>;
  }
  throw new Error(`job ${id} not terminal after ${maxPolls} polls`);
}
