/**
 * Configuration: the ONLY module that reads `process.env`, and only when {@link loadConfig} is
 * called (never at import). A pure function of (options, env, file system) → frozen object.
 *
 * Precedence, per setting: explicit option > environment variable > Qiskit saved account
 * (`~/.qiskit/qiskit-ibm.json`, consulted only when neither option nor environment gives a
 * token) > documented default. Blank values count as unset. Invalid values throw
 * {@link ConfigurationError} naming the variable, never its value. The API key is held in a
 * {@link Secret}, redacted from JSON, `util.inspect` and string conversion.
 */
import * as nodeFs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigurationError } from './core/errors';
import { readSavedAccount, type ConfigFs, type SavedAccount } from './ibm/saved-account';
import { parseSubmitRate, type SubmitRate } from './ibm/submit-rate';

export type { ConfigFs };
import {
  DEFAULT_API_URL,
  DEFAULT_IAM_URL,
  DEFAULT_PLATFORM_URL,
  Secret,
  apiUrlFor,
  globalCatalogUrlFor,
  globalSearchUrlFor,
  iamUrlFor,
  validateApiVersion,
  validateChannel,
  validateHttpsUrl,
  validateInstance,
  validateTimeoutSeconds,
  type IbmChannel,
} from './ibm/account';

export { Secret, type IbmChannel };

/** The IBM Quantum account qbridge uses (present only when a token was found). */
export interface IbmAccountConfig {
  /** The IBM Cloud API key. `token.reveal()` gives the string; it never prints. */
  readonly token: Secret;
  /** Instance CRN, an instance name to resolve, or `auto` (`instanceKind` says which). */
  readonly instance?: string;
  /**
   * Whether `instance` is a CRN (used as is), a name (resolved to a CRN through IBM Cloud Global
   * Search on first use) or `auto` (Qiskit's `instance="auto"`: no instance, the service picks
   * one per device, without Qiskit's "instance was not set" warning).
   */
  readonly instanceKind?: 'crn' | 'name' | 'auto';
  /** Which IBM service to talk to: `ibm_quantum_platform` or `ibm_cloud`. */
  readonly channel: IbmChannel;
  /** Qiskit's raw platform URL (`QISKIT_IBM_URL`, e.g. `https://cloud.ibm.com`), when set. */
  readonly url?: string;
  /** Full API base, e.g. `https://quantum.cloud.ibm.com/api/v1` (no trailing slash). */
  readonly apiUrl: string;
  /** IAM host, e.g. `https://iam.cloud.ibm.com` (the token path is `/identity/token`). */
  readonly iamUrl: string;
  /**
   * True when `apiUrl` was derived (from the CRN's region, or us-east without a CRN) rather than
   * given: an instance picked later by name or automatically then gets its own region's API host.
   */
  readonly apiUrlDerived?: boolean;
  /** IBM Cloud Global Search base, which lists the key's instances (`QBRIDGE_GLOBAL_SEARCH_URL`; default from the platform URL). */
  readonly globalSearchUrl?: string;
  /** IBM Cloud Global Catalog base, which names instance plans (`QBRIDGE_GLOBAL_CATALOG_URL`; default from the platform URL). */
  readonly globalCatalogUrl?: string;
  /** Qiskit's saved-account `region` (`us-east` or `eu-de`): automatic instance selection keeps only that region. */
  readonly region?: string;
  /** Qiskit's saved-account `plans_preference`: automatic selection keeps only these plans, in this order. */
  readonly plansPreference?: readonly string[];
  /** Qiskit's saved-account `tags`: automatic selection keeps only instances carrying all of them. */
  readonly tags?: readonly string[];
  /** `IBM-API-Version` header value (`YYYY-MM-DD`); unset = the adapter's default. */
  readonly apiVersion?: string;
  /** Where the token came from. */
  readonly source: 'option' | 'environment' | 'saved-account';
  /** The saved account's name, when the account came from the file. */
  readonly accountName?: string;
}

/** The resolved configuration. Frozen. */
export interface QbridgeConfig {
  /** The IBM Quantum account, when a token was found (environment, overrides or a saved account); absent otherwise. */
  readonly ibm?: IbmAccountConfig;
  /** qbridge's own directory (job ledger, caches). @defaultValue `~/.qbridge` */
  readonly home: string;
  /** Backend used when none is named. @defaultValue `'local'` */
  readonly defaultBackend: string;
  /**
   * Per-request (per-attempt) HTTP timeout for remote backends, in ms (`QBRIDGE_REQUEST_TIMEOUT`,
   * seconds). Unset = the adapter's default (60 s).
   */
  readonly requestTimeoutMs?: number;
  /**
   * Bound of a whole job wait (queue + run) on remote backends, in ms (`QBRIDGE_JOB_TIMEOUT`,
   * seconds); past it the wait ends with JobTimeoutError (the job may still run). Unset = the
   * adapter's default (24 h).
   */
  readonly jobTimeoutMs?: number;
  /**
   * Client-side pacing of IBM job submissions (`QBRIDGE_IBM_SUBMIT_RATE`, `N/SECONDS`). Unset =
   * the adapter's default, IBM's documented 5 per 60 s.
   */
  readonly ibmSubmitRate?: SubmitRate;
  /** Non-fatal findings (e.g. a saved-account file readable by others); config never prints. */
  readonly warnings: readonly string[];
}

/** Explicit settings; each beats its environment variable. */
export interface ConfigOverrides {
  /** IBM Cloud API key (beats `QISKIT_IBM_TOKEN`). */
  token: string;
  /** Instance CRN or name (beats `QISKIT_IBM_INSTANCE`). */
  instance: string;
  /** `ibm_quantum_platform` or `ibm_cloud` (beats `QISKIT_IBM_CHANNEL`). */
  channel: string;
  /** Raw platform URL (beats `QISKIT_IBM_URL`). */
  url: string;
  /** Full API base URL (beats `QBRIDGE_IBM_API_URL`). */
  apiUrl: string;
  /** IAM host (beats `QBRIDGE_IAM_URL`). */
  iamUrl: string;
  /** IBM Cloud Global Search base (beats `QBRIDGE_GLOBAL_SEARCH_URL`). */
  globalSearchUrl: string;
  /** IBM Cloud Global Catalog base (beats `QBRIDGE_GLOBAL_CATALOG_URL`). */
  globalCatalogUrl: string;
  /** `IBM-API-Version` header, `YYYY-MM-DD` (beats `QBRIDGE_IBM_API_VERSION`). */
  apiVersion: string;
  /** qbridge's directory (beats `QBRIDGE_HOME`). */
  home: string;
  /** Backend used when none is named (beats `QBRIDGE_BACKEND`). */
  defaultBackend: string;
  /** Saved account to use, by name (beats `QBRIDGE_IBM_ACCOUNT`). */
  account: string;
  /** Saved-account file. @defaultValue `<home dir>/.qiskit/qiskit-ibm.json` */
  accountFile: string;
  /** Per-request timeout in seconds (beats `QBRIDGE_REQUEST_TIMEOUT`). */
  requestTimeout: string | number;
  /** Job-wait timeout in seconds (beats `QBRIDGE_JOB_TIMEOUT`). */
  jobTimeout: string | number;
}


/** The real file system. */
export const NODE_CONFIG_FS: ConfigFs = {
  readFile(file) {
    try {
      return nodeFs.readFileSync(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new ConfigurationError(`cannot read ${file}`, file, { cause: e });
    }
  },
  fileMode(file) {
    if (process.platform === 'win32') return undefined;
    try {
      return nodeFs.statSync(file).mode & 0o777;
    } catch {
      return undefined;
    }
  },
  homedir: () => os.homedir(),
};

/** Environment variables qbridge reads, with their meaning (for docs and `--help`). */
export const ENV_VARS = {
  /** The IBM Cloud API key. */
  QISKIT_IBM_TOKEN: 'IBM Cloud API key',
  /** The instance CRN or name. */
  QISKIT_IBM_INSTANCE: 'instance CRN, instance name, or auto (unset or auto: chosen per device among the instances the key can use)',
  /** The channel (Qiskit's variable, read the same way). */
  QISKIT_IBM_CHANNEL: 'ibm_quantum_platform (default) or ibm_cloud',
  /** The raw platform URL (Qiskit's variable). */
  QISKIT_IBM_URL: `raw platform URL, default ${DEFAULT_PLATFORM_URL} (API host derived as quantum.<host>)`,
  /** Overrides the API base URL outright. */
  QBRIDGE_IBM_API_URL: `full API base URL, default ${DEFAULT_API_URL}`,
  /** Overrides the IAM host (token exchange). */
  QBRIDGE_IAM_URL: `IAM host, default ${DEFAULT_IAM_URL}`,
  /** Overrides IBM Cloud Global Search (instance listing). */
  QBRIDGE_GLOBAL_SEARCH_URL: `IBM Cloud Global Search base URL, default ${globalSearchUrlFor()}`,
  /** Overrides IBM Cloud Global Catalog (instance plans). */
  QBRIDGE_GLOBAL_CATALOG_URL: `IBM Cloud Global Catalog base URL, default ${globalCatalogUrlFor()}`,
  /** Pins the `IBM-API-Version` header. */
  QBRIDGE_IBM_API_VERSION: 'IBM-API-Version header (YYYY-MM-DD)',
  /** Picks a saved Qiskit account by name. */
  QBRIDGE_IBM_ACCOUNT: 'name of the saved Qiskit account to use',
  /** qbridge's directory (job ledger, caches). */
  QBRIDGE_HOME: 'qbridge directory, default ~/.qbridge',
  /** The default backend. */
  QBRIDGE_BACKEND: 'default backend name, default local',
  /** Per-request HTTP timeout, seconds. */
  QBRIDGE_REQUEST_TIMEOUT: 'per-request HTTP timeout in seconds for IBM Quantum, default 60',
  /** Job wait timeout, seconds. */
  QBRIDGE_JOB_TIMEOUT: 'how long to wait for an IBM Quantum job (queue + run) in seconds, default 86400',
  /** Client-side pacing of job submissions. */
  QBRIDGE_IBM_SUBMIT_RATE: 'IBM Quantum job submissions allowed per seconds, e.g. 5/60 (the default, IBM\'s per-user limit)',
} as const;

const BACKEND_NAME = /^[A-Za-z0-9_.:-]+$/;

type Env = Readonly<Record<string, string | undefined>>;

/** Trimmed value, or undefined when missing or blank. */
function read(v: string | undefined): string | undefined {
  if (v === undefined || v === null) return undefined;
  const t = String(v).trim();
  return t === '' ? undefined : t;
}

/**
 * Resolves the configuration.
 *
 * @param options explicit settings (highest precedence)
 * @param env the environment, read at call time. @defaultValue `process.env`
 * @param fs file access for the saved-account file. @defaultValue the real file system
 * @throws {ConfigurationError} naming the variable (or file and field) of an invalid value
 * @example
 * const config = loadConfig({ defaultBackend: 'local' }, { QISKIT_IBM_TOKEN: 'fake-token' });
 * config.ibm?.token.reveal(); // 'fake-token'
 */
export function loadConfig(options: Partial<ConfigOverrides> = {}, env: Env = process.env, fs: ConfigFs = NODE_CONFIG_FS): QbridgeConfig {
  const warnings: string[] = [];
  const homeDir = read(env.HOME) ?? read(env.USERPROFILE) ?? fs.homedir();
  const expand = (p: string): string => path.resolve(p === '~' ? homeDir : p.startsWith('~/') ? path.join(homeDir, p.slice(2)) : p);

  const home = expand(read(options.home) ?? read(env.QBRIDGE_HOME) ?? path.join(homeDir, '.qbridge'));
  const defaultBackend = read(options.defaultBackend) ?? read(env.QBRIDGE_BACKEND) ?? 'local';
  if (!BACKEND_NAME.test(defaultBackend)) {
    throw new ConfigurationError(
      `${options.defaultBackend !== undefined ? 'option defaultBackend' : 'QBRIDGE_BACKEND'} is not a valid backend name`,
      options.defaultBackend !== undefined ? 'defaultBackend' : 'QBRIDGE_BACKEND',
    );
  }

  // Each setting: [value, the name to blame if it is invalid].
  const pick = (opt: keyof ConfigOverrides, envName: string): [string, string] | undefined => {
    const raw = options[opt];
    const o = read(typeof raw === 'number' ? String(raw) : raw);
    if (o !== undefined) return [o, `option ${opt}`];
    const e = read(env[envName]);
    return e !== undefined ? [e, envName] : undefined;
  };

  // Validate every option/environment value up front, whether or not a token is present.
  const channelPick = pick('channel', 'QISKIT_IBM_CHANNEL');
  const channelHint = channelPick ? validateChannel(channelPick[0], channelPick[1]) : undefined;
  const instancePick = pick('instance', 'QISKIT_IBM_INSTANCE');
  const envInstance = instancePick ? validateInstance(instancePick[0], instancePick[1]) : undefined;
  const urlPick = pick('url', 'QISKIT_IBM_URL');
  const envUrl = urlPick ? validateHttpsUrl(urlPick[0], urlPick[1]) : undefined;
  const apiPick = pick('apiUrl', 'QBRIDGE_IBM_API_URL');
  const explicitApiUrl = apiPick ? validateHttpsUrl(apiPick[0], apiPick[1]) : undefined;
  const iamPick = pick('iamUrl', 'QBRIDGE_IAM_URL');
  const explicitIamUrl = iamPick ? validateHttpsUrl(iamPick[0], iamPick[1]) : undefined;
  const searchPick = pick('globalSearchUrl', 'QBRIDGE_GLOBAL_SEARCH_URL');
  const explicitSearchUrl = searchPick ? validateHttpsUrl(searchPick[0], searchPick[1]) : undefined;
  const catalogPick = pick('globalCatalogUrl', 'QBRIDGE_GLOBAL_CATALOG_URL');
  const explicitCatalogUrl = catalogPick ? validateHttpsUrl(catalogPick[0], catalogPick[1]) : undefined;
  const versionPick = pick('apiVersion', 'QBRIDGE_IBM_API_VERSION');
  const apiVersion = versionPick ? validateApiVersion(versionPick[0], versionPick[1]) : undefined;
  const requestTimeoutPick = pick('requestTimeout', 'QBRIDGE_REQUEST_TIMEOUT');
  const jobTimeoutPick = pick('jobTimeout', 'QBRIDGE_JOB_TIMEOUT');
  const timeouts = Object.freeze({
    ...(requestTimeoutPick ? { requestTimeoutMs: validateTimeoutSeconds(requestTimeoutPick[0], requestTimeoutPick[1]) } : {}),
    ...(jobTimeoutPick ? { jobTimeoutMs: validateTimeoutSeconds(jobTimeoutPick[0], jobTimeoutPick[1]) } : {}),
    ...(read(env.QBRIDGE_IBM_SUBMIT_RATE) ? { ibmSubmitRate: parseSubmitRate(env.QBRIDGE_IBM_SUBMIT_RATE!, 'QBRIDGE_IBM_SUBMIT_RATE') } : {}),
  });

  const tokenOpt = read(options.token);
  const tokenEnv = read(env.QISKIT_IBM_TOKEN);
  let saved: SavedAccount | undefined;
  const accountPick = pick('account', 'QBRIDGE_IBM_ACCOUNT');
  if (accountPick && (tokenOpt !== undefined || tokenEnv !== undefined)) {
    warnings.push(`${accountPick[1]} is ignored: a token is set by ${tokenOpt !== undefined ? 'option token' : 'QISKIT_IBM_TOKEN'}`);
  }
  if (tokenOpt === undefined && tokenEnv === undefined) {
    saved = readSavedAccount({
      file: expand(read(options.accountFile) ?? path.join(homeDir, '.qiskit', 'qiskit-ibm.json')),
      name: accountPick?.[0],
      nameKey: accountPick?.[1],
      channel: channelHint,
      fs,
      warnings,
    });
  }
  const token = tokenOpt ?? tokenEnv ?? saved?.token;
  if (token === undefined) {
    return Object.freeze({ home, defaultBackend, ...timeouts, warnings: Object.freeze(warnings) });
  }
  const source = tokenOpt !== undefined ? 'option' : tokenEnv !== undefined ? 'environment' : 'saved-account';

  const channel: IbmChannel =
    channelHint ?? (saved?.channel ? validateChannel(saved.channel, saved.key('channel')) : 'ibm_quantum_platform');
  const instance = envInstance ?? (saved?.instance ? validateInstance(saved.instance, saved.key('instance')) : undefined);
  const url = envUrl ?? (saved?.url ? validateHttpsUrl(saved.url, saved.key('url')) : undefined);

  const crn = instance?.kind === 'crn' ? instance : undefined;
  const apiUrl = explicitApiUrl ?? apiUrlFor(crn?.region, url);
  const iamUrl = explicitIamUrl ?? iamUrlFor(crn?.cname);

  // Qiskit's instance "auto" is "no instance" (its service only skips a warning then).
  const instanceKind = instance?.kind === 'name' && instance.value === 'auto' ? 'auto' : instance?.kind;
  const ibm: IbmAccountConfig = Object.freeze({
    token: new Secret(token),
    ...(instance ? { instance: instance.value, instanceKind } : {}),
    channel,
    ...(url ? { url } : {}),
    apiUrl,
    iamUrl,
    ...(explicitApiUrl ? {} : { apiUrlDerived: true }),
    globalSearchUrl: explicitSearchUrl ?? globalSearchUrlFor(url),
    globalCatalogUrl: explicitCatalogUrl ?? globalCatalogUrlFor(url),
    ...(saved?.region ? { region: saved.region } : {}),
    ...(saved?.plansPreference ? { plansPreference: saved.plansPreference } : {}),
    ...(saved?.tags ? { tags: saved.tags } : {}),
    ...(apiVersion ? { apiVersion } : {}),
    source,
    ...(source === 'saved-account' && saved ? { accountName: saved.name } : {}),
  });
  return Object.freeze({ ibm, home, defaultBackend, ...timeouts, warnings: Object.freeze(warnings) });
}
