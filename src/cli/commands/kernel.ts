import type { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import type { Backend } from '../../backend';
import { checkKernelSpend } from '../kernel-spend';
import { chosenInstance, instanceJson, instanceLine } from '../ibm-instance';
import { InputValidationError } from '../../core/errors';
import { acquireBackend, defaultBackendName } from '../../index';
import { matrixToCsv, readFeatureCsv, readFeatureCsvPair } from '../../kernel/learn/csv';
import { addColumnFlags, columnsJson, describeColumns, selectionFromFlags, type ColumnFlags } from '../columns';
import type { KernelMatrix } from '../../kernel/kernel-matrix';
import { QuantumKernel, type EvaluateDuplicates, type KernelProgress } from '../../kernel/quantum-kernel';
import { checkShotsForBackend, integerFlag, shotsFlag } from '../flags';
import { addKernelFlags, describeFeatureMap, featureMapFromFlags, featureMapLine, type KernelFlags } from '../kernel-flags';
import { checkOutputFiles, writeAll, writeOutputFile, type CliIo } from '../io';
import { heatmap } from '../svg';
import { timeoutFlag, TIMEOUT_FLAG_HELP } from './backends';
import { KERNEL_TAG_PREFIX } from '../../kernel/resume';
import { BATCH_JOBS_IN_FLIGHT, inBatchIf } from '../batch';
import { CANCEL_ON_INTERRUPT_HELP, reportInterruptedJobs, unfinishedJournalJobs } from '../job-wait';
import { ProjectedQuantumKernel } from '../../kernel/projected';
import { addProjectedKernelFlags, checkProjectedSpend, projectedJson, projectedKernelFromFlags, projectedLine, wantsProjected, type ProjectedFlags } from '../projected-kernel';
import { concentrationJson, kernelDiagnostic, scaleFlag, scaleLine, scaleSplit } from '../kernel-toolkit';
import { addMitigationFlags, kernelMitigationFromFlags, kernelMitigationJson, kernelMitigationLine, mitigateSource, type MitigationFlags } from '../mitigation-flags';
import { noisyExactKernel } from '../../kernel/noisy-exact';
import { addNoiseFlags, cliNoiseModel, kernelMethodUnderNoise, kernelNoiseUsed, noiseJson, noiseLine, noisyBackendFromFlags, refuseNoise, type NoiseFlags } from '../noise-flags';

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
  flags: KernelFlags & MitigationFlags & NoiseFlags,
  dimension: number,
  signal?: AbortSignal,
  points?: { rows: number; cols?: number },
  given?: { backend: Backend; jobsInFlight?: number },
): Promise<{ kernel: QuantumKernel; backend: Backend }> {
  const featureMap = featureMapFromFlags(flags, dimension);
  const shots = shotsFlag(flags.shots);
  const backend = given?.backend ?? (await noisyBackendFromFlags(flags.backend, flags)) ?? (await acquireBackend(flags.backend, { signal }));
  checkShotsForBackend(shots, backend);
  const mode = flags.evaluateDuplicates ?? 'off_diagonal';
  if (!['off_diagonal', 'all', 'none'].includes(mode)) {
    throw new InputValidationError(`--evaluate-duplicates must be off_diagonal, all or none, got '${mode}'`);
  }
  const method = kernelMethodUnderNoise(flags, backend) ?? 'auto';
  if (!['auto', 'statevector', 'sampler'].includes(method)) throw new InputValidationError(`--method must be auto, statevector or sampler`);
  const seed = integerFlag('--seed', flags.seed, 0, 2 ** 32 - 1);
  // Mitigation corrects counts: with --method auto a mitigated kernel is a sampled one.
  const mitigation = kernelMitigationFromFlags(flags, method, backend, seed);
  const options = {
    featureMap,
    backend,
    method: (mitigation && method === 'auto' ? 'sampler' : method) as 'auto' | 'statevector' | 'sampler',
    shots,
    seed,
    ...(mitigation ? { mitigation } : {}),
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
  addNoiseFlags(addMitigationFlags(addProjectedKernelFlags(addKernelFlags(addColumnFlags(
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
  ))))).action(async (opts: KernelFlags & MitigationFlags & NoiseFlags & ColumnFlags & ProjectedFlags & { yes?: boolean; train: string; test?: string; out?: string; svg?: string; resume?: boolean; timeout?: string; cancelOnInterrupt?: boolean; batch?: boolean }) => {
    const jobTimeoutMs = timeoutFlag(opts.timeout);
    const projected = wantsProjected(opts);
    if (projected && mitigateSource(opts)) throw new InputValidationError('--mitigate applies to the fidelity kernel (P(0…0) counts), not to --kernel projected');
    if (projected) refuseNoise(opts, '--kernel projected');
    // --noise without --shots: the exact noisy kernel from the density matrix (no shot noise).
    const exactNoisy = Boolean(opts.noise) && opts.shots === undefined;
    // Mitigation corrects sampled counts; the exact noisy kernel has none to correct.
    if (exactNoisy && mitigateSource(opts)) throw new InputValidationError('--mitigate corrects sampled counts: give --shots with --noise --mitigate (without --shots --noise computes the exact noisy kernel)');
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
      const { kernel, backend } = projected ? await projectedKernelFromFlags(opts, d, given) : await kernelFromFlags({ ...opts, exactNoisyKernel: exactNoisy }, d, undefined, points, given);
      if (kernel instanceof ProjectedQuantumKernel) await checkProjectedSpend(io, kernel, backend, points.rows + (points.cols ?? 0), opts.yes === true);
      else await checkKernelSpend(io, kernel, backend, points.rows, points.cols, opts.yes === true);
      const progress = progressReporter(io, Boolean(opts.json));
      const signal = io.interrupt?.begin();
      const started = new Date().toISOString();
      try {
        const evalOpts = { onProgress: progress.onProgress, resume: Boolean(opts.resume), signal, ...(jobTimeoutMs === undefined ? {} : { jobTimeoutMs }) };
        const noiseModel = exactNoisy ? cliNoiseModel(backend) : undefined;
        const k: KernelMatrix = noiseModel
          ? await noisyExactKernel(kernel.featureMap, backend.target, noiseModel, scaled.test ?? scaled.train, scaled.test ? scaled.train : undefined, {
              evaluateDuplicates: (opts.evaluateDuplicates ?? 'off_diagonal') as EvaluateDuplicates,
              signal,
              idleRelaxation: opts.noiseIdle === true,
            })
          : scaled.test ? await kernel.evaluate(scaled.test, scaled.train, evalOpts) : await kernel.evaluate(scaled.train, undefined, evalOpts);
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
    const noise = await kernelNoiseUsed(opts, kernel.featureMap, backend);
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
      ...kernelMitigationJson(kernel instanceof QuantumKernel ? kernel.mitigationReport : undefined),
      ...noiseJson(noise, exactNoisy ? 'exact' : 'sampled'),
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
    const path = exactNoisy ? 'exact noisy P(0…0) from the density matrix, no shot noise' : kernel.method;
    const head = `kernel ${k.rows}×${k.cols} (${path}, backend ${backend.name}${shots && !exactNoisy ? `, ${shots} shots` : ''})`;
    const body = k.rows * k.cols <= 2500 ? formatMatrix(k) : '(matrix too large to print: use --json or --out FILE)';
    const { jobsResumed, jobsSubmitted } = kernel instanceof QuantumKernel ? kernel.stats : { jobsResumed: 0, jobsSubmitted: 0 };
    const resumed = opts.resume && kernel.method === 'sampler' ? `resumed: ${jobsResumed} job(s) reused from the ledger, ${jobsSubmitted} submitted` : '';
    const batched = sessionId ? `batch: ${sessionId} (${BATCH_JOBS_IN_FLIGHT} jobs in flight at most)` : '';
    const extra = [describeColumns(train), scaleLine(scaled.report), featureMapLine(opts, kernel.featureMap), kernel instanceof ProjectedQuantumKernel ? projectedLine(kernel) : '', ...diagnostic.lines, kernel instanceof QuantumKernel ? kernelMitigationLine(kernel.mitigationReport) : '', instance ? instanceLine(instance) : '', noise ? noiseLine(noise) : '', resumed, batched, opts.out ? `matrix written to ${opts.out}` : '', opts.svg ? `heat map written to ${opts.svg}` : ''].filter(Boolean);
    await writeAll(io.stdout, [head, body, ...extra].join('\n') + '\n');
  });
}
