/**
 * The one seeded pseudo-random generator of qbridge (xoshiro128**, Blackman & Vigna, seeded by
 * splitmix32): shot sampling in the simulators, shot emulation in kernels, the ad hoc dataset,
 * layout and routing trials in the transpiler. Reproducible across runs and machines; never
 * `Math.random`. Seeds are derived here too ({@link deriveSeed}), and unseeded requests get
 * theirs from {@link freshSeed}, the one source of non-reproducible seeds.
 */
export class Prng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed = 0) {
    let x = (Math.trunc(seed) ^ Math.trunc(seed / 0x100000000)) >>> 0;
    const next = (): number => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next() || 1;
  }

  /** A uniform unsigned 32-bit integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** A uniform double in [0, 1) (53 bits). */
  next(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** A uniform integer in [0, n). */
  integer(n: number): number {
    return Math.floor(this.next() * n);
  }

  /**
   * A binomial(n, p) draw by inversion of the CDF (expected O(n·min(p, 1−p)) steps), exact up
   * to floating point in the CDF recursion.
   */
  binomial(n: number, p: number): number {
    if (!(p > 0)) return 0;
    if (p >= 1) return n;
    if (p > 0.5) return n - this.binomial(n, 1 - p);
    const q = 1 - p;
    const r = p / q;
    let pk = Math.pow(q, n);
    if (pk < 1e-300) {
      // Too many trials for inversion from k = 0: count Bernoulli trials instead.
      let k = 0;
      for (let i = 0; i < n; i++) if (this.next() < p) k++;
      return k;
    }
    let u = this.next();
    let k = 0;
    while (u > pk && k < n) {
      u -= pk;
      pk *= (r * (n - k)) / (k + 1);
      k++;
    }
    return k;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** FNV-1a (32-bit) of a string, to derive per-entry seeds that do not depend on evaluation order. */
export function hash32(s: string, h = 0x811c9dc5): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/*
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
