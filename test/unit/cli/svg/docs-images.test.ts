/**
 * The PNGs under docs/ (shown in the README) match fresh renders of the same deterministic
 * charts: rerun `npm run docs:images` after changing a chart and commit the result.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DOCS_IMAGES } from '../../../support/chart-inputs';
import { fontsAvailable, renderPng } from '../../../support/render-svg';
import { ROOT } from '../../../support/cli';

/** The RGBA pixels of a PNG file, decoded by resvg (the PNG drawn 1:1 in an SVG of its size). */
function decodePng(png: Buffer): { width: number; height: number; pixels: Buffer } {
  const width = png.readUInt32BE(16), height = png.readUInt32BE(20); // IHDR, right after the signature
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><image width="${width}" height="${height}" image-rendering="optimizeSpeed" href="data:image/png;base64,${png.toString('base64')}"/></svg>`;
  const { pixels } = renderPng(svg);
  return { width, height, pixels };
}

/** Share of pixels whose colour differs by more than 24 (of 255) in some channel. */
function differingShare(a: Buffer, b: Buffer): number {
  let n = 0;
  for (let i = 0; i < a.length; i += 4) {
    if (Math.abs(a[i]! - b[i]!) > 24 || Math.abs(a[i + 1]! - b[i + 1]!) > 24 || Math.abs(a[i + 2]! - b[i + 2]!) > 24) n++;
  }
  return n / (a.length / 4);
}

beforeAll(() => {
  if (!fontsAvailable()) throw new Error('the DejaVu fonts under /usr/share/fonts/truetype/dejavu are needed (apt-get install fonts-dejavu-core)');
});

describe.each(Object.keys(DOCS_IMAGES))('docs/%s', (name) => {
  it('matches a fresh render (same size, < 0.5 % of pixels differ)', async () => {
    const committed = decodePng(fs.readFileSync(path.join(ROOT, 'docs', name)));
    const fresh = renderPng(await DOCS_IMAGES[name]!());
    expect([committed.width, committed.height]).toEqual([fresh.width, fresh.height]);
    expect(differingShare(committed.pixels, fresh.pixels)).toBeLessThan(0.005);
  });
});

it('the comparison can fail: the 64-outcome histogram is not the main job heat map, nor a shifted copy of itself', async () => {
  const h = renderPng(await DOCS_IMAGES['histogram-64.png']!());
  const shifted = Buffer.concat([Buffer.alloc(4 * 3, 255), h.pixels.subarray(0, h.pixels.length - 4 * 3)]); // 3 px right
  expect(differingShare(h.pixels, shifted)).toBeGreaterThan(0.005);
  const committed = decodePng(fs.readFileSync(path.join(ROOT, 'docs', 'kernel-heatmap.png')));
  expect([committed.width, committed.height]).not.toEqual([h.width, h.height]);
  // The decoder returns the image, not a blank canvas: most of the heat map is coloured.
  expect(differingShare(committed.pixels, Buffer.alloc(committed.pixels.length, 255))).toBeGreaterThan(0.3);
});
