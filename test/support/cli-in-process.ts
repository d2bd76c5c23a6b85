/**
 * Runs `main(argv, io)` in the test process with a scoped environment: the same command code as
 * `node bin/qbridge.js` without the ~3–6 s ts-node start-up of a spawned run. During the run,
 * every QISKIT_* / QBRIDGE_* variable of the parent is removed and only `env` applies (so a real
 * token can never reach a test); the default backend registry is rebuilt so each run acquires
 * its backend from this environment. Runs must not overlap (the environment is process-wide).
 */
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main';
import { resetDefaultRegistry } from '../../src/registry';
import type { CliRun } from './cli';

const SCOPED = /^(QISKIT_|QBRIDGE_)|^HOME$/;

/** Output streams for `main` whose text collects in `stdout` / `stderr`. */
export function capturedIo(isTTY = false): { io: { stdout: PassThrough; stderr: PassThrough; isTTY: boolean }; stdout: () => string; stderr: () => string } {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d: Buffer) => (stdout += d.toString()));
  err.on('data', (d: Buffer) => (stderr += d.toString()));
  return { io: { stdout: out, stderr: err, isTTY }, stdout: () => stdout, stderr: () => stderr };
}

/** Like `runCli`, in-process: a run still pending after `timeoutMs` is reported as timed out (a hang). */
export async function runCliInProcess(args: readonly string[], env: Record<string, string>, timeoutMs = 60_000): Promise<CliRun> {
  const saved = { ...process.env };
  for (const k of Object.keys(process.env)) if (SCOPED.test(k)) delete process.env[k];
  Object.assign(process.env, env);
  resetDefaultRegistry();
  const cap = capturedIo();
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<'hang'>((resolve) => (timer = setTimeout(() => resolve('hang'), timeoutMs)));
  try {
    const code = await Promise.race([main(args, cap.io), hang]);
    const [stdout, stderr] = [cap.stdout(), cap.stderr()];
    return code === 'hang' ? { code: null, stdout, stderr, timedOut: true } : { code, stdout, stderr, timedOut: false };
  } finally {
    clearTimeout(timer);
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
    resetDefaultRegistry();
  }
}
