/**
 * Running the `qbridge` command in tests, and the files and environment such runs need.
 *
 * - {@link runCli} runs the CLI's own entry point, `main(argv, io)` from src/cli/main.ts, in the
 *   test process: the same command code as `node bin/qbridge.js`, without the 3–6 s ts-node
 *   start-up of a child process. Every CLI suite uses it.
 * - {@link spawnCli} starts the real binary (`node bin/qbridge.js`, TS sources through ts-node);
 *   only for what a real process alone shows: exit on a signal, SIGKILL part way, TTY detection,
 *   output flushed before the process exits (test/integration/cli/spawned.test.ts and the crash
 *   cases of the resume suite).
 *
 * Both start from a clean environment: the parent's QISKIT_* / QBRIDGE_* variables and HOME never
 * reach a run (so a real token can never reach a test); only what the test passes applies.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/io';
import { resetDefaultRegistry } from '../../src/registry';
import type { RuntimeServer } from './runtime-server';
import { FAKE_API_KEY, FAKE_CRN } from './runtime-server';

export const ROOT = path.join(__dirname, '..', '..');

/** The outcome of one CLI run. */
export interface CliRun {
  /** Exit code; null when the process ended by a signal or the in-process run hung. */
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Output streams for `main` whose text collects in `stdout()` / `stderr()`. */
export function capturedIo(isTTY = false): { io: CliIo; stdout: () => string; stderr: () => string } {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d: Buffer) => (stdout += d.toString()));
  err.on('data', (d: Buffer) => (stderr += d.toString()));
  return { io: { stdout: out, stderr: err, isTTY }, stdout: () => stdout, stderr: () => stderr };
}

/** Options of {@link runCli}. */
export interface RunCliOptions {
  /** A run still pending after this many ms is reported as timed out (a hang). @defaultValue 60 000 */
  timeoutMs?: number;
  /** What `io.isTTY` says (progress bars are drawn only on a terminal). @defaultValue false */
  isTTY?: boolean;
  /** Working directory during the run (relative paths in argv and defaults resolve from it). */
  cwd?: string;
  /** Where the run's SIGINT comes from: emit 'SIGINT' on it to press Ctrl-C (the test process is never signalled). */
  signals?: import('node:events').EventEmitter;
  /** The run's stdin (e.g. {@link fakeTerminalStdin}); absent: none, so nothing is ever asked. */
  stdin?: CliIo['stdin'];
}

/** A stdin that says it is a terminal and on which `answer` has been typed. */
export function fakeTerminalStdin(answer: string): NonNullable<CliIo['stdin']> {
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  stdin.end(answer);
  return stdin;
}

/** Variables a run never inherits from the test process. */
const SCOPED = /^(QISKIT_|QBRIDGE_)|^HOME$/;

/**
 * Runs `qbridge ...args` in-process with exactly `env` (see the module comment) and returns its
 * exit code and output. The environment and working directory are process-wide, so runs must
 * not overlap; the default backend registry is rebuilt around each run, so every run acquires
 * its backend from its own environment, as a fresh process would.
 */
export async function runCli(args: readonly string[], env: Record<string, string> = {}, options: RunCliOptions = {}): Promise<CliRun> {
  const saved = { ...process.env };
  const cwd = process.cwd();
  for (const k of Object.keys(process.env)) if (SCOPED.test(k)) delete process.env[k];
  Object.assign(process.env, env);
  if (options.cwd) process.chdir(options.cwd);
  resetDefaultRegistry();
  const cap = capturedIo(options.isTTY ?? false);
  if (options.signals) cap.io.signals = options.signals;
  if (options.stdin) cap.io.stdin = options.stdin;
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<'hang'>((resolve) => (timer = setTimeout(() => resolve('hang'), options.timeoutMs ?? 60_000)));
  try {
    const code = await Promise.race([main(args, cap.io), hang]);
    const [stdout, stderr] = [cap.stdout(), cap.stderr()];
    return code === 'hang' ? { code: null, stdout, stderr, timedOut: true } : { code, stdout, stderr, timedOut: false };
  } finally {
    clearTimeout(timer);
    process.chdir(cwd);
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
    resetDefaultRegistry();
  }
}

/**
 * Spawns `node bin/qbridge.js ...args` with only `env` plus PATH (nothing else of the parent's
 * environment), bounded by a hard timeout (then SIGKILL); `control` gets the child (e.g. to send
 * SIGINT). Use {@link runCli} unless the test needs a real process.
 */
export async function spawnCli(
  args: readonly string[],
  env: Record<string, string>,
  timeoutMs = 60_000,
  control?: (child: ChildProcess) => void,
): Promise<CliRun> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'qbridge.js'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', QBRIDGE_FROM_SOURCE: '1', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
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

/**
 * The CLI's stderr without the spend estimate that `run`, `kernel` and `qsvc` print on IBM before
 * submitting (`about to submit …`), for tests about what comes after it.
 */
export function withoutSpendLine(stderr: string): string {
  return stderr.replace(/^about to submit [^\n]*\n/m, '');
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

/**
 * The environment of a CLI run against the IBM Runtime test server: its fake key and CRN, its
 * API and IAM URLs, a fresh QBRIDGE_HOME (the ledger) and a HOME without saved accounts.
 */
export function ibmEnv(server: RuntimeServer, home: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    HOME: path.join(home, 'user-home'),
    QISKIT_IBM_TOKEN: FAKE_API_KEY,
    QISKIT_IBM_INSTANCE: FAKE_CRN,
    QBRIDGE_IBM_API_URL: server.apiUrl,
    QBRIDGE_IAM_URL: server.iamUrl,
    QBRIDGE_HOME: home,
    // Unpaced in practice (IBM's 5 per minute would stall multi-job runs); pacing has its own tests.
    QBRIDGE_IBM_SUBMIT_RATE: '1000/1',
    ...overrides,
  };
}

/** Writes a QASM file into `dir` and returns its path. */
export function writeQasm(dir: string, source: string, name = 'circuit.qasm'): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, source);
  return file;
}

/** Writes `source` to a .qasm file in a fresh temporary directory (see {@link cleanupTempDirs}). */
export function tempQasm(source: string, name = 'circuit.qasm'): string {
  return writeQasm(tempDir('qbridge-cli-'), source, name);
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

/**
 * The Bell pair already in ISA form for the 5-qubit test device (basis rz, sx, x, cz; linear
 * coupling 0-1-2-3-4), register `c`: H = rz(π/2)·sx·rz(π/2) on both qubits around cz = CX.
 */
export const BELL_ISA_QASM_C =
  'OPENQASM 3.0;\ninclude "stdgates.inc";\nbit[2] c;\nrz(pi/2) $0;\nsx $0;\nrz(pi/2) $0;\nrz(pi/2) $1;\nsx $1;\nrz(pi/2) $1;\n' +
  'cz $0, $1;\nrz(pi/2) $1;\nsx $1;\nrz(pi/2) $1;\nc[0] = measure $0;\nc[1] = measure $1;\n';
