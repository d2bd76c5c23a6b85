import type { Command } from 'commander';
import {
  createRuntimeClient,
  ibmOptionsFromConfig,
  JobLedger,
  retrieveJob,
  type LedgerJob,
} from '../../../adapters/ibm-runtime';
import { loadConfig, type QbridgeConfig } from '../../config';
import { InputValidationError } from '../../core/errors';
import type { EstimatorResult, SamplerResult } from '../../primitives/types';
import { writeAll, type CliIo } from '../io';

/**
 * `qbridge jobs [list|show ID|result ID|cancel ID|tail [-n N]]`: the IBM jobs this machine
 * submitted (from the durable ledger `$QBRIDGE_HOME/jobs.jsonl`) and their remote state.
 * `list` and `tail` read only the ledger; `show`, `result` and `cancel` ask IBM Quantum and need
 * QISKIT_IBM_TOKEN and QISKIT_IBM_INSTANCE.
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
      return out(all.map(row).join('\n'));
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
    .description('a job: ledger facts and its current remote status')
    .argument('<id>', 'IBM job id')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      const c = config();
      const local = ledger(c).job(checkId(id));
      const client = createRuntimeClient(ibmOptionsFromConfig(c));
      const remote = await client.getJob(id);
      const info = {
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
      };
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
      const client = createRuntimeClient(ibmOptionsFromConfig(c));
      const job = await retrieveJob(client, checkId(id), { ledger: ledger(c) });
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
      const client = createRuntimeClient(ibmOptionsFromConfig(c));
      const job = await retrieveJob(client, checkId(id), { ledger: ledger(c) });
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

function row(j: LedgerJob): string {
  return [j.job_id, j.backend ?? '-', j.program ?? '-', j.status, j.submitted ?? j.updated, j.tag ?? ''].join('  ').trimEnd();
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
