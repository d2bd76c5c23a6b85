import type { Writable } from 'node:stream';

/** Where the CLI writes: injectable so commands can be tested in-process. */
export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  /** True when stderr is an interactive terminal (progress bars only then). */
  isTTY: boolean;
}

/** The process's own streams. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, isTTY: Boolean(process.stderr.isTTY) };
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
