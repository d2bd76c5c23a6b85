/**
 * qbridge: quantum circuits and quantum kernels on a fast local statevector simulator, and on
 * IBM Quantum hardware through the IBM Quantum Runtime REST API.
 *
 * This file is the public barrel and the composition root: the only file in `src/` that may
 * import `simulators/` or `adapters/`.
 */
export * from './core/errors';
export * from './circuit';
export * from '../simulators/statevector';
export * from './core/abort';
export * from './core/random';
export * from './core/job';
export * from './core/target';
export * from './backend';
export * from './primitives';
export * from './config';
export * from './registry';
export * from './kernel';
export * from './transpiler';
export * from './ibm/device-config';

import type { Backend } from './backend';
// Only the device names (a constant list); the devices themselves load on first use.
import { FAKE_BACKEND_NAMES } from '../simulators/fake/devices';
import { setDefaultRegistryInitializer, type BackendRegistry } from './registry';

/**
 * Registers the built-in backends on `registry`, lazily: each factory loads its module on
 * first use, so importing qbridge does no work. `local` is the statevector simulator; other
 * built-ins (`fake_*`, `ibm_*`, `least_busy`) are added here by their modules.
 */
export function registerBuiltInBackends(registry: BackendRegistry): BackendRegistry {
  registry.registerBackendFactory('local', async (name): Promise<Backend> => {
    const { createLocalBackend } = await import('../simulators/local');
    return createLocalBackend({ name });
  });
  // Fake IBM devices (fake_line5, fake_hanoi, fake_brisbane, fake_fez): ISA circuits only, noise off.
  // Registered by exact name, so `qbridge backends` lists them and a misspelt name is refused
  // with the list of known ones.
  for (const fakeName of FAKE_BACKEND_NAMES) {
    registry.registerBackendFactory(fakeName, async (name): Promise<Backend> => {
      const { createFakeBackend } = await import('../simulators/fake');
      return createFakeBackend(name);
    });
  }
  // IBM Quantum devices (`ibm_*`) and `least_busy`: credentials are resolved at first use;
  // without QISKIT_IBM_TOKEN/QISKIT_IBM_INSTANCE the factory throws one ConfigurationError.
  const ibm = async (name: string, { signal }: { signal?: AbortSignal }): Promise<Backend> => {
    const [{ createIbmRuntimeBackend, ibmOptionsFromConfig }, { loadConfig }] = await Promise.all([
      import('../adapters/ibm-runtime'),
      import('./config'),
    ]);
    return createIbmRuntimeBackend(name, ibmOptionsFromConfig(loadConfig()), { signal });
  };
  registry.registerBackendFactory(/^ibm_/, ibm);
  registry.registerBackendFactory('least_busy', ibm);
  return registry;
}

// The default registry is created (and populated) on first use, not here.
setDefaultRegistryInitializer(registerBuiltInBackends);
