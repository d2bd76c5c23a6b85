/**
 * Security through the CLI (in-process runs, test/support/cli.ts): the API key (a distinctive fake) and the bearer tokens never
 * appear in stdout, stderr (also with --verbose stack traces) or the ledger; plain-http
 * non-loopback endpoints are refused with no connection attempted (spawned runs: a preload
 * records every socket and DNS call of the child process); a saved-account file readable by
 * others triggers a warning.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cleanupTempDirs, ibmEnv, runCli, spawnCli, tempDir, writeQasm, BELL_ISA_QASM_C } from '../../support/cli';
import { judgeCli } from '../../support/fault-outcomes';
import { CRN_ACCOUNT_ID, leaksIn } from '../../support/secrets';
import { FAKE_CRN, SECRET_API_KEY, startRuntimeServer, TEST_BACKEND, type RuntimeServer } from '../../support/runtime-server';

jest.setTimeout(90_000);
afterAll(() => cleanupTempDirs());

const FAST_JOBS = { apiKey: SECRET_API_KEY, defaultJobPlan: { queuedPolls: 0, runningPolls: 0 } };
const PRELOAD = path.join(__dirname, '..', '..', 'support', 'no-network-preload.js');

function secretsOf(server: RuntimeServer): Record<string, string | string[]> {
  return { 'API key': SECRET_API_KEY, 'bearer token': server.auth.allTokens() };
}

function outputsOf(home: string, run: { stdout: string; stderr: string }): string {
  const ledger = path.join(home, 'jobs.jsonl');
  return [run.stdout, run.stderr, fs.existsSync(ledger) ? fs.readFileSync(ledger, 'utf8') : ''].join('\n');
}

type Case = [string, (s: RuntimeServer) => void];
const CASES: Case[] = [
  ['a clean run', () => undefined],
  ['IAM rejects the key', (s) => s.faults.push('POST /identity/token', { kind: 'status', status: 400, body: '{"errorCode":"BXNIM0415E","errorMessage":"Provided API key could not be found"}' }, 50)],
  ['401 on every call', (s) => s.faults.push('GET /backends/:name/configuration', { kind: 'expireToken' }, 50)],
  ['the server echoes the Authorization header', (s) => s.faults.push('POST /jobs', { kind: 'echoAuth', status: 400 })],
  ['HTML error page', (s) => s.faults.push('GET /jobs/:id/results', { kind: 'html', status: 502 }, 50)],
  ['truncated body', (s) => s.faults.push('GET /jobs/:id', { kind: 'truncated' }, 50)],
  ['job failed 1517', (s) => s.planNextJob({ fail: { code: 1517 } })],
];

describe.each(CASES)('%s, with --verbose', (_name, setup) => {
  it('shows neither the API key nor a bearer token in stdout, stderr or the ledger', async () => {
    const server = await startRuntimeServer(FAST_JOBS);
    const home = tempDir();
    try {
      setup(server);
      const run = await runCli(
        ['--verbose', 'run', writeQasm(home, BELL_ISA_QASM_C), '--backend', TEST_BACKEND, '--shots', '64', '--json'],
        ibmEnv(server, home, { QISKIT_IBM_TOKEN: SECRET_API_KEY }),
      );
      expect(run.timedOut).toBe(false);
      expect(leaksIn(outputsOf(home, run), secretsOf(server))).toEqual([]);
      // The instance's account id stays out of messages too (errors.ts rule).
      expect(leaksIn(run.stderr, { 'CRN account id': CRN_ACCOUNT_ID })).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe('plain http:// to a non-loopback host', () => {
  it.each(['QBRIDGE_IBM_API_URL', 'QBRIDGE_IAM_URL'])('%s=http://example.com/... → exit 1, one ConfigurationError line naming it, no connection', async (key) => {
    const home = tempDir();
    const netLog = path.join(home, 'net.log');
    const env = {
      HOME: path.join(home, 'user-home'),
      QBRIDGE_HOME: home,
      QISKIT_IBM_TOKEN: SECRET_API_KEY,
      QISKIT_IBM_INSTANCE: FAKE_CRN,
      QBRIDGE_IBM_API_URL: 'http://127.0.0.1:59999/api/v1',
      QBRIDGE_IAM_URL: 'http://127.0.0.1:59999',
      [key]: key === 'QBRIDGE_IAM_URL' ? 'http://example.com' : 'http://example.com/api/v1',
      NODE_OPTIONS: `--require ${PRELOAD}`,
      QBRIDGE_TEST_NET_LOG: netLog,
    };
    const run = await spawnCli(['run', writeQasm(home, BELL_ISA_QASM_C), '--backend', TEST_BACKEND, '--json'], env);
    const judged = judgeCli(run, 1024);
    expect(judged).toMatchObject({ outcome: 'typed', errorName: 'ConfigurationError' });
    expect(run.stderr).toContain(key);
    expect(fs.existsSync(netLog) ? fs.readFileSync(netLog, 'utf8') : '').toBe('');
    expect(leaksIn(run.stdout + run.stderr, { 'API key': SECRET_API_KEY })).toEqual([]);
  });

  it('control: the preload does record a connection when one is made (loopback URLs are allowed)', async () => {
    const server = await startRuntimeServer(FAST_JOBS);
    const home = tempDir();
    const netLog = path.join(home, 'net.log');
    try {
      const env = { ...ibmEnv(server, home, { QISKIT_IBM_TOKEN: SECRET_API_KEY }), NODE_OPTIONS: `--require ${PRELOAD}`, QBRIDGE_TEST_NET_LOG: netLog };
      const run = await spawnCli(['run', writeQasm(home, BELL_ISA_QASM_C), '--backend', TEST_BACKEND, '--shots', '64', '--json'], env);
      expect(run.code).toBe(0);
      expect(fs.readFileSync(netLog, 'utf8')).toContain(`127.0.0.1:${server.port}`);
    } finally {
      await server.close();
    }
  });
});

describe('saved-account file ~/.qiskit/qiskit-ibm.json', () => {
  function homeWithAccount(mode: number): { home: string; file: string } {
    const home = tempDir();
    const dir = path.join(home, 'user-home', '.qiskit');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'qiskit-ibm.json');
    const account = { 'default-ibm-quantum-platform': { channel: 'ibm_quantum_platform', instance: FAKE_CRN, token: SECRET_API_KEY, is_default_account: true } };
    fs.writeFileSync(file, JSON.stringify(account, null, 4));
    fs.chmodSync(file, mode);
    return { home, file };
  }

  it('readable by others: the run works, and stderr warns naming the file (never the key)', async () => {
    const server = await startRuntimeServer(FAST_JOBS);
    const { home, file } = homeWithAccount(0o644);
    try {
      const env = ibmEnv(server, home);
      delete (env as Record<string, string | undefined>).QISKIT_IBM_TOKEN;
      delete (env as Record<string, string | undefined>).QISKIT_IBM_INSTANCE;
      const run = await runCli(['run', writeQasm(home, BELL_ISA_QASM_C), '--backend', TEST_BACKEND, '--shots', '64', '--json'], env);
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(/warning/i);
      expect(run.stderr).toContain(file);
      expect(leaksIn(outputsOf(home, run), secretsOf(server))).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('mode 0600: no warning', async () => {
    const server = await startRuntimeServer(FAST_JOBS);
    const { home } = homeWithAccount(0o600);
    try {
      const env = ibmEnv(server, home);
      delete (env as Record<string, string | undefined>).QISKIT_IBM_TOKEN;
      delete (env as Record<string, string | undefined>).QISKIT_IBM_INSTANCE;
      const run = await runCli(['run', writeQasm(home, BELL_ISA_QASM_C), '--backend', TEST_BACKEND, '--shots', '64', '--json'], env);
      expect(run.code).toBe(0);
      // Only the spend estimate an IBM submission prints first.
      expect(run.stderr).toMatch(/^about to submit 1 circuit\(s\) × 64 shots in 1 job\(s\); estimated QPU time[^\n]*\n$/);
    } finally {
      await server.close();
    }
  });
});
