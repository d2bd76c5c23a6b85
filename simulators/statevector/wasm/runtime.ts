/**
 * The WebAssembly SIMD kernels (tables.wat, pairs.wat) and the memory they work in. A simulation
 * that uses them works in one {@link WasmArena}: a shared WebAssembly.Memory holding the state
 * (re, im), an optional spare pair for out-of-place passes and scratch tables, with Float64Array
 * views made once (the memory never grows, so the views never detach). The memory is shared so
 * that worker threads (./thread-pool.ts) can run chunks of a pass on the same state. Small and
 * mid-size arenas are cached and reused ({@link acquireArena}); large ones belong to one
 * simulation. States too large for 32-bit wasm memory, or a runtime without WebAssembly SIMD, use
 * the plain-TS kernels instead.
 */
import { KERNELS_WASM_BASE64 } from './kernels-wasm';
import type { WasmArena, WasmKernels, WasmMemory, WasmScratch } from './arena';
import { CHUNK_SCRATCH_F64 } from './arena';

export { CHUNK_SCRATCH_F64, type WasmArena, type WasmKernels, type WasmMemory, type WasmScratch };
import { detachArena, MAX_CHUNKS } from './thread-pool';


// The subset of the WebAssembly JS API used here (the project compiles without the DOM lib).
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  Memory: new (desc: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
}
const api = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/** Smallest state that runs on the wasm kernels (below, setting up an arena costs more than it saves). */
export const WASM_MIN_QUBITS = 14;
/** Largest: state + spare pair + scratch must stay under 4 GiB of 32-bit wasm memory. */
export const WASM_MAX_QUBITS = 26;
/** Low-table bits of the scratch tables (phase and gather passes split the index here or lower). */
export const SCRATCH_LOW_BITS = 12;
/**
 * Most high-table bits the scratch holds: n − 7, at most 15 (the product pass uses H = n − 11,
 * gathers n − 12; phase passes choose their split L ≥ n − H, and small states do better with a
 * small L: fewer low-table entries per pair term).
 */
export function scratchHighBits(numQubits: number): number {
  return Math.max(1, Math.min(15, numQubits - 7));
}
/**
 * Arenas up to this size are kept and reused (one per size, with the spare pair; at most ~34 MiB
 * at 20 qubits): fresh wasm memory costs page faults that dominate small and mid-size
 * simulations (measured: ~7 ms to map and touch a 20-qubit arena, ~2 ms for plain arrays).
 * Results are then copied out of the arena. Larger arenas are made per simulation and leave
 * with its result.
 */
export const ARENA_CACHE_MAX_QUBITS = 20;
/** Cached arenas are dropped after this long without a simulation (an unref'd timer). */
export const ARENA_IDLE_MS = 2000;

const PAGE = 65536;




let compiled: object | null | undefined;
let nextArenaId = 1;

/** The compiled module, or null when this runtime lacks WebAssembly (SIMD). Compiled once. */
function kernelModule(): object | null {
  if (compiled !== undefined) return compiled;
  try {
    compiled = api ? new api.Module(Buffer.from(KERNELS_WASM_BASE64, 'base64')) : null;
  } catch {
    compiled = null; // no SIMD support: the plain-TS kernels do the work
  }
  return compiled;
}

/** Whether the wasm kernels can run here (WebAssembly with SIMD). */
export function wasmAvailable(): boolean {
  return kernelModule() !== null;
}

/**
 * A zeroed arena for an n-qubit state (|0…0⟩ is NOT written), with a spare pair when asked, or
 * null when n is outside [{@link WASM_MIN_QUBITS}, {@link WASM_MAX_QUBITS}], wasm is
 * unavailable or the memory cannot be reserved.
 */
export function createArena(numQubits: number, withSpare: boolean, reusable = false): WasmArena | null {
  if (numQubits < WASM_MIN_QUBITS || numQubits > WASM_MAX_QUBITS) return null;
  const mod = kernelModule();
  if (!mod || !api) return null;
  const sizeL = 1 << SCRATCH_LOW_BITS, sizeH = 1 << scratchHighBits(numQubits);
  // Scratch layout (float64 counts), then the state arrays (2^n each).
  const chunkScratch = MAX_CHUNKS * CHUNK_SCRATCH_F64;
  const f64Counts = [sizeL, sizeL, sizeH, sizeH, SCRATCH_LOW_BITS * sizeH, SCRATCH_LOW_BITS * sizeH, chunkScratch, chunkScratch];
  const scratchBytes = f64Counts.reduce((a, c) => a + 8 * c, 0) + 4 * sizeL + 8 * sizeH;
  const stateBytes = 8 * 2 ** numQubits;
  const total = scratchBytes + (withSpare ? 4 : 2) * stateBytes;
  let memory: WasmMemory;
  try {
    const pages = Math.ceil(total / PAGE);
    memory = new api.Memory({ initial: pages, maximum: pages, shared: true });
  } catch {
    return null;
  }
  const instance = new api.Instance(mod, { env: { memory } });
  const buffer = memory.buffer;
  let at = 0;
  const f64 = (count: number): Float64Array => {
    const v = new Float64Array(buffer, at, count);
    at += 8 * count;
    return v;
  };
  const [tlr, tli, thr, thi, rr, ri, tr, ti] = f64Counts.map(f64) as [
    Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array,
  ];
  const gtl = new Int32Array(buffer, at, sizeL);
  at += 4 * sizeL;
  const gth = new Int32Array(buffer, at, sizeH);
  at += 4 * sizeH;
  const gto = new Int32Array(buffer, at, sizeH);
  at += 4 * sizeH;
  const size = 2 ** numQubits;
  const re = f64(size), im = f64(size);
  const spareRe = withSpare ? f64(size) : null;
  const spareIm = withSpare ? f64(size) : null;
  return {
    id: nextArenaId++,
    kernels: instance.exports as WasmKernels,
    module: mod,
    memory,
    buffer,
    re,
    im,
    spareRe,
    spareIm,
    scratch: { tlr, tli, thr, thi, rr, ri, tr, ti, gtl, gth, gto },
    reusable,
  };
}

const cache = new Map<number, WasmArena>();
let idleTimer: ReturnType<typeof setTimeout> | null = null;

/** Drops the cached arenas now (their memory goes at the next GC). Simulations still work. */
export function releaseArenas(): void {
  for (const arena of cache.values()) detachArena(arena);
  cache.clear();
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
}

function keepAlive(): void {
  if (idleTimer) idleTimer.refresh();
  else {
    idleTimer = setTimeout(releaseArenas, ARENA_IDLE_MS);
    // never keeps the process alive
    idleTimer.unref?.();
  }
}

/**
 * An arena for one simulation: the cached one for sizes up to {@link ARENA_CACHE_MAX_QUBITS}
 * (its state zeroed; simulations are synchronous, so one per size is never in use twice; the
 * cache empties after {@link ARENA_IDLE_MS} without use), else a fresh one (null as for
 * {@link createArena}). The state is left at zero, not |0…0⟩; with `zeroed` false a cached
 * arena keeps the last simulation's amplitudes (for callers whose first pass writes them all).
 */
export function acquireArena(numQubits: number, withSpare: boolean, zeroed = true): WasmArena | null {
  if (numQubits > ARENA_CACHE_MAX_QUBITS) return createArena(numQubits, withSpare);
  keepAlive();
  let arena = cache.get(numQubits);
  if (arena) {
    if (zeroed) {
      arena.re.fill(0);
      arena.im.fill(0);
    }
    return arena;
  }
  arena = createArena(numQubits, true, true) ?? undefined;
  if (arena) cache.set(numQubits, arena);
  return arena ?? null;
}
