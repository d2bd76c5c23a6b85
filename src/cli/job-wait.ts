import type { Backend } from '../backend';
import { TERMINAL_STATUSES, type Job, type JobStatus } from '../core/job';
import type { CliIo } from './io';
import { writeAll } from './io';

/** A job the CLI was waiting for when Ctrl-C came: its id and how to cancel it. */
export interface PendingJob {
  readonly id: string;
  cancel(): Promise<void>;
}

/**
 * After Ctrl-C: what became of the remote jobs the command was waiting for. Without
 * `--cancel-on-interrupt` each job keeps running on the service (it is not cancelled: its result
 * may still be wanted, and it may already be paid for), so the id and the `qbridge jobs result ID`
 * command that fetches it later are printed; with the flag each is cancelled through the backend.
 * Jobs of a backend without a durable journal ran in this process and ended with it: nothing to say.
 */
export async function reportInterruptedJobs(io: CliIo, backend: Backend, jobs: readonly PendingJob[], cancelOnInterrupt: boolean): Promise<void> {
  if (backend.journalEntries === undefined) return;
  const lines: string[] = [];
  for (const job of jobs) {
    if (!cancelOnInterrupt) {
      lines.push(
        `job ${job.id} keeps running on ${backend.name} (not cancelled; --cancel-on-interrupt cancels it on Ctrl-C)`,
        `fetch its result later with: qbridge jobs result ${job.id}`,
      );
      continue;
    }
    try {
      await job.cancel();
      lines.push(`job ${job.id} on ${backend.name}: cancellation requested (--cancel-on-interrupt)`);
    } catch (e) {
      lines.push(`job ${job.id} on ${backend.name} could not be cancelled (${e instanceof Error ? e.message : String(e)}); cancel it with: qbridge jobs cancel ${job.id}`);
    }
  }
  if (lines.length) await writeAll(io.stderr, `${lines.join('\n')}\n`);
}

/**
 * Waits for `job` like `job.result()`, stopping on Ctrl-C (see src/cli/interrupt.ts); an
 * interrupted wait reports the job ({@link reportInterruptedJobs}) before the abort propagates.
 */
export async function awaitJob<R>(
  io: CliIo,
  backend: Backend,
  job: Job<R>,
  options: { timeoutMs?: number; cancelOnInterrupt?: boolean } = {},
): Promise<R> {
  const signal = io.interrupt?.begin();
  try {
    return await job.result({ ...(signal ? { signal } : {}), ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }) });
  } catch (e) {
    if (io.interrupt?.fired) await reportInterruptedJobs(io, backend, [job], Boolean(options.cancelOnInterrupt));
    throw e;
  }
}

/** The option text of `--cancel-on-interrupt` (run and kernel). */
export const CANCEL_ON_INTERRUPT_HELP = 'on Ctrl-C, cancel the IBM job(s) being waited for (default: they keep running; `qbridge jobs result ID` fetches them later)';

/**
 * The jobs with request tags starting with `tagPrefix` submitted since `since` (ISO time) that
 * the backend's journal does not record as finished: what an interrupted command was waiting for.
 * Empty for a backend without a journal.
 */
export async function unfinishedJournalJobs(backend: Backend, tagPrefix: string, since: string): Promise<PendingJob[]> {
  if (!backend.journalEntries) return [];
  const entries = await backend.journalEntries(tagPrefix);
  return entries
    .filter((e) => e.jobId !== undefined && (e.submitted ?? '') >= since && !TERMINAL_STATUSES.has(e.status as JobStatus))
    .map((e) => ({
      id: e.jobId!,
      cancel: async () => {
        if (!backend.retrieveJob) throw new Error(`backend '${backend.name}' cannot look jobs up by id`);
        await (await backend.retrieveJob(e.jobId!)).cancel();
      },
    }));
}
