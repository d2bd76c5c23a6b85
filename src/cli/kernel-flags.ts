/**
 * The feature-map and backend flags `kernel`, `qsvc`, `kernel-train` and `main-job` share, and
 * the feature map they build and report (one home, below every kernel command).
 */
import type { Command } from 'commander';
import { InputValidationError } from '../core/errors';
import { isEntanglementName, type Entanglement } from '../kernel/entanglement';
import { pauliFeatureMap, zFeatureMap, zzFeatureMap, type PauliFeatureMap } from '../kernel/feature-map';
import { BATCH_JOBS_IN_FLIGHT } from './batch';
import { integerFlag, numberFlag } from './flags';
import { bandwidthFlag } from './kernel-toolkit';

/** Flags shared by `kernel`, `qsvc` and `main-job`. */
export interface KernelFlags {
  featureMap?: string;
  paulis?: string;
  reps?: string;
  entanglement?: string;
  alpha?: string;
  backend?: string;
  shots?: string;
  seed?: string;
  method?: string;
  evaluateDuplicates?: string;
  enforcePsd?: boolean;
  maxCircuitsPerJob?: string;
  json?: boolean;
  /** `--batch`: run the sampled chunks inside one IBM batch. */
  batch?: boolean;
  /** `--bandwidth c`: features encoded as c·x (`auto` on qsvc only). */
  bandwidth?: string;
  /** `--scale`: feature scaling fitted on the training points. */
  scale?: string;
}

/** Adds the feature-map and backend flags to a command. */
export function addKernelFlags(cmd: Command): Command {
  return cmd
    .option('--feature-map <kind>', 'zz | z | pauli', 'zz')
    .option('--paulis <list>', "Pauli strings for --feature-map pauli, comma separated (e.g. 'Z,ZZ')")
    .option('--reps <n>', 'repetitions', '2')
    .option('--entanglement <e>', "full | linear | reverse_linear | circular | pairwise | sca, or JSON tuples '[[0,1]]'", 'full')
    .option('--alpha <a>', 'angle scale', '2')
    .option('--bandwidth <c>', 'bandwidth: features are encoded as c·x (default 1; qsvc also takes auto: chosen by cross-validation)')
    .option('--scale <kind>', 'scale features before encoding, fitted on the training points: standard | minmax | pi | 2pi (onto [0, π] or [0, 2π])')
    .option('--backend <name>', 'backend name (default: the configured default, local)')
    .option('--shots <n>', 'shots (exact when omitted on a statevector backend)')
    .option('--seed <s>', 'seed of the shot noise (sampling only; never changes the data)')
    .option('--method <m>', 'auto | statevector | sampler', 'auto')
    .option('--evaluate-duplicates <mode>', 'off_diagonal | all | none', 'off_diagonal')
    .option('--enforce-psd', 'project estimated symmetric kernels onto the PSD cone')
    .option('--max-circuits-per-job <n>', 'sampled path: most pairs (circuits) per job; smaller jobs lose less when interrupted (kernel default: about 10 jobs)')
    .option('--batch', `IBM devices: run the sampled kernel's chunks inside one IBM batch, ${BATCH_JOBS_IN_FLIGHT} in flight at a time (batches are allowed on the Open plan)`)
    .option('--json', 'print JSON');
}

function parseEntanglement(raw: string): Entanglement {
  if (isEntanglementName(raw)) return raw;
  try {
    const v: unknown = JSON.parse(raw);
    if (Array.isArray(v) && v.every((t) => Array.isArray(t) && t.every((q) => Number.isInteger(q)))) return v as number[][];
  } catch {
    // fall through to the error below
  }
  throw new InputValidationError(`--entanglement: '${raw}' is neither a pattern name nor JSON tuples like [[0,1],[1,2]]`);
}

/** Builds the feature map the flags describe for `dimension` features. */
export function featureMapFromFlags(flags: KernelFlags, dimension: number): PauliFeatureMap {
  const reps = integerFlag('--reps', flags.reps ?? '2', 1, 1000)!;
  const alpha = numberFlag('--alpha', flags.alpha ?? '2');
  const entanglement = parseEntanglement(flags.entanglement ?? 'full');
  const bandwidth = (bandwidthFlag(flags.bandwidth, false) as number | undefined) ?? 1;
  const kind = flags.featureMap ?? 'zz';
  if (!['zz', 'z', 'pauli'].includes(kind)) throw new InputValidationError(`--feature-map must be zz, z or pauli, got '${kind}'`);
  // The library names its own fields (featureDimension, paulis); say the flag or the data instead.
  if (dimension > 30) throw new InputValidationError(`${dimension} feature columns, but a feature map has at most 30 qubits (choose the columns with --features)`);
  if (kind === 'zz' && dimension < 2) throw new InputValidationError(`--feature-map zz needs at least 2 feature columns, got ${dimension} (use --feature-map z for one)`);
  const paulis = (flags.paulis ?? 'Z,ZZ').split(',').map((p) => p.trim()).filter(Boolean);
  if (kind === 'pauli' && paulis.length === 0) throw new InputValidationError(`--paulis must name at least one Pauli string, got '${flags.paulis}'`);
  try {
    if (kind === 'zz') return zzFeatureMap({ featureDimension: dimension, reps, entanglement, alpha, bandwidth });
    if (kind === 'z') return zFeatureMap({ featureDimension: dimension, reps, alpha, bandwidth });
    return pauliFeatureMap({ featureDimension: dimension, paulis, reps, entanglement, alpha, bandwidth });
  } catch (e) {
    // What is left to refuse comes from --paulis (a letter, a length) or --entanglement (a tuple).
    if (!(e instanceof InputValidationError)) throw e;
    const flag = /^Pauli string/.test(e.message) ? '--paulis' : /entanglement/i.test(e.message) ? '--entanglement' : '--feature-map';
    throw new InputValidationError(`${flag}: ${e.message}`, e.position, { cause: e });
  }
}

/** The feature map actually built, as `--json` and the human output report it. */
export function describeFeatureMap(flags: KernelFlags, fm: PauliFeatureMap): { name: string; paulis: string[]; reps: number; entanglement: Entanglement | null; alpha: number; bandwidth: number } {
  const kind = flags.featureMap ?? 'zz';
  const name = kind === 'zz' ? 'ZZFeatureMap' : kind === 'z' ? 'ZFeatureMap' : 'PauliFeatureMap';
  // The Z map has no multi-qubit blocks: an entanglement flag changes nothing there.
  const entanglement = kind === 'z' ? null : parseEntanglement(flags.entanglement ?? 'full');
  return { name, paulis: [...fm.paulis], reps: fm.reps, entanglement, alpha: fm.alpha, bandwidth: fm.bandwidth };
}

/** One line naming the feature map used. */
export function featureMapLine(flags: KernelFlags, fm: PauliFeatureMap): string {
  const d = describeFeatureMap(flags, fm);
  const ent = d.entanglement === null ? '' : `, entanglement ${typeof d.entanglement === 'string' ? d.entanglement : JSON.stringify(d.entanglement)}`;
  return `feature map: ${d.name} (paulis ${d.paulis.join(',')}, reps ${d.reps}${ent}, alpha ${d.alpha}, bandwidth ${d.bandwidth}) on ${fm.numQubits} qubits`;
}
