import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigurationError, InputValidationError } from '../../src/core/errors';
import { TERMINAL_STATUSES, type JobStatus } from '../../src/core/job';

/**
 * The durable job ledger: `$QBRIDGE_HOME/jobs.jsonl`, one JSON object per line.
 *
 * - Before `POST /jobs`, an `intent` line with a unique client tag (also sent as a job tag) is
 *   written and fsync'ed; the `submit` line with the job id follows, also before `run` returns.
 *   A job whose creation answer was lost (reset, timeout) stays traceable by that tag
 *   (`GET /jobs?tags=<client_tag>`), and `jobs()` lists it as `unconfirmed`.
 * - Status updates are buffered and flushed per job (when the job reaches a terminal state, on
 *   the next submission, or on {@link JobLedger.flush}).
 * - Each flush is one synchronous `writeSync` of whole lines to an `O_APPEND` descriptor, so
 *   concurrent appends from one process never interleave (Node runs them one at a time).
 * - Only ids, names, times, hashes and tags are stored — never tokens, CRNs or payloads.
 */

/** One ledger line. */
export interface LedgerEntry {
  /** `intent` just before submitting, `submit` when a job was created, `status` for a status seen later. */
  readonly event: 'intent' | 'submit' | 'status';
  /** The IBM job id (absent on `intent` lines). */
  readonly job_id?: string;
  /** qbridge's own tag for the submission, also sent to IBM as a job tag. */
  readonly client_tag?: string;
  readonly backend?: string;
  /** ISO-8601 time the line was written. */
  readonly time: string;
  readonly program?: string;
  /** sha256 (hex) of the submitted `params` JSON. */
  readonly payload_sha256?: string;
  readonly tag?: string;
  readonly session_id?: string;
  readonly status?: string;
}

/** The latest known facts of one job, folded from its ledger lines. */
export interface LedgerJob {
  /** The IBM job id, or `unconfirmed:<client_tag>` for a submission whose answer never came. */
  job_id: string;
  client_tag?: string;
  backend?: string;
  program?: string;
  submitted?: string;
  tag?: string;
  session_id?: string;
  payload_sha256?: string;
  status: string;
  updated: string;
}

const CHUNK = 64 * 1024;

/** Append-only job ledger. */
export class JobLedger {
  private buffer: string[] = [];
  private readonly now: () => number;

  /** @param file the ledger file (its directory is created 0700 on first write) */
  constructor(
    readonly file: string,
    opts: { now?: () => number } = {},
  ) {
    this.now = opts.now ?? Date.now;
  }

  /** The ledger of a qbridge home directory: `<home>/jobs.jsonl`. */
  static inHome(home: string, opts: { now?: () => number } = {}): JobLedger {
    return new JobLedger(path.join(home, 'jobs.jsonl'), opts);
  }

  /** Records the intent to submit (before the request) and flushes it. */
  recordIntent(e: Omit<LedgerEntry, 'event' | 'time' | 'status' | 'job_id'> & { client_tag: string }): void {
    this.buffer.push(this.line({ ...e, event: 'intent', status: 'submitting' }));
    this.flush();
  }

  /** Records a submission and flushes it (with any buffered lines) to disk before returning. */
  recordSubmit(e: Omit<LedgerEntry, 'event' | 'time' | 'status'> & { job_id: string }): void {
    this.buffer.push(this.line({ ...e, event: 'submit', status: 'queued' }));
    this.flush();
  }

  /** Records a status seen for a job; buffered, flushed at a terminal status. */
  recordStatus(jobId: string, status: string, backend?: string): void {
    this.buffer.push(this.line({ event: 'status', job_id: jobId, status, backend }));
    if (TERMINAL_STATUSES.has(status as JobStatus)) this.flush();
  }

  /** Writes buffered lines with one write and fsyncs them. */
  flush(): void {
    if (!this.buffer.length) return;
    const data = Buffer.from(this.buffer.join(''), 'utf8');
    this.buffer = [];
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
      // 'a+' so the last byte can be read: a process killed mid-write leaves a torn last line
      // with no trailing newline, and an append glued onto it would make both records unreadable.
      const fd = fs.openSync(this.file, 'a+', 0o600);
      try {
        if (endsTorn(fd)) fs.writeSync(fd, '\n');
        for (let off = 0; off < data.length; ) off += fs.writeSync(fd, data, off, data.length - off);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    } catch (e) {
      throw new ConfigurationError(`cannot write the job ledger ${this.file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`, 'QBRIDGE_HOME', { cause: e });
    }
  }

  private line(e: Omit<LedgerEntry, 'time'>): string {
    const entry: Record<string, unknown> = { time: new Date(this.now()).toISOString() };
    for (const [k, v] of Object.entries(e)) if (v !== undefined) entry[k] = v;
    return `${JSON.stringify(entry)}\n`;
  }

  /**
   * The last `n` lines, read backwards in 64 KiB chunks (the file is never loaded whole).
   * Malformed lines (e.g. a torn last line after a crash) are skipped.
   */
  tail(n: number): LedgerEntry[] {
    if (!Number.isInteger(n) || n < 0) throw new InputValidationError(`tail length must be an integer ≥ 0, got ${n}`);
    if (n === 0 || !fs.existsSync(this.file)) return [];
    const fd = fs.openSync(this.file, 'r');
    try {
      let pos = fs.fstatSync(fd).size;
      let pieces: Buffer[] = [];
      let newlines = 0;
      while (pos > 0 && newlines <= n) {
        const size = Math.min(CHUNK, pos);
        pos -= size;
        const buf = Buffer.alloc(size);
        fs.readSync(fd, buf, 0, size, pos);
        for (const b of buf) if (b === 0x0a) newlines++;
        pieces = [buf, ...pieces];
      }
      const lines = Buffer.concat(pieces).toString('utf8').split('\n').filter((l) => l.trim());
      // The first line may be partial when we stopped mid-file: drop it unless we reached the start.
      const complete = pos > 0 ? lines.slice(1) : lines;
      return parseLines(complete).slice(-n); // parse first: a torn line must not cost a slot
    } finally {
      fs.closeSync(fd);
    }
  }

  /** Every entry, in file order (one forward pass, chunked). */
  *entries(): Generator<LedgerEntry> {
    if (!fs.existsSync(this.file)) return;
    const fd = fs.openSync(this.file, 'r');
    try {
      const buf = Buffer.alloc(CHUNK);
      let rest = '';
      for (let read; (read = fs.readSync(fd, buf, 0, CHUNK, null)) > 0; ) {
        const text = rest + buf.toString('utf8', 0, read);
        const lines = text.split('\n');
        rest = lines.pop()!;
        yield* parseLines(lines);
      }
      if (rest.trim()) yield* parseLines([rest]);
    } finally {
      fs.closeSync(fd);
    }
  }

  /** One reading folded into the latest state of every job (a whole report from one pass). */
  jobs(): LedgerJob[] {
    const byId = new Map<string, LedgerJob>();
    const intents = new Map<string, LedgerEntry>();
    const confirmed = new Set<string>();
    for (const e of this.entries()) {
      if (e.event === 'intent') {
        if (e.client_tag) intents.set(e.client_tag, e);
        continue;
      }
      if (!e.job_id) continue;
      const j = byId.get(e.job_id) ?? { job_id: e.job_id, status: 'unknown', updated: e.time };
      if (e.event === 'submit') {
        Object.assign(j, { backend: e.backend, program: e.program, submitted: e.time, tag: e.tag, session_id: e.session_id, payload_sha256: e.payload_sha256, client_tag: e.client_tag });
        if (e.client_tag) confirmed.add(e.client_tag);
      }
      if (e.backend && !j.backend) j.backend = e.backend;
      if (e.status) j.status = e.status;
      j.updated = e.time;
      byId.set(e.job_id, j);
    }
    const unconfirmed: LedgerJob[] = [...intents.values()]
      .filter((e) => !confirmed.has(e.client_tag!))
      .map((e) => ({
        job_id: `unconfirmed:${e.client_tag}`,
        client_tag: e.client_tag,
        backend: e.backend,
        program: e.program,
        submitted: e.time,
        tag: e.tag,
        session_id: e.session_id,
        payload_sha256: e.payload_sha256,
        status: 'unconfirmed',
        updated: e.time,
      }));
    return [...byId.values(), ...unconfirmed].sort((a, b) => (a.submitted ?? a.updated).localeCompare(b.submitted ?? b.updated));
  }

  /** The folded state of one job, or undefined. */
  job(id: string): LedgerJob | undefined {
    return this.jobs().find((j) => j.job_id === id);
  }
}

/** True when the file is non-empty and its last byte is not a newline (a torn last line). */
function endsTorn(fd: number): boolean {
  const size = fs.fstatSync(fd).size;
  if (size === 0) return false;
  const last = Buffer.alloc(1);
  fs.readSync(fd, last, 0, 1, size - 1);
  return last[0] !== 0x0a;
}

function parseLines(lines: readonly string[]): LedgerEntry[] {
  const out: LedgerEntry[] = [];
  for (const l of lines) {
    if (!l.trim()) continue;
    try {
      const e = JSON.parse(l) as LedgerEntry;
      if (e && (typeof e.job_id === 'string' || typeof e.client_tag === 'string')) out.push(e);
    } catch {
      /* a torn line: skip */
    }
  }
  return out;
}
