import { readFile } from 'node:fs/promises';
import { bindQasmInputs, type QasmProgramResult } from '../circuit/qasm';
import type { Circuit } from '../circuit';
import { InputValidationError } from '../core/errors';
import { numberFlag } from './flags';

/**
 * The `--param NAME=VALUE` (repeatable) and `--params FILE.json` flags of `run` and
 * `statevector`: values for a program's `input` parameters. `--params` holds an object of
 * name → number, or an array of such objects: one row (one run) each. `--param` values apply to
 * every row. Every input needs a value; names that are not inputs are refused.
 */

/** Help text of `--param`. */
export const PARAM_FLAG_HELP = "value of an OpenQASM 'input' parameter, NAME=VALUE (repeatable)";
/** Help text of `--params`. */
export const PARAMS_FLAG_HELP = 'JSON file of input values: {"NAME": VALUE, …}, or an array of such objects (one run per row)';

/** Commander's collector for a repeatable flag. */
export function collectFlag(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** One binding of the program's inputs, with the circuit it gives. */
export interface BoundRow {
  /** Input name → value, in the program's declaration order. */
  readonly inputs: Record<string, number>;
  readonly circuit: Circuit;
}

/** Parses `--param` occurrences into name → value. */
function paramPairs(raw: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of raw) {
    const eq = r.indexOf('=');
    const name = eq < 0 ? '' : r.slice(0, eq).trim();
    if (!name) throw new InputValidationError(`--param must be NAME=VALUE, got '${r}'`);
    if (out.has(name)) throw new InputValidationError(`--param ${name} is given twice`);
    out.set(name, numberFlag(`--param ${name}`, r.slice(eq + 1)));
  }
  return out;
}

/** Reads `--params FILE.json` into rows of name → value. */
async function paramsFile(file: string): Promise<Map<string, number>[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputValidationError(`--params: cannot read '${file}': ${code === 'ENOENT' ? 'no such file' : (code ?? 'read error')}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new InputValidationError(`--params: '${file}' is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const rows = Array.isArray(data) ? data : [data];
  if (rows.length === 0) throw new InputValidationError(`--params: '${file}' holds an empty array: no row to run`);
  return rows.map((row, k) => {
    const where = Array.isArray(data) ? `--params ${file} row ${k + 1}` : `--params ${file}`;
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      throw new InputValidationError(`${where}: expected an object of input name → number`);
    }
    const m = new Map<string, number>();
    for (const [name, v] of Object.entries(row as Record<string, unknown>)) {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new InputValidationError(`${where}: input '${name}' must be a finite number, got ${JSON.stringify(v)}`);
      m.set(name, v);
    }
    return m;
  });
}

/**
 * The program's circuit bound once per row of `--params` (once without it) with the `--param`
 * values added to each row.
 *
 * @throws {InputValidationError} naming the flag for a malformed value, a name that is not an
 *   input of the program, a name given by both flags, or an input left without a value
 */
export async function bindInputFlags(program: QasmProgramResult, flags: { param?: readonly string[]; params?: string }): Promise<BoundRow[]> {
  const pairs = paramPairs(flags.param ?? []);
  const fileRows = flags.params === undefined ? [new Map<string, number>()] : await paramsFile(flags.params);
  const names = program.inputs.map((i) => i.name);
  const list = names.length ? names.join(', ') : 'the program declares none';
  const known = (n: string): boolean => program.inputs.some((i) => i.name === n || i.parameter === n);
  for (const n of pairs.keys()) {
    if (!known(n)) throw new InputValidationError(`--param ${n}: the program has no input '${n}' (inputs: ${list})`);
  }
  return fileRows.map((fileRow, k) => {
    const where = flags.params === undefined ? '' : fileRows.length > 1 ? `--params ${flags.params} row ${k + 1}` : `--params ${flags.params}`;
    for (const n of fileRow.keys()) {
      if (!known(n)) throw new InputValidationError(`${where}: the program has no input '${n}' (inputs: ${list})`);
      if (pairs.has(n)) throw new InputValidationError(`input '${n}' is given by both --param and ${where}`);
    }
    const values: Record<string, number> = Object.create(null) as Record<string, number>;
    for (const inp of program.inputs) {
      const v = pairs.get(inp.name) ?? pairs.get(inp.parameter) ?? fileRow.get(inp.name) ?? fileRow.get(inp.parameter);
      if (v === undefined) {
        throw new InputValidationError(`input '${inp.name}' (line ${inp.line}) has no value${where ? ` in ${where}` : ''}: give --param ${inp.name}=VALUE or --params FILE.json`);
      }
      values[inp.name] = v;
    }
    return { inputs: { ...values }, circuit: bindQasmInputs(program, values) };
  });
}

/** `theta=0.5, phi=1` for the text output. */
export function inputsLine(inputs: Record<string, number>): string {
  return Object.entries(inputs).map(([n, v]) => `${n}=${v}`).join(', ');
}
