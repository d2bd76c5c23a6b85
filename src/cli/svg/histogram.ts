/**
 * The bar chart of outcome counts: the top-k outcomes plus one "other (N outcomes)" bar drawn
 * apart (after a gap and a dashed separator, in grey, its count written on it) and capped at the
 * height of the tallest shown bar with a break mark, so a long tail does not flatten the rest.
 * The canvas is sized from its text so nothing is clipped.
 */
import { InputValidationError } from '../../core/errors';
import { formatTick, niceTicks, textHeight, textWidth } from './layout';
import { escapeXml, num, svgDocument } from './svg';

/** Options of {@link histogram}. */
export interface HistogramOptions {
  /** Chart title. @defaultValue `Counts (N shots)` */
  title?: string;
  /** Order of the shown bars: by key (default, Qiskit's plot_histogram order) or by count, descending. */
  sort?: 'key' | 'count';
  /** Show the `topK` most frequent outcomes; the rest are summed into one "other" bar. @defaultValue 16 */
  topK?: number;
  /** Plot area height in pixels. @defaultValue 240 */
  height?: number;
}

const TITLE_SIZE = 14;
const FONT = 12;
const PAD = 8;

/**
 * A bar chart of outcome counts (`{ '00': 510, '11': 514 }`): one labelled bar per shown
 * outcome with its count on top. The y axis starts at 0.
 * @throws {InputValidationError} for no outcomes, a negative/non-finite count or a `topK` < 1
 */
export function histogram(counts: Readonly<Record<string, number>>, options: HistogramOptions = {}): string {
  const all = Object.entries(counts);
  if (all.length === 0) throw new InputValidationError('histogram needs at least one outcome');
  for (const [k, v] of all) {
    if (!Number.isFinite(v) || v < 0) throw new InputValidationError(`histogram count of '${k}' must be a finite number ≥ 0`);
  }
  const topK = options.topK ?? 16;
  if (!Number.isInteger(topK) || topK < 1) throw new InputValidationError(`histogram top-k must be an integer ≥ 1, got ${topK}`);
  const byCount = [...all].sort((x, y) => y[1] - x[1] || cmp(x[0], y[0]));
  const shown = byCount.slice(0, topK);
  const rest = byCount.slice(topK);
  shown.sort(options.sort === 'count' ? (x, y) => y[1] - x[1] || cmp(x[0], y[0]) : (x, y) => cmp(x[0], y[0]));
  const other = rest.length ? { label: `other (${rest.length} outcomes)`, value: rest.reduce((s, [, v]) => s + v, 0) } : null;

  const total = all.reduce((s, [, v]) => s + v, 0);
  const title = options.title ?? `Counts (${total} shots)`;
  const max = Math.max(...shown.map(([, v]) => v), 1);
  const ticks = niceTicks(0, max, 4).filter((t) => t <= max);
  const plotH = options.height ?? 240;
  const lh = textHeight(FONT);
  const labels = [...shown.map(([k]) => k), ...(other ? [other.label] : [])];
  const labelW = labels.map((l, i) => textWidth(l, FONT, i < shown.length));
  const values = [...shown.map(([, v]) => String(v)), ...(other ? [String(other.value)] : [])];
  // A bar and its gap hold its count written above it, and a vertical label (a line height).
  const valueW = Math.max(...values.map((v) => textWidth(v, FONT)));
  const gap = 8;
  const bar = Math.ceil(Math.max(16, valueW + 4 - gap, lh + 4 - gap));
  const rotate = Math.max(...labelW) + 4 > bar + gap;
  const otherGap = other ? 3 * gap : 0; // the other bar stands apart
  const yTickW = Math.max(...ticks.map((t) => textWidth(formatTick(t), FONT)));
  const firstLabelReach = rotate ? lh / 2 : labelW[0]! / 2; // left of the first bar's centre
  const left = Math.ceil(Math.max(PAD + yTickW + 6, PAD + firstLabelReach - gap - bar / 2));
  const top = PAD + textHeight(TITLE_SIZE) + 8 + lh; // title, then room for the tallest bar's value
  const barsW = labels.length * (bar + gap) + gap + otherGap;
  const labelDrop = rotate ? Math.max(...labelW) : lh;
  const lastReach = rotate ? 0 : labelW[labelW.length - 1]! / 2 - bar / 2;
  // At least wide enough for the title, however few the bars.
  const canvasW = Math.ceil(Math.max(left + barsW + Math.max(0, lastReach) + PAD, textWidth(title, TITLE_SIZE) + 2 * PAD, 320));
  const height = Math.ceil(top + plotH + 6 + labelDrop + PAD);

  const body: string[] = [];
  body.push(`<text x="${num(canvasW / 2)}" y="${num(PAD + TITLE_SIZE)}" text-anchor="middle" font-size="${TITLE_SIZE}">${escapeXml(title)}</text>`);
  const axisY = top + plotH;
  body.push(`<line x1="${left}" y1="${num(axisY)}" x2="${num(left + barsW)}" y2="${num(axisY)}" stroke="black"/>`);
  body.push(`<line x1="${left}" y1="${num(top)}" x2="${left}" y2="${num(axisY)}" stroke="black"/>`);
  for (const t of ticks) {
    const y = axisY - (t / max) * plotH;
    body.push(`<line x1="${left - 4}" y1="${num(y)}" x2="${left}" y2="${num(y)}" stroke="black"/>`);
    body.push(`<text class="tick" x="${left - 6}" y="${num(y + FONT * 0.35)}" text-anchor="end">${escapeXml(formatTick(t))}</text>`);
  }
  const drawBar = (i: number, x: number, v: number, fill: string, cls: string, capped: boolean): void => {
    const h = (Math.min(v, max) / max) * plotH;
    const y = axisY - h;
    body.push(`<rect class="${cls}" x="${num(x)}" y="${num(y)}" width="${bar}" height="${num(h)}" fill="${fill}"><title>${escapeXml(labels[i]!)}: ${v}</title></rect>`);
    if (capped) {
      // Break mark: a white band across the bar says it is cut (its value is written above it).
      const by = y + Math.min(24, h / 3);
      body.push(`<polygon class="break" points="${num(x - 2)},${num(by + 4)} ${num(x + bar + 2)},${num(by - 4)} ${num(x + bar + 2)},${num(by + 2)} ${num(x - 2)},${num(by + 10)}" fill="white"/>`);
    }
    body.push(`<text class="value" x="${num(x + bar / 2)}" y="${num(y - 4)}" text-anchor="middle">${v}</text>`);
    // Vertical labels read upwards, ending at the axis; the glyphs' 0.76 em ascent lies left of
    // the baseline, so the baseline sits ~0.26 em right of the bar's centre to centre them.
    const lx = x + bar / 2 + (rotate ? 0.26 * FONT : 0), ly = axisY + 6 + (rotate ? 0 : FONT);
    const font = cls === 'bar' ? ' font-family="monospace"' : '';
    body.push(
      rotate
        ? `<text class="label" x="${num(lx)}" y="${num(ly)}" text-anchor="end" transform="rotate(-90 ${num(lx)} ${num(ly)})"${font}>${escapeXml(labels[i]!)}</text>`
        : `<text class="label" x="${num(lx)}" y="${num(ly)}" text-anchor="middle"${font}>${escapeXml(labels[i]!)}</text>`,
    );
  };
  shown.forEach(([, v], i) => drawBar(i, left + gap + i * (bar + gap), v, '#6929c4', 'bar', false));
  if (other) {
    const sepX = left + gap + shown.length * (bar + gap) + otherGap / 2 - gap / 2;
    body.push(`<line class="separator" x1="${num(sepX)}" y1="${num(top)}" x2="${num(sepX)}" y2="${num(axisY)}" stroke="#888" stroke-dasharray="4 3"/>`);
    drawBar(shown.length, left + gap + shown.length * (bar + gap) + otherGap, other.value, '#a8a8a8', 'other', other.value > max);
  }
  return svgDocument(canvasW, height, title, body);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
