import { readFile } from 'node:fs/promises';
import { parseQasm, parseQasmProgram, type QasmProgramResult } from '../circuit';
import type { Circuit } from '../circuit';
import { InputValidationError } from '../core/errors';

/**
 * Reads an OpenQASM 2/3 file into a circuit.
 *
 * @throws {InputValidationError} when the file cannot be read (missing, a directory, …)
 * @throws {QasmSyntaxError} when it is not a valid program (message has line and column)
 */
export async function readCircuitFile(file: string): Promise<Circuit> {
  return parseQasm(await readSource(file));
}

/**
 * Reads an OpenQASM file with its interface (`input` parameters, `output` registers).
 *
 * @throws {InputValidationError} when the file cannot be read
 * @throws {QasmSyntaxError} when it is not a valid program
 */
export async function readQasmProgramFile(file: string): Promise<QasmProgramResult> {
  return parseQasmProgram(await readSource(file));
}

async function readSource(file: string): Promise<string> {
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (code ?? 'read error');
    throw new InputValidationError(`cannot read circuit file '${file}': ${why}`);
  }
  return source;
}
