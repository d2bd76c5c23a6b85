/** Runs a fuzz target in a child process with a hard time limit. */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FuzzReport } from './shared';

const ROOT = path.join(__dirname, '..', '..', '..');

/** The report, or a hang description naming the last input started. */
export async function runFuzzChild(
  target: string,
  numRuns: number,
  seed: number,
  timeoutMs: number,
): Promise<{ report?: FuzzReport; hang?: string; crash?: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qbridge-fuzz-'));
  const progress = path.join(dir, 'progress.json');
  try {
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'main.ts'), target, String(numRuns), String(seed), progress],
      { cwd: ROOT, env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json') }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(timer);
    if (timedOut) {
      const last = fs.existsSync(progress) ? fs.readFileSync(progress, 'utf8') : '(none)';
      return { hang: `no answer within ${timeoutMs} ms; last input started: ${last}` };
    }
    const line = out.split('\n').find((l) => l.startsWith('FUZZ-RESULT '));
    if (!line) return { crash: `exit ${code}; stderr: ${err.slice(0, 2000)}` };
    return { report: JSON.parse(line.slice('FUZZ-RESULT '.length)) as FuzzReport };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A printable table of outcomes per generator. */
export function fuzzTable(report: FuzzReport): string {
  const kinds = [...new Set(Object.values(report.outcomes).flatMap((o) => Object.keys(o)))].sort();
  const rows = Object.entries(report.outcomes).map(([g, o]) => [g, ...kinds.map((k) => String(o[k] ?? 0))]);
  const head = ['generator', ...kinds];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]): string => r.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
  return [`fuzz target ${report.target}: ${report.runs} inputs`, fmt(head), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(fmt)].join('\n');
}
