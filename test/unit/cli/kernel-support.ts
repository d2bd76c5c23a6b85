/** In-process CLI runner for the kernel/qsvc CLI tests (not a test file). */
import { PassThrough } from 'node:stream';
import { main } from '../../../src/cli/main';

/** Runs the CLI in-process with captured streams (isTTY as given). */
export async function runCli(args: string[], isTTY = false): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d: Buffer) => (stdout += d.toString()));
  err.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await main(args, { stdout: out, stderr: err, isTTY });
  return { code, stdout, stderr };
}

