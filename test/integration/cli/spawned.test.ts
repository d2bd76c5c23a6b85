/**
 * The real binary, spawned (`node bin/qbridge.js`, test/support/cli.ts `spawnCli`): only what a
 * real process shows. Every other CLI test calls the CLI's `main` in-process.
 * - exit codes as the shell sees them: 0 on success, 1 on an error, 2 on a usage error;
 * - a job that stays queued, with no wait bound set (no `--timeout`, no QBRIDGE_JOB_TIMEOUT: the
 *   CLI waits up to the 24 h default, as long as IBM may queue): Ctrl-C (SIGINT) ends the process
 *   promptly with a non-zero code, and the job id is already in the ledger for `qbridge jobs`
 *   (the bounded waits are scenarios of faults/cli-faults.test.ts);
 * - large output (a 17-qubit statevector, megabytes of JSON) is complete when the process exits;
 * - progress bars: drawn on stderr when it is a terminal (a pseudo-terminal from util-linux
 *   `script`), absent when stderr is a pipe.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { cleanupTempDirs, ibmEnv, ledgerJobIds, ROOT, spawnCli, tempDir, tempQasm, writeQasm, BELL_ISA_QASM_C, BELL_QASM } from '../../support/cli';
import { startRuntimeServer, TEST_BACKEND } from '../../support/runtime-server';

jest.setTimeout(60_000);
afterAll(() => cleanupTempDirs());

const TRAIN_CSV = path.join(ROOT, 'fixtures', 'csv', 'train.csv');

it('exit codes: 0 on success, 1 with one error line, 2 on a usage error', async () => {
  const home = tempDir();
  const env = { HOME: home, QBRIDGE_HOME: home };
  const ok = await spawnCli(['run', writeQasm(home, BELL_QASM), '--shots', '16', '--seed', '1', '--json'], env);
  expect(ok).toMatchObject({ code: 0, stderr: '', timedOut: false });
  expect(JSON.parse(ok.stdout)).toMatchObject({ backend: 'local', shots: 16 });

  const missing = await spawnCli(['run', path.join(home, 'nope.qasm')], env);
  expect(missing.code).toBe(1);
  expect(missing.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^qbridge: InputValidationError: cannot read circuit file .*no such file$/)]);

  const usage = await spawnCli(['run', writeQasm(home, BELL_QASM), '--no-such-flag'], env);
  expect(usage.code).toBe(2);
  expect(usage.stderr).toMatch(/unknown option '--no-such-flag'/);
});

it('SIGINT while polling a queued job ends the CLI promptly; the ledger has the job id', async () => {
  const server = await startRuntimeServer({ defaultJobPlan: { stayQueued: true } });
  const home = tempDir();
  try {
    let sentAt = 0;
    const run = await spawnCli(
      ['run', writeQasm(home, BELL_ISA_QASM_C), '--backend', TEST_BACKEND, '--json'],
      ibmEnv(server, home),
      45_000,
      (child) => {
        const timer = setInterval(() => {
          if (server.count('GET /jobs/:id') >= 2) {
            clearInterval(timer);
            sentAt = Date.now();
            child.kill('SIGINT');
          }
        }, 100);
        child.on('close', () => clearInterval(timer));
      },
    );
    expect(sentAt).toBeGreaterThan(0);
    expect(run.timedOut).toBe(false);
    expect(run.code).not.toBe(0);
    expect(server.jobs.jobs.size).toBe(1);
    expect(ledgerJobIds(home)).toEqual([...server.jobs.jobs.keys()]);
  } finally {
    await server.close();
  }
});

it('writes a 17-qubit state (megabytes of JSON) completely through the real command', async () => {
  const n = 17;
  // h on every qubit, then p(0.3) on qubit 0: amplitude j = 2^{-n/2} · e^{0.3 i · bit0(j)}
  const src = `OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[${n}] q;\nh q;\np(0.3) q[0];\n`;
  const run = await spawnCli(['statevector', tempQasm(src), '--json'], {}, 120_000);
  expect(run.timedOut).toBe(false);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout.length).toBeGreaterThan(2 ** n * 2 * 5);
  const obj = JSON.parse(run.stdout);
  expect(obj.num_qubits).toBe(n);
  expect(obj.statevector.re).toHaveLength(2 ** n);
  expect(obj.statevector.im).toHaveLength(2 ** n);
  const a = 2 ** (-n / 2);
  for (let j = 0; j < 2 ** n; j++) {
    const ph = j & 1 ? 0.3 : 0;
    if (Math.abs(obj.statevector.re[j] - a * Math.cos(ph)) > 1e-14 || Math.abs(obj.statevector.im[j] - a * Math.sin(ph)) > 1e-14) {
      throw new Error(`amplitude ${j} is (${obj.statevector.re[j]}, ${obj.statevector.im[j]})`);
    }
  }
});

/** Runs the binary with stdin/stdout/stderr on a pseudo-terminal (`script -qec CMD /dev/null`). */
function spawnOnTerminal(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const command = [process.execPath, path.join(ROOT, 'bin', 'qbridge.js'), ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = spawn('script', ['-qec', command, '/dev/null'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', QBRIDGE_FROM_SOURCE: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}

it('progress bars on a terminal only: drawn on a TTY, absent when stderr is a pipe', async () => {
  const home = tempDir();
  const env = { HOME: home, QBRIDGE_HOME: home };
  const tty = await spawnOnTerminal(['kernel', '--train', TRAIN_CSV], env);
  expect(tty.code).toBe(0);
  expect(tty.output).toMatch(/statevectors \[=+\] 100%/);
  expect(tty.output).toContain('kernel 3×3');

  const piped = await spawnCli(['kernel', '--train', TRAIN_CSV], env);
  expect(piped.code).toBe(0);
  expect(piped.stderr).toBe('');
  expect(piped.stdout).toContain('kernel 3×3');
});
