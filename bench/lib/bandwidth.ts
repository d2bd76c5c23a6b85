/**
 * The memory-bandwidth floor for one pass over an n-qubit state: the faster of a plain
 * Float64Array copy of the re and im arrays (`set`, i.e. memcpy) and a plain in-place JS loop
 * scaling them (2^n × 16 bytes read and written either way), best of several runs: what any
 * gate pass must at least move, at the best rate this machine showed.
 */
import { timeOnce } from './timing';

const cache = new Map<number, number>();

/** Best seconds of one state-sized pass (cached per n for the process). */
export function bandwidthFloorSeconds(n: number): number {
  const hit = cache.get(n);
  if (hit !== undefined) return hit;
  const size = 2 ** n;
  const re = new Float64Array(size).fill(0.5), im = new Float64Array(size).fill(0.25);
  const re2 = new Float64Array(size), im2 = new Float64Array(size);
  const reps = n <= 16 ? 200 : n <= 20 ? 10 : 1;
  let t = Infinity;
  for (let run = 0; run < 9; run++) {
    const copy = timeOnce(() => {
      for (let r = 0; r < reps; r++) {
        re2.set(re);
        im2.set(im);
      }
    });
    const inPlace = timeOnce(() => {
      for (let r = 0; r < reps; r++) scaleInPlace(re, im, r & 1 ? 2 : 0.5);
    });
    t = Math.min(t, copy / reps, inPlace / reps);
  }
  cache.set(n, t);
  return t;
}

/** GB/s of a copy (bytes read + bytes written) at that floor. */
export function floorBandwidthGBs(n: number, seconds: number): number {
  return (2 * 2 ** n * 16) / seconds / 1e9;
}

function scaleInPlace(re: Float64Array, im: Float64Array, k: number): void {
  for (let i = 0; i < re.length; i++) {
    re[i] = re[i]! * k;
    im[i] = im[i]! * k;
  }
}
