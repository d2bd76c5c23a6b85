/**
 * The SVG document basics shared by the CLI charts: escaped text, number formatting and one
 * `<svg>` document with a title. Output is deterministic (fixed number formatting, no ids or
 * timestamps) so it can be compared in tests. The charts live in histogram.ts and heatmap.ts.
 */

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
