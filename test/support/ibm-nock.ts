/**
 * Helpers of the nock-based adapter suites (test/integration/ibm-runtime): the fixture bodies of
 * fixtures/ibm-runtime/, fake credentials, interceptors with header checks, and instant waits.
 * (Suites that need a real HTTP server use test/support/runtime-server instead.)
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import nock from 'nock';
import type { IbmRuntimeOptions } from '../../adapters/ibm-runtime';

/** Hosts the adapter talks to by default (the tests never reach them: nock intercepts). */
export const API = 'https://quantum.cloud.ibm.com';
export const IAM = 'https://iam.cloud.ibm.com';
/** Obviously fake credentials; tests grep every output for them. */
export const FAKE_KEY = 'fake-api-key-000';
export const FAKE_CRN =
  'crn:v1:bluemix:public:quantum-computing:us-east:a/00000000000000000000000000000000:00000000-0000-0000-0000-00000000fake::';
export const JOB_ID = 'd6147q3traac73bef6f0';
export const DEVICE = 'test_heron_5q';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'ibm-runtime');

/** A fixture body from fixtures/ibm-runtime/ (parsed JSON). */
export function fixture<T = Record<string, any>>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as T;
}

/** The exact headers every Quantum API call must carry. */
export const API_HEADERS = {
  'service-crn': FAKE_CRN,
  'ibm-api-version': /^\d{4}-\d{2}-\d{2}$/,
  authorization: /^Bearer fake-iam-token-\d$/,
  'user-agent': /^qbridge\//,
};

/** nock lifecycle: no network but loopback; every interceptor must be used. */
export function setupNock(): void {
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending).toEqual([]);
  });
  afterAll(() => {
    nock.enableNetConnect();
    nock.restore();
  });
}

/** The IAM exchange; checks the form body carries the grant type and the fake key. */
export function mockIam(token = 'iam-token', times = 1): nock.Scope {
  return nock(IAM)
    .post('/identity/token', (body: unknown) => {
      const b = typeof body === 'string' ? new URLSearchParams(body) : new URLSearchParams(body as Record<string, string>);
      return b.get('grant_type') === 'urn:ibm:params:oauth:grant-type:apikey' && b.get('apikey') === FAKE_KEY;
    })
    .times(times)
    .reply(200, fixture(token));
}

/** The Quantum API scope with header checks. */
export function api(): nock.Scope {
  return nock(`${API}/api/v1`, { reqheaders: API_HEADERS });
}

/** Configuration + properties of the 5-qubit device (backend creation). */
export function mockDevice(): nock.Scope {
  return api()
    .get(`/backends/${DEVICE}/configuration`)
    .reply(200, fixture(`configuration-${DEVICE}`))
    .get(`/backends/${DEVICE}/properties`)
    .reply(200, fixture(`properties-${DEVICE}`));
}

/** Records waits instead of sleeping (retries and polling run instantly). */
export function fakeSleep(): { sleep: (ms: number, signal?: AbortSignal) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    sleep: async (ms, signal) => {
      waits.push(ms);
      if (signal?.aborted) {
        const { AbortedError } = await import('../../src/core/errors');
        throw new AbortedError(undefined, { cause: signal.reason });
      }
    },
  };
}

/** A fresh temporary QBRIDGE_HOME. */
export function tempHome(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'qbridge-ibm-'));
}

/** Options for a backend under test: fake credentials, instant waits, a temp ledger. */
export function testOptions(extra: Partial<IbmRuntimeOptions> = {}): IbmRuntimeOptions & { waits: number[] } {
  const s = fakeSleep();
  return { token: FAKE_KEY, instance: FAKE_CRN, sleep: s.sleep, random: () => 0.5, intervalMs: 5, home: tempHome(), pacing: { rate: 1000, windowMs: 1000 }, waits: s.waits, ...extra };
}

/** Every string a thrown error can expose: message, stack, JSON, and the same for its causes. */
export function errorText(e: unknown): string {
  const out: string[] = [];
  for (let c: unknown = e, i = 0; c && i < 10; c = (c as { cause?: unknown }).cause, i++) {
    out.push(String(c), JSON.stringify(c) ?? '', (c as Error).stack ?? '', JSON.stringify(Object.entries(c as object)));
  }
  return out.join('\n');
}
