/**
 * A tiny dependency-free SVG builder for CLI charts: escaped text, one `<svg>` document with a
 * title, and two charts (a histogram of counts, a heat map of a matrix). Output is
 * deterministic (fixed number formatting, no ids or timestamps) so it can be compared in tests.
 */
import { InputValidationError } from '../../core/errors';

/** Escapes text for SVG/XML content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Formats a coordinate with at most 2 decimals (no trailing zeros). */
export function num(v: number): string {
  return String(Math.round(v * 100) / 100);
}

/** Wraps body elements in an `<svg>` document of the given size, with an accessible title. */
export function svgDocument(width: number, height: number, title: string, body: readonly string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}" role="img" font-family="sans-serif" font-size="12">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="100%" height="100%" fill="white"/>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

/** Options of {@link histogram}. */
export interface HistogramOptions {
  title?: string;
  /** Bar order: by key (default, Qiskit's plot_histogram order) or by count, descending. */
  sort?: 'key' | 'count';
  /** Keep at most this many bars (the rest are summed into "other"). @defaultValue 64 */
  maxBars?: number;
  /** Plot area height in pixels. @defaultValue 240 */
  height?: number;
}

/**
 * A bar chart of outcome counts (`{ '00': 510, '11': 514 }`): one labelled bar per outcome with
 * its count on top. The y axis starts at 0.
 * @throws {InputValidationError} for no outcomes or a negative/non-finite count
 */
export function histogram(counts: Readonly<Record<string, number>>, options: HistogramOptions = {}): string {
  let entries = Object.entries(counts);
  if (entries.length === 0) throw new InputValidationError('histogram needs at least one outcome');
  for (const [k, v] of entries) {
    if (!Number.isFinite(v) || v < 0) throw new InputValidationError(`histogram count of '${k}' must be a finite number ≥ 0`);
  }
  entries.sort(options.sort === 'count' ? (x, y) => y[1] - x[1] || cmp(x[0], y[0]) : (x, y) => cmp(x[0], y[0]));
  const maxBars = options.maxBars ?? 64;
  if (entries.length > maxBars) {
    const byCount = [...entries].sort((x, y) => y[1] - x[1] || cmp(x[0], y[0]));
    const keep = new Set(byCount.slice(0, maxBars - 1).map(([k]) => k));
    const other = entries.filter(([k]) => !keep.has(k)).reduce((s, [, v]) => s + v, 0);
    entries = [...entries.filter(([k]) => keep.has(k)), ['other', other]];
  }
  const total = entries.reduce((s, [, v]) => s + v, 0);
  const max = Math.max(...entries.map(([, v]) => v), 1);
  const labelLen = Math.max(...entries.map(([k]) => k.length));
  const bar = Math.max(entries.length <= 8 ? 32 : 16, Math.min(48, labelLen * 8));
  const gap = 8;
  const left = 48, top = 40, plotH = options.height ?? 240;
  const bottom = 24 + labelLen * 7; // rotated labels
  // At least wide enough for the title, however few the bars.
  const barsWidth = entries.length * (bar + gap) + gap;
  const width = Math.max(320, left + barsWidth + 16);
  const start = left + (width - 16 - left - barsWidth) / 2; // bars centred in the plot
  const height = top + plotH + bottom;
  const body: string[] = [];
  const title = options.title ?? `Counts (${total} shots)`;
  body.push(`<text x="${num(width / 2)}" y="20" text-anchor="middle" font-size="14">${escapeXml(title)}</text>`);
  body.push(`<line x1="${left}" y1="${top + plotH}" x2="${num(width - 8)}" y2="${top + plotH}" stroke="black"/>`);
  body.push(`<line x1="${left}" y1="${top}" x2="${left}" y2="${top + plotH}" stroke="black"/>`);
  body.push(`<text x="${left - 4}" y="${top + 4}" text-anchor="end">${max}</text>`);
  body.push(`<text x="${left - 4}" y="${top + plotH}" text-anchor="end">0</text>`);
  entries.forEach(([k, v], i) => {
    const h = (v / max) * plotH;
    const x = start + gap + i * (bar + gap);
    const y = top + plotH - h;
    body.push(
      `<rect class="bar" x="${num(x)}" y="${num(y)}" width="${bar}" height="${num(h)}" fill="#6929c4"><title>${escapeXml(k)}: ${v}</title></rect>`,
    );
    body.push(`<text x="${num(x + bar / 2)}" y="${num(y - 4)}" text-anchor="middle">${v}</text>`);
    const lx = x + bar / 2, ly = top + plotH + 12;
    body.push(`<text x="${num(lx)}" y="${num(ly)}" text-anchor="end" transform="rotate(-60 ${num(lx)} ${num(ly)})" font-family="monospace">${escapeXml(k)}</text>`);
  });
  return svgDocument(width, height, title, body);
}

/** Options of {@link heatmap}. */
export interface HeatmapOptions {
  title?: string;
  /** Colour scale limits. @defaultValue the matrix's min and max */
  min?: number;
  max?: number;
  /** Cell size in pixels. @defaultValue 24 (smaller for large matrices) */
  cell?: number;
  /** Row/column labels. @defaultValue indices */
  rowLabels?: readonly string[];
  colLabels?: readonly string[];
}

/**
 * A heat map of a numeric matrix (e.g. a kernel Gram matrix): one cell per entry, white (min)
 * to dark purple (max), value in each cell's tooltip.
 * @throws {InputValidationError} for an empty or ragged matrix or a non-finite entry
 */
export function heatmap(matrix: ReadonlyArray<ArrayLike<number>>, options: HeatmapOptions = {}): string {
  const rows = matrix.length;
  const cols = rows ? matrix[0]!.length : 0;
  if (!rows || !cols) throw new InputValidationError('heatmap needs a non-empty matrix');
  let lo = Infinity, hi = -Infinity;
  matrix.forEach((row, r) => {
    if (row.length !== cols) throw new InputValidationError(`heatmap row ${r} has ${row.length} entries, expected ${cols}`);
    for (let c = 0; c < cols; c++) {
      const v = row[c]!;
      if (!Number.isFinite(v)) throw new InputValidationError(`heatmap entry (${r}, ${c}) is not finite`);
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  });
  const min = options.min ?? lo, max = options.max ?? hi;
  const cell = options.cell ?? Math.max(4, Math.min(24, Math.floor(600 / Math.max(rows, cols))));
  const left = 40, top = 40;
  const plotW = cols * cell, plotH = rows * cell;
  const barX = left + plotW + 16, barW = 14; // colour bar on the right
  const width = barX + barW + 64, height = top + plotH + 16;
  const title = options.title ?? `Matrix ${rows}×${cols}`;
  const body: string[] = [`<text x="${num(width / 2)}" y="20" text-anchor="middle" font-size="14">${escapeXml(title)}</text>`];
  // Label every step-th row/column so that labels stay at least ~24 px apart.
  const step = Math.max(1, Math.ceil(24 / cell));
  for (let r = 0; r < rows; r++) {
    if (r % step === 0) body.push(`<text x="${left - 4}" y="${num(top + r * cell + Math.min(cell, 12) * 0.8)}" text-anchor="end">${escapeXml(options.rowLabels?.[r] ?? String(r))}</text>`);
    for (let c = 0; c < cols; c++) {
      const v = matrix[r]![c]!;
      const t = max > min ? Math.min(1, Math.max(0, (v - min) / (max - min))) : 0.5;
      body.push(`<rect class="cell" x="${left + c * cell}" y="${top + r * cell}" width="${cell}" height="${cell}" fill="${colour(t)}"><title>(${r}, ${c}) ${v}</title></rect>`);
    }
  }
  for (let c = 0; c < cols; c += step) {
    body.push(`<text x="${num(left + c * cell + cell / 2)}" y="${top - 4}" text-anchor="middle">${escapeXml(options.colLabels?.[c] ?? String(c))}</text>`);
  }
  // Colour bar: max at the top, min at the bottom, in 32 bands.
  const bands = 32;
  for (let b = 0; b < bands; b++) {
    const y0 = top + (b * plotH) / bands;
    body.push(`<rect class="scale" x="${barX}" y="${num(y0)}" width="${barW}" height="${num(plotH / bands + 0.5)}" fill="${colour(1 - b / (bands - 1))}"/>`);
  }
  body.push(`<rect x="${barX}" y="${top}" width="${barW}" height="${plotH}" fill="none" stroke="#888"/>`);
  body.push(`<text x="${barX + barW + 4}" y="${top + 10}">${escapeXml(formatTick(max))}</text>`);
  body.push(`<text x="${barX + barW + 4}" y="${top + plotH}">${escapeXml(formatTick(min))}</text>`);
  return svgDocument(width, height, title, body);
}

/** A short tick label: up to 3 significant digits. */
function formatTick(v: number): string {
  return String(Number(v.toPrecision(3)));
}

/** White → #6929c4 (linear in RGB). */
function colour(t: number): string {
  const to = [0x69, 0x29, 0xc4];
  const hex = to.map((v) => Math.round(255 + (v - 255) * t).toString(16).padStart(2, '0')).join('');
  return `#${hex}`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
