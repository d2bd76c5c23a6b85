/**
 * Layout helpers shared by the SVG charts: text extents estimated without a font engine (so a
 * chart can size its canvas and margins from its own text), "nice" axis ticks, and tick thinning.
 */

/**
 * Advance widths in em of DejaVu Sans (the usual `sans-serif` on Linux, and among the widest
 * common sans fonts): narrow glyphs (i, l, punctuation, space) ~0.28–0.4 em, digits 0.636 em,
 * lowercase ~0.6 em, capitals up to ~0.8 em. The estimate rounds each class up so that a box
 * sized from it holds the rendered text. Monospace (DejaVu Sans Mono) is 0.602 em for every glyph.
 */
export function textWidth(s: string, fontSize: number, monospace = false): number {
  if (monospace) return [...s].length * 0.61 * fontSize;
  let em = 0;
  for (const ch of s) {
    if (/[ il.,:;'|!()[\]\-]/.test(ch)) em += 0.4;
    else if (/[MWmw@%]/.test(ch)) em += 0.95;
    else if (/[A-Z×]/.test(ch)) em += 0.78;
    else em += 0.65;
  }
  return em * fontSize;
}

/** Line height used for a text box's vertical extent (ascender to descender of DejaVu: ~1.17 em). */
export function textHeight(fontSize: number): number {
  return 1.2 * fontSize;
}

/** About `count` evenly spaced round tick values (1, 2 or 5 × 10^k apart) covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) {
    ticks.push(Number(v.toPrecision(12)));
  }
  return ticks;
}

/** A short tick label: up to 3 significant digits. */
export function formatTick(v: number): string {
  return String(Number(v.toPrecision(3)));
}

/**
 * The smallest step s ≥ 1 such that labels every s-th position, `pitch` pixels apart, keep
 * `extent` pixels (the largest label's size along the axis) plus a 4 px gap between neighbours.
 */
export function tickStep(pitch: number, extent: number): number {
  return Math.max(1, Math.ceil((extent + 4) / pitch));
}
