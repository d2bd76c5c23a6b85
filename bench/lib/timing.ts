/** Timing helpers shared by bench sections. */

/** Wall-clock seconds of one call. */
export function timeOnce(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/** Median of an array of numbers. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Median seconds of `fn` over repeated runs: at least `minRuns` runs and, while the total stays
 * under `targetSeconds`, up to `maxRuns` (fast cases get more runs, slow ones fewer).
 */
export function timeMedian(fn: () => void, opts: { minRuns?: number; maxRuns?: number; targetSeconds?: number } = {}): number {
  const { minRuns = 3, maxRuns = 15, targetSeconds = 1.5 } = opts;
  const times: number[] = [];
  let total = 0;
  while (times.length < maxRuns && (times.length < minRuns || total < targetSeconds)) {
    const t = timeOnce(fn);
    times.push(t);
    total += t;
  }
  return median(times);
}

/** Formats seconds with 3 significant digits. */
export function fmtSeconds(s: number | null | undefined): string {
  if (s === null || s === undefined) return '—';
  if (!Number.isFinite(s)) return String(s);
  return s >= 100 ? s.toFixed(0) : s.toPrecision(3);
}

/** Formats a ratio (e.g. 12.3×). */
export function fmtRatio(r: number | null | undefined): string {
  if (r === null || r === undefined || !Number.isFinite(r)) return '—';
  return `${r >= 100 ? r.toFixed(0) : r.toPrecision(3)}×`;
}

/** A plain-text table with right-aligned columns after the first. */
export function renderTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * Medians of several functions timed in alternation (A, B, A, B, …), so that a noisy machine
 * slows them alike and their ratio stays meaningful.
 */
export function timeInterleaved(
  fns: ReadonlyArray<() => void>,
  opts: { minRuns?: number; maxRuns?: number; targetSeconds?: number } = {},
): number[] {
  const { minRuns = 3, maxRuns = 15, targetSeconds = 2 } = opts;
  const times: number[][] = fns.map(() => []);
  let total = 0;
  for (let round = 0; round < maxRuns && (round < minRuns || total < targetSeconds); round++) {
    fns.forEach((fn, k) => {
      const t = timeOnce(fn);
      times[k]!.push(t);
      total += t;
    });
  }
  return times.map(median);
}
