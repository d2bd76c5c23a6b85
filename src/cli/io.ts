import type { EventEmitter } from 'node:events';
import type { Writable } from 'node:stream';
import type { Interrupt } from './interrupt';

/** Where the CLI writes: injectable so commands can be tested in-process. */
export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  /** True when stderr is an interactive terminal (progress bars only then). */
  isTTY: boolean;
  /** Where SIGINT comes from (the process; an emitter in tests). Absent: Ctrl-C is not handled. */
  signals?: EventEmitter;
  /** The run's Ctrl-C handling, set by `main` for the commands (see src/cli/interrupt.ts). */
  interrupt?: Interrupt;
}

/** The process's own streams. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, isTTY: Boolean(process.stderr.isTTY), signals: process };
}

/**
 * Writes `text` and resolves once the stream has accepted it all, so large outputs
 * (megabytes of JSON) are complete before the process exits.
 */
export function writeAll(stream: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (err) => (err ? reject(err) : resolve()));
  });
}
