import { scatterPlot } from '../../../../src/cli/svg';
import { InputValidationError } from '../../../../src/core/errors';

const OPTS = { title: 'Kernel entries', xTitle: 'exact', yTitle: 'estimate' };

function circles(svg: string, k: number): Array<[number, number]> {
  return [...svg.matchAll(new RegExp(`<circle class="point series-${k}" cx="([\\d.]+)" cy="([\\d.]+)"`, 'g'))].map((m) => [Number(m[1]), Number(m[2])]);
}

describe('scatterPlot', () => {
  it('puts points on shared axes: a point on y = x lies on the drawn diagonal', () => {
    const svg = scatterPlot([{ label: 'exact', points: [[0, 0], [0.5, 0.5], [1, 1]] }, { label: 'noisy', points: [[1, 0.5]] }], OPTS);
    const diag = svg.match(/class="diagonal" x1="([\d.]+)" y1="([\d.]+)" x2="([\d.]+)" y2="([\d.]+)"/)!.slice(1).map(Number);
    const [x1, y1, x2, y2] = diag as [number, number, number, number];
    for (const [cx, cy] of circles(svg, 0)) {
      // (cx, cy) is on the segment: the cross product of the two vectors vanishes (up to 2-decimal rounding).
      expect(Math.abs((x2 - x1) * (cy - y1) - (y2 - y1) * (cx - x1))).toBeLessThan(2);
    }
    // The noisy point (1, 0.5) is as far right as (1, 1) and half-way up.
    const [[nx, ny]] = circles(svg, 1) as [[number, number]];
    const [, , [ex, ey]] = circles(svg, 0) as [[number, number], [number, number], [number, number]];
    expect(nx).toBeCloseTo(ex, 5);
    const [, [, midY]] = circles(svg, 0) as [[number, number], [number, number]];
    expect(ny).toBeCloseTo(midY, 5);
    expect(ey).toBeLessThan(ny);
  });

  it('has one legend entry per series, labels escaped, and colours distinct', () => {
    const svg = scatterPlot([{ label: 'a<b', points: [[0, 1]] }, { label: 'c&d', points: [[1, 0]] }], OPTS);
    expect(svg.match(/class="legend"/g)).toHaveLength(2);
    expect(svg).toContain('a&lt;b');
    expect(svg).toContain('c&amp;d');
    const fills = [...svg.matchAll(/class="legend"[^>]*fill="(#[0-9a-f]{6})"/g)].map((m) => m[1]);
    expect(new Set(fills).size).toBe(2);
  });

  it('refuses empty, non-finite and too many series by name', () => {
    expect(() => scatterPlot([], OPTS)).toThrow(InputValidationError);
    expect(() => scatterPlot([{ label: 'x', points: [] }], OPTS)).toThrow(/'x' has no points/);
    expect(() => scatterPlot([{ label: 'x', points: [[0, Number.NaN]] }], OPTS)).toThrow(/not finite/);
    expect(() => scatterPlot(Array.from({ length: 6 }, (_, i) => ({ label: `s${i}`, points: [[0, 0]] as [number, number][] })), OPTS)).toThrow(/at most 5/);
  });
});
