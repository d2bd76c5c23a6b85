import { createIbmRuntimeBackend } from '../../adapters/ibm-runtime';
import { tempDir } from '../support/cli';
import { FAKE_API_KEY, FAKE_CRN, startRuntimeServer, TEST_BACKEND, type RuntimeServer } from '../support/runtime-server';
import { describeBackendContract } from './backend-contract';

/**
 * The IBM Runtime adapter under the backend contract, against the IBM Runtime test server
 * (IAM + Runtime API over node:http) that runs submitted OpenQASM 3 on the local simulator:
 * real HTTP, real JSON bodies, no network. The backend transpiles logical circuits and lays out
 * observables itself, so the suite's circuits go in unprepared.
 */
let server: RuntimeServer;
beforeAll(async () => {
  server = await startRuntimeServer();
});
afterAll(() => server.close());

describeBackendContract(
  `${TEST_BACKEND} (IBM Runtime test server)`,
  async () => {
    const backend = await createIbmRuntimeBackend(TEST_BACKEND, {
      token: FAKE_API_KEY,
      instance: FAKE_CRN,
      apiUrl: server.apiUrl,
      iamUrl: server.iamUrl,
      home: tempDir(),
      intervalMs: 2,
      maxIntervalMs: 5,
    });
    return {
      backend,
      teardown: () => {
        expect(server.requests.every((r) => r.authorized)).toBe(true);
      },
    };
  },
  // Hardware ignores client seeds; the test server is noiseless.
  { deterministicSeeds: false },
);
