/** Shared helpers of the resumable-kernel tests (not a test file). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RuntimeServer } from './runtime-server';

/** The kernel chunk tag prefix (spelled out: a test must not take it from the code under test). */
export const TAG_PREFIX = 'qbridge-kernel:';

/** Four 2-feature points: 6 off-diagonal pairs, i.e. 6 chunks at one circuit per job. */
export const POINTS = [
  [0.5, 1.25],
  [2.0, 0.75],
  [1.5, 3.0],
  [0.25, 2.5],
];

/** Writes the points as a CSV file with a header row. */
export function writePointsCsv(dir: string, points: number[][] = POINTS): string {
  const file = path.join(dir, 'train.csv');
  fs.writeFileSync(file, ['f0,f1', ...points.map((p) => p.join(','))].join('\n') + '\n');
  return file;
}

/** The kernel chunk tags of every job the server created, in creation order. */
export function createdChunkTags(server: RuntimeServer): string[] {
  return [...server.jobs.jobs.values()].map((j) => j.tags.find((t) => t.startsWith(TAG_PREFIX)) ?? '<untagged>');
}

/** Created jobs per chunk tag. */
export function jobsPerTag(server: RuntimeServer): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of createdChunkTags(server)) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

/** The `POST /jobs` requests per chunk tag (each request's body, whether or not it created a job). */
export function postsPerTag(server: RuntimeServer): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of server.requests) {
    if (r.route !== 'POST /jobs') continue;
    const tags = (JSON.parse(r.body) as { tags?: string[] }).tags ?? [];
    const t = tags.find((x) => x.startsWith(TAG_PREFIX)) ?? '<untagged>';
    m.set(t, (m.get(t) ?? 0) + 1);
  }
  return m;
}

/** Ledger lines of `<home>/jobs.jsonl`. */
export function ledgerLines(home: string): Array<Record<string, unknown>> {
  const file = path.join(home, 'jobs.jsonl');
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** Resolves once `cond()` holds (checked every 20 ms), or rejects after `ms`. */
export async function waitFor(cond: () => boolean, ms = 30_000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
