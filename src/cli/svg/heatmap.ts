/**
 * The heat map of a matrix (a kernel Gram matrix): cells coloured white (min) to purple (max),
 * axis titles saying which points run along each axis, thinned tick labels, class boundaries,
 * and a colour bar with ticks. The canvas is sized from its text so nothing is clipped.
 */
import { InputValidationError } from '../../core/errors';
import { formatTick, niceTicks, textHeight, textWidth, tickStep } from './layout';
import { encodePng } from './png';
import { escapeXml, num, svgDocument } from './svg';

/** Options of {@link heatmap}. */
export interface HeatmapOptions {
  /** Chart title. @defaultValue `Matrix R×C` */
  title?: string;
  /** Colour scale limits. @defaultValue the matrix's min and max */
  min?: number;
  max?: number;
  /** Cell size in pixels. @defaultValue 24 (smaller for large matrices, at least 2) */
  cell?: number;
  /** Row/column tick labels. @defaultValue indices */
  rowLabels?: readonly string[];
  colLabels?: readonly string[];
  /** Axis titles: what the rows and the columns are (e.g. `test points`, `training points`). */
  rowTitle?: string;
  colTitle?: string;
  /**
   * Class label of each row/column: a boundary line is drawn between neighbours of different
   * classes (sort the points by class first for one line per class change).
   */
  rowClasses?: ReadonlyArray<string | number>;
  colClasses?: ReadonlyArray<string | number>;
  /** Title of the colour bar. @defaultValue `value` */
  valueTitle?: string;
}

/** Colour levels of the scale: cells are quantized to these so that runs of equal colour merge. */
const LEVELS = 64;
/** Most rectangles drawn for the cells (~90 bytes each: ~360 kB); a rougher matrix is a raster. */
const RASTER_RUNS = 4000;
const TITLE_SIZE = 14;
const FONT = 12;
const PAD = 8;

/**
 * A heat map of a numeric matrix. Horizontal runs of cells with the same quantized colour are
 * drawn as one rectangle, so a smooth 200 × 200 kernel takes far fewer than 40 000 elements.
 * @throws {InputValidationError} for an empty or ragged matrix, a non-finite entry, or class
 * labels whose count does not match the rows/columns
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
  if (options.rowClasses && options.rowClasses.length !== rows) {
    throw new InputValidationError(`heatmap has ${rows} rows but ${options.rowClasses.length} row class labels`);
  }
  if (options.colClasses && options.colClasses.length !== cols) {
    throw new InputValidationError(`heatmap has ${cols} columns but ${options.colClasses.length} column class labels`);
  }
  const min = options.min ?? lo, max = options.max ?? hi;
  // Small matrices get larger cells so the plot is as tall as its rotated row title and as wide
  // as its column title (up to 96 px a cell), which keeps the axes and the colour bar readable.
  const titleFit = Math.max(
    options.rowTitle ? textWidth(options.rowTitle, FONT) / rows : 0,
    options.colTitle ? textWidth(options.colTitle, FONT) / cols : 0,
    textWidth(options.valueTitle ?? 'value', FONT) / rows,
  );
  const cell = options.cell ?? Math.max(2, Math.min(Math.max(24, Math.min(96, Math.ceil(titleFit))), Math.floor(600 / Math.max(rows, cols))));
  const title = options.title ?? `Matrix ${rows}×${cols}`;
  const rowLabel = (r: number): string => options.rowLabels?.[r] ?? String(r);
  const colLabel = (c: number): string => options.colLabels?.[c] ?? String(c);
  const lh = textHeight(FONT);

  // Tick thinning: row labels need a line height each, column labels (horizontal) their width.
  const rowStep = niceStep(tickStep(cell, lh));
  const colLabelW = Math.max(...range(cols).map((c) => textWidth(colLabel(c), FONT)));
  const colStep = niceStep(tickStep(cell, colLabelW));
  const rowTickW = Math.max(...range(rows).filter((r) => r % rowStep === 0).map((r) => textWidth(rowLabel(r), FONT)));

  // Colour bar ticks.
  // About one tick per 28 px of bar (at most 5 intervals), so tick labels never crowd.
  const ticks = max > min ? niceTicks(min, max, Math.max(1, Math.min(5, Math.floor((rows * cell) / 28)))) : [min];
  const tickW = Math.max(...ticks.map((t) => textWidth(formatTick(t), FONT)));
  const valueTitle = options.valueTitle ?? 'value';

  // Margins from the text they hold.
  const rowTitleW = options.rowTitle ? lh + 4 : 0; // rotated: its height is a width here
  // The first column label is centred on its cell and reaches half its width to the left.
  // Whole pixels: cells then start on pixel edges, so a renderer draws them crisp (no blended edges).
  const left = Math.ceil(Math.max(PAD + rowTitleW + rowTickW + 6, PAD + colLabelW / 2));
  const top = Math.ceil(PAD + textHeight(TITLE_SIZE) + 8);
  const plotW = cols * cell, plotH = rows * cell;
  const barX = left + plotW + 16, barW = 14;
  const barRight = barX + barW + 4 + tickW + 4 + lh; // tick labels, then the rotated bar title
  const rowTitleH = options.rowTitle ? textWidth(options.rowTitle, FONT) : 0;
  const valueTitleH = textWidth(valueTitle, FONT);
  const sideH = Math.max(plotH, rowTitleH, valueTitleH); // rotated titles may be taller than the plot
  const plotBottom = top + sideH;
  const bottom = 4 + lh + (options.colTitle ? lh + 4 : 0) + PAD;
  const colTitleW = options.colTitle ? textWidth(options.colTitle, FONT) : 0;
  const width = Math.ceil(Math.max(barRight + PAD, textWidth(title, TITLE_SIZE) + 2 * PAD, left + colTitleW + PAD));
  const height = Math.ceil(plotBottom + bottom);

  const body: string[] = [];
  body.push(`<text x="${num(width / 2)}" y="${num(PAD + TITLE_SIZE)}" text-anchor="middle" font-size="${TITLE_SIZE}">${escapeXml(title)}</text>`);
  // Cells: one rect per horizontal run of equal quantized colour; when that is still more than
  // RASTER_RUNS rectangles (a rough matrix), one embedded PNG with a pixel per cell instead.
  const levels = matrix.map((row) => Array.from({ length: cols }, (_, c) => quantize(row[c]!, min, max)));
  const runs: Array<[number, number, number, number]> = []; // row, first column, end column, level
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; ) {
      let end = c + 1;
      while (end < cols && levels[r]![end] === levels[r]![c]) end++;
      runs.push([r, c, end, levels[r]![c]!]);
      c = end;
    }
  }
  if (runs.length > RASTER_RUNS) {
    const rgb = new Uint8Array(rows * cols * 3);
    levels.forEach((row, r) => row.forEach((l, c) => rgb.set(rgbOf(l / (LEVELS - 1)), (r * cols + c) * 3)));
    const href = `data:image/png;base64,${encodePng(cols, rows, rgb).toString('base64')}`;
    body.push(`<image class="cells" x="${num(left)}" y="${num(top)}" width="${num(plotW)}" height="${num(plotH)}" preserveAspectRatio="none" image-rendering="optimizeSpeed" href="${href}"/>`);
  } else {
    for (const [r, c, end, level] of runs) {
      body.push(`<rect class="cell" x="${num(left + c * cell)}" y="${num(top + r * cell)}" width="${num((end - c) * cell)}" height="${num(cell)}" fill="${colour(level / (LEVELS - 1))}"/>`);
    }
  }
  body.push(`<rect x="${num(left)}" y="${num(top)}" width="${num(plotW)}" height="${num(plotH)}" fill="none" stroke="#888"/>`);
  // Class boundaries.
  const bounds = (classes: ReadonlyArray<string | number> | undefined): number[] =>
    classes ? range(classes.length).filter((i) => i > 0 && classes[i] !== classes[i - 1]) : [];
  for (const r of bounds(options.rowClasses)) {
    body.push(`<line class="boundary" x1="${num(left)}" y1="${num(top + r * cell)}" x2="${num(left + plotW)}" y2="${num(top + r * cell)}" stroke="#f1c21b" stroke-width="2"/>`);
  }
  for (const c of bounds(options.colClasses)) {
    body.push(`<line class="boundary" x1="${num(left + c * cell)}" y1="${num(top)}" x2="${num(left + c * cell)}" y2="${num(top + plotH)}" stroke="#f1c21b" stroke-width="2"/>`);
  }
  // Tick labels: rows on the left (right-aligned), columns under the plot (centred).
  for (let r = 0; r < rows; r += rowStep) {
    body.push(`<text class="tick" x="${num(left - 6)}" y="${num(top + r * cell + cell / 2 + FONT * 0.35)}" text-anchor="end">${escapeXml(rowLabel(r))}</text>`);
  }
  for (let c = 0; c < cols; c += colStep) {
    body.push(`<text class="tick" x="${num(left + c * cell + cell / 2)}" y="${num(top + plotH + 4 + FONT)}" text-anchor="middle">${escapeXml(colLabel(c))}</text>`);
  }
  // Axis titles.
  if (options.rowTitle) {
    const x = PAD + FONT, y = top + sideH / 2;
    body.push(`<text class="axis-title" x="${num(x)}" y="${num(y)}" text-anchor="middle" transform="rotate(-90 ${num(x)} ${num(y)})">${escapeXml(options.rowTitle)}</text>`);
  }
  if (options.colTitle) {
    body.push(`<text class="axis-title" x="${num(left + Math.max(plotW, colTitleW) / 2)}" y="${num(plotBottom + 4 + lh + 4 + FONT)}" text-anchor="middle">${escapeXml(options.colTitle)}</text>`);
  }
  // Colour bar: max at the top, one band per colour level.
  for (let b = 0; b < LEVELS; b++) {
    const y0 = top + (b * plotH) / LEVELS;
    body.push(`<rect class="scale" x="${num(barX)}" y="${num(y0)}" width="${barW}" height="${num(plotH / LEVELS + 0.5)}" fill="${colour(1 - b / (LEVELS - 1))}"/>`);
  }
  body.push(`<rect x="${num(barX)}" y="${num(top)}" width="${barW}" height="${num(plotH)}" fill="none" stroke="#888"/>`);
  for (const t of ticks) {
    const y = max > min ? top + plotH * (1 - (t - min) / (max - min)) : top + plotH / 2;
    body.push(`<line class="bar-tick" x1="${num(barX + barW)}" y1="${num(y)}" x2="${num(barX + barW + 4)}" y2="${num(y)}" stroke="black"/>`);
    body.push(`<text class="bar-label" x="${num(barX + barW + 6)}" y="${num(y + FONT * 0.35)}">${escapeXml(formatTick(t))}</text>`);
  }
  {
    const x = barX + barW + 6 + tickW + 4 + FONT * 0.85, y = top + sideH / 2;
    body.push(`<text class="axis-title" x="${num(x)}" y="${num(y)}" text-anchor="middle" transform="rotate(-90 ${num(x)} ${num(y)})">${escapeXml(valueTitle)}</text>`);
  }
  return svgDocument(width, height, title, body);
}

/** The colour level (0..LEVELS-1) of `v` on the scale [min, max]. */
function quantize(v: number, min: number, max: number): number {
  const t = max > min ? Math.min(1, Math.max(0, (v - min) / (max - min))) : 0.5;
  return Math.round(t * (LEVELS - 1));
}

/** Rounds a tick step up to 1, 2 or 5 × 10^k so labelled indices are round numbers. */
function niceStep(s: number): number {
  if (s <= 1) return 1;
  const mag = 10 ** Math.floor(Math.log10(s));
  return [1, 2, 5, 10].map((m) => m * mag).find((m) => m >= s)!;
}

/** White → #6929c4 (linear in RGB) as [r, g, b]. */
function rgbOf(t: number): number[] {
  return [0x69, 0x29, 0xc4].map((v) => Math.round(255 + (v - 255) * t));
}

/** White → #6929c4 (linear in RGB) as `#rrggbb`. */
export function colour(t: number): string {
  return `#${rgbOf(t).map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
