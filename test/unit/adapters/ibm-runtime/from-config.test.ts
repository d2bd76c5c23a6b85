import { DEFAULT_JOB_TIMEOUT_MS, DEFAULT_TIMEOUT_MS, ibmOptionsFromConfig } from '../../../../adapters/ibm-runtime';
import { loadConfig, type ConfigFs } from '../../../../src/config';

// Obviously fake values only.
const TOKEN = 'fake-token-0123456789abcdef';
const CRN = 'crn:v1:bluemix:public:quantum-computing:us-east:a/00000000000000000000000000000000:11111111-2222-3333-4444-555555555555::';
const noFiles: ConfigFs = { readFile: () => undefined, fileMode: () => undefined, homedir: () => '/home/fake-user' };
const config = (vars: Record<string, string>) =>
  loadConfig({}, { HOME: '/home/fake-user', QISKIT_IBM_TOKEN: TOKEN, QISKIT_IBM_INSTANCE: CRN, ...vars }, noFiles);

describe('ibmOptionsFromConfig: timeouts', () => {
  it('leaves both timeouts to the adapter defaults when unset', () => {
    const o = ibmOptionsFromConfig(config({}));
    expect(o.timeoutMs).toBeUndefined();
    expect(o.jobTimeoutMs).toBeUndefined();
    // The defaults the docs and the variables' help text promise.
    expect([DEFAULT_TIMEOUT_MS, DEFAULT_JOB_TIMEOUT_MS]).toEqual([60_000, 86_400_000]);
  });

  it('maps QBRIDGE_REQUEST_TIMEOUT to the per-request timeoutMs and QBRIDGE_JOB_TIMEOUT to jobTimeoutMs', () => {
    const o = ibmOptionsFromConfig(config({ QBRIDGE_REQUEST_TIMEOUT: '1.5', QBRIDGE_JOB_TIMEOUT: '120' }));
    expect(o).toMatchObject({ timeoutMs: 1_500, jobTimeoutMs: 120_000 });
  });

  it('explicit extra options win over the configuration', () => {
    const o = ibmOptionsFromConfig(config({ QBRIDGE_REQUEST_TIMEOUT: '1.5', QBRIDGE_JOB_TIMEOUT: '120' }), { timeoutMs: 5, jobTimeoutMs: 7 });
    expect(o).toMatchObject({ timeoutMs: 5, jobTimeoutMs: 7 });
  });
});
