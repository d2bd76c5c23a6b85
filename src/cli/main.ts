import { Command, CommanderError } from 'commander';
import { isQbridgeError } from '../core/errors';
import { COMMANDS } from './commands';
import { Interrupt, INTERRUPTED_EXIT_CODE } from './interrupt';
import { processIo, type CliIo } from './io';
import { packageVersion } from './version';

/** Builds the `qbridge` program (no side effects until parsed). */
export function buildProgram(io: CliIo): Command {
  const program = new Command('qbridge')
    .description('Quantum circuits and kernels on a local simulator or IBM Quantum hardware')
    .version(packageVersion(), '-V, --version', 'print the qbridge version')
    .option('--verbose', 'print stack traces and debug details on errors')
    // Commander's "(Did you mean ...?)" after an unknown command or option; on by default, set so it stays on.
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
  for (const register of COMMANDS) register(program, io);
  return program;
}

/**
 * Runs the CLI and returns the exit code: 0 on success, 1 on an error (one line on stderr
 * naming the problem; a stack trace only with `--verbose`), 2 on a usage error, 130 when Ctrl-C
 * stopped the command (which then printed what applies: job ids, how to resume).
 */
export async function main(argv: readonly string[], baseIo: CliIo = processIo()): Promise<number> {
  const interrupt = baseIo.interrupt ?? new Interrupt({ stream: baseIo.stderr, isTTY: baseIo.isTTY });
  const io: CliIo = { ...baseIo, interrupt };
  const unlisten = io.signals ? interrupt.listen(io.signals) : undefined;
  const program = buildProgram(io);
  const verbose = argv.includes('--verbose');
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return interrupt.fired ? INTERRUPTED_EXIT_CODE : 0;
  } catch (e) {
    // The command was stopped by Ctrl-C and has said what applies; its abort error is no news.
    if (interrupt.fired) return INTERRUPTED_EXIT_CODE;
    if (e instanceof CommanderError) {
      // help and version exit 0; usage errors were already printed by commander
      return e.exitCode === 0 ? 0 : 2;
    }
    const message = isQbridgeError(e)
      ? `qbridge: ${e.name}: ${e.message}`
      : `qbridge: unexpected error: ${e instanceof Error ? e.message : String(e)}`;
    io.stderr.write(`${message}\n`);
    if (verbose && e instanceof Error && e.stack) io.stderr.write(`${e.stack}\n`);
    return 1;
  } finally {
    unlisten?.();
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
