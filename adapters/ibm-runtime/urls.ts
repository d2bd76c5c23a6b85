import { ConfigurationError } from '../../src/core/errors';

/** IBM's public endpoints (reference §1.1). */
export const DEFAULT_API_URL = 'https://quantum.cloud.ibm.com/api/v1';
export const DEFAULT_IAM_URL = 'https://iam.cloud.ibm.com';
export const STAGING_IAM_URL = 'https://iam.test.cloud.ibm.com';
/** The `IBM-API-Version` the current Python client pins (0.48.0, reference §1.2). */
export const DEFAULT_API_VERSION = '2026-04-15';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** Splits an instance CRN `crn:v1:<cloud>:<type>:quantum-computing:<region>:a/<acct>:<guid>::`. */
export function parseCrn(crn: string): { cloud: string; region: string } {
  const f = crn.split(':');
  if (f.length < 8 || f[0] !== 'crn' || f[1] !== 'v1' || !f[5]) {
    throw new ConfigurationError(
      'the IBM instance must be a CRN (crn:v1:bluemix:public:quantum-computing:<region>:a/<account>:<instance>::); instance names are not resolved',
      'QISKIT_IBM_INSTANCE',
    );
  }
  return { cloud: f[2]!, region: f[5]! };
}

/** The API base URL for a CRN: no prefix for us-east, `<region>.` otherwise. */
export function apiUrlForCrn(crn: string): string {
  const { region } = parseCrn(crn);
  return region === 'us-east' ? DEFAULT_API_URL : `https://${region}.quantum.cloud.ibm.com/api/v1`;
}

/** The IAM host for a CRN: the test IAM host for `staging` CRNs. */
export function iamUrlForCrn(crn: string): string {
  return parseCrn(crn).cloud === 'staging' ? STAGING_IAM_URL : DEFAULT_IAM_URL;
}

/**
 * Validates a configured URL: it must parse, and plain `http://` is accepted only for a
 * loopback host (local fakes and tests) — a token must never travel unencrypted.
 * @throws {ConfigurationError} naming `key`, never echoing credentials in the URL
 */
export function checkServiceUrl(url: string, key: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new ConfigurationError(`${key} is not a valid URL`, key);
  }
  if (u.username || u.password) throw new ConfigurationError(`${key} must not contain credentials`, key);
  if (u.protocol === 'https:') return url.replace(/\/+$/, '');
  if (u.protocol === 'http:' && LOOPBACK.has(u.hostname)) return url.replace(/\/+$/, '');
  throw new ConfigurationError(
    `${key} must use https:// (plain http:// is allowed only for 127.0.0.1/localhost)`,
    key,
  );
}
