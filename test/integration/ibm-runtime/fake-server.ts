import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FAKE_CRN, fixture } from './helpers';
import { simulatedEstimator, simulatedSampler } from './fake-simulation';

/**
 * A tiny loopback imitation of IBM Quantum (IAM + Runtime API) built from the fixture bodies:
 * enough for the CLI and the backend contract suite. Jobs go queued → running → completed over
 * successive polls; Sampler results are synthesised from the submitted program (half all-zeros,
 * half all-ones per register: Bell-like), Estimator results return evs 0 per observable.
 */
const fx = (n: string): Record<string, unknown> => fixture(n);

export interface FakeIbm {
  url: string;
  apiUrl: string;
  /** Every request seen (method, path, whether auth headers were right). */
  requests: { method: string; path: string; authorized: boolean }[];
  /** Bodies of POST /jobs. */
  submissions: Record<string, unknown>[];
  close(): Promise<void>;
}

interface FakeJob {
  id: string;
  backend: string;
  program: string;
  polls: number;
  params: { pubs: unknown[][]; shots?: number };
  cancelled: boolean;
  sessionId?: string;
}

/** Options of {@link startFakeIbm}. */
export interface FakeIbmOptions {
  /** Run submitted programs on the local statevector simulator (exact, noiseless results). */
  simulate?: boolean;
  /** Called when a job's results are requested (e.g. to check the ledger at that moment). */
  onResults?: (jobId: string) => void;
}

export async function startFakeIbm(options: FakeIbmOptions = {}): Promise<FakeIbm> {
  const requests: FakeIbm['requests'] = [];
  const submissions: Record<string, unknown>[] = [];
  const jobs = new Map<string, FakeJob>();
  let counter = 0;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const path = url.pathname;
      const method = req.method ?? 'GET';
      const send = (status: number, body?: unknown): void => {
        res.writeHead(status, body === undefined ? {} : { 'Content-Type': 'application/json' });
        res.end(body === undefined ? undefined : JSON.stringify(body));
      };
      if (method === 'POST' && path === '/identity/token') {
        const form = new URLSearchParams(raw);
        requests.push({ method, path, authorized: Boolean(form.get('apikey')) });
        return form.get('grant_type') === 'urn:ibm:params:oauth:grant-type:apikey' && form.get('apikey')
          ? send(200, fixture('iam-token'))
          : send(400, fixture('iam-error'));
      }
      const authorized =
        req.headers.authorization === 'Bearer fake-iam-token-1' &&
        req.headers['service-crn'] === FAKE_CRN &&
        /^\d{4}-\d{2}-\d{2}$/.test(String(req.headers['ibm-api-version']));
      requests.push({ method, path, authorized });
      if (!path.startsWith('/api/v1/')) return send(404, fixture('error-404'));
      if (!authorized) return send(401, fixture('error-401'));
      const p = path.slice('/api/v1'.length).split('/').filter(Boolean);
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      if (p[0] === 'backends') {
        if (p.length === 1) return send(200, fixture('backends'));
        const name = p[1]!;
        if (p[2] === 'configuration') return send(200, { ...fx('configuration-test_heron_5q'), backend_name: name });
        if (p[2] === 'properties') return send(200, { ...fx('properties-test_heron_5q'), backend_name: name });
        if (p[2] === 'status') return send(200, fixture('status-test_heron_5q'));
      }
      if (p[0] === 'sessions') {
        if (method === 'POST') return send(200, { ...fx('session'), mode: body.mode, backend_name: body.backend });
        if (method === 'PATCH' || method === 'DELETE') return send(204);
        return send(200, fixture('session'));
      }
      if (p[0] === 'jobs' && p.length === 1 && method === 'POST') {
        submissions.push(body);
        const id = `fakejob${String(++counter).padStart(13, '0')}`;
        jobs.set(id, {
          id, backend: String(body.backend), program: String(body.program_id), polls: 0,
          params: body.params as FakeJob['params'], cancelled: false, sessionId: body.session_id as string | undefined,
        });
        return send(200, { id, backend: body.backend, ...(body.session_id ? { session_id: body.session_id } : {}) });
      }
      if (p[0] === 'jobs' && p.length === 1) return send(200, fixture('jobs-list'));
      const job = p[0] === 'jobs' ? jobs.get(p[1]!) : undefined;
      if (!job) return send(404, fixture('error-404'));
      if (p[2] === 'cancel') {
        if (job.polls >= 3 && !job.cancelled) return send(409, { errors: [{ code: 1220, message: 'Job is in non cancellable status' }] });
        job.cancelled = true;
        return send(204);
      }
      if (p[2] === 'results') {
        options.onResults?.(job.id);
        if (options.simulate) return send(200, job.program === 'sampler' ? simulatedSampler(job) : simulatedEstimator(job));
        return send(200, job.program === 'sampler' ? samplerResult(job) : estimatorResult(job));
      }
      job.polls++;
      const status = job.cancelled ? 'Cancelled' : job.polls === 1 ? 'Queued' : job.polls === 2 ? 'Running' : 'Completed';
      return send(200, { ...fx('job-queued'), id: job.id, backend: job.backend, program: { id: job.program }, state: { status }, status, session_id: job.sessionId });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    apiUrl: `${url}/api/v1`,
    requests,
    submissions,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function samplerResult(job: FakeJob): unknown {
  return {
    results: job.params.pubs.map((pub) => {
      const qasm = pub[0] as string;
      const shots = (pub[2] as number | null) ?? job.params.shots ?? 4096;
      const rows = pub[1] ? Object.values(pub[1] as Record<string, number[]>)[0]!.length : 1;
      const data: Record<string, unknown> = {};
      for (const m of qasm.matchAll(/^bit\[(\d+)\] ([A-Za-z_][A-Za-z0-9_]*);$/gm)) {
        const bits = Number(m[1]);
        const ones = `0x${((1n << BigInt(bits)) - 1n).toString(16)}`;
        data[m[2]!] = { samples: Array.from({ length: shots * rows }, (_, i) => (i % 2 ? ones : '0x0')), num_bits: bits };
      }
      return { data, metadata: { circuit_metadata: {} } };
    }),
    metadata: { version: 2 },
  };
}

function estimatorResult(job: FakeJob): unknown {
  return {
    results: job.params.pubs.map((pub) => {
      const obs = pub[1];
      const k = Array.isArray(obs) ? obs.length : 0;
      const rows = pub[2] ? Object.values(pub[2] as Record<string, number[]>)[0]!.length : 0;
      const grid = (v: number): unknown => (k && rows ? Array.from({ length: k }, () => Array(rows).fill(v)) : k ? Array(k).fill(v) : rows ? Array(rows).fill(v) : v);
      return { data: { evs: grid(0), stds: grid(0.01) }, metadata: { target_precision: (pub[3] as number | null) ?? 0.015625, shots: 4096 } };
    }),
    metadata: { version: 2 },
  };
}
