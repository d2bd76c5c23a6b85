import type { Command } from 'commander';
import { Statevector } from '../../../simulators/statevector';
import { InputValidationError } from '../../core/errors';
import { getDefaultRegistry } from '../../index';
import { isIsa } from '../../transpiler/isa';
import { resolveCliBackend } from './backends';
import { writeAll, type CliIo } from '../io';
import { readQasmProgramFile } from '../read-circuit';
import { bindInputFlags, collectFlag, inputsLine, PARAM_FLAG_HELP, PARAMS_FLAG_HELP } from '../param-flags';

/** Amplitudes below this magnitude are left out of the readable listing (not of --json). */
const LISTING_ATOL = 1e-12;

/**
 * Non-zero amplitudes the readable listing shows without `--full`: the first and the last
 * {@link LISTING_EDGE} (a 20-qubit uniform state would otherwise print a million lines).
 */
export const LISTING_EDGE = 8;

/**
 * `qbridge statevector FILE [--json] [--full] [--param NAME=VALUE …] [--params FILE.json]`: the final statevector of an OpenQASM program on the
 * local simulator (final measurements ignored). The readable listing shows the first and last
 * {@link LISTING_EDGE} non-zero amplitudes and says how many it left out unless `--full`;
 * `--json` always holds every amplitude.
 */
export function registerStatevector(program: Command, io: CliIo): void {
  program
    .command('statevector')
    .description('simulate an OpenQASM 2/3 file and print its final statevector (final measurements ignored)')
    .argument('<file>', 'OpenQASM source file')
    .option('--json', 'print one JSON object {"num_qubits", "statevector": {"re", "im"}}')
    .option('--full', 'list every non-zero amplitude (default: the first and last 8, with a count of those left out); --json is always complete')
    .option('--backend <name>', 'backend with exact statevectors (default: QBRIDGE_BACKEND or local); on an ISA-only device a non-ISA circuit gives its logical state, with a note')
    .option('--param <name=value>', PARAM_FLAG_HELP, collectFlag)
    .option('--params <file>', PARAMS_FLAG_HELP)
    .action(async (file: string, opts: { json?: boolean; full?: boolean; backend?: string; param?: string[]; params?: string }) => {
      const program = await readQasmProgramFile(file);
      const rows = await bindInputFlags(program, opts);
      const backend = await resolveCliBackend(opts.backend, io);
      if (!backend.statevector) throw new InputValidationError(`backend '${backend.name}' cannot return statevectors`);
      const outputs = program.outputs.map((o) => o.name);
      const many = rows.length > 1;
      if (opts.json && many) await writeAll(io.stdout, '{"rows": [');
      for (const [k, { circuit, inputs }] of rows.entries()) {
        const logical = backend.target.requiresIsa && !isIsa(circuit, backend.target);
        // Like `kernel --backend NAME` on its exact path: the exact state of the logical circuit.
        const engine = logical ? await getDefaultRegistry().get('local') : backend;
        const sv = new Statevector(await engine.statevector!(circuit));
        if (logical && k === 0) await writeAll(io.stderr, `qbridge: note: ${logicalNote(backend.name)}\n`);
        const extra = (program.inputs.length ? `, "inputs": ${JSON.stringify(inputs)}` : '') + (outputs.length ? `, "outputs": ${JSON.stringify(outputs)}` : '');
        if (opts.json) await writeJson(io, sv, extra, many ? (k + 1 < rows.length ? ', ' : ']}\n') : '\n');
        else {
          const head = [...(program.inputs.length ? [`${many ? `row ${k + 1}: ` : ''}inputs ${inputsLine(inputs)}`] : []), ...(outputs.length && k === 0 ? [`outputs: ${outputs.join(', ')}`] : [])];
          await writeAll(io.stdout, (head.length ? `${head.join('\n')}\n` : '') + listing(sv, Boolean(opts.full)));
        }
      }
    });
}

/**
 * What `statevector --backend NAME` printed for a circuit that is not ISA on an ISA-only backend,
 * and why it is not transpiled: routing would spread the qubits over the device's physical
 * qubits (156 on fake_fez: no statevector holds them) and permute them, and the transpiler drops
 * the global phase; the ideal state of the logical circuit is what the backend's exact path (and
 * `kernel` on it) computes.
 */
export function logicalNote(backend: string): string {
  return (
    `'${backend}' takes only ISA circuits and this one is not: printed is the exact state of the logical circuit (the local engine, ` +
    `as \`kernel --backend ${backend}\` computes exact kernels), not transpiled, since routing would spread it over the device's physical qubits; ` +
    `an ISA circuit (\`qbridge transpile FILE --backend ${backend}\`) runs on ${backend} as given`
  );
}

/**
 * Writes `{"num_qubits": n, "statevector": {"re": [...], "im": [...]}}` (then `extra` fields:
 * the inputs and outputs, when the program has them; then `end`) in chunks, so a
 * 20-qubit state (tens of megabytes) neither builds one giant string nor gets cut at exit.
 * Numbers use JavaScript's shortest round-trip form.
 */
async function writeJson(io: CliIo, sv: Statevector, extra = '', end = '\n'): Promise<void> {
  await writeAll(io.stdout, `{"num_qubits": ${sv.numQubits}, "statevector": {"re": [`);
  await writeArray(io, sv.re);
  await writeAll(io.stdout, '], "im": [');
  await writeArray(io, sv.im);
  await writeAll(io.stdout, `]}${extra}}${end}`);
}

async function writeArray(io: CliIo, a: Float64Array): Promise<void> {
  const CHUNK = 1 << 14;
  for (let i = 0; i < a.length; i += CHUNK) {
    const part = Array.from(a.subarray(i, Math.min(a.length, i + CHUNK)), (x) => (Object.is(x, -0) ? '0' : String(x)));
    await writeAll(io.stdout, (i > 0 ? ',' : '') + part.join(','));
  }
}

/**
 * `|bits⟩  re ± im i  (p = …)` for each non-zero amplitude, bit string highest qubit first; without
 * `full`, only the first and last {@link LISTING_EDGE}, with a line saying how many are left out.
 */
export function listing(sv: Statevector, full: boolean): string {
  const nonZero: number[] = [];
  for (let i = 0; i < sv.dim; i++) if (Math.hypot(sv.re[i]!, sv.im[i]!) > LISTING_ATOL) nonZero.push(i);
  const cut = !full && nonZero.length > 2 * LISTING_EDGE;
  const head = `${sv.numQubits}-qubit statevector, ${nonZero.length} non-zero amplitude${nonZero.length === 1 ? '' : 's'}${cut ? `, first and last ${LISTING_EDGE} shown` : ''} (qubit 0 is the rightmost bit):`;
  const line = (i: number): string => {
    const re = sv.re[i]!;
    const im = sv.im[i]!;
    const bits = sv.numQubits ? i.toString(2).padStart(sv.numQubits, '0') : '';
    const sign = im < 0 ? '-' : '+';
    return `|${bits}⟩  ${re.toFixed(8)} ${sign} ${Math.abs(im).toFixed(8)}i  (p = ${(re * re + im * im).toFixed(8)})`;
  };
  const lines = [head];
  if (!cut) lines.push(...nonZero.map(line));
  else {
    lines.push(...nonZero.slice(0, LISTING_EDGE).map(line));
    lines.push(`… ${nonZero.length - 2 * LISTING_EDGE} amplitudes omitted (pass --full to list all, or --json for every amplitude) …`);
    lines.push(...nonZero.slice(-LISTING_EDGE).map(line));
  }
  return `${lines.join('\n')}\n`;
}
