import type { Command } from 'commander';
import { drawText } from '../../circuit/draw';
import { InputValidationError } from '../../core/errors';
import { writeAll, type CliIo } from '../io';
import { readCircuitFile } from '../read-circuit';

/** The fold width when the output is no terminal (what Qiskit assumes then too). */
const DEFAULT_FOLD = 80;

/**
 * `qbridge draw FILE [--fold N] [--initial-state] [--no-cregbundle] [--reverse-bits] [--justify MODE] [--no-idle-wires]`: the
 * circuit of an OpenQASM 2/3 file drawn as text, laid out as Qiskit's `circuit.draw('text')`
 * (see {@link drawText}); folded at the terminal's width (80 columns when stdout is not a
 * terminal) unless `--fold` says otherwise (`--fold -1`: never).
 */
export function registerDraw(program: Command, io: CliIo): void {
  program
    .command('draw')
    .description("draw an OpenQASM 2/3 file's circuit as text, laid out as Qiskit's circuit.draw('text')")
    .argument('<file>', 'OpenQASM source file')
    .option('--fold <n>', 'fold the drawing at this many columns (default: the terminal width, 80 when not a terminal); -1: never fold')
    .option('--initial-state', 'write |0> and 0 at the start of the wires')
    .option('--no-cregbundle', 'one wire per classical bit instead of one per register')
    .option('--reverse-bits', 'draw the last qubit at the top')
    .option('--justify <mode>', 'left (default), right or none: how instructions are pushed into columns')
    .option('--no-idle-wires', 'leave out wires that nothing but barriers touch')
    .action(async (file: string, opts: DrawFlags) => {
      const lineLength = opts.fold === undefined ? terminalWidth(io) : foldFlag(opts.fold);
      const justify = justifyFlag(opts.justify);
      const circuit = await readCircuitFile(file);
      const text = drawText(circuit, {
        lineLength,
        justify,
        initialState: opts.initialState,
        cregbundle: opts.cregbundle,
        reverseBits: opts.reverseBits,
        idleWires: opts.idleWires,
      });
      await writeAll(io.stdout, `${text}\n`);
    });
}

/** The flags of `qbridge draw` as commander parses them. */
interface DrawFlags {
  fold?: string;
  initialState?: boolean;
  cregbundle: boolean;
  reverseBits?: boolean;
  justify?: string;
  idleWires: boolean;
}

/** `--justify`: left, right or none. */
function justifyFlag(raw: string | undefined): 'left' | 'right' | 'none' | undefined {
  if (raw === undefined) return undefined;
  if (raw === 'left' || raw === 'right' || raw === 'none') return raw;
  throw new InputValidationError(`--justify must be left, right or none, got '${raw}'`);
}

/** The width of the terminal stdout writes to, or {@link DEFAULT_FOLD}. */
function terminalWidth(io: CliIo): number {
  const columns = (io.stdout as { columns?: unknown }).columns;
  return typeof columns === 'number' && Number.isInteger(columns) && columns > 0 ? columns : DEFAULT_FOLD;
}

/** `--fold`: a positive integer, or -1 for no folding. */
function foldFlag(raw: string): number {
  const v = /^\s*(-1|[+]?[0-9]+)\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(v) || (v < 1 && v !== -1)) {
    throw new InputValidationError(`--fold must be a positive integer or -1 (never fold), got '${raw}'`);
  }
  return v;
}
