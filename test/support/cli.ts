/**
 * Spawns the real `qbridge` command (`node bin/qbridge.js`, TS sources through ts-node) with a
 * clean environment: only what the test passes, plus PATH. The parent's environment is NOT
 * inherited, so a real token can never reach a test run. Bounded by a hard timeout.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RuntimeServer } from './runtime-server';
import { FAKE_API_KEY, FAKE_CRN } from './runtime-server';

export const ROOT = path.join(__dirname, '..', '..');

/** The outcome of one CLI run. */
export interface CliRun {
  /** Exit code; null when the process ended by a signal. */
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Runs `node bin/qbridge.js ...args`; `control` gets the child (e.g. to send SIGINT). */
export async function runCli(
  args: readonly string[],
  env: Record<string, string>,
  timeoutMs = 60_000,
  control?: (child: import('node:child_process').ChildProcess) => void,
): Promise<CliRun> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'qbridge.js'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', QBRIDGE_FROM_SOURCE: '1', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);
  control?.(child);
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  clearTimeout(timer);
  return { code, stdout, stderr, timedOut };
}

/** A fresh temporary directory (HOME or QBRIDGE_HOME), removed by {@link cleanupTempDirs}. */
const made: string[] = [];
export function tempDir(prefix = 'qbridge-test-'): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(d);
  return d;
}
export function cleanupTempDirs(): void {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/** The environment the brief prescribes for CLI runs against the test server. */
export function ibmEnv(server: RuntimeServer, home: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    HOME: path.join(home, 'user-home'),
    QISKIT_IBM_TOKEN: FAKE_API_KEY,
    QISKIT_IBM_INSTANCE: FAKE_CRN,
    QBRIDGE_IBM_API_URL: server.apiUrl,
    QBRIDGE_IAM_URL: server.iamUrl,
    QBRIDGE_HOME: home,
    ...overrides,
  };
}

/** Writes a QASM file into `dir` and returns its path. */
export function writeQasm(dir: string, source: string, name = 'circuit.qasm'): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, source);
  return file;
}

/** A logical Bell pair with measurements (the CLI transpiles it for the device). */
export const BELL_QASM = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[2] q;\nbit[2] c;\nh q[0];\ncx q[0], q[1];\nc = measure q;\n';

/** Job ids recorded in a ledger file (`<home>/jobs.jsonl`), whatever the line format. */
export function ledgerJobIds(home: string): string[] {
  const file = path.join(home, 'jobs.jsonl');
  if (!fs.existsSync(file)) return [];
  const ids = new Set<string>();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const o = JSON.parse(line) as Record<string, unknown>;
      const id = o.job_id ?? o.jobId ?? o.id;
      if (typeof id === 'string') ids.add(id);
    } catch {
      ids.add(`<unparseable line: ${line.slice(0, 40)}>`);
    }
  }
  return [...ids];
}

/** The Bell pair already in ISA form for the 5-qubit test device (F5 of the reference), register `c`. */
export const BELL_ISA_QASM_C =
  'OPENQASM 3.0;\ninclude "stdgates.inc";\nbit[2] c;\nrz(pi/2) $0;\nsx $0;\nrz(pi/2) $0;\nrz(pi/2) $1;\nsx $1;\nrz(pi/2) $1;\n' +
  'cz $0, $1;\nrz(pi/2) $1;\nsx $1;\nrz(pi/2) $1;\nc[0] = measure $0;\nc[1] = measure $1;\n';
