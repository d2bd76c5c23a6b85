/** Dependency-free SVG charts for the CLI (histogram of counts, heat map of a matrix). */
export { svgDocument, escapeXml } from './svg';
export { histogram, type HistogramOptions } from './histogram';
export { heatmap, type HeatmapOptions } from './heatmap';
export { lineChart, type LineChartOptions } from './line-chart';
export { scatterPlot, type ScatterOptions, type ScatterSeries } from './scatter';
