import type { Command } from 'commander';
import {
  configuredIbmJob,
  configuredJobClient,
  JobLedger,
  type LedgerJob,
} from '../../../adapters/ibm-runtime';
import { loadConfig, type QbridgeConfig } from '../../config';
import { InputValidationError } from '../../core/errors';
import type { EstimatorResult, SamplerResult } from '../../primitives/types';
import { writeAll, type CliIo } from '../io';

/**
 * `qbridge jobs [list|show ID|result ID|cancel ID|tail [-n N]]`: the IBM jobs this machine
 * submitted (from the durable ledger `$QBRIDGE_HOME/jobs.jsonl`) and their remote state.
 * `list` and `tail` read only the ledger; `show` reads the ledger and adds the live status only
 * when credentials are set (it says which it printed); `result` and `cancel` ask IBM Quantum and
 * need QISKIT_IBM_TOKEN. Without a CRN in QISKIT_IBM_INSTANCE (a name, none, or `auto`) the job is
 * looked up in each candidate instance (adapters/ibm-runtime/configured.ts).
 */
export function registerJobs(program: Command, io: CliIo): void {
  const jobs = program.command('jobs').description('IBM Quantum jobs submitted from this machine (ledger) and their state');
  const config = (): QbridgeConfig => loadConfig();
  const ledger = (c: QbridgeConfig): JobLedger => JobLedger.inHome(c.home);
  const out = (text: string): Promise<void> => writeAll(io.stdout, text.endsWith('\n') ? text : `${text}\n`);

  jobs
    .command('list', { isDefault: true })
    .description('jobs in the ledger, newest last, with their last known status')
    .option('-n, --limit <n>', 'show only the last N jobs', '50')
    .option('--json', 'print a JSON array')
    .action(async (opts: { limit: string; json?: boolean }) => {
      const n = count(opts.limit);
      const all = ledger(config()).jobs().slice(-n);
      if (opts.json) return out(JSON.stringify(all));
      if (!all.length) return out('no jobs in the ledger yet');
      return out(table(all));
    });

  jobs
    .command('tail')
    .description('the last ledger lines (JSON lines), read from the end of the file')
    .option('-n, --lines <n>', 'number of lines', '10')
    .action(async (opts: { lines: string }) => {
      const lines = ledger(config()).tail(count(opts.lines));
      if (lines.length) await out(lines.map((l) => JSON.stringify(l)).join('\n'));
    });

  jobs
    .command('show')
    .description('a job: what the ledger recorded, and its live status from IBM Quantum when credentials are set')
    .argument('<id>', 'IBM job id')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      const c = config();
      const info = await showJob(c, ledger(c), checkId(id));
      if (opts.json) return out(JSON.stringify(info));
      return out(Object.entries(info).map(([k, v]) => `${k}: ${String(v)}`).join('\n'));
    });

  jobs
    .command('result')
    .description('waits for a job and prints its result (counts per register, or expectation values)')
    .argument('<id>', 'IBM job id')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      const c = config();
      // The job's instance: the CRN, or the candidate instance that knows it (name or none/auto).
      const job = await configuredIbmJob(checkId(id), c, { ledger: ledger(c) });
      const r = await job.result();
      const printable = formatResult(r);
      if (opts.json) return out(JSON.stringify(printable));
      return out(JSON.stringify(printable, null, 2));
    });

  jobs
    .command('cancel')
    .description('cancels a queued or running job (a finished job is left alone)')
    .argument('<id>', 'IBM job id')
    .action(async (id: string) => {
      const c = config();
      const job = await configuredIbmJob(checkId(id), c, { ledger: ledger(c) });
      await job.cancel();
      return out(`cancellation requested for ${id}`);
    });
}

/** The `run --json` shape for Sampler results; evs/stds for Estimator results. */
export function formatResult(r: SamplerResult | EstimatorResult): Record<string, unknown> {
  if (r.kind === 'sampler') {
    const pub = r.pubs[0];
    const counts: Record<string, Record<string, number>> = {};
    for (const [reg, bits] of Object.entries(pub?.data ?? {})) counts[reg] = bits.getCounts();
    return { backend: r.metadata.backend, job_id: r.metadata.jobId, shots: pub ? pub.metadata.shots * pub.metadata.numRows : 0, counts };
  }
  return { backend: r.metadata.backend, job_id: r.metadata.jobId, pubs: r.pubs.map((p) => ({ evs: p.evs, stds: p.stds })) };
}

/** The `jobs list` columns: header, then one row per job. */
const COLUMNS: ReadonlyArray<readonly [string, (j: LedgerJob) => string]> = [
  ['JOB ID', (j) => j.job_id],
  ['BACKEND', (j) => j.backend ?? '-'],
  ['PROGRAM', (j) => j.program ?? '-'],
  ['STATUS', (j) => j.status],
  ['SUBMITTED', (j) => j.submitted ?? j.updated],
  ['TAG', (j) => j.tag ?? ''],
];

/** `jobs list` as aligned columns under a header line. */
export function table(jobs: readonly LedgerJob[]): string {
  const cells = [COLUMNS.map(([h]) => h), ...jobs.map((j) => COLUMNS.map(([, f]) => f(j)))];
  const widths = COLUMNS.map((_, c) => Math.max(...cells.map((r) => r[c]!.length)));
  return cells.map((r) => r.map((v, c) => v.padEnd(widths[c]!)).join('  ').trimEnd()).join('\n');
}

/**
 * `jobs show`: the ledger's record, and IBM's live status only when credentials are configured;
 * `status_source` says which status was printed (offline use needs no token and no network).
 * @throws {InputValidationError} when the job is neither in the ledger nor askable (no credentials)
 */
export async function showJob(c: QbridgeConfig, l: JobLedger, id: string): Promise<Record<string, unknown>> {
  const local = l.job(id);
  const fromLedger = (source: string): Record<string, unknown> => ({
    job_id: id,
    backend: local!.backend,
    program: local!.program,
    status: local!.status,
    submitted: local!.submitted,
    updated: local!.updated,
    ...(local!.session_id ? { session_id: local!.session_id } : {}),
    ...(local!.tag ? { tag: local!.tag } : {}),
    in_ledger: true,
    status_source: source,
  });
  if (!c.ibm) {
    if (!local) {
      throw new InputValidationError(`job ${id} is not in the ledger (${l.file}), and without QISKIT_IBM_TOKEN and QISKIT_IBM_INSTANCE IBM cannot be asked`);
    }
    return fromLedger('ledger (offline: no IBM credentials; set QISKIT_IBM_TOKEN and QISKIT_IBM_INSTANCE for the live status)');
  }
  let remote;
  try {
    remote = (await configuredJobClient(id, c)).job;
  } catch (e) {
    // The ledger still knows the job: show it, and say why the live status is missing.
    if (!local) throw e;
    return fromLedger(`ledger (live status unavailable: ${e instanceof Error ? e.message : String(e)})`);
  }
  return {
    job_id: id,
    backend: remote.backend ?? local?.backend,
    program: remote.program?.id ?? local?.program,
    status: remote.state.status,
    created: remote.created,
    ...(remote.state.reason ? { reason: remote.state.reason } : {}),
    ...(remote.state.reason_code !== undefined ? { reason_code: remote.state.reason_code } : {}),
    ...(remote.session_id ? { session_id: remote.session_id } : {}),
    ...(local?.tag ? { tag: local.tag } : {}),
    in_ledger: Boolean(local),
    status_source: 'IBM Quantum (live)',
  };
}

function count(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 1_000_000) throw new InputValidationError(`expected a whole number ≥ 0, got '${v}'`);
  return n;
}

function checkId(id: string): string {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(id)) throw new InputValidationError(`'${id.slice(0, 40)}' is not a job id`);
  return id;
}
