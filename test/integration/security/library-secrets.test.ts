/**
 * Security at library level: the API key (a distinctive fake), the bearer tokens and the
 * instance's account id never appear in thrown errors (message, stack, cause chain, JSON,
 * util.inspect), in the ledger, or in the inspected backend; plain-http non-loopback endpoints
 * are refused before any connection; a hostile server cannot crash or hang the client, pollute
 * prototypes, or pull credentials across a redirect.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import nock from 'nock';
import { createIbmRuntimeBackend, type IbmRuntimeOptions } from '../../../adapters/ibm-runtime';
import { ConfigurationError } from '../../../src/core/errors';
import { loadConfig } from '../../../src/config';
import { cleanupTempDirs, tempDir } from '../../support/cli';
import { runBellOnServer, serverOptions } from '../../support/ibm-library';
import { errorSurfaces, leaksIn, CRN_ACCOUNT_ID } from '../../support/secrets';
import { FAKE_CRN, SECRET_API_KEY, startRuntimeServer, TEST_BACKEND, type RuntimeServer } from '../../support/runtime-server';

jest.setTimeout(40_000);

afterAll(() => cleanupTempDirs());

const secretsOf = (server: RuntimeServer): Record<string, string | string[]> => ({
  'API key': SECRET_API_KEY,
  'bearer token': server.auth.allTokens(),
  'CRN account id': CRN_ACCOUNT_ID,
});

type Case = [string, (s: RuntimeServer) => void, Partial<IbmRuntimeOptions>?];
const FAILURES: Case[] = [
  ['IAM rejects the key', (s) => s.faults.push('POST /identity/token', { kind: 'status', status: 400, body: '{"errorCode":"BXNIM0415E","errorMessage":"Provided API key could not be found"}' }, 50)],
  ['401 on every API call', (s) => s.faults.push('GET /backends/:name/configuration', { kind: 'expireToken' }, 50)],
  ['500 persistent', (s) => s.faults.push('GET /jobs/:id', { kind: 'status', status: 500 }, 50)],
  // Persistent, so that the lookup-and-resubmit recovery gives up and an error is raised.
  ['connection reset on every submit', (s) => s.faults.push('POST /jobs', { kind: 'reset' }, 50)],
  ['timeout on every submit', (s) => s.faults.push('POST /jobs', { kind: 'hang' }, 50), { submitTimeoutMs: 300 }],
  ['invalid JSON', (s) => s.faults.push('GET /jobs/:id', { kind: 'invalidJson' })],
  ['HTML error page', (s) => s.faults.push('GET /jobs/:id/results', { kind: 'html', status: 502 }, 50)],
  ['job failed 1517', (s) => s.planNextJob({ fail: { code: 1517 } })],
  ['truncated body', (s) => s.faults.push('GET /jobs/:id', { kind: 'truncated' }, 50)],
  ['server echoes the Authorization header in its error', (s) => s.faults.push('GET /jobs/:id', { kind: 'echoAuth' }, 50)],
];

describe('the API key and tokens never leak through errors, the ledger, or inspection', () => {
  it.each(FAILURES)('%s', async (_name, setup, options = {}) => {
    const server = await startRuntimeServer({ apiKey: SECRET_API_KEY });
    const home = tempDir();
    try {
      setup(server);
      const judged = await runBellOnServer(server, home, { extra: { token: SECRET_API_KEY, ...options } });
      // (Whether the error is typed is the fault suite's business; here: an error, and no leak.)
      expect(judged.outcome).not.toBe('correct');
      expect(judged.outcome).not.toBe('other');
      const surfaces = errorSurfaces(judged.error);
      expect(leaksIn(surfaces, secretsOf(server))).toEqual([]);
      const ledger = path.join(home, 'jobs.jsonl');
      if (fs.existsSync(ledger)) expect(leaksIn(fs.readFileSync(ledger, 'utf8'), secretsOf(server))).toEqual([]);
      // The requests the server saw never carry the key outside the IAM form body.
      expect(server.requests.filter((r) => r.route !== 'POST /identity/token' && r.body.includes(SECRET_API_KEY))).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('a successful run leaves no secret in the ledger, and the backend does not reveal the key when inspected or serialised', async () => {
    const server = await startRuntimeServer({ apiKey: SECRET_API_KEY });
    const home = tempDir();
    try {
      const backend = await createIbmRuntimeBackend(TEST_BACKEND, serverOptions(server, home, { token: SECRET_API_KEY }));
      const job = await backend.run({ kind: 'sampler', pubs: [{ circuit: (await import('../../support/ibm-library')).bellCircuit(), shots: 64 }] });
      await job.result({ timeoutMs: 20_000 });
      await backend.close?.();
      expect(leaksIn(fs.readFileSync(path.join(home, 'jobs.jsonl'), 'utf8'), secretsOf(server))).toEqual([]);
      const shown = [util.inspect(backend, { depth: 10, showHidden: true }), util.inspect(job, { depth: 10 }), safeJson(backend), safeJson(job), String(backend)];
      expect(leaksIn(shown.join('\n'), { 'API key': SECRET_API_KEY, 'bearer token': server.auth.allTokens() })).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

function safeJson(x: unknown): string {
  try {
    return JSON.stringify(x) ?? '';
  } catch (e) {
    return `<not serialisable: ${(e as Error).message}>`;
  }
}

describe('plain http:// is refused for non-loopback hosts, before any connection', () => {
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterAll(() => {
    nock.enableNetConnect();
    nock.restore();
  });

  const HOSTILE = [
    'http://example.com/api/v1',
    'http://127.0.0.1@example.com/api/v1',
    'http://localhost.example.com/api/v1',
    'http://127.0.0.1.nip.io/api/v1',
    'http://10.0.0.1/api/v1',
    'ftp://example.com/api/v1',
  ];

  it.each(HOSTILE)('apiUrl %s → ConfigurationError, no fetch', async (url) => {
    const calls: string[] = [];
    const fetch = async (req: Request): Promise<Response> => {
      calls.push(req.url);
      throw new Error('no network in this test');
    };
    const err = await createIbmRuntimeBackend(TEST_BACKEND, {
      token: SECRET_API_KEY, instance: FAKE_CRN, apiUrl: url, iamUrl: 'http://127.0.0.1:59999', fetch, maxRetries: 0, timeoutMs: 500,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigurationError);
    expect(calls).toEqual([]);
    expect(leaksIn(errorSurfaces(err), { 'API key': SECRET_API_KEY })).toEqual([]);
  });

  it.each(HOSTILE)('iamUrl %s → ConfigurationError, no fetch', async (url) => {
    const calls: string[] = [];
    const fetch = async (req: Request): Promise<Response> => {
      calls.push(req.url);
      throw new Error('no network in this test');
    };
    const err = await createIbmRuntimeBackend(TEST_BACKEND, {
      token: SECRET_API_KEY, instance: FAKE_CRN, apiUrl: 'http://127.0.0.1:59999/api/v1', iamUrl: url, fetch, maxRetries: 0, timeoutMs: 500,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigurationError);
    expect(calls).toEqual([]);
  });

  it('loadConfig refuses QBRIDGE_IBM_API_URL / QBRIDGE_IAM_URL over http to example.com, naming the variable only', () => {
    for (const key of ['QBRIDGE_IBM_API_URL', 'QBRIDGE_IAM_URL']) {
      const env = { HOME: tempDir(), QISKIT_IBM_TOKEN: SECRET_API_KEY, QISKIT_IBM_INSTANCE: FAKE_CRN, [key]: 'http://example.com/api/v1' };
      let err: unknown;
      try {
        loadConfig({}, env);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ConfigurationError);
      expect((err as Error).message).toContain(key);
      expect(leaksIn(errorSurfaces(err), { 'API key': SECRET_API_KEY })).toEqual([]);
    }
  });
});

describe('saved-account file permissions', () => {
  function writeAccount(home: string, mode: number): string {
    const dir = path.join(home, '.qiskit');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'qiskit-ibm.json');
    const account = { 'default-ibm-quantum-platform': { channel: 'ibm_quantum_platform', instance: FAKE_CRN, token: SECRET_API_KEY, is_default_account: true } };
    fs.writeFileSync(file, JSON.stringify(account, null, 4));
    fs.chmodSync(file, mode);
    return file;
  }

  it('a file readable by others gives a warning naming the file (and not the key); 0600 gives none', () => {
    const open = tempDir();
    const file = writeAccount(open, 0o644);
    const config = loadConfig({}, { HOME: open });
    expect(config.ibm?.source).toBe('saved-account');
    expect(config.warnings.join('\n')).toContain(file);
    expect(config.warnings.join('\n')).toMatch(/readable|permission|chmod/i);
    expect(leaksIn(config.warnings.join('\n'), { 'API key': SECRET_API_KEY })).toEqual([]);
    // The resolved config shows no key when printed.
    expect(leaksIn(util.inspect(config, { depth: 10, showHidden: true }) + safeJson(config) + String(config.ibm?.token), { 'API key': SECRET_API_KEY })).toEqual([]);

    const closed = tempDir();
    writeAccount(closed, 0o600);
    expect(loadConfig({}, { HOME: closed }).warnings.filter((w) => w.includes('qiskit-ibm.json'))).toEqual([]);
  });
});

describe('a hostile server', () => {
  it('cannot pull the bearer token or API key to another origin through a redirect', async () => {
    const server = await startRuntimeServer({ apiKey: SECRET_API_KEY });
    const elsewhere = await startRuntimeServer(); // another port = another origin
    const home = tempDir();
    try {
      server.faults.push('GET /jobs/:id', { kind: 'redirect', location: `${elsewhere.apiUrl}/jobs/dstolen000000000000` }, 50);
      const judged = await runBellOnServer(server, home, { extra: { token: SECRET_API_KEY } });
      expect(judged.outcome).not.toBe('other');
      const carried = elsewhere.requests.filter((r) => r.headers.authorization !== undefined || r.body.includes(SECRET_API_KEY));
      expect(carried.map((r) => `${r.method} ${r.path} auth=${r.headers.authorization}`)).toEqual([]);
    } finally {
      await server.close();
      await elsewhere.close();
    }
  });

  it('cannot pollute Object.prototype through __proto__ keys in any body', async () => {
    const server = await startRuntimeServer();
    const home = tempDir();
    try {
      for (const r of ['POST /identity/token', 'GET /backends/:name/configuration', 'GET /backends/:name/properties', 'POST /jobs', 'GET /jobs/:id', 'GET /jobs/:id/results'] as const) {
        server.faults.push(r, { kind: 'extraFields' }, 10);
      }
      const judged = await runBellOnServer(server, home);
      expect(judged.outcome).toBe('correct');
      expect(Object.prototype).not.toHaveProperty('polluted_by_test_server');
    } finally {
      await server.close();
    }
  });
});
