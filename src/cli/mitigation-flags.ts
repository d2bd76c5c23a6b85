/**
 * `--mitigate [calibration|measured]` and `--calibration-shots N` for `run`, `kernel` and
 * `qsvc`: readout mitigation (tensored assignment matrices, M3's subspace solve) of counts and
 * of sampled kernel entries, and what the output says about it. The matrices come from the
 * backend's reported readout calibration by default; `measured` runs the two calibration
 * circuits (all |0⟩, all |1⟩) on the backend first.
 */
import type { Command } from 'commander';
import type { Backend } from '../backend';
import type { Circuit } from '../circuit/circuit';
import { InputValidationError } from '../core/errors';
import { DEFAULT_CALIBRATION_SHOTS, type KernelMitigation, type KernelMitigationReport } from '../kernel/mitigation';
import { assignmentFromCalibration, type TensoredAssignment } from '../noise/mitigation/assignment';
import { measuredQubits, mitigateCounts } from '../noise/mitigation/counts';
import { calibrationCircuit, measureAssignment } from '../noise/mitigation/measure-assignment';
import type { BitArray } from '../primitives/bit-array';
import { integerFlag } from './flags';
import type { CliIo } from './io';
import { checkSpend } from './spend';
import { isPaid } from '../ibm/spend-estimate';
import { withMeasurementMitigation } from '../../adapters/ibm-runtime/measure-mitigation';
import type { EstimatorRuntimeOptions } from '../../adapters/ibm-runtime/options';

/** The mitigation flags as commander parses them. */
export interface MitigationFlags {
  /** `--mitigate` alone is `true`; with a value, `calibration` or `measured`. */
  mitigate?: boolean | string;
  /** `--calibration-shots N` (with `--mitigate measured`). */
  calibrationShots?: string;
}

/** Help text of `--mitigate`. */
const MITIGATE_HELP =
  "readout mitigation (M3: tensored per-qubit assignment matrices solved over the observed bit strings): matrices from the backend's readout calibration (default, or 'calibration') or 'measured' by running calibration circuits (all |0>, all |1>) on the backend";

/** Adds `--mitigate [matrices]` and `--calibration-shots <n>` to a command. */
export function addMitigationFlags(cmd: Command): Command {
  return cmd
    .option('--mitigate [matrices]', MITIGATE_HELP)
    .option('--calibration-shots <n>', `with --mitigate measured: shots of each calibration circuit (default ${DEFAULT_CALIBRATION_SHOTS})`);
}

/** The matrices `--mitigate` asks for, or undefined without the flag. */
export function mitigateSource(flags: MitigationFlags): 'calibration' | 'measured' | undefined {
  const m = flags.mitigate;
  if (m === undefined || m === false) {
    if (flags.calibrationShots !== undefined) throw new InputValidationError('--calibration-shots applies to --mitigate measured');
    return undefined;
  }
  const src = m === true ? 'calibration' : m;
  if (src !== 'calibration' && src !== 'measured') throw new InputValidationError(`--mitigate takes 'calibration' (the default) or 'measured', got '${src}'`);
  if (flags.calibrationShots !== undefined && src !== 'measured') throw new InputValidationError('--calibration-shots applies to --mitigate measured');
  return src;
}

/** Refuses `--mitigate` (calibration) on a backend that reports no readout calibration, naming the flag. */
function checkCalibrated(src: 'calibration' | 'measured', backend: Backend): void {
  if (src === 'calibration' && !backend.target.qubitProperties?.length) {
    throw new InputValidationError(
      `--mitigate: backend '${backend.name}' reports no readout calibration; use --mitigate measured to run calibration circuits on it`,
    );
  }
}

/**
 * The kernel option of the flags, for a kernel on `backend` with `--method` `method`.
 * @throws {InputValidationError} naming `--mitigate` for `--method statevector` (exact entries
 *   have no readout) or a backend without readout calibration
 */
export function kernelMitigationFromFlags(flags: MitigationFlags, method: string, backend: Backend, seed?: number): KernelMitigation | undefined {
  const src = mitigateSource(flags);
  if (!src) return undefined;
  if (method === 'statevector') throw new InputValidationError('--mitigate corrects sampled counts: it cannot be used with --method statevector');
  checkCalibrated(src, backend);
  const shots = integerFlag('--calibration-shots', flags.calibrationShots, 1);
  return {
    matrices: src,
    ...(shots === undefined ? {} : { calibrationShots: shots }),
    ...(seed === undefined ? {} : { calibrationSeed: seed }),
  };
}

/** The assignment matrices as JSON: per qubit P(read 1 | prepared 0) and P(read 0 | prepared 1). */
function assignmentJson(a: TensoredAssignment): Record<string, unknown> {
  return {
    source: a.source,
    ...(a.backend ? { backend: a.backend } : {}),
    ...(a.shotsUsed === undefined ? {} : { calibration_shots_per_circuit: a.shotsPerCircuit, calibration_shots_used: a.shotsUsed }),
    qubits: a.qubits.map((q) => ({ qubit: q.qubit, prob_meas1_prep0: q.matrix[0][1], prob_meas0_prep1: q.matrix[1][0] })),
  };
}

/** One line saying which matrices mitigated what. */
function assignmentLine(a: TensoredAssignment, what: string): string {
  const src = a.source === 'measured' ? `measured by calibration circuits (${a.shotsPerCircuit} shots each, ${a.shotsUsed} in total)` : a.source === 'calibration' ? "the backend's readout calibration" : 'given matrices';
  const per = a.qubits.map((q) => `q${q.qubit} p(1|0)=${q.matrix[0][1].toPrecision(3)} p(0|1)=${q.matrix[1][0].toPrecision(3)}`).join(', ');
  return `readout mitigation (M3) of ${what}: assignment matrices from ${src}: ${per}`;
}

/** `--json`'s `mitigation` entry of a kernel. */
export function kernelMitigationJson(report: KernelMitigationReport | undefined): Record<string, unknown> {
  if (!report) return {};
  return { mitigation: { method: 'M3', distance: report.distance, entries_mitigated: report.entriesMitigated, measured_qubits: report.qubits, matrices: assignmentJson(report.assignment) } };
}

/** The output line of a mitigated kernel ('' when not mitigated). */
export function kernelMitigationLine(report: KernelMitigationReport | undefined): string {
  return report ? `${assignmentLine(report.assignment, `${report.entriesMitigated} sampled entries (P(0…0) of each circuit)`)}` : '';
}

/** The mitigated counts of one run, per classical register. */
export interface RunMitigation {
  /** The assignment matrices used. */
  readonly assignment: TensoredAssignment;
  /** Per register: the physical qubit of each bit and the quasi-probabilities (ascending bit strings). */
  readonly registers: Record<string, { qubits: number[]; quasi: Record<string, number>; method: string; dimension: number }>;
}

/**
 * Mitigates the counts of every register of a `run` (the circuit as sent: its qubits are the
 * physical ones on an ISA backend).
 */
export async function mitigateRun(
  flags: MitigationFlags,
  backend: Backend,
  sent: Circuit,
  data: Readonly<Record<string, BitArray>>,
  seed?: number,
  signal?: AbortSignal,
): Promise<RunMitigation | undefined> {
  const src = mitigateSource(flags);
  if (!src) return undefined;
  const perRegister = Object.keys(data).map((reg) => ({ reg, qubits: measuredQubits(sent, reg) }));
  const all = [...new Set(perRegister.flatMap((r) => r.qubits))].sort((a, b) => a - b);
  const shots = integerFlag('--calibration-shots', flags.calibrationShots, 1) ?? DEFAULT_CALIBRATION_SHOTS;
  const assignment =
    src === 'measured'
      ? await measureAssignment(backend, all, { shots, ...(seed === undefined ? {} : { seed: seed + 1 }), ...(signal ? { signal } : {}) })
      : assignmentFromCalibration(backend.target, all, backend.name);
  const registers: RunMitigation['registers'] = {};
  for (const { reg, qubits } of perRegister) {
    const m = mitigateCounts(data[reg]!.getCounts(), { assignment, qubits });
    registers[reg] = { qubits, quasi: Object.fromEntries(m.quasi.values), method: m.quasi.method, dimension: m.quasi.dimension };
  }
  return { assignment, registers };
}

/** Checks `--mitigate` against the backend before a `run` is submitted (a typo must not cost a job). */
export function checkRunMitigation(flags: MitigationFlags, backend: Backend): void {
  const src = mitigateSource(flags);
  if (src) checkCalibrated(src, backend);
  integerFlag('--calibration-shots', flags.calibrationShots, 1);
}

/**
 * `run --mitigate measured` on a paid (IBM) device: the calibration job (2 circuits ×
 * `--calibration-shots`) gets its own spend estimate and confirmation before the run's job is
 * submitted, so a refusal costs nothing.
 */
export async function checkRunMitigationSpend(io: CliIo, flags: MitigationFlags, backend: Backend, sent: Circuit, yes: boolean): Promise<void> {
  if (mitigateSource(flags) !== 'measured') return;
  const qubits = [...new Set(sent.classicalRegisters.flatMap((r) => measuredQubits(sent, r.name)))].sort((a, b) => a - b);
  const shots = integerFlag('--calibration-shots', flags.calibrationShots, 1) ?? DEFAULT_CALIBRATION_SHOTS;
  await checkSpend(io, backend, { circuits: 2, shots, jobs: 1, circuit: () => calibrationCircuit(backend, qubits, 1), note: 'readout calibration circuits of --mitigate measured' }, yes);
}

/** `--json`'s `mitigation` entry of a run. */
export function runMitigationJson(m: RunMitigation | undefined): Record<string, unknown> {
  if (!m) return {};
  return {
    mitigation: {
      method: 'M3',
      note: 'quasi-probabilities: the counts corrected for readout error over the observed bit strings; they sum to 1 and may be negative',
      matrices: assignmentJson(m.assignment),
      quasi_probabilities: Object.fromEntries(Object.entries(m.registers).map(([r, v]) => [r, v.quasi])),
      measured_qubits: Object.fromEntries(Object.entries(m.registers).map(([r, v]) => [r, v.qubits])),
    },
  };
}

/** The human lines of a mitigated run. */
export function runMitigationLines(m: RunMitigation | undefined): string[] {
  if (!m) return [];
  const lines = [assignmentLine(m.assignment, 'the counts'), 'quasi-probabilities (may be negative; they sum to 1):'];
  for (const [reg, v] of Object.entries(m.registers)) {
    lines.push(`${reg} (qubits ${v.qubits.join(', ')}, bit 0 rightmost):`);
    for (const [bits, q] of Object.entries(v.quasi).sort(([, a], [, b]) => b - a)) lines.push(`  ${bits}  ${q.toFixed(6)}`);
  }
  return lines;
}

/** Help text of `estimate --mitigate`. */
export const ESTIMATE_MITIGATE_HELP =
  "IBM devices: IBM's own readout mitigation for the Estimator (TREX: resilience.measure_mitigation and twirling.enable_measure)";

/**
 * `estimate --mitigate`: IBM's TREX options for the Estimator job, with what the output says.
 * @throws {InputValidationError} naming `--mitigate` on a backend that is not an IBM device (the
 *   local and fake Estimators compute expectation values without a readout step to mitigate)
 */
export function estimatorMitigation(mitigate: boolean, backend: Backend): { options: EstimatorRuntimeOptions; json: Record<string, unknown>; line: string } | undefined {
  if (!mitigate) return undefined;
  if (!isPaid(backend.name, backend.target)) {
    throw new InputValidationError(
      `estimate --mitigate sets IBM's measurement mitigation (TREX) options and applies to IBM devices only, not '${backend.name}'; for counts use qbridge run --mitigate`,
    );
  }
  const options = withMeasurementMitigation();
  return {
    options,
    json: { method: 'TREX (IBM)', options: { resilience: { measure_mitigation: true }, twirling: { enable_measure: true } } },
    line: "readout mitigation: IBM's TREX (resilience.measure_mitigation, twirling.enable_measure) on the Estimator job",
  };
}
