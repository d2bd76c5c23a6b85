/**
 * Worker threads that run chunks of one WebAssembly pass on the same (shared) state, so that a
 * pass over a large state uses every core: one state pass is bound by memory bandwidth, and on
 * these machines one core moves about half of what two do (bench `passes`: an out-of-place
 * CX-chain gather at n = 24 takes 54 ms on one thread, 28 ms on two).
 *
 * Protocol (all in one small SharedArrayBuffer, `ctl`): the main thread writes a job's argument
 * rows (one row per chunk, each a complete kernel call on a disjoint part of the state), its
 * arena, kernel and row count, then publishes a new sequence number and wakes the workers. Rows
 * are claimed on one word that carries the sequence number: workers by compare-and-swap, so a
 * worker that wakes late can never claim a row of a newer job (the main thread, which owns the
 * job, by atomic add). The main thread then waits only for rows a worker has actually claimed. A worker that has not started
 * yet, or has not yet seen the arena, simply takes nothing: the main thread never waits on it.
 *
 * Results do not depend on which thread runs which chunk: every element is computed by the same
 * kernel code with the same inputs as in a single-threaded pass (bit for bit).
 */
import { availableParallelism } from 'node:os';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { SimulatorError } from '../../../src/core/errors';
import type { WasmArena } from './arena';

/** Most chunks one pass is split into (rows of the job table). */
export const MAX_CHUNKS = 64;
/** Most arguments of one kernel call. */
const MAX_ARGS = 24;
/** Most worker threads (besides the main one). */
const MAX_WORKERS = 7;
/** Workers stop after this long without a job (an unref'd timer; they restart on demand). */
export const POOL_IDLE_MS = 3000;
/** A job that makes no progress for this long is a broken worker: a typed error, not a hang. */
const STALL_MS = 60_000;

// Slots of the control array.
const SEQ = 0, STOP = 1, ARENA = 2, KERNEL = 3, COUNT = 4, NARGS = 5, CLAIM = 6, DONE = 7, LIMIT = 8, WORKER_ROWS = 9;
const CTL_SLOTS = 16;

/** The kernels a job may name (an index into this list travels in the control array). */
export const PARALLEL_KERNELS = [
  'product', 'phases', 'gather', 'diag1', 'one', 'pairHadamard', 'pairReal', 'pair0', 'pairReal01', 'pairHadamard01', 'pair01', 'pair',
] as const;
/** A kernel that can run in chunks. */
export type ParallelKernel = (typeof PARALLEL_KERNELS)[number];

/**
 * The worker's code (plain JavaScript, evaluated in the worker: no file to locate from source,
 * dist or a bundle). It blocks on the sequence word; each wake-up first takes the arena
 * attach/detach messages queued on its port, then claims rows of the current job, if any.
 */
const WORKER_SOURCE = `
'use strict';
const { workerData, receiveMessageOnPort } = require('node:worker_threads');
const { ctlBuffer, argsBuffer, port, names, index } = workerData;
const ctl = new Int32Array(ctlBuffer), args = new Float64Array(argsBuffer);
const instances = new Map();
let seen = Atomics.load(ctl, ${SEQ});
for (;;) {
  Atomics.wait(ctl, ${SEQ}, seen);
  for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
    const d = m.message;
    if (d.attach !== undefined) instances.set(d.attach, new WebAssembly.Instance(d.module, { env: { memory: d.memory } }).exports);
    else instances.delete(d.detach);
  }
  if (Atomics.load(ctl, ${STOP}) !== 0) break;
  const seq = Atomics.load(ctl, ${SEQ});
  if (seq === seen) continue;
  seen = seq;
  if (index >= Atomics.load(ctl, ${LIMIT})) continue;
  const kernels = instances.get(Atomics.load(ctl, ${ARENA}));
  if (!kernels) continue;
  const fn = kernels[names[Atomics.load(ctl, ${KERNEL})]];
  const count = Atomics.load(ctl, ${COUNT}), nargs = Atomics.load(ctl, ${NARGS});
  const tag = (seq & 0xffffff) * 128;
  for (;;) {
    const c = Atomics.load(ctl, ${CLAIM});
    if (c - tag < 0 || c - tag >= count) break;
    if (Atomics.compareExchange(ctl, ${CLAIM}, c, c + 1) !== c) continue;
    const row = c - tag;
    fn.apply(null, args.subarray(row * ${MAX_ARGS}, row * ${MAX_ARGS} + nargs));
    Atomics.add(ctl, ${WORKER_ROWS}, 1);
    Atomics.add(ctl, ${DONE}, 1);
    Atomics.notify(ctl, ${DONE});
  }
}
port.close();
`;

interface Pool {
  readonly workers: Worker[];
  readonly ports: MessagePort[];
  readonly ctl: Int32Array;
  readonly args: Float64Array;
  readonly attached: Set<number>;
  seq: number;
  idleTimer: ReturnType<typeof setTimeout> | null;
}

/** undefined: not started; null: unavailable in this runtime (the main thread does all work). */
let pool: Pool | null | undefined;

/** Threads a simulation uses by default: every core this process may use, at most 8. */
export function defaultThreads(): number {
  return Math.max(1, Math.min(MAX_WORKERS + 1, availableParallelism()));
}

function startPool(workerCount: number): Pool | null {
  try {
    const ctl = new Int32Array(new SharedArrayBuffer(4 * CTL_SLOTS));
    const args = new Float64Array(new SharedArrayBuffer(8 * MAX_CHUNKS * MAX_ARGS));
    const p: Pool = { workers: [], ports: [], ctl, args, attached: new Set(), seq: 0, idleTimer: null };
    for (let index = 0; index < workerCount; index++) {
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { ctlBuffer: ctl.buffer, argsBuffer: args.buffer, port: port2, names: PARALLEL_KERNELS, index },
        transferList: [port2],
      });
      worker.unref();
      // A worker that fails takes no more rows; later passes start a fresh pool.
      worker.on('error', () => {
        if (pool === p) stopPool();
      });
      p.workers.push(worker);
      p.ports.push(port1);
    }
    return p;
  } catch {
    return null;
  }
}

/** What the pool is doing: its worker threads, rows they have run, arenas they hold. */
export function threadPoolStats(): { workers: number; rowsByWorkers: number; attachedArenas: number } {
  const p = pool;
  if (!p) return { workers: 0, rowsByWorkers: 0, attachedArenas: 0 };
  return { workers: p.workers.length, rowsByWorkers: Atomics.load(p.ctl, WORKER_ROWS), attachedArenas: p.attached.size };
}

/** Stops the worker threads now (they restart when a pass needs them). Simulations still work. */
export function stopPool(): void {
  const p = pool;
  pool = undefined;
  if (!p) return;
  if (p.idleTimer) clearTimeout(p.idleTimer);
  Atomics.store(p.ctl, STOP, 1);
  Atomics.notify(p.ctl, SEQ);
  for (const port of p.ports) port.close();
  for (const worker of p.workers) void worker.terminate();
}

function keepAlive(p: Pool): void {
  if (p.idleTimer) p.idleTimer.refresh();
  else {
    p.idleTimer = setTimeout(stopPool, POOL_IDLE_MS);
    p.idleTimer.unref?.();
  }
}

/** Tells the workers to drop their instance of `arena` (so its memory can be collected). */
export function detachArena(arena: WasmArena): void {
  const p = pool;
  if (!p || !p.attached.delete(arena.id)) return;
  for (const port of p.ports) port.postMessage({ detach: arena.id });
  Atomics.notify(p.ctl, SEQ);
}

function attach(p: Pool, arena: WasmArena): void {
  if (p.attached.has(arena.id)) return;
  p.attached.add(arena.id);
  for (const port of p.ports) port.postMessage({ attach: arena.id, module: arena.module, memory: arena.memory });
}

function runRow(arena: WasmArena, kernel: ParallelKernel, row: readonly number[]): void {
  (arena.kernels[kernel] as (...a: number[]) => void)(...row);
}

/**
 * Runs `rows` (complete calls of `kernel`, each on a disjoint part of the arena's state) on up
 * to `threads` threads, returning when all are done. With one thread, one row, or no worker
 * support, the main thread runs them in order.
 *
 * @throws {SimulatorError} if a worker claimed a row and then made no progress for a minute
 */
export function runRows(arena: WasmArena, kernel: ParallelKernel, rows: readonly (readonly number[])[], threads: number): void {
  if (rows.length > MAX_CHUNKS) throw new RangeError(`at most ${MAX_CHUNKS} rows per job, got ${rows.length}`);
  if (threads > 1 && rows.length > 1 && pool === undefined) pool = startPool(defaultThreads() - 1);
  const p = pool;
  if (threads <= 1 || rows.length <= 1 || !p || p.workers.length === 0) {
    for (const row of rows) runRow(arena, kernel, row);
    return;
  }
  keepAlive(p);
  attach(p, arena);
  const { ctl, args } = p;
  const nargs = rows[0]!.length;
  rows.forEach((row, i) => args.set(row, i * MAX_ARGS));
  p.seq = (p.seq + 1) & 0x3fffffff;
  const tag = (p.seq & 0xffffff) * 128;
  Atomics.store(ctl, ARENA, arena.id);
  Atomics.store(ctl, KERNEL, PARALLEL_KERNELS.indexOf(kernel));
  Atomics.store(ctl, COUNT, rows.length);
  Atomics.store(ctl, NARGS, nargs);
  Atomics.store(ctl, LIMIT, threads - 1);
  Atomics.store(ctl, DONE, 0);
  Atomics.store(ctl, CLAIM, tag);
  Atomics.store(ctl, SEQ, p.seq);
  Atomics.notify(ctl, SEQ);
  let mine = 0;
  for (;;) {
    const c = Atomics.add(ctl, CLAIM, 1) - tag;
    if (c >= rows.length) break;
    runRow(arena, kernel, rows[c]!);
    mine++;
  }
  // Rows a worker claimed: wait for them (a worker that never woke up claimed none).
  const total = rows.length;
  let done = Atomics.add(ctl, DONE, mine) + mine;
  let since = Date.now();
  while (done < total) {
    Atomics.wait(ctl, DONE, done, 1000);
    const now = Atomics.load(ctl, DONE);
    if (now !== done) since = Date.now();
    else if (Date.now() - since > STALL_MS) {
      stopPool();
      throw new SimulatorError(`a simulator worker thread stopped responding during a ${kernel} pass (${total - now} of ${total} chunks unfinished)`);
    }
    done = now;
  }
}
