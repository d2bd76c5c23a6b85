import type { EventEmitter } from 'node:events';
import type { Writable } from 'node:stream';
import { AbortedError } from '../core/errors';

/**
 * Escape sequences that undo what a progress bar does to the terminal: cli-progress hides the
 * cursor (`ESC[?25l`) and turns off auto-wrap (`ESC[?7l`) while it draws, and only its own `stop()`
 * turns them back on; a Ctrl-C that ends the process before that leaves the shell without a cursor
 * and without line wrapping. `ESC[?25h` shows the cursor, `ESC[?7h` re-enables wrapping.
 */
export const RESTORE_TERMINAL = '\x1b[?25h\x1b[?7h';

/** The exit code of a run ended by Ctrl-C (128 + SIGINT's number 2, as shells report it). */
export const INTERRUPTED_EXIT_CODE = 130;

/** Options of {@link Interrupt}. */
export interface InterruptOptions {
  /** Where the terminal reset and the notes go (stderr). */
  stream: Writable;
  /** True when `stream` is a terminal: the reset sequences are written only then. */
  isTTY: boolean;
  /** Ends the process at once (a second Ctrl-C, or one during a command that cannot stop cleanly). */
  exit?: (code: number) => void;
}

/**
 * Ctrl-C for one CLI run. A command that can stop cleanly calls {@link Interrupt.begin} and passes
 * the returned signal to its waits; on the first SIGINT the terminal is restored, `interrupted` is
 * printed, the signal aborts and the command prints what applies (job ids, how to resume) before
 * it returns. A second SIGINT, or one while no command has begun, restores the terminal and exits
 * at once with {@link INTERRUPTED_EXIT_CODE}.
 */
export class Interrupt {
  private readonly controller = new AbortController();
  private cooperative = false;
  private readonly exit: (code: number) => void;

  constructor(private readonly options: InterruptOptions) {
    this.exit = options.exit ?? ((code) => process.exit(code));
  }

  /** True once a SIGINT has been handled. */
  get fired(): boolean {
    return this.controller.signal.aborted;
  }

  /** Declares that the running command stops on the returned signal (instead of being ended). */
  begin(): AbortSignal {
    this.cooperative = true;
    return this.controller.signal;
  }

  /** Handles one SIGINT (see the class comment). */
  handle(): void {
    if (this.options.isTTY) this.options.stream.write(RESTORE_TERMINAL);
    if (this.fired || !this.cooperative) {
      this.options.stream.write('\nqbridge: interrupted\n');
      this.exit(INTERRUPTED_EXIT_CODE);
      return;
    }
    this.options.stream.write('\nqbridge: interrupted (Ctrl-C again to quit at once)\n');
    this.controller.abort(new AbortedError('interrupted by Ctrl-C'));
  }

  /** Handles SIGINT from `source` until the returned function is called. */
  listen(source: EventEmitter): () => void {
    const on = (): void => this.handle();
    source.on('SIGINT', on);
    return () => {
      source.removeListener('SIGINT', on);
    };
  }
}

/**
 * True when `e` is the abort of an interrupted run (the command then prints its notes and the CLI
 * exits with {@link INTERRUPTED_EXIT_CODE} instead of an error line).
 */
export function isInterruption(e: unknown, interrupt: Interrupt | undefined): boolean {
  return interrupt?.fired === true && e instanceof AbortedError;
}
