import { createIbmRuntimeBackend } from '../../adapters/ibm-runtime';
import { startFakeIbm, type FakeIbm } from '../integration/ibm-runtime/fake-server';
import { FAKE_CRN, FAKE_KEY, tempHome } from '../integration/ibm-runtime/helpers';
import { describeBackendContract } from './backend-contract';

/**
 * The IBM Runtime adapter under the backend contract, against a loopback imitation of IBM
 * Quantum (IAM + Runtime API over node:http) that runs submitted OpenQASM 3 on the local
 * simulator: real HTTP, real JSON bodies, no network. The backend transpiles logical circuits
 * and lays out observables itself, so the suite's circuits go in unprepared.
 */
let server: FakeIbm;
beforeAll(async () => {
  server = await startFakeIbm({ simulate: true });
});
afterAll(() => server.close());

describeBackendContract(
  'ibm_test_heron_5q (loopback IBM imitation)',
  async () => {
    const backend = await createIbmRuntimeBackend('ibm_test_heron_5q', {
      token: FAKE_KEY,
      instance: FAKE_CRN,
      apiUrl: server.apiUrl,
      iamUrl: server.url,
      home: tempHome(),
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
  // Hardware ignores client seeds; the imitation is noiseless.
  { deterministicSeeds: false },
);
