import type { EventEmitter } from 'node:events';
import { statSync, type Stats } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { InputValidationError } from '../core/errors';
import type { Interrupt } from './interrupt';

/** Where the CLI writes: injectable so commands can be tested in-process. */
export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  /** True when stderr is an interactive terminal (progress bars only then). */
  isTTY: boolean;
  /**
   * Where answers to questions are read (the process's stdin). A question is asked only when
   * this is a terminal (`isTTY`) and so is stderr; absent: never asked.
   */
  stdin?: Readable & { isTTY?: boolean };
  /** Where SIGINT comes from (the process; an emitter in tests). Absent: Ctrl-C is not handled. */
  signals?: EventEmitter;
  /** The run's Ctrl-C handling, set by `main` for the commands (see src/cli/interrupt.ts). */
  interrupt?: Interrupt;
}

/** The process's own streams. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, isTTY: Boolean(process.stderr.isTTY), stdin: process.stdin, signals: process };
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

/**
 * Checks, before any computation, that every output file a command was given can be created:
 * its folder exists and the path is not itself a folder. Without this a long run would compute
 * and only then fail on the write (ENOENT). Flags that were not given (`undefined`) are skipped.
 *
 * @param files output paths by flag name, e.g. `{ '--out': opts.out, '--svg': opts.svg }`
 * @throws {InputValidationError} naming the flag and the missing folder
 */
export function checkOutputFiles(files: Readonly<Record<string, string | undefined>>): void {
  for (const [flag, file] of Object.entries(files)) {
    if (file === undefined) continue;
    if (file.trim() === '') throw new InputValidationError(`${flag} needs a file name`);
    const folder = dirname(resolve(file));
    const stat = statOrNull(folder);
    if (!stat) throw new InputValidationError(`${flag} ${file}: folder '${folder}' does not exist (create it first)`);
    if (!stat.isDirectory()) throw new InputValidationError(`${flag} ${file}: '${folder}' is not a folder`);
    if (statOrNull(file)?.isDirectory()) throw new InputValidationError(`${flag} ${file}: is a folder, not a file`);
  }
}

function statOrNull(p: string): Stats | null {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}

/**
 * Writes an output file; a failed write (no permission, disk full) is an InputValidationError
 * naming the flag, not an unexpected error.
 */
export async function writeOutputFile(flag: string, file: string, text: string): Promise<void> {
  try {
    await writeFile(file, text);
  } catch (e) {
    throw new InputValidationError(`cannot write ${flag} file '${file}': ${(e as NodeJS.ErrnoException).code ?? 'write error'}`, undefined, { cause: e });
  }
}
