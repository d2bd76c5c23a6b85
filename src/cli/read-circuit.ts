import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parseQasm, parseQasmProgram, type QasmParseOptions, type QasmProgramResult } from '../circuit';
import type { Circuit } from '../circuit';
import { InputValidationError } from '../core/errors';

/**
 * Reads an OpenQASM 2/3 file into a circuit.
 *
 * @throws {InputValidationError} when the file cannot be read (missing, a directory, …)
 * @throws {QasmSyntaxError} when it is not a valid program (message has line and column)
 */
export async function readCircuitFile(file: string): Promise<Circuit> {
  return parseQasm(await readSource(file), { readInclude: localIncludes(file) });
}

/**
 * The include reader the CLI gives the parser: `include "defs.inc";` names a file relative to
 * the including file, which must lie inside the folder of the main file `main` (no absolute
 * paths, no `..` out of it), so a circuit file can only pull in files shipped beside it.
 */
export function localIncludes(main: string): NonNullable<QasmParseOptions['readInclude']> {
  const root = path.dirname(path.resolve(main));
  return (name, from) => {
    if (path.isAbsolute(name)) throw new Error('absolute include paths are not allowed; name a file relative to the including file');
    const base = from === undefined ? root : path.dirname(path.resolve(root, from));
    const resolved = path.resolve(base, name);
    const rel = path.relative(root, resolved);
    if (rel.startsWith('..') || path.isAbsolute(rel)) throw new Error(`it lies outside the folder of '${path.basename(main)}' (${root})`);
    let source: string;
    try {
      source = readFileSync(resolved, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new Error(code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (code ?? 'read error'));
    }
    return { source, path: rel.split(path.sep).join('/') };
  };
}

/**
 * Reads an OpenQASM file with its interface (`input` parameters, `output` registers).
 *
 * @throws {InputValidationError} when the file cannot be read
 * @throws {QasmSyntaxError} when it is not a valid program
 */
export async function readQasmProgramFile(file: string): Promise<QasmProgramResult> {
  return parseQasmProgram(await readSource(file), { readInclude: localIncludes(file) });
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
