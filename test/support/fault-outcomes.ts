/**
 * Judging end-to-end outcomes (correct result / typed error / other) and the summary table.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isQbridgeError } from '../../src/core/errors';
import { withoutSpendLine, type CliRun } from './cli';

export type Outcome = 'correct' | 'typed' | 'other';

/** A judged run. */
export interface Judged {
  outcome: Outcome;
  detail: string;
  errorName?: string;
}

/** Bell-pair counts: only 00 and 11, both present, summing to `shots`. */
export function bellCountsOk(counts: unknown, shots: number): string | undefined {
  if (!counts || typeof counts !== 'object') return `counts is ${JSON.stringify(counts)}`;
  const entries = Object.entries(counts as Record<string, unknown>);
  const total = entries.reduce((a, [, n]) => a + (typeof n === 'number' ? n : NaN), 0);
  if (total !== shots) return `counts sum to ${total}, expected ${shots}: ${JSON.stringify(counts)}`;
  if (!entries.every(([k]) => k === '00' || k === '11')) return `unexpected outcomes ${JSON.stringify(counts)}`;
  if (entries.length !== 2) return `expected both 00 and 11: ${JSON.stringify(counts)}`;
  return undefined;
}

/** A message is "clear": non-empty, one line, no placeholder leaks. */
function messageProblem(msg: string): string | undefined {
  if (!msg.trim()) return 'empty message';
  if (/\n/.test(msg.trim())) return 'multi-line message';
  if (/\bundefined\b|\[object Object\]|\bNaN\b/.test(msg)) return `unclear message: ${msg}`;
  return undefined;
}

/** Judges a library error. */
export function judgeError(e: unknown): Judged {
  if (isQbridgeError(e)) {
    const bad = messageProblem(e.message);
    if (!bad) return { outcome: 'typed', detail: `${e.name}: ${e.message}`, errorName: e.name };
    return { outcome: 'other', detail: `${e.name} with ${bad}`, errorName: e.name };
  }
  return { outcome: 'other', detail: `untyped ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}` };
}

/** Judges a CLI run of `qbridge run FILE --backend ... --json` (register `c`). */
export function judgeCli(run: CliRun, shots: number): Judged {
  if (run.timedOut) return { outcome: 'other', detail: 'the CLI did not finish (hang)' };
  if (run.code === 0) {
    try {
      const out = JSON.parse(run.stdout) as { counts?: Record<string, unknown> };
      const counts = out.counts && typeof out.counts === 'object' && 'c' in out.counts ? out.counts.c : out.counts;
      const bad = bellCountsOk(counts, shots);
      return bad ? { outcome: 'other', detail: `exit 0 but ${bad}` } : { outcome: 'correct', detail: 'exit 0, Bell counts' };
    } catch {
      return { outcome: 'other', detail: `exit 0 but stdout is not JSON: ${run.stdout.slice(0, 200)}` };
    }
  }
  return judgeCliFailure(run);
}

/**
 * Judges a CLI run of `qbridge kernel ... --json`: exit 0 counts as correct only when the matrix
 * equals `reference` exactly (the same seeded run without faults: the test server samples by a
 * seed counter in job creation order, so any duplicated or reordered job changes the numbers).
 */
export function judgeKernelCli(run: CliRun, reference: number[][]): Judged {
  if (run.timedOut) return { outcome: 'other', detail: 'the CLI did not finish (hang)' };
  if (run.code === 0) {
    try {
      const matrix = (JSON.parse(run.stdout) as { matrix?: unknown }).matrix;
      const same = JSON.stringify(matrix) === JSON.stringify(reference);
      return same ? { outcome: 'correct', detail: 'exit 0, the fault-free matrix' } : { outcome: 'other', detail: `exit 0 but matrix ${JSON.stringify(matrix)} differs from ${JSON.stringify(reference)}` };
    } catch {
      return { outcome: 'other', detail: `exit 0 but stdout is not JSON: ${run.stdout.slice(0, 200)}` };
    }
  }
  return judgeCliFailure(run);
}

/** A failed run is "typed" when it exits 1 with ONE clear line `qbridge: <ErrorName>: <message>`. */
function judgeCliFailure(run: CliRun): Judged {
  const lines = withoutSpendLine(run.stderr).split('\n').filter((l) => l.trim() !== '');
  const m = /^qbridge: ([A-Za-z]+): (.+)$/.exec(lines[0] ?? '');
  if (run.code === 1 && lines.length === 1 && m && !/^unexpected/.test(m[1]!)) {
    const bad = messageProblem(m[2]!);
    if (!bad) return { outcome: 'typed', detail: lines[0]!, errorName: m[1] };
    return { outcome: 'other', detail: `${bad}: ${lines[0]}` };
  }
  return { outcome: 'other', detail: `exit ${run.code}; stderr: ${run.stderr.slice(0, 400)}` };
}

/** Outcome counts per fault kind and channel, printed as a table. */
export class FaultSummary {
  private readonly rows = new Map<string, Record<Outcome, number>>();
  readonly details: string[] = [];

  record(kind: string, channel: string, j: Judged, scenario: string): void {
    const key = `${kind} [${channel}]`;
    const r = this.rows.get(key) ?? { correct: 0, typed: 0, other: 0 };
    r[j.outcome]++;
    this.rows.set(key, r);
    this.details.push(`${channel} | ${scenario} | ${j.outcome} | ${j.detail.slice(0, 160)}`);
  }

  totalOther(): number {
    let n = 0;
    for (const r of this.rows.values()) n += r.other;
    return n;
  }

  table(title: string): string {
    const head = ['fault kind [channel]', 'correct result', 'typed error', 'other'];
    const body = [...this.rows.entries()].map(([k, r]) => [k, String(r.correct), String(r.typed), String(r.other)]);
    const w = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
    const fmt = (r: string[]): string => '| ' + r.map((c, i) => c.padEnd(w[i]!)).join(' | ') + ' |';
    return [title, fmt(head), '|' + w.map((x) => '-'.repeat(x + 2)).join('|') + '|', ...body.map(fmt), '', ...this.details].join('\n');
  }

  /** Prints the table and also writes it to `$TMPDIR/qbridge-fault-summary-<name>.txt`. */
  print(name: string, title: string): string {
    const text = this.table(title);
    const file = path.join(os.tmpdir(), `qbridge-fault-summary-${name}.txt`);
    fs.writeFileSync(file, text + '\n');
    console.log(`${text}\n(written to ${file})`);
    return file;
  }
}
