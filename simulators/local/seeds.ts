/**
 * Seed derivation: one request seed → independent, reproducible seeds per PUB, parameter row
 * and measurement group, so rows never share a random stream (their counts are not copies of
 * each other) and adding a PUB does not change the samples of the others.
 */

/** Mixes 32-bit words (murmur3 finaliser per word); same inputs → same output. */
export function deriveSeed(base: number, ...path: number[]): number {
  let h = (Math.trunc(base) ^ Math.trunc(base / 0x100000000) ^ 0x9e3779b9) >>> 0;
  for (const p of path) {
    h = Math.imul(h ^ (p >>> 0), 0x85ebca6b) >>> 0;
    h = (h ^ (h >>> 13)) >>> 0;
    h = Math.imul(h, 0xc2b2ae35) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
    h = (h + 0x6d2b79f5) >>> 0;
  }
  return h;
}

let unseededCounter = 0;
/** A fresh base seed for unseeded requests (time and counter; not cryptographic). */
export function freshSeed(): number {
  unseededCounter = (unseededCounter + 1) >>> 0;
  return deriveSeed(Date.now(), unseededCounter, Math.trunc(performance.now() * 1000));
}
