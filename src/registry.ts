/**
 * Backend acquisition: a registry of lazy factories, and a double-checked, async-mutex-guarded
 * singleton per backend name.
 *
 * - The first caller of a name runs its factory; concurrent callers wait on that name's
 *   {@link Mutex} and then find the instance (one factory call however many callers).
 * - A failed (or aborted) initialisation is not cached: the next caller retries.
 * - Each caller's signal governs only its own wait. The initialising caller's signal is also
 *   passed to the factory (as lru-cache lets the first caller's signal govern a coalesced
 *   fetch); if it fires, that init fails, is not cached, and the next waiter initialises anew.
 * - Different names have different mutexes and initialise independently.
 */
import { Mutex, type MutexInterface } from 'async-mutex';
import { raceSignal } from './core/abort';
import type { Backend, BackendFactory } from './backend';
import { loadConfig, type QbridgeConfig } from './config';
import { AbortedError, BackendNotFoundError, ConfigurationError, throwIfAborted } from './core/errors';

/**
 * Acquires `mutex` unless `signal` fires first. If the lock arrives after the abort it is
 * released at once (async-mutex takes no signal; this is its `withTimeout` late-release
 * pattern), so an aborted waiter never holds or leaks the lock.
 * @throws {AbortedError} when `signal` fires before the lock is acquired
 */
export function acquireWithSignal(mutex: MutexInterface, signal?: AbortSignal): Promise<MutexInterface.Releaser> {
  if (!signal) return mutex.acquire();
  if (signal.aborted) return Promise.reject(new AbortedError(undefined, { cause: signal.reason }));
  return new Promise((resolve, reject) => {
    let settled = false;
    const onAbort = (): void => {
      if (settled) return;
      settled = true;
      reject(new AbortedError(undefined, { cause: signal.reason }));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    mutex.acquire().then(
      (release) => {
        signal.removeEventListener('abort', onAbort);
        if (settled) release();
        else {
          settled = true;
          resolve(release);
        }
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        if (!settled) {
          settled = true;
          reject(e);
        }
      },
    );
  });
}

interface Registration {
  readonly pattern: string | RegExp;
  readonly factory: BackendFactory;
}

/**
 * Backends by name: lazy factories registered by exact name or RegExp, instances created on
 * first use and then shared. Tests build their own; the library uses {@link getDefaultRegistry}.
 */
export class BackendRegistry {
  private readonly registrations: Registration[] = [];
  private readonly instances = new Map<string, Backend>();
  private readonly locks = new Map<string, Mutex>();

  /**
   * Registers a lazy factory for an exact name or a name pattern (`/^fake_/`). Exact names win
   * over patterns; patterns are tried in registration order. Re-registering an exact name
   * replaces its factory (existing instances stay until {@link evict}).
   * @throws {ConfigurationError} for a blank name or a non-function factory
   */
  registerBackendFactory(nameOrPattern: string | RegExp, factory: BackendFactory): this {
    if (typeof factory !== 'function') throw new ConfigurationError('a backend factory must be a function', 'factory');
    if (typeof nameOrPattern === 'string') {
      if (!nameOrPattern.trim()) throw new ConfigurationError('a backend name must not be blank', 'name');
      const i = this.registrations.findIndex((r) => r.pattern === nameOrPattern);
      if (i >= 0) this.registrations.splice(i, 1);
    } else if (!(nameOrPattern instanceof RegExp)) {
      throw new ConfigurationError('register a backend under a name or a RegExp', 'name');
    }
    this.registrations.push({ pattern: nameOrPattern, factory });
    return this;
  }

  /** Alias of {@link registerBackendFactory}. */
  register(nameOrPattern: string | RegExp, factory: BackendFactory): this {
    return this.registerBackendFactory(nameOrPattern, factory);
  }

  /** Registered exact names, then patterns (as `/source/flags`), in registration order. */
  names(): string[] {
    const exact = this.registrations.filter((r) => typeof r.pattern === 'string').map((r) => r.pattern as string);
    const patterns = this.registrations.filter((r) => r.pattern instanceof RegExp).map((r) => String(r.pattern));
    return [...exact, ...patterns];
  }

  /** True when some factory accepts `name`. */
  has(name: string): boolean {
    return this.instances.has(name) || this.lookup(name) !== undefined;
  }

  /** The instance for `name` if it was already created (no initialisation). */
  peek(name: string): Backend | undefined {
    return this.instances.get(name);
  }

  /**
   * The backend for `name`, created on first use (once, however many concurrent callers).
   * Passing a {@link Backend} returns it unchanged (convenient for call sites and tests).
   * @throws {BackendNotFoundError} when no factory accepts the name (lists the known ones)
   * @throws {AbortedError} when `signal` fires while waiting
   */
  async get(nameOrBackend: string | Backend, options: { signal?: AbortSignal } = {}): Promise<Backend> {
    const { signal } = options;
    throwIfAborted(signal);
    if (typeof nameOrBackend !== 'string') return nameOrBackend;
    const name = nameOrBackend;
    const cached = this.instances.get(name);
    if (cached) return cached;
    const registration = this.lookup(name);
    if (!registration) throw new BackendNotFoundError(name, this.names());

    const release = await acquireWithSignal(this.lockFor(name), signal);
    let handedOff = false;
    try {
      const again = this.instances.get(name); // double check: another caller may have finished
      if (again) return again;
      const init = Promise.resolve()
        .then(() => registration.factory(name, { signal }))
        .then((backend) => {
          if (!backend || typeof backend.run !== 'function' || !backend.target) {
            throw new ConfigurationError(`the factory for '${name}' did not return a backend`, name);
          }
          this.instances.set(name, backend);
          return backend;
        });
      // The lock is held until the factory settles, even if this caller stops waiting.
      void init.then(release, release);
      handedOff = true;
      return await raceSignal(init, signal);
    } finally {
      if (!handedOff) release();
    }
  }

  /** Forgets the instance for `name` (closing it when it can); the next `get` re-creates it. */
  async evict(name: string): Promise<void> {
    const b = this.instances.get(name);
    this.instances.delete(name);
    await b?.close?.();
  }

  /** Closes and forgets every instance; registrations stay. */
  async closeAll(): Promise<void> {
    const all = [...this.instances.values()];
    this.instances.clear();
    await Promise.all(all.map((b) => b.close?.()));
  }

  private lookup(name: string): Registration | undefined {
    return (
      this.registrations.find((r) => r.pattern === name) ??
      this.registrations.find((r) => r.pattern instanceof RegExp && matches(r.pattern, name))
    );
  }

  private lockFor(name: string): Mutex {
    let m = this.locks.get(name);
    if (!m) {
      m = new Mutex();
      this.locks.set(name, m);
    }
    return m;
  }
}

function matches(re: RegExp, name: string): boolean {
  re.lastIndex = 0; // a /g or /y pattern keeps state between test() calls
  return re.test(name);
}

let defaultRegistry: BackendRegistry | undefined;
let defaultInitializer: ((registry: BackendRegistry) => void) | undefined;

/**
 * Sets how the default registry is populated when first created (the composition root,
 * `src/index.ts`, installs the built-in backends this way; nothing runs until first use).
 */
export function setDefaultRegistryInitializer(init: (registry: BackendRegistry) => void): void {
  defaultInitializer = init;
}

/** The process-wide registry, created (and populated with the built-ins) on first use. */
export function getDefaultRegistry(): BackendRegistry {
  if (!defaultRegistry) {
    const r = new BackendRegistry();
    defaultInitializer?.(r);
    defaultRegistry = r;
  }
  return defaultRegistry;
}

/** For tests: drops the default registry (instances are not closed); the next use rebuilds it. */
export function resetDefaultRegistry(): void {
  defaultRegistry = undefined;
}

/** The default backend name: `QBRIDGE_BACKEND` from the configuration, else `local`. */
export function defaultBackendName(config: Pick<QbridgeConfig, 'defaultBackend'> = loadConfig()): string {
  return config.defaultBackend;
}

/**
 * Acquires a backend from the default registry (or `options.registry`): the named one, or
 * the configured default when `name` is omitted.
 *
 * @example
 * const backend = await acquireBackend('local');
 * const job = await new Sampler(backend, { shots: 100, seed: 1 }).run([new Circuit(1).h(0).measureAll()]);
 * (await job.result()).pubs[0].data.meas.getCounts(); // e.g. { '0': 43, '1': 57 }
 * @throws {BackendNotFoundError | AbortedError | ConfigurationError}
 */
export function acquireBackend(
  name?: string,
  options: { signal?: AbortSignal; registry?: BackendRegistry; config?: Pick<QbridgeConfig, 'defaultBackend'> } = {},
): Promise<Backend> {
  const registry = options.registry ?? getDefaultRegistry();
  const resolved = name ?? defaultBackendName(options.config);
  return registry.get(resolved, { signal: options.signal });
}
