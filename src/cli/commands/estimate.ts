import type { Command } from 'commander';
import { InputValidationError } from '../../core/errors';
import { Estimator } from '../../primitives/estimator';
import type { PauliSum } from '../../primitives/types';
import { writeAll, type CliIo } from '../io';
import { integerFlag } from '../flags';
import { readCircuitFile } from '../read-circuit';
import { resolveCliBackend } from './backends';
import { addNoiseFlags, noiseFlagsOf, noiseJson, noiseLine, noiseUsed, noisyBackendFromFlags, type NoiseFlags } from '../noise-flags';
import { SPEND_CONFIRM_SECONDS } from '../../ibm/spend-estimate';
import { checkEstimatorSpend } from '../spend';
import { chosenInstance, instanceJson, instanceLine } from '../ibm-instance';
import { estimatorMitigation, ESTIMATE_MITIGATE_HELP } from '../mitigation-flags';

/**
 * Refuses, naming `--observable`, a label whose length is not the circuit's qubit count (one
 * letter per qubit, rightmost = qubit 0), before anything runs.
 * @throws {InputValidationError}
 */
export function checkObservableWidth(observables: readonly PauliSum[], numQubits: number, file: string): void {
  for (const sum of observables) {
    for (const [label] of sum) {
      if (label.length !== numQubits) {
        throw new InputValidationError(`--observable label '${label}' has ${label.length} letter(s) but '${file}' has ${numQubits} qubit(s): one letter per qubit, rightmost = qubit 0`);
      }
    }
  }
}

/**
 * Parses `"ZZ:1,XI:0.5"` into a Pauli sum. A term without `:COEFF` has coefficient 1.
 * Letters are checked here, the length against the circuit by {@link checkObservableWidth}.
 * @throws {InputValidationError} naming `--observable` and the term
 */
export function parseObservable(text: string): PauliSum {
  const terms = text.split(',').map((t) => t.trim());
  if (!text.trim() || terms.some((t) => t === '')) {
    throw new InputValidationError(`--observable '${text}' must be LABEL[:COEFF] terms separated by commas`);
  }
  return terms.map((t) => {
    const m = /^([A-Za-z]+)(?::\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?))?$/.exec(t);
    if (!m) throw new InputValidationError(`--observable term '${t}' is not LABEL[:COEFF] (e.g. ZZ:1 or XI:-0.5)`);
    if (!/^[IXYZ]+$/i.test(m[1]!)) throw new InputValidationError(`--observable term '${t}': a Pauli label has only the letters I, X, Y and Z`);
    return [m[1]!.toUpperCase(), m[2] === undefined ? 1 : Number(m[2])] as const;
  });
}

function precisionOption(raw: string): number {
  const v = /^\s*[+]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(v) || v < 0 || v > 1) throw new InputValidationError(`--precision must be a number from 0 to 1, got '${raw}'`);
  return v;
}

/**
 * `qbridge estimate FILE --observable "ZZ:1,XI:0.5" [--observable ...] [--precision P] [--seed S]
 * [--backend NAME] [--noise [--noise-method M]] [--json] [--yes]`: expectation values of Pauli sums on an OpenQASM circuit.
 * Precision 0 (the local default) is exact; P > 0 samples ⌈1/P²⌉ shots per measurement basis.
 */
export function registerEstimate(program: Command, io: CliIo): void {
  addNoiseFlags(program
    .command('estimate'))
    .description('estimate expectation values of Pauli sums (rightmost letter = qubit 0) on an OpenQASM circuit')
    .argument('<file>', 'OpenQASM 2/3 source file (final measurements are ignored)')
    .requiredOption('--observable <sum>', 'Pauli sum "ZZ:1,XI:0.5"; repeat for several observables', (v: string, acc: string[] = []) => [...acc, v])
    .option('--precision <p>', 'target standard error; 0 = exact on simulators')
    .option('--seed <s>', 'seed for shot-based estimates')
    .option('--backend <name>', 'backend name (default: QBRIDGE_BACKEND or local)')
    .option('--json', 'print one JSON object {"backend", "job_id", "precision", "results": [{"observable", "ev", "std"}]}')
    .option('--yes', `submit to an IBM device even when the estimated QPU time is above ${SPEND_CONFIRM_SECONDS} s`)
    .option('--mitigate', ESTIMATE_MITIGATE_HELP)
    .action(async (file: string, opts: NoiseFlags & { mitigate?: boolean; observable: string[]; precision?: string; seed?: string; backend?: string; json?: boolean; yes?: boolean }) => {
      const observables = opts.observable.map(parseObservable);
      noiseFlagsOf(opts);
      const precision = opts.precision === undefined ? undefined : precisionOption(opts.precision);
      const seed = opts.seed === undefined ? undefined : integerFlag('--seed', opts.seed, 0, 2 ** 32 - 1);
      const circuit = await readCircuitFile(file);
      checkObservableWidth(observables, circuit.numQubits, file);
      const backend = (await noisyBackendFromFlags(opts.backend, opts)) ?? (await resolveCliBackend(opts.backend, io));
      const mitigation = estimatorMitigation(Boolean(opts.mitigate), backend);
      await checkEstimatorSpend(io, backend, circuit, observables, precision, opts.yes === true);
      const job = await new Estimator(backend, { precision, seed, ...(mitigation ? { options: mitigation.options as Readonly<Record<string, unknown>> } : {}) }).run([{ circuit, observables }]);
      const result = await job.result();
      const pub = result.pubs[0]!;
      const results = opts.observable.map((o, i) => ({ observable: o, ev: pub.evs[0]![i]!, std: pub.stds[0]![i]! }));
      const instance = chosenInstance(backend);
      const noise = noiseUsed(result.metadata, opts);
      if (opts.json) {
        await writeAll(io.stdout, `${JSON.stringify({ backend: backend.name, ...(instance ? { instance: instanceJson(instance) } : {}), job_id: job.id, precision: pub.metadata.precision, ...(pub.metadata.shots ? { shots: pub.metadata.shots } : {}), ...noiseJson(noise), results, ...(mitigation ? { mitigation: mitigation.json } : {}) })}\n`);
        return;
      }
      const head = `backend ${backend.name}, precision ${pub.metadata.precision}${pub.metadata.shots ? ` (${pub.metadata.shots} shots per basis)` : ' (exact)'}`;
      const lines = results.map((r) => `${r.observable}  ${fmt(r.ev)}${r.std > 0 ? ` ± ${Number(r.std.toPrecision(3))}` : ''}`);
      await writeAll(io.stdout, `${[head, ...(instance ? [instanceLine(instance)] : []), ...(noise ? [noiseLine(noise)] : []), ...(mitigation ? [mitigation.line] : []), ...lines].join('\n')}\n`);
    });
}

function fmt(v: number): string {
  const r = Math.abs(v) < 5e-13 ? 0 : v;
  return Number(r.toPrecision(12)).toString();
}
