/**
 * The deterministic inputs of the charts committed under docs/ (scripts/render-docs-images.ts
 * writes them; test/unit/cli/svg/docs-images.test.ts re-renders them and compares): the main
 * job's training kernel (what `npm start` plots), a 200 × 200 ad hoc kernel and a 64-outcome
 * histogram.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { adHocData } from '../../src/kernel/learn/datasets/ad-hoc';
import { zzFeatureMap } from '../../src/kernel/feature-map';
import { QuantumKernel } from '../../src/kernel/quantum-kernel';
import { heatmap, histogram } from '../../src/cli/svg';
import { runCli } from './cli';

/** The main job's heat map: `qbridge main-job --svg FILE`, exactly as `npm start` writes it. */
export async function mainJobHeatmap(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qbridge-docs-'));
  try {
    const file = path.join(dir, 'k.svg');
    const r = await runCli(['main-job', '--svg', file, '--json']);
    if (r.code !== 0) throw new Error(`main-job failed: ${r.stderr}`);
    return fs.readFileSync(file, 'utf8');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A 200 × 200 self-kernel: 100 ad hoc points per class (seed 12345), ZZ map, reps 2, linear. */
export async function heatmap200(): Promise<{ svg: string; matrix: number[][]; labels: number[] }> {
  const d = adHocData({ trainingSize: 100, testSize: 0, n: 2, gap: 0.3, seed: 12345 });
  const kernel = new QuantumKernel({ featureMap: zzFeatureMap({ featureDimension: 2, reps: 2, entanglement: 'linear' }) });
  const matrix = (await kernel.evaluate(d.trainingFeatures)).toArray();
  const svg = heatmap(matrix, {
    title: 'quantum kernel, ad hoc data (200 training points, 2 qubits, local)',
    min: 0,
    max: 1,
    rowTitle: 'training points',
    colTitle: 'training points',
    rowClasses: d.trainingLabels,
    colClasses: d.trainingLabels,
    valueTitle: 'kernel value',
  });
  return { svg, matrix, labels: d.trainingLabels };
}

/** 64 outcomes of 6 bits with distinct, uneven counts (a fixed formula, no randomness). */
export function counts64(): Record<string, number> {
  return Object.fromEntries(Array.from({ length: 64 }, (_, i) => [i.toString(2).padStart(6, '0'), 5 + ((i * 37) % 64) * 3 + (i % 7 === 0 ? 300 : 0)]));
}

/** The 64-outcome histogram (top 16 and "other (48 outcomes)"). */
export function histogram64(): string {
  const c = counts64();
  const shots = Object.values(c).reduce((s, v) => s + v, 0);
  return histogram(c, { title: `register c: ${shots} shots, 64 outcomes` });
}

/** The images under docs/ by file name, each with the SVG it is rendered from. */
export const DOCS_IMAGES: Record<string, () => Promise<string>> = {
  'kernel-heatmap.png': mainJobHeatmap,
  'heatmap-200.png': async () => (await heatmap200()).svg,
  'histogram-64.png': async () => histogram64(),
};
