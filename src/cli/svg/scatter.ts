/**
 * A scatter plot of estimated against reference values (noisy and mitigated kernel entries
 * against the exact ones): both axes share one range, the diagonal y = x is drawn so distance
 * from it is the error, and each series has its own colour, marker and legend entry. The canvas
 * is sized from its text so nothing is clipped, as the other charts.
 */
import { InputValidationError } from '../../core/errors';
import { formatTick, niceTicks, textHeight, textWidth } from './layout';
import { escapeXml, num, svgDocument } from './svg';

/** One series of points `(reference, estimate)`. */
export interface ScatterSeries {
  /** The legend label, e.g. "noisy (fake_fez)". */
  readonly label: string;
  /** The points, x the reference value, y the estimate. */
  readonly points: ReadonlyArray<readonly [number, number]>;
}

/** Options of {@link scatterPlot}. */
export interface ScatterOptions {
  /** Chart title. */
  title: string;
  /** The x axis title (the reference). */
  xTitle: string;
  /** The y axis title (the estimates). */
  yTitle: string;
  /** Side of the square plot area in pixels. @defaultValue 320 */
  size?: number;
}

/** Series colours (IBM's categorical palette, as the other charts' purple) and markers. */
const COLOURS = ['#6929c4', '#1192e8', '#005d5d', '#9f1853', '#fa4d56'];

const TITLE_SIZE = 14;
const FONT = 12;
const PAD = 8;
const LEGEND_GAP = 16;

/**
 * The scatter plot of the series on shared axes, with the diagonal y = x.
 * @throws {InputValidationError} for no series, an empty series, more series than colours or a non-finite coordinate
 */
export function scatterPlot(series: readonly ScatterSeries[], options: ScatterOptions): string {
  if (series.length === 0) throw new InputValidationError('a scatter plot needs at least one series');
  if (series.length > COLOURS.length) throw new InputValidationError(`a scatter plot draws at most ${COLOURS.length} series, got ${series.length}`);
  for (const s of series) {
    if (s.points.length === 0) throw new InputValidationError(`scatter series '${s.label}' has no points`);
    for (const [x, y] of s.points) {
      if (!Number.isFinite(x) || !Number.isFinite(y)) throw new InputValidationError(`scatter series '${s.label}' point (${x}, ${y}) is not finite`);
    }
  }
  const all = series.flatMap((s) => s.points.flatMap(([x, y]) => [x, y]));
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  if (hi === lo) [lo, hi] = [lo - (Math.abs(lo) || 1) * 0.1, hi + (Math.abs(hi) || 1) * 0.1];
  const ticks = niceTicks(lo, hi, 5);
  // Widen the shared range to whole ticks so both ends of both axes are labelled.
  const step = ticks.length > 1 ? ticks[1]! - ticks[0]! : hi - lo;
  lo = Math.floor(lo / step + 1e-9) * step;
  hi = Math.ceil(hi / step - 1e-9) * step;
  const axisTicks: number[] = [];
  for (let k = 0; lo + k * step <= hi + step * 1e-9; k++) axisTicks.push(Number((lo + k * step).toPrecision(12)));

  const size = options.size ?? 320;
  const lh = textHeight(FONT);
  const tickW = Math.max(...axisTicks.map((t) => textWidth(formatTick(t), FONT)));
  const left = Math.ceil(PAD + lh + 4 + tickW + 6);
  const top = PAD + textHeight(TITLE_SIZE) + 8;
  const legendX = left + size + LEGEND_GAP;
  const legendW = 14 + Math.max(...series.map((s) => textWidth(s.label, FONT))) + PAD;
  const lastTickHalf = textWidth(formatTick(axisTicks[axisTicks.length - 1]!), FONT) / 2;
  const canvasW = Math.ceil(Math.max(legendX + legendW, left + size + lastTickHalf + PAD, textWidth(options.title, TITLE_SIZE) + 2 * PAD));
  const canvasH = Math.ceil(top + size + 6 + lh + 4 + lh + PAD);
  const px = (x: number): number => left + ((x - lo) / (hi - lo)) * size;
  const py = (y: number): number => top + size - ((y - lo) / (hi - lo)) * size;
  const axisY = top + size;

  const body: string[] = [];
  body.push(`<text x="${num(canvasW / 2)}" y="${num(PAD + TITLE_SIZE)}" text-anchor="middle" font-size="${TITLE_SIZE}">${escapeXml(options.title)}</text>`);
  body.push(`<line x1="${left}" y1="${num(axisY)}" x2="${num(left + size)}" y2="${num(axisY)}" stroke="black"/>`);
  body.push(`<line x1="${left}" y1="${num(top)}" x2="${left}" y2="${num(axisY)}" stroke="black"/>`);
  for (const t of axisTicks) {
    const y = py(t);
    const x = px(t);
    body.push(`<line x1="${left - 4}" y1="${num(y)}" x2="${left}" y2="${num(y)}" stroke="black"/>`);
    body.push(`<text class="tick" x="${left - 6}" y="${num(y + FONT * 0.35)}" text-anchor="end">${escapeXml(formatTick(t))}</text>`);
    body.push(`<line x1="${num(x)}" y1="${num(axisY)}" x2="${num(x)}" y2="${num(axisY + 4)}" stroke="black"/>`);
    body.push(`<text class="tick" x="${num(x)}" y="${num(axisY + 6 + FONT)}" text-anchor="middle">${escapeXml(formatTick(t))}</text>`);
  }
  body.push(`<line class="diagonal" x1="${num(px(lo))}" y1="${num(py(lo))}" x2="${num(px(hi))}" y2="${num(py(hi))}" stroke="#8d8d8d" stroke-dasharray="4 3"><title>y = x</title></line>`);
  body.push(`<text x="${num(left + size / 2)}" y="${num(axisY + 6 + lh + 4 + FONT)}" text-anchor="middle">${escapeXml(options.xTitle)}</text>`);
  const yx = PAD + FONT;
  const yy = top + size / 2;
  body.push(`<text x="${num(yx)}" y="${num(yy)}" text-anchor="middle" transform="rotate(-90 ${num(yx)} ${num(yy)})">${escapeXml(options.yTitle)}</text>`);
  series.forEach((s, k) => {
    const colour = COLOURS[k]!;
    for (const [x, y] of s.points) {
      body.push(`<circle class="point series-${k}" cx="${num(px(x))}" cy="${num(py(y))}" r="3" fill="${colour}" fill-opacity="0.7"><title>${escapeXml(`${s.label}: ${x} → ${y}`)}</title></circle>`);
    }
    const ly = top + k * (lh + 6);
    body.push(`<circle class="legend" cx="${num(legendX + 5)}" cy="${num(ly + lh / 2)}" r="4" fill="${colour}"/>`);
    body.push(`<text x="${num(legendX + 14)}" y="${num(ly + FONT)}">${escapeXml(s.label)}</text>`);
  });
  return svgDocument(canvasW, canvasH, options.title, body);
}
