import { SPEND_CONFIRM_SECONDS } from '../../ibm/spend-estimate';
import { prepareIsaCircuit } from '../../primitives/isa-prepare';
import { checkSpend } from '../spend';
import { chosenInstance, instanceJson, instanceLine } from '../ibm-instance';
import type { Command } from 'commander';
import { CircuitValidationError, InputValidationError } from '../../core/errors';
import { Sampler } from '../../primitives/sampler';
import { histogram } from '../svg';
import { resolveCliBackend, timeoutFlag, TIMEOUT_FLAG_HELP } from './backends';
import { checkOutputFiles, writeAll, writeOutputFile, type CliIo } from '../io';
import { checkShotsForBackend, integerFlag, shotsFlag } from '../flags';
import { readQasmProgramFile } from '../read-circuit';
import { bindInputFlags, collectFlag, inputsLine, PARAM_FLAG_HELP, PARAMS_FLAG_HELP } from '../param-flags';
import { awaitJob, CANCEL_ON_INTERRUPT_HELP } from '../job-wait';
import { addMitigationFlags, checkRunMitigation, checkRunMitigationSpend, mitigateRun, runMitigationJson, runMitigationLines, type MitigationFlags } from '../mitigation-flags';
import { addNoiseFlags, noiseFlagsOf, noiseJson, noiseLine, noiseUsed, noisyBackendFromFlags, type NoiseFlags } from '../noise-flags';

/**
 * `qbridge run FILE [--shots N] [--seed S] [--json] [--backend NAME] [--noise [--noise-method M]] [--mitigate [SOURCE]]
 * [--svg FILE] [--timeout SECONDS] [--param NAME=VALUE …] [--params FILE.json]`: samples an
 * OpenQASM program on a backend from the registry (default: QBRIDGE_BACKEND, else the local
 * simulator) and prints counts per classical register (Qiskit bit order: the leftmost character
 * is the highest bit of the register). A program's `input` parameters take their values from
 * `--param`/`--params` (each row of `--params` is one circuit of the job); `output` registers are listed.
 */
export function registerRun(program: Command, io: CliIo): void {
  addNoiseFlags(addMitigationFlags(program
    .command('run')
    .description('run an OpenQASM 2/3 file on a backend (default local simulator) and print counts per classical register')
    .argument('<file>', 'OpenQASM source file')
    .option('--shots <n>', 'number of shots', '1024')
    .option('--seed <s>', 'seed of the sampler (same seed, same counts)')
    .option('--json', 'print one JSON object {"backend", "job_id", "shots", "counts"}')
    .option('--backend <name>', 'backend name (default: QBRIDGE_BACKEND or local)')
    .option('--svg <file>', 'also write a histogram of the counts (top 16 outcomes and "other") as SVG')
    .option('--register <name>', 'classical register plotted by --svg (default: the first one)')
    .option('--timeout <seconds>', TIMEOUT_FLAG_HELP)
    .option('--cancel-on-interrupt', CANCEL_ON_INTERRUPT_HELP)
    .option('--param <name=value>', PARAM_FLAG_HELP, collectFlag)
    .option('--params <file>', PARAMS_FLAG_HELP)
    .option('--yes', `submit to an IBM device even when the estimated QPU time is above ${SPEND_CONFIRM_SECONDS} s`)))
    .action(async (file: string, opts: MitigationFlags & NoiseFlags & { yes?: boolean; shots: string; seed?: string; json?: boolean; backend?: string; svg?: string; register?: string; timeout?: string; cancelOnInterrupt?: boolean; param?: string[]; params?: string }) => {
      const shots = shotsFlag(opts.shots);
      noiseFlagsOf(opts);
      const timeoutMs = timeoutFlag(opts.timeout);
      const seed = opts.seed === undefined ? undefined : integerFlag('--seed', opts.seed, 0, 2 ** 32 - 1);
      checkOutputFiles({ '--svg': opts.svg });
      const program = await readQasmProgramFile(file);
      const rows = await bindInputFlags(program, opts);
      const circuit = rows[0]!.circuit;
      if (rows.length > 1 && opts.svg !== undefined) throw new InputValidationError(`--svg plots one run: --params ${opts.params} holds ${rows.length} rows`);
      if (circuit.numClbits === 0) {
        throw new CircuitValidationError(`'${file}' has no classical bits: measure into a classical register to get counts`);
      }
      // Checked before the run: a typo must not cost a (possibly paid) job.
      const registers = circuit.classicalRegisters.map((r) => r.name);
      if (opts.register !== undefined && opts.svg === undefined) throw new InputValidationError('--register chooses what --svg plots: give --svg FILE too');
      if (opts.register !== undefined && !registers.includes(opts.register)) {
        throw new InputValidationError(`--register '${opts.register}' is not a classical register of '${file}' (registers: ${registers.join(', ')})`);
      }
      const plotted = opts.register ?? registers[0]!;
      const backend = (await noisyBackendFromFlags(opts.backend, opts)) ?? (await resolveCliBackend(opts.backend, io));
      checkShotsForBackend(shots, backend);
      checkRunMitigation(opts, backend);
      // The estimate times the circuit as the device will run it: the ISA form the Sampler sends.
      const isa = (): typeof circuit => (backend.target.requiresIsa ? prepareIsaCircuit(circuit, backend.target).circuit : circuit);
      // Mitigation corrects one run's counts with the qubits it measured.
      if (opts.mitigate && rows.length > 1) throw new InputValidationError(`--mitigate corrects one run: --params ${opts.params} holds ${rows.length} rows`);
      await checkSpend(io, backend, { circuits: rows.length, shots, jobs: 1, circuit: isa }, opts.yes === true);
      // Mitigation reads which physical qubit each bit measured: the ISA circuit is sent as is.
      const sent = opts.mitigate ? [isa()] : rows.map((r) => r.circuit);
      await checkRunMitigationSpend(io, opts, backend, sent[0]!, opts.yes === true);
      const job = await new Sampler(backend, { shots, seed }).run(sent);
      const settled = await awaitJob(io, backend, job, { timeoutMs, cancelOnInterrupt: opts.cancelOnInterrupt });
      const pubs = settled.pubs;
      const noise = noiseUsed(settled.metadata, opts);
      const mitigation = await mitigateRun(opts, backend, sent[0]!, pubs[0]!.data, seed);
      const countsOf = (k: number): Record<string, Record<string, number>> =>
        Object.fromEntries(Object.entries(pubs[k]!.data).map(([reg, bits]) => [reg, sortedCounts(bits.getCounts())]));
      const counts = countsOf(0);
      const instance = chosenInstance(backend);
      const hasInputs = program.inputs.length > 0;
      const outputs = program.outputs.map((o) => o.name);
      const result = {
        backend: backend.name, ...(instance ? { instance: instanceJson(instance) } : {}), job_id: job.id, shots,
        ...noiseJson(noise),
        ...(rows.length > 1 ? { rows: rows.map((r, k) => ({ inputs: r.inputs, counts: countsOf(k) })) } : { ...(hasInputs ? { inputs: rows[0]!.inputs } : {}), counts }),
        ...(outputs.length ? { outputs } : {}),
        ...runMitigationJson(mitigation),
      };
      if (opts.svg !== undefined) {
        await writeSvg(opts.svg, plotted, registers, counts, shots);
        // stderr, so --json stdout stays one JSON object.
        await writeAll(io.stderr, `histogram of register '${plotted}' written to ${opts.svg}\n`);
      }
      if (opts.json) {
        await writeAll(io.stdout, `${JSON.stringify(result)}\n`);
        return;
      }
      const lines = [`backend ${backend.name}, ${shots} shots${seed === undefined ? '' : `, seed ${seed}`}`, ...(instance ? [instanceLine(instance)] : []), ...(noise ? [noiseLine(noise)] : [])];
      if (outputs.length) lines.push(`outputs: ${outputs.join(', ')}`);
      for (const [k, row] of rows.entries()) {
        if (hasInputs) lines.push(`${rows.length > 1 ? `row ${k + 1}: ` : ''}inputs ${inputsLine(row.inputs)}`);
        for (const [reg, c] of Object.entries(countsOf(k))) {
          lines.push(`${reg}:`);
          for (const [bits, n] of Object.entries(c).sort(([, a], [, b]) => b - a)) lines.push(`  ${bits}  ${n}`);
        }
      }
      lines.push(...runMitigationLines(mitigation));
      await writeAll(io.stdout, `${lines.join('\n')}\n`);
    });
}

function sortedCounts(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Writes a histogram of register `reg`'s counts; the title names it among all registers. */
async function writeSvg(file: string, reg: string, registers: string[], counts: Record<string, Record<string, number>>, shots: number): Promise<void> {
  const of = registers.length > 1 ? ` (of ${registers.join(', ')})` : '';
  const svg = histogram(counts[reg]!, { title: `register ${reg}${of}: ${shots} shots` });
  await writeOutputFile('--svg', file, svg);
}
