/**
 * The charts rendered by a real SVG renderer (resvg): the PNG has the size the SVG declares,
 * every text element's rendered box lies inside the canvas, no two text boxes overlap, large
 * heat maps stay small and draw the right colours.
 */
import { heatmap, histogram, svgDocument } from '../../../../src/cli/svg';
import { declaredSize, fontsAvailable, overlaps, renderPng, textBoxes, type Box } from '../../../support/render-svg';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { counts64, heatmap200, histogram64, mainJobHeatmap } from '../../../support/chart-inputs';
import { ROOT, runCli, tempDir, cleanupTempDirs } from '../../../support/cli';

afterAll(cleanupTempDirs);

/** The heat map `qbridge kernel --train … --test … --svg` writes. */
async function kernelCliHeatmap(): Promise<string> {
  const file = path.join(tempDir('qbridge-svg-render-'), 'k.svg');
  const csv = (f: string): string => path.join(ROOT, 'fixtures', 'csv', f);
  const r = await runCli(['kernel', '--train', csv('train.csv'), '--test', csv('test.csv'), '--svg', file]);
  if (r.code !== 0) throw new Error(r.stderr);
  return fs.readFileSync(file, 'utf8');
}

/** Every layout problem of a chart: a size mismatch, text outside the canvas, overlapping text. */
function layoutProblems(svg: string): string[] {
  const problems: string[] = [];
  const { width, height } = declaredSize(svg);
  const png = renderPng(svg);
  if (png.width !== width || png.height !== height) problems.push(`PNG ${png.width}×${png.height}, SVG says ${width}×${height}`);
  const boxes = textBoxes(svg);
  const show = (b: Box): string => `'${b.text}' at (${b.x.toFixed(1)}, ${b.y.toFixed(1)}) ${b.width.toFixed(1)}×${b.height.toFixed(1)}`;
  for (const b of boxes) {
    if (b.x < 0 || b.y < 0 || b.x + b.width > width || b.y + b.height > height) problems.push(`outside the ${width}×${height} canvas: ${show(b)}`);
  }
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      if (overlaps(boxes[i]!, boxes[j]!)) problems.push(`overlap: ${show(boxes[i]!)} and ${show(boxes[j]!)}`);
    }
  }
  return problems;
}

const smooth = (n: number, m = n): number[][] => Array.from({ length: n }, (_, i) => Array.from({ length: m }, (_, j) => Math.exp(-Math.abs(i - j) / 8)));
/** A deterministic rough matrix (no two neighbours alike): the worst case for merged runs. */
const rough = (n: number): number[][] => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => ((i * 7919 + j * 104729) % 997) / 996));

beforeAll(() => {
  if (!fontsAvailable()) throw new Error('the DejaVu fonts under /usr/share/fonts/truetype/dejavu are needed (apt-get install fonts-dejavu-core)');
});

describe('the layout checker can fail', () => {
  it('catches a title wider than the canvas', () => {
    const svg = svgDocument(120, 40, 't', ['<text x="60" y="20" text-anchor="middle" font-size="14">a title far too long for this canvas</text>']);
    expect(layoutProblems(svg).join('\n')).toMatch(/outside the 120×40 canvas: 'a title far too long/);
  });

  it('catches overlapping labels', () => {
    const svg = svgDocument(200, 40, 't', ['<text x="10" y="20">100</text>', '<text x="20" y="20">200</text>']);
    expect(layoutProblems(svg)).toEqual([expect.stringMatching(/^overlap: '100' .* and '200'/)]);
  });
});

describe('heat maps render cleanly', () => {
  const cases: Array<[string, () => string | Promise<string>]> = [
    ['3×3, defaults', () => heatmap(smooth(3))],
    ['2×2 with a title far wider than the plot', () => heatmap(smooth(2), { title: 'quantum kernel (2 qubits, ibm_fez, 4000 shots, resumed from the ledger)', rowTitle: 'test points (b.csv)', colTitle: 'training points (a.csv)' })],
    ['2×3 test × train, as kernel --test writes it', () => heatmap([[1, 0.3, 0.2], [0.5, 0.9, 0.1]], { title: 'quantum kernel (2 qubits, local)', rowTitle: 'test points (test.csv), rows', colTitle: 'training points (train.csv), columns', colClasses: [0, 1, 0], min: 0, max: 1, valueTitle: 'kernel value' })],
    ['1×1 with long axis titles', () => heatmap([[1]], { rowTitle: 'test points (a-long-file-name.csv), rows', colTitle: 'training points (another-long-name.csv), columns' })],
    ['60×25 with wide tick labels', () => heatmap(smooth(60, 25), { rowLabels: Array.from({ length: 60 }, (_, i) => `test-${i}`), colLabels: Array.from({ length: 25 }, (_, i) => `train-${i}`), rowTitle: 'test points', colTitle: 'training points' })],
    ['200×200 rough, with classes', () => heatmap(rough(200), { rowClasses: Array.from({ length: 200 }, (_, i) => i >> 6), colClasses: Array.from({ length: 200 }, (_, i) => i >> 6), rowTitle: 'training points', colTitle: 'training points', min: 0, max: 1 })],
    ['the main job', mainJobHeatmap],
    ['qbridge kernel --train --test --svg (rows: test, columns: train)', async () => {
      const svg = await kernelCliHeatmap();
      expect(svg).toMatch(/>test points \([^)]*test\.csv\), rows</);
      // train.csv's labels are 0, 1, 0: the columns are reordered 0, 2, 1 so that class 0 is one
      // block, which the axis title and the tick labels say; one boundary, between the classes.
      expect(svg).toMatch(/>training points \([^)]*train\.csv\), columns, sorted by class</);
      expect(textBoxes(svg).filter((b) => b.cls === 'tick').map((b) => b.text)).toEqual(['0', '1', '0', '2', '1']);
      expect(svg.match(/class="boundary"/g)).toHaveLength(1);
      return svg;
    }],
  ];
  it.each(cases)('%s', async (_, make) => {
    expect(layoutProblems(await make())).toEqual([]);
  });

  it('thins tick labels of a large matrix (fewer labels than rows) and labels round indices', () => {
    const boxes = textBoxes(heatmap(smooth(200)));
    const ticks = boxes.filter((b) => b.cls === 'tick').map((b) => Number(b.text));
    expect(ticks.length).toBeLessThan(100);
    expect(ticks).toContain(0);
    expect(ticks.filter((t) => t !== 0).every((t) => t % 5 === 0)).toBe(true);
  });

  it('has a colour bar with ticks from min to max', () => {
    const svg = heatmap(smooth(10), { min: 0, max: 1 }); // a 240 px bar: 5 intervals
    expect(textBoxes(svg).filter((b) => b.cls === 'bar-label').map((b) => b.text)).toEqual(['0', '0.2', '0.4', '0.6', '0.8', '1']);
    expect(svg.match(/class="bar-tick"/g)).toHaveLength(6);
    // A short bar (2 cells of 24 px) keeps only the ends.
    expect(textBoxes(heatmap(smooth(2), { min: 0, max: 1 })).filter((b) => b.cls === 'bar-label').map((b) => b.text)).toEqual(['0', '1']);
  });

  it('draws one boundary per class change on each axis', () => {
    const svg = heatmap(smooth(6), { rowClasses: [0, 0, 1, 1, 2, 2], colClasses: ['a', 'a', 'a', 'b', 'b', 'b'] });
    expect(svg.match(/class="boundary"/g)).toHaveLength(3);
  });

  it('a 200×200 quantum kernel and a rough 200×200 matrix stay well under 1 MB', async () => {
    expect(Buffer.byteLength((await heatmap200()).svg)).toBeLessThan(250_000);
    expect(Buffer.byteLength(heatmap(rough(200)))).toBeLessThan(250_000);
    expect(Buffer.byteLength(heatmap(smooth(200)))).toBeLessThan(250_000);
    // A block matrix stays vector: one rectangle per run of equal colour.
    const blocks = Array.from({ length: 200 }, (_, i) => Array.from({ length: 200 }, (_, j) => ((i >> 5) === (j >> 5) ? 1 : 0)));
    const s = heatmap(blocks);
    expect(s).not.toContain('<image');
    // Blocks of 32 (the last one 8): a row of block b has runs left of, on and right of the
    // diagonal block: 2 × 32 (b = 0) + 3 × 32 × 5 (b = 1..5) + 2 × 8 (b = 6) = 560.
    expect(s.match(/class="cell"/g)!.length).toBe(560);
  });

  it('the raster of a rough matrix shows each cell in its colour (decoded by resvg)', () => {
    const m = rough(100); // 10 000 runs of one cell: more than a vector drawing may take
    const svg = heatmap(m, { min: 0, max: 1, cell: 4 });
    expect(svg).toContain('<image');
    const at = svg.match(/<image class="cells" x="([\d.]+)" y="([\d.]+)"/)!;
    const x0 = Number(at[1]), y0 = Number(at[2]);
    const { pixels, width } = renderPng(svg);
    for (const [r, c] of [[0, 0], [3, 17], [99, 99], [25, 2], [60, 81]] as const) {
      const px = Math.floor(x0 + c * 4 + 2), py = Math.floor(y0 + r * 4 + 2);
      const i = (py * width + px) * 4;
      const t = Math.round(m[r]![c]! * 63) / 63; // the 64 colour levels
      const want = [0x69, 0x29, 0xc4].map((v) => Math.round(255 + (v - 255) * t));
      expect([pixels[i], pixels[i + 1], pixels[i + 2]]).toEqual(want);
    }
  });
});

describe('histograms render cleanly', () => {
  const cases: Array<[string, () => string]> = [
    ['Bell pair', () => histogram({ '00': 510, '11': 514 }, { title: 'register c: 1024 shots' })],
    ['one outcome, long title', () => histogram({ '0': 1_000_000 }, { title: 'register meas (of meas, ancilla, syndrome): 1000000 shots on ibm_fez' })],
    ['64 outcomes', histogram64],
    ['12-bit keys, 4096 outcomes', () => histogram(Object.fromEntries(Array.from({ length: 4096 }, (_, i) => [i.toString(2).padStart(12, '0'), 1 + (i % 97)])))],
  ];
  it.each(cases)('%s', (_, make) => {
    expect(layoutProblems(make())).toEqual([]);
  });

  it('shows the top 16 outcomes and one "other (48 outcomes)" bar holding the rest', () => {
    const c = counts64();
    const svg = histogram64();
    expect(svg.match(/class="bar"/g)).toHaveLength(16);
    const top = Object.values(c).sort((a, b) => b - a);
    const rest = top.slice(16).reduce((s, v) => s + v, 0);
    expect(svg).toContain(`<title>other (48 outcomes): ${rest}</title>`);
    // The other bar is grey, written with its value, and no taller than the tallest outcome.
    const heights = [...svg.matchAll(/<rect class="(bar|other)" x="[\d.]+" y="[\d.]+" width="\d+" height="([\d.]+)" fill="(#[0-9a-f]+)"/g)];
    const other = heights.find((m) => m[1] === 'other')!;
    expect(other[3]).not.toBe(heights[0]![3]);
    expect(Number(other[2])).toBeLessThanOrEqual(Math.max(...heights.filter((m) => m[1] === 'bar').map((m) => Number(m[2]))));
    expect(textBoxes(svg).some((b) => b.cls === 'value' && b.text === String(rest))).toBe(true);
  });

  it('no "other" bar when every outcome fits', () => {
    const svg = histogram({ a: 1, b: 2 });
    expect(svg).not.toContain('class="other"');
  });
});
