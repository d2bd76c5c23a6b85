/** Dependency-free SVG charts for the CLI (histogram of counts, heat map of a matrix). */
export { histogram, heatmap, svgDocument, escapeXml, type HistogramOptions, type HeatmapOptions } from './svg';
