/**
 * The CLI side of the spend estimate (src/ibm/spend-estimate.ts): print the estimate on stderr
 * before a submission to an IBM device and, above the threshold, go ahead only with `--yes` or,
 * on an interactive terminal, after a "y" answered to "Submit? [y/N]".
 */
import type { Backend } from '../backend';
import type { Circuit } from '../circuit/circuit';
import { circuitDuration } from '../ibm/circuit-duration';
import { ibmEstimatorShots, measurementBases } from '../primitives/estimator-executions';
import { confirmSpend, estimateSpend, formatSpend, isPaid } from '../ibm/spend-estimate';
import { prepareIsaCircuit } from '../primitives/isa-prepare';
import type { PauliSum } from '../primitives/types';
import { writeAll, type CliIo } from './io';

/** What one submission sends: `circuits` runs of one ISA circuit at `shots` shots in `jobs` jobs. */
export interface PlannedSubmission {
  /** Circuits (parameter rows × measurement bases) submitted. */
  readonly circuits: number;
  /** Shots per circuit. */
  readonly shots: number;
  /** Jobs submitted. */
  readonly jobs: number;
  /** The ISA circuit (physical qubits) every circuit is an instance of, or a function building it (called only for a paid backend). */
  readonly circuit: Circuit | (() => Circuit | Promise<Circuit>);
  /** Physical qubits read out at the end besides the circuit's own measurements (the Estimator's). */
  readonly readoutQubits?: readonly number[] | ((isa: Circuit) => readonly number[]);
  /** Said after the estimate, e.g. why the circuit count is an upper bound. */
  readonly note?: string;
}

/**
 * Prints the spend estimate of `plan` on `backend` (nothing for a backend that is not paid) and
 * refuses above the threshold unless `yes` or a "y" at the terminal.
 * @throws {ConfigurationError} naming `--yes` above the threshold
 */
export async function checkSpend(io: CliIo, backend: Backend, plan: PlannedSubmission, yes: boolean): Promise<void> {
  if (!isPaid(backend.name, backend.target)) return;
  const isa = typeof plan.circuit === 'function' ? await plan.circuit() : plan.circuit;
  const readoutQubits = typeof plan.readoutQubits === 'function' ? plan.readoutQubits(isa) : plan.readoutQubits;
  const duration = circuitDuration(isa, backend.target, { readoutQubits });
  const spend = estimateSpend(backend.name, backend.target, plan.circuits, plan.shots, plan.jobs, duration)!;
  await writeAll(io.stderr, `${formatSpend(spend)}${plan.note ? ` (${plan.note})` : ''}\n`);
  await confirmSpend(spend, yes, terminalQuestion(io));
}

/**
 * A yes/no question on the terminal, or undefined when stdin or stderr is not one (a script, a
 * pipe, CI): there nobody can answer, so `--yes` is the only way.
 */
export function terminalQuestion(io: CliIo): ((question: string) => Promise<boolean>) | undefined {
  const stdin = io.stdin;
  if (!io.isTTY || !stdin?.isTTY) return undefined;
  return async (question) => {
    await writeAll(io.stderr, question);
    return /^\s*y(es)?\s*$/i.test(await readLine(stdin));
  };
}

/** The next line of `stream` (without its newline), or what came before the end of input. */
function readLine(stream: NonNullable<CliIo['stdin']>): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const finish = (line: string): void => {
      cleanup();
      // Stop reading: a paused stdin no longer keeps the process alive.
      stream.pause();
      resolve(line);
    };
    const onData = (chunk: Buffer | string): void => {
      text += chunk.toString();
      const nl = text.indexOf('\n');
      if (nl >= 0) finish(text.slice(0, nl));
    };
    const onEnd = (): void => finish(text);
    const onError = (e: Error): void => {
      cleanup();
      reject(e);
    };
    const cleanup = (): void => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
    };
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.resume();
  });
}

/**
 * The spend check of one Estimator PUB without parameters (`qbridge estimate`): one circuit
 * per measurement basis IBM needs for `observables`, at the shots of `precision` (IBM's
 * default 4096 when unset), read out on the physical qubits the observables measure.
 * @throws {ConfigurationError} naming `--yes` above the threshold
 */
export async function checkEstimatorSpend(
  io: CliIo,
  backend: Backend,
  circuit: Circuit,
  observables: readonly PauliSum[],
  precision: number | undefined,
  yes: boolean,
): Promise<void> {
  if (!isPaid(backend.name, backend.target)) return;
  const target = backend.target;
  const prepared = target.requiresIsa ? prepareIsaCircuit(circuit, target) : { circuit, physical: Array.from({ length: circuit.numQubits }, (_, i) => i) };
  const measured = new Set<number>();
  for (const sum of observables) {
    for (const [label] of sum) {
      for (let v = 0; v < label.length; v++) if (label[label.length - 1 - v] !== 'I') measured.add(prepared.physical[v] ?? v);
    }
  }
  const bases = measurementBases(observables);
  const shots = ibmEstimatorShots({ precision });
  await checkSpend(
    io,
    backend,
    { circuits: bases, shots, jobs: 1, circuit: prepared.circuit, readoutQubits: [...measured], note: `circuits: one per measurement basis of the observables; shots: ${precision ? `⌈1/precision²⌉ for --precision ${precision}` : "IBM's default precision 0.015625"}` },
    yes,
  );
}
