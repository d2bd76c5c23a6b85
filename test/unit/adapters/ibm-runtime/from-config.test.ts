/**
 * Issue 13 point 7 (names and instances): when only the instance is missing, the message names
 * only QISKIT_IBM_INSTANCE (a user whose token is set is not told to set it again).
 */
import { loadConfig, type ConfigFs } from '../../../../src/config';
import { ConfigurationError } from '../../../../src/core/errors';
import { createIbmRuntimeBackend, ibmOptionsFromConfig } from '../../../../adapters/ibm-runtime';
import { thrownMessage } from '../../../support/errors';

const noFiles: ConfigFs = { readFile: () => undefined, fileMode: () => undefined, homedir: () => '/nonexistent' };
const CRN = 'crn:v1:bluemix:public:quantum-computing:us-east:a/b947c1c5a9378d64aed96696e4d76e8e:a3a7f181-35aa-42c8-94d6-7c8ed6e1a94b::';

const message = (fn: () => unknown): string => thrownMessage(fn, ConfigurationError);

describe('point 7: what is missing is what the message names', () => {
  it('a token without an instance names only QISKIT_IBM_INSTANCE', () => {
    const config = loadConfig({}, { HOME: '/nonexistent', QISKIT_IBM_TOKEN: 'fake-token-0123456789' }, noFiles);
    const m = message(() => ibmOptionsFromConfig(config));
    expect(m).toMatch(/QISKIT_IBM_INSTANCE/);
    expect(m).not.toMatch(/QISKIT_IBM_TOKEN/);
  });

  it('nothing configured names both', () => {
    const config = loadConfig({}, { HOME: '/nonexistent' }, noFiles);
    const m = message(() => ibmOptionsFromConfig(config));
    expect(m).toMatch(/QISKIT_IBM_TOKEN.*QISKIT_IBM_INSTANCE/);
  });

  it('the adapter, given options directly, also names only what is missing', async () => {
    const onlyInstance = await createIbmRuntimeBackend('ibm_fez', { token: '', instance: CRN }).catch((e: Error) => e.message);
    expect(onlyInstance).toMatch(/set QISKIT_IBM_TOKEN \(API key\)$/);
    const onlyToken = await createIbmRuntimeBackend('ibm_fez', { token: 'fake-token', instance: '' }).catch((e: Error) => e.message);
    expect(onlyToken).toMatch(/set QISKIT_IBM_INSTANCE \(instance CRN\)$/);
  });
});

describe('point 4: QBRIDGE_IBM_SUBMIT_RATE', () => {
  const env = { HOME: '/nonexistent', QISKIT_IBM_TOKEN: 'fake-token-0123456789', QISKIT_IBM_INSTANCE: CRN };
  it('point 4: N/SECONDS becomes the adapter\'s submission pacing; unset leaves the adapter default', () => {
    expect(ibmOptionsFromConfig(loadConfig({}, { ...env, QBRIDGE_IBM_SUBMIT_RATE: '10 / 1.5' }, noFiles)).pacing).toEqual({ rate: 10, windowMs: 1500 });
    expect(ibmOptionsFromConfig(loadConfig({}, env, noFiles)).pacing).toBeUndefined();
  });

  it.each(['5', '0/60', '5/0', 'five/60', '-1/60'])('point 4: %p is refused naming the variable', (bad) => {
    const m = message(() => loadConfig({}, { ...env, QBRIDGE_IBM_SUBMIT_RATE: bad }, noFiles));
    expect(m).toMatch(/QBRIDGE_IBM_SUBMIT_RATE must be submissions per seconds, e\.g\. 5\/60/);
  });
});
