import { createLocalBackend } from '../../simulators/local';
import { describeBackendContract } from './backend-contract';

describeBackendContract('local', () => createLocalBackend());

// The same suite through the registry path (lazy factory wired by the composition root).
describeBackendContract('local via registry', async () => {
  const { BackendRegistry, registerBuiltInBackends } = await import('../../src/index');
  return registerBuiltInBackends(new BackendRegistry()).get('local');
});
