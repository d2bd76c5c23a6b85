import createClient, { type Middleware } from 'openapi-fetch';
import { InvalidResponseError } from '../../src/core/errors';
import { DEFAULT_API_VERSION, apiUrlFor, iamUrlFor, parseCrn, validateHttpsUrl } from '../../src/ibm/account';
import { IamTokenManager } from './auth';
import { fromResponse } from './http-errors';
import type { components, paths } from './schema';
import { decodeResultStream } from './result-stream';
import type { DecodedResult } from './results';
import { createTransport, DEFAULT_TIMEOUT_MS, streamBody, type FetchFn, type TransportOptions } from './transport';
import * as v from './validate';

type S = components['schemas'];

/** The qbridge version string in the User-Agent. */
export const USER_AGENT = `qbridge/0.1.0 (node ${process.versions.node})`;

/** Options of {@link createRuntimeClient}: a plain object, never read from the environment here. */
export interface RuntimeClientOptions extends Omit<TransportOptions, 'reauthorize'> {
  /** IBM Cloud API key. */
  token: string;
  /** Instance CRN (sent as `Service-CRN`; it also picks the region). */
  instance: string;
  /** API base including `/api/v1`; defaults to the CRN's region. */
  apiUrl?: string;
  /** IAM base URL (without `/identity/token`); defaults by CRN. */
  iamUrl?: string;
  /** `IBM-API-Version` header. @defaultValue `DEFAULT_API_VERSION` (in src/ibm/account.ts) */
  apiVersion?: string;
  /**
   * An IAM token source to share (one per account: the clients of several instances and the
   * instance listing then exchange the API key once). @defaultValue a new `IamTokenManager` for this client
   */
  auth?: IamTokenSource;
}

/** What a client needs of the IAM token cache (`IamTokenManager` is one). */
export interface IamTokenSource {
  /** A valid bearer token, exchanged or refreshed as needed. */
  getToken(signal?: AbortSignal): Promise<string>;
  /** Forgets `token` (after a 401), so the next call exchanges again. */
  invalidate(token: string): void;
}

/** Per-call options. */
export interface CallOptions {
  signal?: AbortSignal;
}

/** Query of {@link RuntimeClient.listJobs}. */
export type ListJobsQuery = NonNullable<paths['/jobs']['get']['parameters']['query']>;

/** The typed Quantum API surface qbridge uses. Every method validates the body it returns. */
export interface RuntimeClient {
  readonly apiUrl: string;
  listBackends(o?: CallOptions): Promise<S['BackendDevice'][]>;
  getConfiguration(name: string, o?: CallOptions): Promise<S['BackendConfiguration']>;
  getProperties(name: string, o?: CallOptions): Promise<S['BackendProperties']>;
  getStatus(name: string, o?: CallOptions): Promise<S['BackendStatus']>;
  createJob(body: S['JobCreateRequest'], o?: CallOptions): Promise<S['JobCreateResponse']>;
  getJob(id: string, o?: CallOptions): Promise<S['JobResponse']>;
  /** The raw result text, or undefined on 204 (no final result yet / already read). */
  getJobResults(id: string, o?: CallOptions): Promise<string | undefined>;
  /**
   * The decoded result, read as a stream (result-stream.ts) with a size limit the job can
   * legally reach and a stall timeout instead of a total one; undefined on 204.
   */
  fetchJobResult?(id: string, o: CallOptions & ResultReadOptions): Promise<DecodedResult | undefined>;
  cancelJob(id: string, o?: CallOptions): Promise<void>;
  listJobs(query: ListJobsQuery, o?: CallOptions): Promise<S['JobsListResponse']>;
  createSession(body: S['SessionCreateRequest'], o?: CallOptions): Promise<S['JobSession']>;
  getSession(id: string, o?: CallOptions): Promise<S['JobSession']>;
  /** Stops accepting jobs; queued and running jobs finish (PATCH accepting_jobs=false). */
  closeSession(id: string, o?: CallOptions): Promise<void>;
  /** Closes and drops queued jobs (DELETE /sessions/{id}/close). */
  cancelSession(id: string, o?: CallOptions): Promise<void>;
  getUsage(o?: CallOptions): Promise<S['InstanceUsage']>;
}

/** Limits of a streamed result read. */
export interface ResultReadOptions {
  /** Largest body accepted, in bytes (see `resultByteLimit`). */
  maxBytes: number;
  /** A body that sends nothing for this long is abandoned (and retried). @defaultValue 60 000 ms */
  stallMs?: number;
}

interface Result {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/**
 * Builds the client: openapi-fetch over the retrying transport, with one middleware that adds
 * `Authorization`, `Service-CRN`, `IBM-API-Version`, `User-Agent` and `Accept`.
 * @throws {ConfigurationError} for a non-CRN instance or an insecure URL
 */
export function createRuntimeClient(opts: RuntimeClientOptions): RuntimeClient {
  const crn = parseCrn(opts.instance);
  const apiUrl = validateHttpsUrl(opts.apiUrl ?? apiUrlFor(crn.region), 'QBRIDGE_IBM_API_URL');
  const iamUrl = validateHttpsUrl(opts.iamUrl ?? iamUrlFor(crn.cname), 'QBRIDGE_IAM_URL');
  const apiVersion = opts.apiVersion ?? DEFAULT_API_VERSION;
  const instance = opts.instance;
  const { token: apiKey, auth: sharedAuth, ...transportOpts } = opts;
  const auth = sharedAuth ?? new IamTokenManager({ apiKey, iamUrl, fetch: createTransport(transportOpts), now: opts.now });

  const transport: FetchFn = createTransport({
    ...transportOpts,
    // A 401 means the token expired or was revoked: drop it, fetch a fresh one, retry once.
    reauthorize: async (request, signal) => {
      const used = request.headers.get('authorization')?.replace(/^Bearer /, '');
      if (used) auth.invalidate(used);
      const token = await auth.getToken(signal);
      const headers = new Headers(request.headers);
      headers.set('Authorization', `Bearer ${token}`);
      return new Request(request.clone(), { headers });
    },
  });

  const headers: Middleware = {
    async onRequest({ request }) {
      const token = await auth.getToken(request.signal);
      request.headers.set('Authorization', `Bearer ${token}`);
      request.headers.set('Service-CRN', instance);
      request.headers.set('IBM-API-Version', apiVersion);
      request.headers.set('User-Agent', USER_AGENT);
      if (!request.headers.has('Accept')) request.headers.set('Accept', 'application/json');
      return request;
    },
  };
  // The fetch passed here is our transport, which resolves globalThis.fetch at call time.
  const api = createClient<paths>({ baseUrl: apiUrl, fetch: transport });
  api.use(headers);

  /** Returns the body text or throws the mapped error (the `{error}` branch is defensive). */
  const unwrap = async (p: Promise<Result>, operation: string): Promise<string | undefined> => {
    const r = await p;
    if (r.error !== undefined || !r.response.ok) {
      throw fromResponse({ status: r.response.status, operation, body: r.error });
    }
    if (r.response.status === 204) return undefined;
    return typeof r.data === 'string' ? r.data : undefined;
  };
  async function json<T>(p: Promise<Result>, operation: string, validate: (x: unknown) => T): Promise<T> {
    const text = await unwrap(p, operation);
    if (text === undefined || text.trim() === '') throw new InvalidResponseError(`${operation} returned an empty body`);
    return validate(v.parseJsonText(text, `${operation} response`));
  }
  const text = { parseAs: 'text' as const };
  const path = (id: string) => ({ path: { id } });

  return {
    apiUrl,
    listBackends: (o = {}) =>
      json(api.GET('/backends', { ...text, signal: o.signal }), 'GET /backends', v.validateBackends).then((b) => b.devices),
    getConfiguration: (name, o = {}) =>
      json(api.GET('/backends/{id}/configuration', { ...text, params: path(name), signal: o.signal }),
        'GET /backends/{id}/configuration', v.validateConfiguration),
    getProperties: (name, o = {}) =>
      json(api.GET('/backends/{id}/properties', { ...text, params: path(name), signal: o.signal }),
        'GET /backends/{id}/properties', v.validateProperties),
    getStatus: (name, o = {}) =>
      json(api.GET('/backends/{id}/status', { ...text, params: path(name), signal: o.signal }),
        'GET /backends/{id}/status', v.validateStatus),
    createJob: (body, o = {}) =>
      json(api.POST('/jobs', { ...text, body, signal: o.signal }), 'POST /jobs', v.validateJobCreated),
    getJob: (id, o = {}) =>
      json(api.GET('/jobs/{id}', { ...text, params: { path: { id }, query: { exclude_params: true } }, signal: o.signal }),
        'GET /jobs/{id}', v.validateJob),
    getJobResults: (id, o = {}) =>
      unwrap(api.GET('/jobs/{id}/results', { ...text, params: path(id), signal: o.signal }), 'GET /jobs/{id}/results'),
    fetchJobResult: async (id, o) => {
      // Built by hand (not through openapi-fetch) so that the transport sees this very Request.
      const request = new Request(`${apiUrl}/jobs/${encodeURIComponent(id)}/results`, { signal: o.signal });
      await headers.onRequest!({ request } as Parameters<NonNullable<Middleware['onRequest']>>[0]);
      let doc: DecodedResult | undefined;
      const response = await transport(
        streamBody(request, async (chunks) => {
          doc = await decodeResultStream(chunks, o.maxBytes, id);
        }, o.stallMs ?? opts.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      );
      if (response.status === 204) return undefined;
      if (!doc) throw new InvalidResponseError('GET /jobs/{id}/results returned an empty body');
      return doc;
    },
    cancelJob: async (id, o = {}) => {
      await unwrap(api.POST('/jobs/{id}/cancel', { ...text, params: path(id), signal: o.signal }), 'POST /jobs/{id}/cancel');
    },
    listJobs: (query, o = {}) =>
      json(api.GET('/jobs', { ...text, params: { query }, signal: o.signal }), 'GET /jobs', v.validateJobList),
    createSession: (body, o = {}) =>
      json(api.POST('/sessions', { ...text, body, signal: o.signal }), 'POST /sessions', v.validateSession),
    getSession: (id, o = {}) =>
      json(api.GET('/sessions/{id}', { ...text, params: path(id), signal: o.signal }), 'GET /sessions/{id}', v.validateSession),
    closeSession: async (id, o = {}) => {
      await unwrap(api.PATCH('/sessions/{id}', { ...text, params: path(id), body: { accepting_jobs: false }, signal: o.signal }),
        'PATCH /sessions/{id}');
    },
    cancelSession: async (id, o = {}) => {
      await unwrap(api.DELETE('/sessions/{id}/close', { ...text, params: path(id), signal: o.signal }), 'DELETE /sessions/{id}/close');
    },
    getUsage: (o = {}) => json(api.GET('/instances/usage', { ...text, signal: o.signal }), 'GET /instances/usage', v.validateUsage),
  };
}
