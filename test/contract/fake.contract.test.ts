import type { Circuit } from '../../src/circuit/circuit';
import { applyLayoutToObservable, transpile } from '../../src/transpiler';
import { createFakeBackend } from '../../simulators/fake';
import type { Backend } from '../../src/backend';
import { describeBackendContract, type BackendUnderTest } from './backend-contract';

/** A fake device under the contract: circuits are transpiled to ISA, observables laid out. */
function underTest(backend: Backend): BackendUnderTest {
  const layouts = new WeakMap<Circuit, readonly number[]>();
  return {
    backend,
    prepare: (c) => {
      const r = transpile(c, backend.target, { seed: 11 });
      layouts.set(r.circuit, r.layout.final);
      return r.circuit;
    },
    mapObservable: (obs, prepared) => applyLayoutToObservable(obs, layouts.get(prepared)!, prepared.numQubits),
  };
}

for (const name of ['fake_line5', 'fake_hanoi', 'fake_brisbane', 'fake_fez']) {
  describeBackendContract(name, async () => underTest(await createFakeBackend(name)));
}

// Through the registry (lazy factory registered by the composition root).
describeBackendContract('fake_fez via registry', async () => {
  const { BackendRegistry, registerBuiltInBackends } = await import('../../src/index');
  return underTest(await registerBuiltInBackends(new BackendRegistry()).get('fake_fez'));
});

// With noise on: only the checks that hold for noisy backends.
describeBackendContract('fake_hanoi (noise)', async () => underTest(await createFakeBackend('fake_hanoi', { noise: true })), {
  noiseless: false,
});
