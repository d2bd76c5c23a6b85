import { LRUCache } from 'lru-cache';
import { InputValidationError } from '../core/errors';

/** Default byte budget of a kernel cache: 256 MiB. */
export const DEFAULT_KERNEL_CACHE_BYTES = 256 * 1024 * 1024;

/** Hit/miss counters of one cache kind. */
export interface HitMiss {
  /** Lookups that found a value. */
  hits: number;
  /** Lookups that did not. */
  misses: number;
}

/** What a {@link KernelCache} holds: statevectors and Gram blocks (Float64Array) or single entries. */
export type CachedValue = Float64Array | number;

/** Options of {@link KernelCache}. */
export interface KernelCacheOptions {
  /** Byte budget over keys and values (default 256 MiB). */
  maxBytes?: number;
}

/**
 * The memo of quantum kernels: ONE bounded LRU (lru-cache, bounded by bytes through `maxSize` +
 * `sizeCalculation`) holding three kinds of values under prefixed string keys:
 * - `s|…` statevectors (2·2^n numbers: the real parts, then the imaginary parts), keyed by
 *   feature map id + exact input bytes;
 * - `e|…` single kernel entries, keyed by settings + both inputs' bytes in sorted order, so
 *   k(x,y) and k(y,x) share one entry;
 * - `m|…` whole Gram blocks, keyed by settings + SHA-256 of the inputs' bytes: a repeated
 *   `evaluate` of 10⁶ entries is one lookup and one copy, not 10⁶ string-key lookups.
 *
 * Values are stored as given and returned as stored: the kernel stores copies and copies what it
 * reads, so no caller ever holds a cached array. A value larger than the whole budget is simply
 * not stored. Share one instance between kernels
 * to share the budget (keys carry the feature map id and settings).
 */
export class KernelCache {
  /** The byte budget; least recently used values are evicted past it. */
  readonly maxBytes: number;
  private readonly lru: LRUCache<string, CachedValue>;
  /** Hit/miss counts per kind of value, for reports and tests. */
  readonly counters: {
    /** Statevector lookups. */
    statevector: HitMiss;
    /** Single-entry lookups. */
    entry: HitMiss;
    /** Whole-matrix lookups. */
    matrix: HitMiss;
  } = {
    statevector: { hits: 0, misses: 0 },
    entry: { hits: 0, misses: 0 },
    matrix: { hits: 0, misses: 0 },
  };

  /**
   * @param options - the byte budget (default 256 MiB)
   * @throws {@link InputValidationError} for a budget that is not an integer ≥ 1
   */
  constructor(options: KernelCacheOptions = {}) {
    const maxBytes = options.maxBytes ?? DEFAULT_KERNEL_CACHE_BYTES;
    if (!Number.isInteger(maxBytes) || maxBytes < 1) {
      throw new InputValidationError(`cache maxBytes must be an integer ≥ 1, got ${String(maxBytes)}`);
    }
    this.maxBytes = maxBytes;
    this.lru = new LRUCache<string, CachedValue>({
      maxSize: maxBytes,
      // 2 bytes per key character (UTF-16) + the payload + a fixed per-entry overhead.
      sizeCalculation: (v, k) => 2 * k.length + 48 + (typeof v === 'number' ? 8 : v.byteLength),
    });
  }

  /** Bytes currently accounted (≤ maxBytes). */
  get calculatedSize(): number {
    return this.lru.calculatedSize;
  }

  /** Number of stored values. */
  get size(): number {
    return this.lru.size;
  }

  /**
   * Looks `key` up and counts a hit or a miss for `kind`.
   *
   * @param kind - which counter the lookup belongs to
   * @param key - the prefixed key (`s|…`, `e|…` or `m|…`)
   * @returns the stored value, or `undefined`
   */
  get(kind: 'statevector' | 'entry' | 'matrix', key: string): CachedValue | undefined {
    const v = this.lru.get(key);
    if (v === undefined) this.counters[kind].misses++;
    else this.counters[kind].hits++;
    return v;
  }

  /**
   * Stores `value` under `key`, evicting least recently used values to stay within `maxBytes`.
   *
   * @param key - the prefixed key
   * @param value - the value; callers copy arrays in and out, so it is never mutated
   */
  set(key: string, value: CachedValue): void {
    this.lru.set(key, value);
  }

  /** Drops every value (counters are kept; reset them with {@link resetCounters}). */
  clear(): void {
    this.lru.clear();
  }

  /** Zeroes every hit/miss counter (the values stay). */
  resetCounters(): void {
    for (const c of Object.values(this.counters)) {
      c.hits = 0;
      c.misses = 0;
    }
  }
}
