/** In-process CLI runner for the kernel/qsvc CLI tests (not a test file). */
import { main } from '../../../src/cli/main';
import { capturedIo } from '../../support/cli-in-process';

/** Runs the CLI in-process with captured streams (isTTY as given). */
export async function runCli(args: string[], isTTY = false): Promise<{ code: number; stdout: string; stderr: string }> {
  const cap = capturedIo(isTTY);
  const code = await main(args, cap.io);
  return { code, stdout: cap.stdout(), stderr: cap.stderr() };
}

