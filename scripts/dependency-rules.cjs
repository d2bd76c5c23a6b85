/**
 * The layer rule of qbridge, checked by dependency-cruiser (`npm run deps`, part of `npm test`).
 *
 * Layers, lowest first; a module may import its own layer and the layers below it:
 *   core (src/core)
 *   circuit (src/circuit), ibm account facts (src/ibm)
 *   engine (simulators/statevector): core and circuit only
 *   transpiler (src/transpiler)
 *   quantum_info (src/quantum-info): states, operators, SparsePauliOp and the observable coercion
 *     the primitives use; on core, circuit, noise channels, the transpiler and the engine's index
 *   primitives (src/primitives): containers, PUB coercion and validation, the ISA gate
 *   backend contract (src/backend.ts, src/registry.ts, src/config.ts), and the Sampler/Estimator
 *     that run PUBs on a backend
 *   backends (simulators/pub-runner, simulators/local, simulators/fake, adapters/ibm-runtime):
 *     they never import each other, except local/fake → pub-runner
 *   kernel (src/kernel): the engine's index and the contract, never a backend
 *   composition (src/index.ts, src/cli): the only places that name concrete backends
 * and nothing imports in a circle (type-only imports included).
 */
const SRC_ABOVE_CORE = '^src/(circuit|ibm|transpiler|primitives|kernel|cli|backend|registry|config|index)';
const BACKENDS = '^(simulators/(pub-runner|local|fake)|adapters)/';
const COMPOSITION = '^src/(index\\.ts|cli/)';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A circle makes load order matter and hides which module owns a concept.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-is-lowest',
      severity: 'error',
      comment: 'src/core holds what every layer shares (errors, abort, random, bits, job, target, observable).',
      from: { path: '^src/core/' },
      to: { path: [SRC_ABOVE_CORE, '^simulators/', '^adapters/'] },
    },
    {
      name: 'circuit-and-ibm-on-core-only',
      severity: 'error',
      from: { path: '^src/(circuit|ibm)/' },
      to: { path: ['^src/(transpiler|primitives|kernel|cli|backend|registry|config|index)', '^simulators/', '^adapters/'] },
    },
    {
      name: 'engine-on-core-and-circuit-only',
      severity: 'error',
      comment: 'The statevector engine is shared by the backends and the kernel layer; it knows no backend, IBM or primitive.',
      from: { path: '^simulators/statevector/' },
      to: { path: ['^src/(?!core/|circuit/)', '^simulators/(?!statevector/)', '^adapters/'] },
    },
    {
      name: 'transpiler-below-primitives',
      severity: 'error',
      from: { path: '^src/transpiler/' },
      to: { path: ['^src/(primitives|kernel|cli|backend|registry|config|index)', BACKENDS] },
    },
    {
      name: 'quantum-info-below-primitives',
      severity: 'error',
      comment: 'quantum_info is a value library: the primitives take its observables, it knows no primitive, backend or kernel.',
      from: { path: '^src/quantum-info/' },
      to: { path: ['^src/(primitives|kernel|cli|backend|registry|config|index)', BACKENDS, '^simulators/statevector/(?!index\\.ts$)', '^simulators/density-matrix/'] },
    },
    {
      name: 'primitive-containers-below-the-contract',
      severity: 'error',
      comment: 'Only the Sampler and Estimator, which run PUBs on a backend, sit above the backend contract.',
      from: { path: '^src/primitives/', pathNot: '^src/primitives/(sampler|estimator|index)\\.ts$' },
      to: { path: ['^src/(kernel|cli|backend|registry|config|index)', '^src/primitives/(sampler|estimator)\\.ts$', BACKENDS] },
    },
    {
      name: 'contract-knows-no-backend',
      severity: 'error',
      from: { path: ['^src/(backend|registry|config)\\.ts$', '^src/primitives/'] },
      to: { path: ['^src/(kernel|cli|index)', BACKENDS] },
    },
    {
      name: 'backends-apart',
      severity: 'error',
      comment: 'Backends share code only through the layers below them (local and fake share the PUB runner).',
      from: { path: '^simulators/pub-runner/' },
      to: { path: ['^simulators/(local|fake)/', '^adapters/'] },
    },
    {
      name: 'local-and-fake-apart',
      severity: 'error',
      from: { path: '^simulators/(local|fake)/' },
      to: { path: ['^adapters/'] },
    },
    {
      name: 'local-not-fake',
      severity: 'error',
      from: { path: '^simulators/local/' },
      to: { path: '^simulators/fake/' },
    },
    {
      name: 'fake-not-local',
      severity: 'error',
      from: { path: '^simulators/fake/' },
      to: { path: '^simulators/local/' },
    },
    {
      name: 'adapters-not-simulators',
      severity: 'error',
      from: { path: '^adapters/' },
      to: { path: '^simulators/(?!statevector/index\\.ts$)' },
    },
    {
      name: 'backends-below-kernel-and-composition',
      severity: 'error',
      from: { path: BACKENDS },
      to: { path: ['^src/(kernel|cli)/', '^src/index\\.ts$'] },
    },
    {
      name: 'kernel-uses-engine-index-and-contract-only',
      severity: 'error',
      comment: 'The kernel layer runs on the engine (through its index) and on any Backend, never a concrete one.',
      from: { path: '^src/kernel/' },
      to: { path: ['^src/(cli/|index\\.ts$)', BACKENDS, '^simulators/statevector/(?!index\\.ts$)'] },
    },
    {
      name: 'only-composition-names-the-cli-and-barrel',
      severity: 'error',
      from: { pathNot: [COMPOSITION, '^bin/', '^test/', '^bench/'] },
      to: { path: COMPOSITION },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', 'node_modules'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
