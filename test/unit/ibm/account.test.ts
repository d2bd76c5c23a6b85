import { createRuntimeClient } from '../../../adapters/ibm-runtime';
import { ConfigurationError } from '../../../src/core/errors';
import {
  DEFAULT_API_URL,
  DEFAULT_IAM_URL,
  STAGING_IAM_URL,
  apiUrlFor,
  iamUrlFor,
  isLoopbackHost,
  parseCrn,
  validateHttpsUrl,
} from '../../../src/ibm/account';

const CRN_EU = 'crn:v1:bluemix:public:quantum-computing:eu-de:a/0:1::';
const CRN_STAGING = 'crn:v1:staging:public:quantum-computing:us-east:a/0:1::';

describe('IBM account facts (src/ibm/account.ts)', () => {
  it('loopback is 127.0.0.0/8, ::1 and localhost, in every spelling', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '127.255.255.255', 'localhost', 'LOCALHOST', '::1', '[::1]']) {
      expect(isLoopbackHost(h)).toBe(true);
    }
    for (const h of ['128.0.0.1', '127.0.0.256', '127.0.0.1.example.com', 'localhost.evil.com', '::2', '10.0.0.1', '']) {
      expect(isLoopbackHost(h)).toBe(false);
    }
  });

  it('the configuration and the runtime client apply the same URL rule', () => {
    const ok = ['https://quantum.example.com/api/v1', 'http://127.1.2.3:9/api/v1', 'http://localhost:9', 'http://[::1]:8080'];
    const bad = ['http://quantum.example.com/api/v1', 'http://127.0.0.1.example.com', 'http://user:pw@127.0.0.1', 'ftp://127.0.0.1'];
    for (const url of ok) {
      expect(() => validateHttpsUrl(url, 'K')).not.toThrow();
      expect(() => createRuntimeClient({ token: 't', instance: CRN_EU, apiUrl: url, iamUrl: url })).not.toThrow();
    }
    for (const url of bad) {
      expect(() => validateHttpsUrl(url, 'K')).toThrow(ConfigurationError);
      expect(() => createRuntimeClient({ token: 't', instance: CRN_EU, apiUrl: url })).toThrow(/QBRIDGE_IBM_API_URL/);
    }
  });

  it('parses a 10-field instance CRN and refuses anything else, naming the variable', () => {
    expect(parseCrn(CRN_EU)).toEqual({ cname: 'bluemix', region: 'eu-de' });
    expect(parseCrn(CRN_STAGING)).toEqual({ cname: 'staging', region: 'us-east' });
    for (const v of ['my-instance', 'crn:v1:bluemix:public:quantum-computing:eu-de:a/0:1', 'crn:v1:bluemix:public:quantum-computing::a/0:1::']) {
      expect(() => parseCrn(v)).toThrow(expect.objectContaining({ key: 'QISKIT_IBM_INSTANCE' }));
    }
  });

  it('derives the API host from the region and the IAM host from the cloud name', () => {
    expect(apiUrlFor(undefined)).toBe(DEFAULT_API_URL);
    expect(apiUrlFor('us-east')).toBe('https://quantum.cloud.ibm.com/api/v1');
    expect(apiUrlFor('eu-de')).toBe('https://eu-de.quantum.cloud.ibm.com/api/v1');
    expect(apiUrlFor('eu-de', 'https://test.cloud.ibm.com')).toBe('https://eu-de.quantum.test.cloud.ibm.com/api/v1');
    expect(iamUrlFor('bluemix')).toBe(DEFAULT_IAM_URL);
    expect(iamUrlFor('staging')).toBe(STAGING_IAM_URL);
    expect(createRuntimeClient({ token: 't', instance: CRN_EU }).apiUrl).toBe('https://eu-de.quantum.cloud.ibm.com/api/v1');
  });
});
