/**
 * Rendering the CLI's SVG charts with a real renderer (resvg) in tests and in
 * scripts/render-docs-images.ts: one pinned font set (DejaVu Sans for `sans-serif`, DejaVu Sans
 * Mono for `monospace`, no system font lookup) so a PNG is the same on every machine that has
 * the DejaVu files, and the rendered bounding box of each `<text>` element.
 */
import * as fs from 'node:fs';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';

const DEJAVU = '/usr/share/fonts/truetype/dejavu';
/** The pinned font files (Debian/Ubuntu `fonts-dejavu-core`). */
export const FONT_FILES = [`${DEJAVU}/DejaVuSans.ttf`, `${DEJAVU}/DejaVuSansMono.ttf`];

/** True when the pinned fonts exist on this machine. */
export function fontsAvailable(): boolean {
  return FONT_FILES.every((f) => fs.existsSync(f));
}

const OPTIONS: ResvgRenderOptions = {
  font: {
    loadSystemFonts: false,
    fontFiles: FONT_FILES,
    defaultFontFamily: 'DejaVu Sans',
    sansSerifFamily: 'DejaVu Sans',
    monospaceFamily: 'DejaVu Sans Mono',
  },
};

/** Renders an SVG document to PNG at its own size. */
export function renderPng(svg: string): { png: Buffer; width: number; height: number; pixels: Buffer } {
  const img = new Resvg(svg, OPTIONS).render();
  return { png: img.asPng(), width: img.width, height: img.height, pixels: img.pixels };
}

/** An axis-aligned box in SVG user units. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
  text: string;
  cls: string;
}

/** The `<text …>…</text>` elements of a chart (the charts write each on one line, none nested). */
export function textElements(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>[^<]*<\/text>/g)].map((m) => m[0]);
}

/**
 * The rendered box of each `<text>` element of `svg`: each is laid out alone in an otherwise
 * empty document with the same root element (so it inherits the same font settings) and
 * measured by resvg (its box in user units, so a box past the canvas edge shows as such).
 */
export function textBoxes(svg: string): Box[] {
  const root = svg.match(/<svg\b[^>]*>/)![0];
  return textElements(svg).map((el) => {
    const bbox = new Resvg(`${root}\n${el}\n</svg>`, OPTIONS).getBBox();
    if (!bbox) throw new Error(`resvg drew nothing for ${el}`);
    return {
      x: bbox.x,
      y: bbox.y,
      width: bbox.width,
      height: bbox.height,
      text: el.replace(/<[^>]*>/g, ''),
      cls: el.match(/class="([^"]*)"/)?.[1] ?? '',
    };
  });
}

/** The width and height the root element declares. */
export function declaredSize(svg: string): { width: number; height: number } {
  const root = svg.match(/<svg\b[^>]*>/)![0];
  return { width: Number(root.match(/width="([\d.]+)"/)![1]), height: Number(root.match(/height="([\d.]+)"/)![1]) };
}

/** True when two boxes overlap (touching edges do not count). */
export function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
