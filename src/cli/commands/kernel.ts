import type { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import type { Backend } from '../../backend';
import { checkKernelSpend } from '../kernel-spend';
import { chosenInstance, instanceJson, instanceLine } from '../ibm-instance';
import { InputValidationError } from '../../core/errors';
import { acquireBackend, defaultBackendName } from '../../index';
import { isEntanglementName, type Entanglement } from '../../kernel/entanglement';
import { pauliFeatureMap, zFeatureMap, zzFeatureMap, type PauliFeatureMap } from '../../kernel/feature-map';
import { matrixToCsv, readFeatureCsv, readFeatureCsvPair } from '../../kernel/learn/csv';
import { addColumnFlags, columnsJson, describeColumns, selectionFromFlags, type ColumnFlags } from '../columns';
import type { KernelMatrix } from '../../kernel/kernel-matrix';
import { QuantumKernel, type EvaluateDuplicates, type KernelProgress } from '../../kernel/quantum-kernel';
import { checkShotsForBackend, integerFlag, numberFlag, shotsFlag } from '../flags';
import { checkOutputFiles, writeAll, writeOutputFile, type CliIo } from '../io';
import { heatmap } from '../svg';
import { timeoutFlag, TIMEOUT_FLAG_HELP } from './backends';
import { KERNEL_TAG_PREFIX } from '../../kernel/resume';
import { BATCH_JOBS_IN_FLIGHT, inBatchIf } from '../batch';
import { CANCEL_ON_INTERRUPT_HELP, reportInterruptedJobs, unfinishedJournalJobs } from '../job-wait';
import { ProjectedQuantumKernel } from '../../kernel/projected';
import { addProjectedKernelFlags, checkProjectedSpend, projectedJson, projectedKernelFromFlags, projectedLine, wantsProjected, type ProjectedFlags } from '../projected-kernel';
import { bandwidthFlag, concentrationJson, kernelDiagnostic, scaleFlag, scaleLine, scaleSplit } from '../kernel-toolkit';

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

/**
 * Chunks (jobs) a sampled kernel is split into on a backend without a job journal (the local
 * simulator, fake devices) when `--max-circuits-per-job` is not given, so the progress bar moves
 * as chunks finish (one job for everything jumps from 0% to 100%). A chunk costs nothing there.
 * On a backend that journals paid jobs (IBM) the split stays the device's own limit: every extra
 * job is another queue wait and counts against IBM's jobs-per-minute limit, so splitting further
 * is the user's call (`--max-circuits-per-job`).
 */
export const DEFAULT_SAMPLED_CHUNKS = 10;

/**
 * Pairs per job giving about {@link DEFAULT_SAMPLED_CHUNKS} chunks for a kernel of `rows` × `cols`
 * points (`cols` undefined: symmetric, the n(n-1)/2 pairs above the diagonal, which is 1 by default).
 */
export function defaultCircuitsPerJob(rows: number, cols?: number): number {
  const pairs = cols === undefined ? (rows * (rows - 1)) / 2 : rows * cols;
  return Math.max(1, Math.ceil(pairs / DEFAULT_SAMPLED_CHUNKS));
}

/**
 * The kernel (and its backend) the flags describe. `points` (rows, and cols unless symmetric)
 * sizes the default chunks of a sampled kernel on a journal-less backend
 * ({@link defaultCircuitsPerJob}); without it a sampled kernel is split only by the backend's
 * limits unless `--max-circuits-per-job` says otherwise.
 */
export async function kernelFromFlags(
  flags: KernelFlags,
  dimension: number,
  signal?: AbortSignal,
  points?: { rows: number; cols?: number },
  given?: { backend: Backend; jobsInFlight?: number },
): Promise<{ kernel: QuantumKernel; backend: Backend }> {
  const featureMap = featureMapFromFlags(flags, dimension);
  const shots = shotsFlag(flags.shots);
  const backend = given?.backend ?? (await acquireBackend(flags.backend, { signal }));
  checkShotsForBackend(shots, backend);
  const mode = flags.evaluateDuplicates ?? 'off_diagonal';
  if (!['off_diagonal', 'all', 'none'].includes(mode)) {
    throw new InputValidationError(`--evaluate-duplicates must be off_diagonal, all or none, got '${mode}'`);
  }
  const method = flags.method ?? 'auto';
  if (!['auto', 'statevector', 'sampler'].includes(method)) throw new InputValidationError(`--method must be auto, statevector or sampler`);
  const options = {
    featureMap,
    backend,
    method: method as 'auto' | 'statevector' | 'sampler',
    shots,
    seed: integerFlag('--seed', flags.seed, 0, 2 ** 32 - 1),
    maxCircuitsPerJob: integerFlag('--max-circuits-per-job', flags.maxCircuitsPerJob, 1),
    evaluateDuplicates: mode as EvaluateDuplicates,
    enforcePsd: flags.enforcePsd ?? false,
    ...(given?.jobsInFlight === undefined ? {} : { jobsInFlight: given.jobsInFlight }),
  };
  const kernel = new QuantumKernel(options);
  // The kernel decides its path ('auto'); only a sampled one is chunked by default.
  if (kernel.method === 'sampler' && options.maxCircuitsPerJob === undefined && points && !backend.journalEntries) {
    return { kernel: new QuantumKernel({ ...options, maxCircuitsPerJob: defaultCircuitsPerJob(points.rows, points.cols) }), backend };
  }
  return { kernel, backend };
}

/** A progress callback drawing a bar on stderr, only for a TTY and without --json. */
export function progressReporter(io: CliIo, quiet: boolean): { onProgress?: (p: KernelProgress) => void; stop(): void } {
  if (quiet || !io.isTTY) return { stop: () => undefined };
  const bar = new SingleBar({ stream: io.stderr as NodeJS.WritableStream, format: ' {phase} [{bar}] {percentage}% | {value}/{total}',
    hideCursor: true,
    // io.isTTY already said this is a terminal (the stream object may be a wrapper).
    noTTYOutput: true,
    notTTYSchedule: 200,
  });
  let started = false;
  return {
    onProgress: (p) => {
      if (!started) {
        bar.start(p.total, p.done, { phase: p.phase });
        started = true;
      }
      bar.setTotal(p.total);
      bar.update(p.done, { phase: p.phase });
      // A finished chunk (seconds to hours apart on IBM) is drawn now, not at the next redraw tick.
      if (p.phase === 'sampling') bar.render();
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

/** Most cells a side of a heat map: larger kernels are block-averaged (a 1000×1000 SVG would be ~100 MB). */
const HEATMAP_MAX_SIDE = 200;

/** Block-averages a matrix down to at most {@link HEATMAP_MAX_SIDE} cells a side. */
export function downsample(k: KernelMatrix, maxSide = HEATMAP_MAX_SIDE): { values: number[][]; factor: number } {
  const f = Math.max(1, Math.ceil(Math.max(k.rows, k.cols) / maxSide));
  if (f === 1) return { values: k.toArray(), factor: 1 };
  const rows = Math.ceil(k.rows / f);
  const cols = Math.ceil(k.cols / f);
  const values: number[][] = [];
  for (let bi = 0; bi < rows; bi++) {
    const row: number[] = [];
    for (let bj = 0; bj < cols; bj++) {
      let s = 0;
      let c = 0;
      for (let i = bi * f; i < Math.min(k.rows, (bi + 1) * f); i++) {
        for (let j = bj * f; j < Math.min(k.cols, (bj + 1) * f); j++) {
          s += k.data[i * k.cols + j]!;
          c++;
        }
      }
      row.push(s / c);
    }
    values.push(row);
  }
  return { values, factor: f };
}

/** What the rows and columns of a kernel heat map are, and their class labels when known. */
export interface HeatmapAxes {
  rowTitle: string;
  colTitle: string;
  rowClasses?: ReadonlyArray<string | number>;
  colClasses?: ReadonlyArray<string | number>;
}

/**
 * Writes the heat map of `k` (colour scale 0..1) to `path` (given by `flag`, for messages). Class
 * boundaries are drawn only at full resolution: a block mean of a downsampled map can straddle
 * two classes.
 */
export async function writeHeatmap(path: string, k: KernelMatrix, title: string, axes: HeatmapAxes, flag = '--svg'): Promise<void> {
  const { values, factor } = downsample(k);
  const t = factor === 1 ? title : `${title}, ${factor}×${factor} block means`;
  if (factor !== 1) {
    await writeOutputFile(flag, path, heatmap(values, { title: t, min: 0, max: 1, rowTitle: axes.rowTitle, colTitle: axes.colTitle, valueTitle: 'kernel value' }));
    return;
  }
  // Points whose classes are interleaved are reordered by class (stable) so each class is one
  // block between two boundaries; the axis title says so, and tick labels keep the file's indices.
  const rowOrder = classOrder(axes.rowClasses, k.rows);
  const colOrder = classOrder(axes.colClasses, k.cols);
  const sorted = (o: number[] | null): string => (o ? ', sorted by class' : '');
  await writeOutputFile(
    flag,
    path,
    heatmap(
      (rowOrder ?? values.map((_, i) => i)).map((i) => (colOrder ? colOrder.map((j) => values[i]![j]!) : values[i]!)),
      {
        title: t,
        min: 0,
        max: 1,
        rowTitle: axes.rowTitle + sorted(rowOrder),
        colTitle: axes.colTitle + sorted(colOrder),
        valueTitle: 'kernel value',
        ...(axes.rowClasses ? { rowClasses: (rowOrder ?? [...axes.rowClasses.keys()]).map((i) => axes.rowClasses![i]!) } : {}),
        ...(axes.colClasses ? { colClasses: (colOrder ?? [...axes.colClasses.keys()]).map((i) => axes.colClasses![i]!) } : {}),
        ...(rowOrder ? { rowLabels: rowOrder.map(String) } : {}),
        ...(colOrder ? { colLabels: colOrder.map(String) } : {}),
      },
    ),
  );
}

/** A stable by-class order of `n` points, or null when each class is already one contiguous block. */
function classOrder(classes: ReadonlyArray<string | number> | undefined, n: number): number[] | null {
  if (!classes || classes.length !== n) return null;
  const seen = new Set<string | number>();
  let grouped = true;
  classes.forEach((c, i) => {
    if (i > 0 && c !== classes[i - 1] && seen.has(c)) grouped = false;
    seen.add(c);
  });
  if (grouped) return null;
  const first = new Map<string | number, number>();
  classes.forEach((c, i) => first.has(c) || first.set(c, i));
  return [...classes.keys()].sort((a, b) => first.get(classes[a]!)! - first.get(classes[b]!)! || a - b);
}

/**
 * Ctrl-C during a sampled kernel on a backend with a job journal (IBM): the chunk jobs still
 * running (kept, or cancelled with --cancel-on-interrupt) and how to resume, reusing every
 * finished chunk from the journal.
 */
async function reportInterruptedKernel(io: CliIo, backend: Backend, method: string, since: string, cancel: boolean): Promise<void> {
  if (method !== 'sampler' || !backend.journalEntries) return;
  await reportInterruptedJobs(io, backend, await unfinishedJournalJobs(backend, KERNEL_TAG_PREFIX, since), cancel);
  await writeAll(
    io.stderr,
    `resume where it stopped: run the same qbridge kernel command again with --resume (finished chunks are reused from the ledger${cancel ? '' : ', running ones awaited'}; \`qbridge jobs list\` shows them)\n`,
  );
}

function formatMatrix(k: KernelMatrix): string {
  const lines: string[] = [];
  for (let i = 0; i < k.rows; i++) lines.push(k.row(i).map((v) => v.toFixed(6)).join(' '));
  return lines.join('\n');
}

/**
 * `qbridge kernel --train A.csv [--test B.csv] [...]`: the quantum kernel matrix. Rows are the
 * test points when --test is given (else the training points), columns the training points.
 */
export function registerKernel(program: Command, io: CliIo): void {
  addProjectedKernelFlags(addKernelFlags(addColumnFlags(
    program
      .command('kernel')
      .description('compute a quantum kernel matrix from CSV feature files (header row; columns matched by name; "label" and "id" columns are not features)')
      .requiredOption('--train <file>', 'training points (CSV with a header row)')
      .option('--test <file>', 'test points: rows of the matrix are test points, columns training points')
      .option('--out <file>', 'write {"shape","matrix"} JSON (or CSV when FILE ends in .csv)')
      .option('--svg <file>', 'write a heat map of the matrix')
      .option('--resume', 'sampled path: resume an interrupted run of the same matrix from the job ledger (reuse its jobs, submit only missing chunks)')
      .option('--timeout <seconds>', TIMEOUT_FLAG_HELP)
      .option('--cancel-on-interrupt', CANCEL_ON_INTERRUPT_HELP)
      .option('--yes', 'submit to an IBM device even when the estimated QPU time is above 60 s'),
  ))).action(async (opts: KernelFlags & ColumnFlags & ProjectedFlags & { yes?: boolean; train: string; test?: string; out?: string; svg?: string; resume?: boolean; timeout?: string; cancelOnInterrupt?: boolean; batch?: boolean }) => {
    const jobTimeoutMs = timeoutFlag(opts.timeout);
    const projected = wantsProjected(opts);
    checkOutputFiles({ '--out': opts.out, '--svg': opts.svg });
    if (opts.resume && (opts.backend ?? defaultBackendName()) === 'least_busy') {
      // A run is keyed by its device: least_busy may pick another one and pay for everything again.
      throw new InputValidationError('--resume needs the device the interrupted run used (see `qbridge jobs list`), not least_busy');
    }
    const selection = selectionFromFlags(opts);
    // Columns are matched by header name: the test vectors follow the training file's column order.
    const { train, test } = opts.test
      ? await readFeatureCsvPair(opts.train, opts.test, { train: `--train ${opts.train}`, test: `--test ${opts.test}` }, selection)
      : { train: await readFeatureCsv(opts.train, selection), test: null };
    // --scale is fitted on the training file alone and applied to both.
    const scaled = scaleSplit(scaleFlag(opts.scale), train.features, test?.features ?? null);
    const d = train.columns.length;
    const points = { rows: test ? test.features.length : train.features.length, cols: test ? train.features.length : undefined };
    const { k, kernel, backend, sessionId } = await inBatchIf(opts.batch, () => acquireBackend(opts.backend), async (view, sessionId) => {
      const given = view ? { backend: view, jobsInFlight: BATCH_JOBS_IN_FLIGHT } : undefined;
      const { kernel, backend } = projected ? await projectedKernelFromFlags(opts, d, given) : await kernelFromFlags(opts, d, undefined, points, given);
      if (kernel instanceof ProjectedQuantumKernel) await checkProjectedSpend(io, kernel, backend, points.rows + (points.cols ?? 0), opts.yes === true);
      else await checkKernelSpend(io, kernel, backend, points.rows, points.cols, opts.yes === true);
      const progress = progressReporter(io, Boolean(opts.json));
      const signal = io.interrupt?.begin();
      const started = new Date().toISOString();
      try {
        const evalOpts = { onProgress: progress.onProgress, resume: Boolean(opts.resume), signal, ...(jobTimeoutMs === undefined ? {} : { jobTimeoutMs }) };
        const k: KernelMatrix = scaled.test ? await kernel.evaluate(scaled.test, scaled.train, evalOpts) : await kernel.evaluate(scaled.train, undefined, evalOpts);
        return { k, kernel, backend, sessionId };
      } catch (e) {
        if (io.interrupt?.fired) await reportInterruptedKernel(io, backend, kernel.method, started, Boolean(opts.cancelOnInterrupt));
        throw e;
      } finally {
        progress.stop();
      }
    });
    const json = JSON.stringify({ shape: [k.rows, k.cols], matrix: k.toArray() });
    if (opts.out) await writeOutputFile('--out', opts.out, opts.out.toLowerCase().endsWith('.csv') ? matrixToCsv(k.toArray()) : `${json}\n`);
    const instance = chosenInstance(backend);
    const diagnostic = kernelDiagnostic(k, 'a smaller --bandwidth (qbridge qsvc --bandwidth auto picks one by cross-validation)');
    const used = {
      ...columnsJson(train),
      qubits: kernel.featureMap.numQubits,
      feature_map: describeFeatureMap(opts, kernel.featureMap),
      ...(kernel instanceof ProjectedQuantumKernel ? projectedJson(kernel) : {}),
      scale: scaled.report,
      concentration: concentrationJson(diagnostic.c),
      ...(sessionId ? { batch: sessionId } : {}),
      ...(instance ? { instance: instanceJson(instance) } : {}),
    };
    if (opts.svg) {
      await writeHeatmap(opts.svg, k, `${projected ? 'projected ' : ''}quantum kernel (${kernel.featureMap.numQubits} qubits, ${backend.name})`, {
        rowTitle: test ? `test points (${opts.test}), rows` : `training points (${opts.train}), rows`,
        colTitle: `training points (${opts.train}), columns`,
        rowClasses: (test ?? train).labels ?? undefined,
        colClasses: train.labels ?? undefined,
      });
    }
    if (opts.json) {
      await writeAll(io.stdout, `${JSON.stringify({ shape: [k.rows, k.cols], matrix: k.toArray(), ...used })}\n`);
      return;
    }
    const shots = kernel instanceof QuantumKernel ? kernel.shots : undefined;
    const head = `kernel ${k.rows}×${k.cols} (${kernel.method}, backend ${backend.name}${shots ? `, ${shots} shots` : ''})`;
    const body = k.rows * k.cols <= 2500 ? formatMatrix(k) : '(matrix too large to print: use --json or --out FILE)';
    const { jobsResumed, jobsSubmitted } = kernel instanceof QuantumKernel ? kernel.stats : { jobsResumed: 0, jobsSubmitted: 0 };
    const resumed = opts.resume && kernel.method === 'sampler' ? `resumed: ${jobsResumed} job(s) reused from the ledger, ${jobsSubmitted} submitted` : '';
    const batched = sessionId ? `batch: ${sessionId} (${BATCH_JOBS_IN_FLIGHT} jobs in flight at most)` : '';
    const extra = [describeColumns(train), scaleLine(scaled.report), featureMapLine(opts, kernel.featureMap), kernel instanceof ProjectedQuantumKernel ? projectedLine(kernel) : '', ...diagnostic.lines, instance ? instanceLine(instance) : '', resumed, batched, opts.out ? `matrix written to ${opts.out}` : '', opts.svg ? `heat map written to ${opts.svg}` : ''].filter(Boolean);
    await writeAll(io.stdout, [head, body, ...extra].join('\n') + '\n');
  });
}
