/**
 * The fault catalogue the end-to-end suites walk through, for the library and the CLI alike.
 * Each scenario programs the test server, then the suite runs one Bell-pair Sampler job and
 * judges the outcome: a correct result, a clear typed error, or "other" (which must not occur).
 */
import type { IbmRuntimeOptions } from '../../adapters/ibm-runtime';
import type { RuntimeServer } from './runtime-server';

/** What a scenario may end in. */
export type Expectation = 'correct' | 'typed' | 'either';

/** One fault scenario. */
export interface FaultScenario {
  /** Unique id (test name). */
  id: string;
  /** The row of the summary table. */
  kind: string;
  expect: Expectation;
  /** Error names acceptable for a typed outcome (any qbridge error when absent). */
  errors?: string[];
  /** Programs the server. */
  setup(server: RuntimeServer): void;
  /** True when the client never received the POST /jobs answer (job id unknowable). */
  submitAnswerLost?: boolean;
  /** Library: wait limit for `job.result({ timeoutMs })` (stays-queued scenarios). */
  resultTimeoutMs?: number;
  /** Library: adapter options on top of the suite's (e.g. a small `maxResponseBytes`). */
  clientOptions?: Partial<IbmRuntimeOptions>;
  /** CLI: environment on top of the suite's (e.g. `QBRIDGE_REQUEST_TIMEOUT`). */
  cliEnv?: Record<string, string>;
  /** CLI: extra arguments (e.g. `--timeout 2`). */
  cliArgs?: string[];
  /** CLI: error names acceptable for a typed outcome when they differ from {@link errors}. */
  cliErrors?: string[];
  /** The typed error's message must contain the id of the job the server created. */
  errorNamesJob?: boolean;
}

/** The per-request timeout the CLI runs of the slow scenarios use (the faults wait 3 s). */
const CLI_REQUEST_TIMEOUT = { QBRIDGE_REQUEST_TIMEOUT: '1' };
/** A small response-size limit: the huge bodies below (64 MiB) must be cut off at it. */
const ONE_MIB = 1024 * 1024;

const TRANSIENT = ['ConnectionError', 'RequestTimeoutError', 'ServerError', 'InvalidResponseError'];

/** Every scenario. Counts in `setup` are chosen under a client budget of 3 retries. */
export const FAULT_SCENARIOS: FaultScenario[] = [
  // 429 + Retry-After
  { id: '429 on POST /jobs once (Retry-After 0)', kind: '429 Retry-After', expect: 'correct',
    setup: (s) => s.faults.push('POST /jobs', { kind: 'rateLimit', retryAfter: '0' }) },
  { id: '429 on GET /jobs/:id twice (Retry-After 0)', kind: '429 Retry-After', expect: 'correct',
    setup: (s) => s.faults.push('GET /jobs/:id', { kind: 'rateLimit', retryAfter: '0' }, 2) },
  { id: '429 on POST /jobs, persistent', kind: '429 Retry-After', expect: 'typed', errors: ['RateLimitError'],
    setup: (s) => s.faults.push('POST /jobs', { kind: 'rateLimit', retryAfter: '0' }, 50) },
  { id: '429 with Retry-After of one hour', kind: '429 Retry-After', expect: 'typed', errors: ['RateLimitError'],
    setup: (s) => s.faults.push('POST /jobs', { kind: 'rateLimit', retryAfter: '3600' }, 50) },
  // 5xx bursts
  { id: '500 burst on GET /jobs/:id', kind: '5xx burst', expect: 'correct',
    setup: (s) => s.faults.push('GET /jobs/:id', { kind: 'status', status: 500 }, 2) },
  { id: '502 burst on configuration', kind: '5xx burst', expect: 'correct',
    setup: (s) => s.faults.push('GET /backends/:name/configuration', { kind: 'status', status: 502 }, 2) },
  { id: '503 burst on results', kind: '5xx burst', expect: 'correct',
    setup: (s) => s.faults.push('GET /jobs/:id/results', { kind: 'status', status: 503 }, 2) },
  { id: '503 on POST /jobs before the job is created (looked up, resubmitted)', kind: '5xx burst', expect: 'correct',
    setup: (s) => s.faults.push('POST /jobs', { kind: 'status', status: 503 }) },
  // A 503 after the job was created: the lookup by client tag finds it, and it is adopted, not paid twice.
  { id: '503 on POST /jobs after the job was created (found by its tag)', kind: '5xx burst', expect: 'correct', submitAnswerLost: true,
    setup: (s) => s.faults.push('POST /jobs', { kind: 'status', status: 503, after: true }) },
  { id: '503 persistent on GET /jobs/:id', kind: '5xx burst', expect: 'typed', errors: ['ServerError'],
    setup: (s) => s.faults.push('GET /jobs/:id', { kind: 'status', status: 503 }, 50) },
  { id: '500 on IAM once', kind: '5xx burst', expect: 'correct',
    setup: (s) => s.faults.push('POST /identity/token', { kind: 'status', status: 500 }) },
  // connection resets
  { id: 'reset before POST /jobs is processed', kind: 'connection reset', expect: 'correct',
    setup: (s) => s.faults.push('POST /jobs', { kind: 'reset' }) },
  // The answer of POST /jobs lost after the job was created: found by its client tag and adopted.
  { id: 'reset after POST /jobs created the job', kind: 'connection reset', expect: 'correct', submitAnswerLost: true,
    setup: (s) => s.faults.push('POST /jobs', { kind: 'reset', after: true }) },
  { id: 'resets on GET /jobs/:id', kind: 'connection reset', expect: 'correct',
    setup: (s) => s.faults.push('GET /jobs/:id', { kind: 'reset' }, 2) },
  { id: 'reset on results', kind: 'connection reset', expect: 'correct',
    setup: (s) => s.faults.push('GET /jobs/:id/results', { kind: 'reset' }) },
  { id: 'reset on IAM', kind: 'connection reset', expect: 'correct',
    setup: (s) => s.faults.push('POST /identity/token', { kind: 'reset' }) },
  // slow responses past the client timeout
  { id: 'slow configuration (before processing)', kind: 'slow > timeout', expect: 'correct', cliEnv: CLI_REQUEST_TIMEOUT,
    setup: (s) => s.faults.push('GET /backends/:name/configuration', { kind: 'slow', delayMs: 3000 }) },
  // POST /jobs has its own 900 s timeout (QBRIDGE_REQUEST_TIMEOUT does not apply): the library run
  // shortens it to meet the timeout and find the job by tag; the CLI run waits for the answer.
  { id: 'slow POST /jobs after creating the job', kind: 'slow > timeout', expect: 'correct', submitAnswerLost: true,
    cliEnv: CLI_REQUEST_TIMEOUT, clientOptions: { submitTimeoutMs: 1000 },
    setup: (s) => s.faults.push('POST /jobs', { kind: 'slow', delayMs: 3000, after: true }) },
  { id: 'GET /jobs/:id never answers once', kind: 'slow > timeout', expect: 'correct', cliEnv: CLI_REQUEST_TIMEOUT,
    setup: (s) => s.faults.push('GET /jobs/:id', { kind: 'hang' }) },
  { id: 'results body stalls half-way', kind: 'slow > timeout', expect: 'either', errors: TRANSIENT,
    setup: (s) => s.faults.push('GET /jobs/:id/results', { kind: 'stallBody' }) },
  // truncated and invalid JSON
  { id: 'truncated GET /jobs/:id', kind: 'truncated body', expect: 'either', errors: TRANSIENT,
    setup: (s) => s.faults.push('GET /jobs/:id', { kind: 'truncated' }) },
  { id: 'truncated results', kind: 'truncated body', expect: 'either', errors: TRANSIENT,
    setup: (s) => s.faults.push('GET /jobs/:id/results', { kind: 'truncated' }) },
  { id: 'truncated POST /jobs answer', kind: 'truncated body', expect: 'correct', submitAnswerLost: true,
    setup: (s) => s.faults.push('POST /jobs', { kind: 'truncated' }) },
  { id: 'invalid JSON from GET /jobs/:id', kind: 'invalid JSON', expect: 'either', errors: ['InvalidResponseError'],
    setup: (s) => s.faults.push('GET /jobs/:id', { kind: 'invalidJson' }) },
  { id: 'invalid JSON results', kind: 'invalid JSON', expect: 'either', errors: ['InvalidResponseError'],
    setup: (s) => s.faults.push('GET /jobs/:id/results', { kind: 'invalidJson', body: '{"results": [{"data": {"c": {"samples": ["0x3", 0x' }) },
  { id: 'invalid JSON from IAM', kind: 'invalid JSON', expect: 'either', errors: ['InvalidResponseError', 'AuthenticationError'],
    setup: (s) => s.faults.push('POST /identity/token', { kind: 'invalidJson', body: '{"access_token": ' }) },
  // tokens expiring mid-run
  { id: 'token revoked before submission', kind: 'token expiry', expect: 'correct',
    setup: (s) => s.faults.push('POST /jobs', { kind: 'expireToken' }) },
  { id: 'token revoked while polling', kind: 'token expiry', expect: 'correct',
    setup: (s) => s.faults.push('GET /jobs/:id', { kind: 'expireToken' }) },
  { id: 'token revoked before results', kind: 'token expiry', expect: 'correct',
    setup: (s) => s.faults.push('GET /jobs/:id/results', { kind: 'expireToken' }) },
  { id: 'IAM rejects the key', kind: 'token expiry', expect: 'typed', errors: ['AuthenticationError'],
    setup: (s) => s.faults.push('POST /identity/token', { kind: 'status', status: 400, body: '{"errorCode":"BXNIM0415E","errorMessage":"Provided API key could not be found"}' }, 50) },
  // job outcomes
  { id: 'job fails with 1517', kind: 'job failed (IBM code)', expect: 'typed', errors: ['JobFailedError'],
    setup: (s) => s.planNextJob({ fail: { code: 1517, reason: 'The instruction h on qubits (0,) is not supported by the target system.' } }) },
  { id: 'job cancelled: ran too long (1305)', kind: 'job failed (IBM code)', expect: 'typed', errors: ['JobFailedError', 'JobCancelledError'],
    setup: (s) => s.planNextJob({ ranTooLong: true }) },
  { id: 'job stays queued', kind: 'job stays queued', expect: 'typed', errors: ['JobTimeoutError', 'AbortedError'], resultTimeoutMs: 1500,
    cliArgs: ['--timeout', '2'], cliErrors: ['JobTimeoutError'], errorNamesJob: true,
    setup: (s) => s.planNextJob({ stayQueued: true }) },
  { id: 'job stays queued past QBRIDGE_JOB_TIMEOUT', kind: 'job stays queued', expect: 'typed', errors: ['JobTimeoutError'], errorNamesJob: true,
    clientOptions: { jobTimeoutMs: 1500 }, cliEnv: { QBRIDGE_JOB_TIMEOUT: '2' },
    setup: (s) => s.planNextJob({ stayQueued: true }) },
  // hostile bodies
  { id: 'huge body from GET /jobs/:id', kind: 'huge body', expect: 'either', errors: TRANSIENT,
    setup: (s) => s.faults.push('GET /jobs/:id', { kind: 'huge', bytes: 64 * 1024 * 1024 }) },
  { id: 'huge body from configuration', kind: 'huge body', expect: 'either', errors: TRANSIENT,
    setup: (s) => s.faults.push('GET /backends/:name/configuration', { kind: 'huge', bytes: 64 * 1024 * 1024 }) },
  { id: 'huge body from GET /jobs/:id past a 1 MiB limit', kind: 'huge body', expect: 'typed', errors: ['InvalidResponseError'], errorNamesJob: true,
    clientOptions: { maxResponseBytes: ONE_MIB },
    setup: (s) => s.faults.push('GET /jobs/:id', { kind: 'huge', bytes: 64 * 1024 * 1024 }) },
  { id: 'huge results past a 1 MiB limit', kind: 'huge body', expect: 'typed', errors: ['InvalidResponseError'], errorNamesJob: true,
    clientOptions: { maxResponseBytes: ONE_MIB },
    setup: (s) => s.faults.push('GET /jobs/:id/results', { kind: 'huge', bytes: 64 * 1024 * 1024 }) },
  { id: 'deeply nested arrays from GET /jobs/:id', kind: 'deep nesting', expect: 'either', errors: ['InvalidResponseError'],
    setup: (s) => s.faults.push('GET /jobs/:id', { kind: 'nested', depth: 200_000 }) },
  { id: 'deeply nested objects from results', kind: 'deep nesting', expect: 'either', errors: ['InvalidResponseError'],
    setup: (s) => s.faults.push('GET /jobs/:id/results', { kind: 'nested', depth: 100_000, objects: true }) },
  { id: 'wrong types in GET /jobs/:id', kind: 'wrong types', expect: 'either', errors: ['InvalidResponseError'],
    setup: (s) => s.faults.push('GET /jobs/:id', { kind: 'wrongTypes' }) },
  { id: 'wrong types in results', kind: 'wrong types', expect: 'either', errors: ['InvalidResponseError'],
    setup: (s) => s.faults.push('GET /jobs/:id/results', { kind: 'wrongTypes' }) },
  { id: 'wrong types in configuration', kind: 'wrong types', expect: 'typed', errors: ['InvalidResponseError'],
    setup: (s) => s.faults.push('GET /backends/:name/configuration', { kind: 'wrongTypes' }) },
  { id: 'wrong types in POST /jobs answer', kind: 'wrong types', expect: 'correct', submitAnswerLost: true,
    setup: (s) => s.faults.push('POST /jobs', { kind: 'wrongTypes' }) },
  { id: 'unexpected fields everywhere', kind: 'unexpected fields', expect: 'correct',
    setup: (s) => {
      for (const r of ['GET /backends/:name/configuration', 'GET /backends/:name/properties', 'POST /jobs', 'GET /jobs/:id', 'GET /jobs/:id/results', 'POST /identity/token'] as const) {
        s.faults.push(r, { kind: 'extraFields' }, 5);
      }
    } },
  { id: 'HTML 502 page once on GET /jobs/:id', kind: 'HTML error page', expect: 'correct',
    setup: (s) => s.faults.push('GET /jobs/:id', { kind: 'html', status: 502 }) },
  { id: 'HTML 502 page persistent on results', kind: 'HTML error page', expect: 'typed', errors: ['ServerError'],
    setup: (s) => s.faults.push('GET /jobs/:id/results', { kind: 'html', status: 502 }, 50) },
  { id: 'HTML 404 page on configuration', kind: 'HTML error page', expect: 'typed', errors: ['NotFoundError', 'BackendNotFoundError'],
    setup: (s) => s.faults.push('GET /backends/:name/configuration', { kind: 'html', status: 404 }, 50) },
  { id: 'empty 200 body from GET /jobs/:id', kind: 'empty body', expect: 'either', errors: ['InvalidResponseError'],
    setup: (s) => s.faults.push('GET /jobs/:id', { kind: 'empty' }) },
];
