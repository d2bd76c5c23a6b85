/**
 * A loopback test server that speaks the IBM Quantum Runtime REST subset qbridge uses (IAM
 * token exchange, backends, jobs, results, sessions, error bodies), executes submitted ISA
 * circuits on the local simulator and misbehaves on command. The one fake IBM server of the
 * test suite. Listens on 127.0.0.1 with a random port; never beyond loopback.
 *
 * @example
 * const server = await startRuntimeServer();
 * server.faults.push('POST /jobs', { kind: 'rateLimit', retryAfter: '0' });
 * ... run the client against server.apiUrl / server.iamUrl ...
 * expect(server.count('POST /jobs')).toBe(2);
 * await server.close();
 */
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { TokenAuthority } from './auth';
import type { ParserChoice } from './execute';
import { sendLargeResult } from './large-result';
import { FaultQueue, isPostFault, preFaultReply, rewriteBody, send, sendHuge, type Fault, type Reply } from './faults';
import { API_VERSION, defaultDevices, errorBody, FAKE_API_KEY, FAKE_CRN, INVALID_CREDENTIALS, type FakeDevice } from './fixtures';
import { routeApi, type Handled } from './routes';
import { JobStore, type JobPlan } from './jobs';
import { JobRateLimiter, type JobRateLimit } from './rate-limit';
import { handleCatalog, handleSearch, type FakeInstance } from './instances';

/** Options of {@link startRuntimeServer}. */
export interface RuntimeServerOptions {
  /** The API key IAM accepts (default {@link FAKE_API_KEY}). */
  apiKey?: string;
  /** The instance CRN the API accepts (default {@link FAKE_CRN}). */
  crn?: string;
  /** Real token lifetime in ms (default one hour). */
  tokenTtlMs?: number;
  /** Sampler QASM reader: `builtin` (the server's own ISA reader, default) or `library` / `auto` (parseQasm). */
  parser?: ParserChoice;
  /** Seed of the first job's sampling (incremented per PUB row). */
  seed?: number;
  /** Reject API calls without a well-formed IBM-API-Version header (default true). */
  requireApiVersion?: boolean;
  devices?: FakeDevice[];
  /** The plan of every job (e.g. `{ queuedPolls: 0, runningPolls: 0 }`: completed at once). */
  defaultJobPlan?: JobPlan;
  /** IBM's job creation limit: `POST /jobs` over `jobs` per `windowMs` per user gets 429 + Retry-After. */
  jobRateLimit?: JobRateLimit;
  /** The instance's plan (default `premium`): on `open`, `POST /sessions` in `dedicated` mode is refused (403, IBM code 1352) as IBM does. */
  plan?: 'open' | 'premium';
  /**
   * A created job stays out of `GET /jobs` listings for this many ms (IBM's job list is
   * eventually consistent); `server.jobs.listingMisses` counts the listings that left one out.
   */
  listingLagMs?: number;
  /** Called with each request's record as it arrives, before it is answered (e.g. to look at the ledger then). */
  onRequest?: (request: RecordedRequest) => void;
  /**
   * The account's instances (Global Search and Catalog serve them; `defaultInstances()` gives
   * four). When set, the API accepts each one's CRN (not `crn`) and scopes `GET /backends`,
   * the device routes and `POST /jobs` to that instance's devices.
   */
  instances?: FakeInstance[];
  /** Global Search page size (below the client's `limit`, to exercise `search_cursor` paging). */
  searchPageSize?: number;
}

/** What the server recorded about one request (never an Authorization value or API key). */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  route: string;
  headers: Record<string, string>;
  body: string;
  status?: number;
  fault?: Fault['kind'];
  /** The handler ran: the request had its effect (a POST /jobs created its job), whatever the client then saw. */
  handled?: boolean;
  /** The credentials were right: a valid API key for IAM; an issued, unexpired token, the CRN and an API version for the API. */
  authorized: boolean;
}

/** A started server. */
export interface RuntimeServer {
  readonly url: string;
  readonly apiUrl: string;
  readonly iamUrl: string;
  /** IBM Cloud Global Search base on this server (`POST /v3/resources/search`). */
  readonly globalSearchUrl: string;
  /** IBM Cloud Global Catalog base on this server (`GET /globalcatalog/api/v1/<id>`). */
  readonly globalCatalogUrl: string;
  /** The instances served (empty without the `instances` option). */
  readonly instances: FakeInstance[];
  readonly port: number;
  readonly faults: FaultQueue;
  readonly jobs: JobStore;
  readonly auth: TokenAuthority;
  readonly requests: RecordedRequest[];
  readonly sessions: Map<string, Record<string, unknown>>;
  /** The job creation limiter, when `jobRateLimit` was given (its `refused` counts the 429s). */
  readonly rateLimiter?: JobRateLimiter;
  /** Queues the plan of the next submitted job. */
  planNextJob(plan: JobPlan): void;
  /** Requests recorded for a route key (`'POST /jobs'`). */
  count(route: string): number;
  /** Expires every issued token now. */
  expireTokens(): void;
  close(): Promise<void>;
}

const MAX_REQUEST_BODY = 10 * 1024 * 1024;

/** Starts a server on 127.0.0.1:0. */
export async function startRuntimeServer(options: RuntimeServerOptions = {}): Promise<RuntimeServer> {
  const devices = options.devices ?? defaultDevices();
  const crn = options.crn ?? FAKE_CRN;
  const instances = options.instances ?? [];
  const jobOwner = new Map<string, string>();
  const auth = new TokenAuthority(options.apiKey ?? FAKE_API_KEY, options.tokenTtlMs ?? 3_600_000);
  const jobs = new JobStore(devices, options.parser ?? 'builtin', options.seed ?? 20261127);
  if (options.defaultJobPlan) jobs.defaultPlan = options.defaultJobPlan;
  if (options.listingLagMs) jobs.listingLagMs = options.listingLagMs;
  const faults = new FaultQueue();
  const requests: RecordedRequest[] = [];
  const sessions = new Map<string, Record<string, unknown>>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const requireVersion = options.requireApiVersion ?? true;
  const rateLimiter = options.jobRateLimit ? new JobRateLimiter(options.jobRateLimit) : undefined;

  const later = (ms: number, fn: () => void): void => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  function handleIam(body: string, headers: http.IncomingHttpHeaders): Reply {
    const form = new URLSearchParams(body);
    if (!String(headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      return { status: 400, body: JSON.stringify({ errorCode: 'BXNIM0109E', errorMessage: 'Unsupported content type' }) };
    }
    if (form.get('grant_type') !== 'urn:ibm:params:oauth:grant-type:apikey' || !auth.keyValid(form.get('apikey'))) {
      return {
        status: 400,
        body: JSON.stringify({
          errorCode: 'BXNIM0415E',
          errorMessage: 'Provided API key could not be found',
          context: { requestId: 'test-0000' },
        }),
      };
    }
    return { status: 200, body: JSON.stringify(auth.issue()) };
  }

  function checkHeaders(h: http.IncomingHttpHeaders, path: string): Reply | undefined {
    const state = auth.check(h.authorization);
    if (state !== 'ok') return { status: 401, body: INVALID_CREDENTIALS() };
    if (path !== '/versions') {
      if (!h['service-crn']) return { status: 400, body: errorBody(1002, 'The Service-CRN header is required.') };
      const known = instances.length ? instances.some((i) => i.crn === h['service-crn']) : h['service-crn'] === crn;
      if (!known) return { status: 404, body: errorBody(1279, 'Instance not found.', 'Check the instance CRN and region.') };
    }
    const v = h['ibm-api-version'];
    if (requireVersion && (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v))) {
      return { status: 400, body: errorBody(1002, 'Missing or invalid IBM-API-Version header.') };
    }
    return undefined;
  }

  /** The devices the request's instance may use (all of them without `instances`). */
  function devicesOf(h: http.IncomingHttpHeaders): FakeDevice[] {
    const inst = instances.find((i) => i.crn === h['service-crn']);
    return inst ? devices.filter((d) => inst.devices.includes(d.name)) : devices;
  }

  /** Global Search and Catalog need a valid bearer token, no Service-CRN. */
  function cloudAuth(h: http.IncomingHttpHeaders): Reply | undefined {
    return auth.check(h.authorization) === 'ok' ? undefined : { status: 401, body: JSON.stringify({ errors: [{ code: 'not_authorized', message: 'The token is invalid or expired.' }] }) };
  }

  function handle(method: string, path: string, query: URLSearchParams, body: string, h: http.IncomingHttpHeaders): Handled {
    if (path === '/identity/token') {
      if (method !== 'POST') return { route: 'POST /identity/token', reply: { status: 405, body: '{}' } };
      return { route: 'POST /identity/token', reply: handleIam(body, h) };
    }
    if (method === 'POST' && path === '/v3/resources/search') {
      return { route: 'POST /v3/resources/search', reply: cloudAuth(h) ?? handleSearch(body, query, instances, options.searchPageSize) };
    }
    const cat = method === 'GET' ? /^\/globalcatalog\/api\/v1\/([^/]+)$/.exec(path) : null;
    if (cat) return { route: 'GET /globalcatalog/:id', reply: cloudAuth(h) ?? handleCatalog(decodeURIComponent(cat[1]!), instances) };
    if (!path.startsWith('/api/v1/')) return { route: 'unknown', reply: { status: 404, body: errorBody(1291, 'Not found.') } };
    const rel = path.slice('/api/v1'.length);
    const scoped = devicesOf(h);
    if (method === 'POST' && rel === '/jobs' && instances.length && checkHeaders(h, rel) === undefined) {
      // An instance may submit only to its own devices.
      let backend: unknown;
      try {
        backend = (JSON.parse(body) as { backend?: unknown }).backend;
      } catch {
        backend = undefined;
      }
      if (typeof backend === 'string' && devices.some((d) => d.name === backend) && !scoped.some((d) => d.name === backend)) {
        return { route: 'POST /jobs', reply: { status: 404, body: errorBody(1007, `Backend ${backend} not found.`) } };
      }
    }
    // With instances, each job belongs to the instance that created it: others get 404 for it.
    const caller = String(h['service-crn'] ?? '');
    const visible = instances.length ? (j: { id: string }): boolean => jobOwner.get(j.id) === caller : undefined;
    const handled = routeApi(method, rel, query, body, { jobs, devices: scoped, sessions, apiVersion: API_VERSION, plan: options.plan ?? 'premium', visible }, () => checkHeaders(h, rel));
    if (instances.length && handled.route === 'POST /jobs' && handled.reply.status === 200) {
      jobOwner.set((JSON.parse(handled.reply.body!) as { id: string }).id, caller);
    }
    return handled;
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_REQUEST_BODY) tooBig = true;
      else chunks.push(c);
    });
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) {
        if (v === undefined) continue;
        headers[k] = k === 'authorization' ? String(v).replace(/^(\S+)\s.*$/, '$1 <redacted>') : String(v);
      }
      const rec: RecordedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        route: 'unknown',
        headers,
        body: url.pathname === '/identity/token' ? body.replace(/apikey=[^&]*/, 'apikey=<redacted>') : body,
        authorized:
          url.pathname === '/identity/token'
            ? auth.keyValid(new URLSearchParams(body).get('apikey'))
            : url.pathname.startsWith('/api/v1/')
              ? checkHeaders(req.headers, url.pathname.slice('/api/v1'.length)) === undefined
              : cloudAuth(req.headers) === undefined,
      };
      requests.push(rec);
      // Route first (without side effects) to find the key faults are queued under.
      const routeKey = routeKeyOf(rec.method, url.pathname);
      rec.route = routeKey;
      options.onRequest?.(rec);
      const fault = faults.take(routeKey);
      rec.fault = fault?.kind;
      const finish = (r: Reply): void => {
        rec.status = r.status;
        if (!res.destroyed) send(res, r);
      };
      if (tooBig) return finish({ status: 413, body: errorBody(1002, 'Request body too large.') });
      if (rateLimiter && routeKey === 'POST /jobs' && rec.authorized) {
        const waitMs = rateLimiter.take(String(req.headers['service-crn']));
        if (waitMs > 0) {
          const reply = preFaultReply({ kind: 'rateLimit', retryAfter: (waitMs / 1000).toFixed(3) })!;
          return finish(reply);
        }
      }
      if (fault && !isPostFault(fault)) {
        const plain = preFaultReply(fault);
        if (plain) return finish(plain);
        switch (fault.kind) {
          case 'reset':
            req.socket.destroy();
            return;
          case 'hang':
            return;
          case 'echoAuth':
            return finish({
              status: fault.status ?? 500,
              body: errorBody(1000, `Rejected header Authorization: ${req.headers.authorization ?? '(none)'}`),
            });
          case 'huge':
            rec.status = 200;
            return sendHuge(res, fault.bytes);
          case 'largeResult':
            rec.status = 200;
            return sendLargeResult(res, fault);
          case 'slow':
            // Before processing: a client that gave up meanwhile committed nothing.
            return later(fault.delayMs, () => {
              if (req.socket.destroyed) return;
              rec.handled = true;
              finish(handle(rec.method, url.pathname, url.searchParams, body, req.headers).reply);
            });
          case 'expireToken':
            auth.revokeAll();
            break;
        }
      }
      rec.handled = true;
      const { reply } = handle(rec.method, url.pathname, url.searchParams, body, req.headers);
      if (!fault || !isPostFault(fault)) return finish(reply);
      switch (fault.kind) {
        case 'reset':
          rec.status = reply.status;
          req.socket.destroy();
          return;
        case 'status':
          return finish(preFaultReply(fault)!);
        case 'hang':
          rec.status = reply.status;
          return;
        case 'slow':
          return later(fault.delayMs, () => finish(reply));
        case 'truncated':
        case 'stallBody': {
          const text = reply.body ?? '';
          rec.status = reply.status;
          res.writeHead(reply.status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
          res.write(text.slice(0, Math.max(1, Math.floor(text.length / 2))));
          if (fault.kind === 'truncated') later(20, () => req.socket.destroy());
          return;
        }
        default:
          return finish({ ...reply, body: reply.body === undefined ? undefined : rewriteBody(reply.body, fault) });
      }
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    apiUrl: `${base}/api/v1`,
    iamUrl: base,
    globalSearchUrl: base,
    globalCatalogUrl: `${base}/globalcatalog/api/v1`,
    instances,
    port,
    faults,
    jobs,
    auth,
    requests,
    sessions,
    rateLimiter,
    planNextJob: (plan) => void jobs.plans.push(plan),
    count: (route) => requests.filter((r) => r.route === route).length,
    expireTokens: () => auth.revokeAll(),
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

const PATTERNS: [string, RegExp][] = [
  ['POST /identity/token', /^POST \/identity\/token$/],
  ['POST /v3/resources/search', /^POST \/v3\/resources\/search$/],
  ['GET /globalcatalog/:id', /^GET \/globalcatalog\/api\/v1\/[^/]+$/],
  ['GET /versions', /^GET \/api\/v1\/versions$/],
  ['GET /backends', /^GET \/api\/v1\/backends$/],
  ['GET /backends/:name/configuration', /^GET \/api\/v1\/backends\/[^/]+\/configuration$/],
  ['GET /backends/:name/properties', /^GET \/api\/v1\/backends\/[^/]+\/properties$/],
  ['GET /backends/:name/status', /^GET \/api\/v1\/backends\/[^/]+\/status$/],
  ['POST /jobs', /^POST \/api\/v1\/jobs$/],
  ['GET /jobs', /^GET \/api\/v1\/jobs$/],
  ['GET /jobs/:id', /^GET \/api\/v1\/jobs\/[^/]+$/],
  ['GET /jobs/:id/results', /^GET \/api\/v1\/jobs\/[^/]+\/results$/],
  ['GET /jobs/:id/metrics', /^GET \/api\/v1\/jobs\/[^/]+\/metrics$/],
  ['POST /jobs/:id/cancel', /^POST \/api\/v1\/jobs\/[^/]+\/cancel$/],
  ['DELETE /jobs/:id', /^DELETE \/api\/v1\/jobs\/[^/]+$/],
  ['POST /sessions', /^POST \/api\/v1\/sessions$/],
  ['GET /sessions/:id', /^GET \/api\/v1\/sessions\/[^/]+$/],
  ['PATCH /sessions/:id', /^PATCH \/api\/v1\/sessions\/[^/]+$/],
  ['DELETE /sessions/:id/close', /^DELETE \/api\/v1\/sessions\/[^/]+\/close$/],
];

/** The route key of a request (`'unknown'` when none matches). */
export function routeKeyOf(method: string, path: string): string {
  const line = `${method} ${path}`;
  return PATTERNS.find(([, re]) => re.test(line))?.[0] ?? 'unknown';
}
