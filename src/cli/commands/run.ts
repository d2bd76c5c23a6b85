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
import { readCircuitFile } from '../read-circuit';
import { awaitJob, CANCEL_ON_INTERRUPT_HELP } from '../job-wait';
import { addMitigationFlags, checkRunMitigation, checkRunMitigationSpend, mitigateRun, runMitigationJson, runMitigationLines, type MitigationFlags } from '../mitigation-flags';
import { addNoiseFlags, noiseFlagsOf, noiseLine, noiseUsed, noisyBackendFromFlags, type NoiseFlags } from '../noise-flags';

/**
 * `qbridge run FILE [--shots N] [--seed S] [--json] [--backend NAME] [--noise [--noise-method M]] [--svg FILE] [--timeout SECONDS]`: samples an
 * OpenQASM program on a backend from the registry (default: QBRIDGE_BACKEND, else the local
 * simulator) and prints counts per classical register (Qiskit bit order: the leftmost character
 * is the highest bit of the register).
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
    .option('--yes', `submit to an IBM device even when the estimated QPU time is above ${SPEND_CONFIRM_SECONDS} s`)))
    .action(async (file: string, opts: MitigationFlags & NoiseFlags & { yes?: boolean; shots: string; seed?: string; json?: boolean; backend?: string; svg?: string; register?: string; timeout?: string; cancelOnInterrupt?: boolean }) => {
      const shots = shotsFlag(opts.shots);
      noiseFlagsOf(opts);
      const timeoutMs = timeoutFlag(opts.timeout);
      const seed = opts.seed === undefined ? undefined : integerFlag('--seed', opts.seed, 0, 2 ** 32 - 1);
      checkOutputFiles({ '--svg': opts.svg });
      const circuit = await readCircuitFile(file);
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
      await checkSpend(io, backend, { circuits: 1, shots, jobs: 1, circuit: isa }, opts.yes === true);
      // Mitigation reads which physical qubit each bit measured: the ISA circuit is sent as is.
      const sent = opts.mitigate ? isa() : circuit;
      await checkRunMitigationSpend(io, opts, backend, sent, opts.yes === true);
      const job = await new Sampler(backend, { shots, seed }).run([sent]);
      const settled = await awaitJob(io, backend, job, { timeoutMs, cancelOnInterrupt: opts.cancelOnInterrupt });
      const data = settled.pubs[0]!.data;
      const noise = noiseUsed(settled.metadata, opts);
      const mitigation = await mitigateRun(opts, backend, sent, data, seed);
      const counts = Object.fromEntries(Object.entries(data).map(([reg, bits]) => [reg, sortedCounts(bits.getCounts())]));
      const instance = chosenInstance(backend);
      const result = { backend: backend.name, ...(instance ? { instance: instanceJson(instance) } : {}), job_id: job.id, shots, ...(noise ? { noise: { model: noise.model, method: noise.method } } : {}), counts, ...runMitigationJson(mitigation) };
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
      for (const [reg, counts] of Object.entries(result.counts)) {
        lines.push(`${reg}:`);
        for (const [bits, n] of Object.entries(counts).sort(([, a], [, b]) => b - a)) lines.push(`  ${bits}  ${n}`);
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
