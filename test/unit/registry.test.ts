import { Mutex } from 'async-mutex';
import type { Backend } from '../../src/backend';
import { AbortedError, BackendNotFoundError, ConfigurationError } from '../../src/core/errors';
import {
  acquireBackend,
  acquireWithSignal,
  BackendRegistry,
  getDefaultRegistry,
  resetDefaultRegistry,
  setDefaultRegistryInitializer,
} from '../../src/registry';
import { createTarget } from '../../src/core/target';

/** A minimal backend object (the registry only stores and returns it). */
function fakeBackend(name: string): Backend {
  return {
    contractVersion: 1,
    name,
    target: createTarget({ numQubits: 1, basisGates: ['x'] }),
    run: () => Promise.reject(new Error('not used')),
  } as unknown as Backend;
}

/** A promise with its resolve/reject exposed, to control when a factory finishes. */
function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('BackendRegistry', () => {
  it('runs the factory once for 1,000 concurrent callers, all of whom get the same instance', async () => {
    const registry = new BackendRegistry();
    const gate = deferred<void>();
    const factory = jest.fn(async (name: string) => {
      await gate.promise; // keep the init pending while every caller queues up
      return fakeBackend(name);
    });
    registry.registerBackendFactory('x', factory);
    const calls = Array.from({ length: 1000 }, () => registry.get('x'));
    gate.resolve();
    const results = await Promise.all(calls);
    expect(factory).toHaveBeenCalledTimes(1);
    expect(new Set(results).size).toBe(1);
    expect(results[0]!.name).toBe('x');
  });

  it('does not cache a failed init: the next caller retries and succeeds', async () => {
    const registry = new BackendRegistry();
    let attempts = 0;
    registry.registerBackendFactory('flaky', async (name) => {
      attempts++;
      if (attempts === 1) throw new Error('transient');
      return fakeBackend(name);
    });
    await expect(registry.get('flaky')).rejects.toThrow('transient');
    const b = await registry.get('flaky');
    expect(b.name).toBe('flaky');
    expect(attempts).toBe(2);
    expect(await registry.get('flaky')).toBe(b);
    expect(attempts).toBe(2);
  });

  it('lets concurrent waiters of a failed init retry (one more factory call, shared result)', async () => {
    const registry = new BackendRegistry();
    const first = deferred<Backend>();
    let attempts = 0;
    registry.registerBackendFactory('y', (name) => {
      attempts++;
      return attempts === 1 ? first.promise : Promise.resolve(fakeBackend(name));
    });
    const a = registry.get('y');
    const b = registry.get('y');
    const c = registry.get('y');
    first.reject(new Error('boom'));
    await expect(a).rejects.toThrow('boom');
    const [rb, rc] = await Promise.all([b, c]);
    expect(rb).toBe(rc);
    expect(attempts).toBe(2);
  });

  it('an aborted waiter leaves with AbortedError without affecting the others', async () => {
    const registry = new BackendRegistry();
    const gate = deferred<void>();
    const started = deferred<void>();
    const factory = jest.fn(async (name: string) => {
      started.resolve();
      await gate.promise;
      return fakeBackend(name);
    });
    registry.registerBackendFactory('x', factory);
    const first = registry.get('x');
    const ac = new AbortController();
    const aborted = registry.get('x', { signal: ac.signal });
    const others = Array.from({ length: 10 }, () => registry.get('x'));
    await started.promise; // the aborted caller is now queued behind a running init
    const reason = new Error('user gave up');
    ac.abort(reason);
    const err = await aborted.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortedError);
    expect((err as AbortedError).cause).toBe(reason);
    gate.resolve();
    const results = await Promise.all([first, ...others]);
    expect(new Set(results).size).toBe(1);
    expect(factory).toHaveBeenCalledTimes(1);
  });

  it('an aborted initialiser stops waiting; its init is not cached if the factory honours the signal', async () => {
    const registry = new BackendRegistry();
    let calls = 0;
    const started = deferred<void>();
    registry.registerBackendFactory('z', (name, { signal }) => {
      calls++;
      if (calls > 1) return Promise.resolve(fakeBackend(name));
      started.resolve();
      return new Promise<Backend>((_, reject) => {
        signal?.addEventListener('abort', () => reject(new AbortedError(undefined, { cause: signal.reason })), { once: true });
      });
    });
    const ac = new AbortController();
    const initialiser = registry.get('z', { signal: ac.signal });
    const waiter = registry.get('z');
    await started.promise; // the initialiser holds the lock and its factory is running
    ac.abort();
    await expect(initialiser).rejects.toBeInstanceOf(AbortedError);
    const b = await waiter;
    expect(b.name).toBe('z');
    expect(calls).toBe(2);
  });

  it('rejects at once for a pre-aborted signal and never calls the factory', async () => {
    const registry = new BackendRegistry();
    const factory = jest.fn(async (n: string) => fakeBackend(n));
    registry.registerBackendFactory('x', factory);
    const ac = new AbortController();
    ac.abort();
    await expect(registry.get('x', { signal: ac.signal })).rejects.toBeInstanceOf(AbortedError);
    expect(factory).not.toHaveBeenCalled();
  });

  it('initialises two names independently (one slow init does not block the other)', async () => {
    const registry = new BackendRegistry();
    const slow = deferred<void>();
    registry.registerBackendFactory('slow', async (n) => {
      await slow.promise;
      return fakeBackend(n);
    });
    const fastFactory = jest.fn(async (n: string) => fakeBackend(n));
    registry.registerBackendFactory('fast', fastFactory);
    const pendingSlow = registry.get('slow');
    const fast = await registry.get('fast'); // resolves while 'slow' is still pending
    expect(fast.name).toBe('fast');
    expect(registry.peek('slow')).toBeUndefined();
    slow.resolve();
    expect((await pendingSlow).name).toBe('slow');
    expect(fastFactory).toHaveBeenCalledTimes(1);
  });

  it('matches RegExp registrations, exact names first, and caches per concrete name', async () => {
    const registry = new BackendRegistry();
    const patternFactory = jest.fn(async (n: string) => fakeBackend(`pattern:${n}`));
    registry.registerBackendFactory(/^fake_/g, patternFactory);
    registry.registerBackendFactory('fake_exact', async (n) => fakeBackend(`exact:${n}`));
    expect((await registry.get('fake_exact')).name).toBe('exact:fake_exact');
    expect((await registry.get('fake_a')).name).toBe('pattern:fake_a');
    expect((await registry.get('fake_b')).name).toBe('pattern:fake_b');
    await registry.get('fake_a');
    expect(patternFactory).toHaveBeenCalledTimes(2);
    expect(registry.has('fake_zzz')).toBe(true);
    expect(registry.has('ibm_x')).toBe(false);
  });

  it('throws BackendNotFoundError listing known names and patterns', async () => {
    const registry = new BackendRegistry();
    registry.registerBackendFactory('local', async (n) => fakeBackend(n));
    registry.registerBackendFactory(/^ibm_/, async (n) => fakeBackend(n));
    const err = await registry.get('nope').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendNotFoundError);
    expect((err as BackendNotFoundError).known).toEqual(['local', '/^ibm_/']);
    expect((err as Error).message).toContain("'nope'");
    expect((err as Error).message).toContain('local');
  });

  it('refuses a factory that does not return a backend (not cached)', async () => {
    const registry = new BackendRegistry();
    let n = 0;
    registry.registerBackendFactory('bad', async (name) => (n++ === 0 ? (undefined as unknown as Backend) : fakeBackend(name)));
    await expect(registry.get('bad')).rejects.toBeInstanceOf(ConfigurationError);
    expect((await registry.get('bad')).name).toBe('bad');
  });

  it('accepts a Backend instance in place of a name', async () => {
    const registry = new BackendRegistry();
    const b = fakeBackend('mine');
    expect(await registry.get(b)).toBe(b);
  });

  it('evict() closes and forgets an instance so the next get re-creates it', async () => {
    const registry = new BackendRegistry();
    const close = jest.fn(async () => undefined);
    const factory = jest.fn(async (n: string) => ({ ...fakeBackend(n), close }));
    registry.registerBackendFactory('x', factory);
    const a = await registry.get('x');
    await registry.evict('x');
    expect(close).toHaveBeenCalledTimes(1);
    const b = await registry.get('x');
    expect(b).not.toBe(a);
    expect(factory).toHaveBeenCalledTimes(2);
  });

  it('rejects blank names and non-function factories', () => {
    const registry = new BackendRegistry();
    expect(() => registry.registerBackendFactory('  ', async (n) => fakeBackend(n))).toThrow(ConfigurationError);
    expect(() => registry.registerBackendFactory('x', 42 as never)).toThrow(ConfigurationError);
  });
});

describe('acquireWithSignal', () => {
  it('releases a lock that arrives after the abort, so the next acquirer gets it', async () => {
    const mutex = new Mutex();
    const releaseFirst = await mutex.acquire();
    const ac = new AbortController();
    const late = acquireWithSignal(mutex, ac.signal);
    ac.abort();
    await expect(late).rejects.toBeInstanceOf(AbortedError);
    releaseFirst(); // the aborted waiter's turn comes now and must be handed back at once
    const release = await acquireWithSignal(mutex);
    expect(mutex.isLocked()).toBe(true);
    release();
    expect(mutex.isLocked()).toBe(false);
  });
});

describe('default registry', () => {
  afterEach(() => {
    resetDefaultRegistry();
  });

  it('is created lazily through the installed initialiser and reset for tests', async () => {
    const init = jest.fn((r: BackendRegistry) => {
      r.registerBackendFactory('dflt', async (n) => fakeBackend(n));
    });
    setDefaultRegistryInitializer(init);
    resetDefaultRegistry();
    expect(init).not.toHaveBeenCalled();
    const r1 = getDefaultRegistry();
    expect(getDefaultRegistry()).toBe(r1);
    expect(init).toHaveBeenCalledTimes(1);
    // acquireBackend uses the configured default name when none is given
    const b = await acquireBackend(undefined, { config: { defaultBackend: 'dflt' } });
    expect(b.name).toBe('dflt');
    resetDefaultRegistry();
    expect(getDefaultRegistry()).not.toBe(r1);
  });
});
