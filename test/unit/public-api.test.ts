import * as qbridge from '../../src';

/** The public barrel names what it exports: entry points are there, internals and test hooks are not. */
describe('public API', () => {
  it('exports the three backend factories, which make working backends', async () => {
    const local = qbridge.createLocalBackend();
    expect(local.name).toBe('local');
    const fake = await qbridge.createFakeBackend('fake_line5');
    expect(fake.target.numQubits).toBe(5);
    await expect(qbridge.createIbmRuntimeBackend('ibm_fez', {} as qbridge.IbmRuntimeOptions)).rejects.toBeInstanceOf(qbridge.ConfigurationError);
  });

  it('keeps internals and test hooks out', () => {
    const names = Object.keys(qbridge);
    for (const internal of ['resetDefaultRegistry', 'setDefaultRegistryInitializer', 'hash32', 'Prng', 'planFusedOps', 'releaseArenas', 'zeroState', 'applyGate', 'NODE_CONFIG_FS', 'validateSamplerRequest', 'samplerPubsForTarget', 'loadLibSvm', 'planJobs']) {
      expect(names).not.toContain(internal);
    }
  });

  it('exports the main entry points as values', () => {
    for (const name of ['Circuit', 'Statevector', 'Sampler', 'Estimator', 'QuantumKernel', 'QSVC', 'transpile', 'parseQasm', 'acquireBackend', 'loadConfig', 'BackendRegistry', 'registerBuiltInBackends']) {
      expect(typeof (qbridge as Record<string, unknown>)[name]).toBe('function');
    }
  });

  it('exports the text drawer and the OpenQASM 2 exporter', () => {
    for (const name of ['drawText', 'toQasm2']) {
      expect(typeof (qbridge as Record<string, unknown>)[name]).toBe('function');
    }
  });

  it('also build (sessions and batches): withSession, withBatch and their errors are public', () => {
    for (const name of ['withSession', 'withBatch', 'SessionNotAllowedError', 'RunInProgressError']) {
      expect(typeof (qbridge as Record<string, unknown>)[name]).toBe('function');
    }
  });

  it('exports the preset pass manager and the two-qubit (KAK) synthesis', () => {
    for (const name of ['generatePresetPassManager', 'weylDecomposition', 'synthesizeTwoQubit']) {
      expect(typeof (qbridge as Record<string, unknown>)[name]).toBe('function');
    }
    expect(qbridge.PRESET_STAGES).toEqual(['init', 'layout', 'routing', 'translation', 'optimization', 'scheduling']);
  });
});
