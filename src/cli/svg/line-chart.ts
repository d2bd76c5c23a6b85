/**
 * A line chart of one series y(x) (a loss curve: loss per iteration): axes with "nice" ticks,
 * the polyline, one dot per point carrying its values in a tooltip. The canvas is sized from its
 * text so nothing is clipped, as the other charts.
 */
import { InputValidationError } from '../../core/errors';
import { formatTick, niceTicks, textHeight, textWidth } from './layout';
import { escapeXml, num, svgDocument } from './svg';

/** Options of {@link lineChart}. */
export interface LineChartOptions {
  /** Chart title. */
  title: string;
  /** The x axis title. */
  xTitle: string;
  /** The y axis title. */
  yTitle: string;
  /** Plot area size in pixels. @defaultValue 480 × 240 */
  width?: number;
  /** Plot area height. @defaultValue 240 */
  height?: number;
}

const TITLE_SIZE = 14;
const FONT = 12;
const PAD = 8;

/**
 * The chart of points `(x, y)` in the given order, joined by a line.
 * @throws {InputValidationError} for no points or a non-finite coordinate
 */
export function lineChart(points: ReadonlyArray<readonly [number, number]>, options: LineChartOptions): string {
  if (points.length === 0) throw new InputValidationError('a line chart needs at least one point');
  for (const [x, y] of points) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) throw new InputValidationError(`line chart point (${x}, ${y}) is not finite`);
  }
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  let [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  let [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  // A flat series or a single point still gets a visible range around it.
  if (x1 === x0) [x0, x1] = [x0 - 1, x1 + 1];
  if (y1 === y0) [y0, y1] = [y0 - (Math.abs(y0) || 1) * 0.1, y1 + (Math.abs(y1) || 1) * 0.1];
  const inner = niceTicks(y0, y1, 5);
  const xTicks = niceTicks(x0, x1, 6);
  // Widen the y range to the next tick beyond each end, so both ends of the axis are labelled.
  const step = inner.length > 1 ? inner[1]! - inner[0]! : Math.abs(y1 - y0);
  y0 = Math.floor(y0 / step + 1e-9) * step;
  y1 = Math.ceil(y1 / step - 1e-9) * step;
  const yTicks: number[] = [];
  for (let k = 0; y0 + k * step <= y1 + step * 1e-9; k++) yTicks.push(Number((y0 + k * step).toPrecision(12)));
  const plotW = options.width ?? 480;
  const plotH = options.height ?? 240;
  const lh = textHeight(FONT);
  const yTickW = Math.max(...yTicks.map((t) => textWidth(formatTick(t), FONT)));
  const left = Math.ceil(PAD + lh + 4 + yTickW + 6);
  const top = PAD + textHeight(TITLE_SIZE) + 8;
  const lastTickHalf = textWidth(formatTick(xTicks[xTicks.length - 1]!), FONT) / 2;
  const canvasW = Math.ceil(Math.max(left + plotW + lastTickHalf + PAD, textWidth(options.title, TITLE_SIZE) + 2 * PAD));
  const canvasH = Math.ceil(top + plotH + 6 + lh + 4 + lh + PAD);
  const px = (x: number): number => left + ((x - x0) / (x1 - x0)) * plotW;
  const py = (y: number): number => top + plotH - ((y - y0) / (y1 - y0)) * plotH;
  const axisY = top + plotH;

  const body: string[] = [];
  body.push(`<text x="${num(canvasW / 2)}" y="${num(PAD + TITLE_SIZE)}" text-anchor="middle" font-size="${TITLE_SIZE}">${escapeXml(options.title)}</text>`);
  body.push(`<line x1="${left}" y1="${num(axisY)}" x2="${num(left + plotW)}" y2="${num(axisY)}" stroke="black"/>`);
  body.push(`<line x1="${left}" y1="${num(top)}" x2="${left}" y2="${num(axisY)}" stroke="black"/>`);
  for (const t of yTicks) {
    const y = py(t);
    body.push(`<line x1="${left - 4}" y1="${num(y)}" x2="${left}" y2="${num(y)}" stroke="black"/>`);
    body.push(`<line x1="${left}" y1="${num(y)}" x2="${num(left + plotW)}" y2="${num(y)}" stroke="#e0e0e0"/>`);
    body.push(`<text class="tick" x="${left - 6}" y="${num(y + FONT * 0.35)}" text-anchor="end">${escapeXml(formatTick(t))}</text>`);
  }
  for (const t of xTicks) {
    if (t < x0 || t > x1) continue;
    const x = px(t);
    body.push(`<line x1="${num(x)}" y1="${num(axisY)}" x2="${num(x)}" y2="${num(axisY + 4)}" stroke="black"/>`);
    body.push(`<text class="tick" x="${num(x)}" y="${num(axisY + 6 + FONT)}" text-anchor="middle">${escapeXml(formatTick(t))}</text>`);
  }
  body.push(`<text x="${num(left + plotW / 2)}" y="${num(axisY + 6 + lh + 4 + FONT)}" text-anchor="middle">${escapeXml(options.xTitle)}</text>`);
  const yx = PAD + FONT;
  const yy = top + plotH / 2;
  body.push(`<text x="${num(yx)}" y="${num(yy)}" text-anchor="middle" transform="rotate(-90 ${num(yx)} ${num(yy)})">${escapeXml(options.yTitle)}</text>`);
  body.push(`<polyline class="series" fill="none" stroke="#6929c4" stroke-width="2" points="${points.map(([x, y]) => `${num(px(x))},${num(py(y))}`).join(' ')}"/>`);
  for (const [x, y] of points) {
    body.push(`<circle class="point" cx="${num(px(x))}" cy="${num(py(y))}" r="2.5" fill="#6929c4"><title>${escapeXml(`${formatTick(x)}: ${y}`)}</title></circle>`);
  }
  return svgDocument(canvasW, canvasH, options.title, body);
}
