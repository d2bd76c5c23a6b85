import type { QbridgeConfig } from '../../src/config';
import { ConfigurationError } from '../../src/core/errors';
import type { IbmRuntimeOptions } from './backend';
import type { IbmServiceOptions } from './instance-directory';

/** The one line shown when an IBM backend is asked for without credentials. */
export const MISSING_CREDENTIALS =
  'IBM Quantum is not configured: set QISKIT_IBM_TOKEN (your IBM Cloud API key) and QISKIT_IBM_INSTANCE (your instance CRN)';

/** The line shown when a token is configured but no instance (only what is missing is named). */
export const MISSING_INSTANCE =
  'IBM Quantum has a token but no instance: set QISKIT_IBM_INSTANCE (your instance CRN)';

/** The parts of the configuration the adapter uses. */
export type IbmConfigInput = Pick<QbridgeConfig, 'ibm' | 'home' | 'requestTimeoutMs' | 'jobTimeoutMs'> & Partial<Pick<QbridgeConfig, 'ibmSubmitRate'>>;

/** The token in plain text, for the adapter's own use (the configuration keeps it wrapped). */
function plainToken(ibm: NonNullable<IbmConfigInput['ibm']>): string {
  return typeof ibm.token === 'string' ? ibm.token : ibm.token.reveal();
}

/**
 * The options both the one-backend adapter and the service take the same way: API version,
 * home directory (ledger, pacing lock), timeouts and submission pacing.
 */
function sharedTail(config: IbmConfigInput): Pick<IbmRuntimeOptions, 'apiVersion' | 'home' | 'timeoutMs' | 'jobTimeoutMs' | 'pacing'> {
  const ibm = config.ibm;
  return {
    ...(ibm?.apiVersion ? { apiVersion: ibm.apiVersion } : {}),
    home: config.home,
    ...(config.requestTimeoutMs !== undefined ? { timeoutMs: config.requestTimeoutMs } : {}),
    ...(config.jobTimeoutMs !== undefined ? { jobTimeoutMs: config.jobTimeoutMs } : {}),
    ...(config.ibmSubmitRate ? { pacing: { rate: config.ibmSubmitRate.rate, windowMs: config.ibmSubmitRate.windowMs } } : {}),
  };
}

/**
 * Maps the resolved configuration (src/config.ts) to the adapter's plain options object. The
 * adapter itself never reads the environment; the composition root and the CLI call this.
 * `QBRIDGE_REQUEST_TIMEOUT` becomes the transport's per-attempt `timeoutMs`,
 * `QBRIDGE_JOB_TIMEOUT` the jobs' default wait bound `jobTimeoutMs`, `QBRIDGE_IBM_SUBMIT_RATE` the
 * submission `pacing`; `extra` wins over all.
 * @throws {ConfigurationError} naming QISKIT_IBM_TOKEN / QISKIT_IBM_INSTANCE when either is missing
 */
export function ibmOptionsFromConfig(config: IbmConfigInput, extra: Partial<IbmRuntimeOptions> = {}): IbmRuntimeOptions {
  const ibm = config.ibm;
  if (!ibm) throw new ConfigurationError(MISSING_CREDENTIALS, 'QISKIT_IBM_TOKEN');
  if (!ibm.instance || ibm.instanceKind === 'name') {
    throw new ConfigurationError(
      ibm.instance
        ? 'QISKIT_IBM_INSTANCE is an instance name: one backend\'s options need a CRN (crn:v1:...); IbmQuantumService resolves names (the CLI and the backend registry use it)'
        : MISSING_INSTANCE,
      'QISKIT_IBM_INSTANCE',
    );
  }
  const token = plainToken(ibm);
  return {
    token,
    instance: ibm.instance,
    apiUrl: ibm.apiUrl,
    iamUrl: ibm.iamUrl,
    ...sharedTail(config),
    ...extra,
  };
}

/**
 * Maps the configuration to {@link IbmServiceOptions}: like {@link ibmOptionsFromConfig}, but the
 * instance may be a CRN, a name or absent / `auto` (the service resolves or picks it). Without
 * a CRN the API host is derived per instance from its region unless QBRIDGE_IBM_API_URL is set;
 * Global Search and Catalog URLs and Qiskit's saved `region`, `plans_preference` and `tags` pass through.
 * @throws {ConfigurationError} naming QISKIT_IBM_TOKEN when there is no token
 */
export function ibmServiceOptionsFromConfig(config: IbmConfigInput, extra: Partial<IbmServiceOptions> = {}): IbmServiceOptions {
  const ibm = config.ibm;
  if (!ibm) throw new ConfigurationError(MISSING_CREDENTIALS, 'QISKIT_IBM_TOKEN');
  const token = plainToken(ibm);
  const crn = ibm.instanceKind === 'crn' || (ibm.instance !== undefined && ibm.instanceKind === undefined);
  return {
    token,
    ...(ibm.instance && ibm.instanceKind !== 'auto' ? { instance: ibm.instance } : {}),
    ...(crn || !ibm.apiUrlDerived ? { apiUrl: ibm.apiUrl } : {}),
    iamUrl: ibm.iamUrl,
    ...(ibm.url ? { platformUrl: ibm.url } : {}),
    ...(ibm.globalSearchUrl ? { globalSearchUrl: ibm.globalSearchUrl } : {}),
    ...(ibm.globalCatalogUrl ? { globalCatalogUrl: ibm.globalCatalogUrl } : {}),
    ...(ibm.region ? { region: ibm.region } : {}),
    ...(ibm.plansPreference ? { plansPreference: ibm.plansPreference } : {}),
    ...(ibm.tags ? { tags: ibm.tags } : {}),
    ...sharedTail(config),
    ...extra,
  };
}
