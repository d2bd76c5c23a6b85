/**
 * IBM account facts, in one place for the configuration (`src/config.ts`) and the runtime
 * adapter: the API key as a {@link Secret}, channels, instance CRNs, the service URLs (https, or
 * http on loopback hosts only), the API version, and IBM's default endpoints with the rule that
 * derives the API and IAM hosts from a CRN. Every error names the variable (`key`), never the
 * value: values may be secrets or CRNs.
 */
import { ConfigurationError } from '../core/errors';

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * A secret string (API key) that does not leak: `JSON.stringify`, `util.inspect`, `String()`
 * and template literals all give `[redacted]`. Call {@link Secret.reveal} where the value is
 * really needed (the IAM exchange) and nowhere else.
 */
export class Secret {
  readonly #value: string;
  /**
   * Wraps `value` so that it never prints.
   *
   * @param value - the secret; only {@link Secret.reveal} gives it back
   */
  constructor(value: string) {
    this.#value = value;
    Object.freeze(this);
  }
  /** The secret value itself. */
  reveal(): string {
    return this.#value;
  }
  /** Always `[redacted]`, so string interpolation never leaks the secret. */
  toString(): string {
    return '[redacted]';
  }
  /** Always `[redacted]`, so `JSON.stringify` never leaks the secret. */
  toJSON(): string {
    return '[redacted]';
  }
  /** `Secret([redacted])` in `console.log` and `util.inspect`. */
  [INSPECT](): string {
    return 'Secret([redacted])';
  }
}

/** The channels the IBM Quantum Platform accepts today. */
export type IbmChannel = 'ibm_quantum_platform' | 'ibm_cloud';

/**
 * @throws {ConfigurationError} for the retired `ibm_quantum` channel (clear message) or any
 * other unknown value
 */
export function validateChannel(v: string, key: string): IbmChannel {
  if (v === 'ibm_quantum_platform' || v === 'ibm_cloud') return v;
  if (v === 'ibm_quantum') {
    throw new ConfigurationError(
      `${key}: the 'ibm_quantum' channel (IBM Quantum Platform Classic) was retired on 1 July 2025; ` +
        `use 'ibm_quantum_platform' with an IBM Cloud API key and instance CRN`,
      key,
    );
  }
  throw new ConfigurationError(`${key} must be 'ibm_quantum_platform' or 'ibm_cloud'`, key);
}

/**
 * True for a loopback host: `localhost`, `::1` (bracketed or not) and every IPv4 address of
 * 127.0.0.0/8. The one place that decides where plain http may go (local fakes and tests).
 */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return !!m && m.slice(1).every((x) => Number(x) <= 255);
}

/**
 * A URL that uses https, or http on a loopback host only (127.0.0.0/8, localhost, ::1), with
 * no credentials, query or fragment. Returned without a trailing slash.
 * @throws {ConfigurationError} naming `key`
 */
export function validateHttpsUrl(v: string, key: string): string {
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new ConfigurationError(`${key} is not a valid URL`, key);
  }
  if (u.protocol === 'http:') {
    if (!isLoopbackHost(u.hostname)) {
      throw new ConfigurationError(`${key} must use https (plain http is allowed only for loopback hosts)`, key);
    }
  } else if (u.protocol !== 'https:') {
    throw new ConfigurationError(`${key} must be an https URL`, key);
  }
  if (u.username || u.password) throw new ConfigurationError(`${key} must not contain credentials`, key);
  if (u.search || u.hash) throw new ConfigurationError(`${key} must not have a query or fragment`, key);
  return u.toString().replace(/\/+$/, '');
}

/** The fields of an instance CRN qbridge uses: the cloud name (`bluemix`, `staging`) and the region. */
export interface CrnParts {
  readonly cname: string;
  readonly region: string;
}

/**
 * Splits `crn:v1:<cname>:<ctype>:<service>:<location>:<scope>:<instance>:<type>:<resource>`:
 * exactly 10 fields, the first five and the location non-empty, no whitespace. An IBM Quantum
 * instance CRN looks like `crn:v1:bluemix:public:quantum-computing:us-east:a/<account>:<guid>::`.
 * Returns `undefined` for anything else.
 */
function crnParts(v: string): CrnParts | undefined {
  const f = v.split(':');
  const ok = f.length === 10 && f[0] === 'crn' && f[1] === 'v1' && f.slice(2, 6).every((x) => x !== '') && !/\s/.test(v);
  return ok ? { cname: f[2]!, region: f[5]! } : undefined;
}

/**
 * The cloud name and region of an instance CRN (see {@link validateInstance} for the form).
 * @throws {ConfigurationError} naming `key` for anything that is not a CRN (instance names are
 * not resolved by qbridge)
 */
export function parseCrn(v: string, key = 'QISKIT_IBM_INSTANCE'): CrnParts {
  const parts = typeof v === 'string' ? crnParts(v) : undefined;
  if (!parts) {
    throw new ConfigurationError(
      'the IBM instance must be a CRN (crn:v1:bluemix:public:quantum-computing:<region>:a/<account>:<instance>::); instance names are not resolved',
      key,
    );
  }
  return parts;
}

/** A parsed instance: a CRN (with its region and cname) or an instance name. */
export type InstanceRef =
  | { readonly kind: 'crn'; readonly value: string; readonly region: string; readonly cname: string }
  | { readonly kind: 'name'; readonly value: string };

/**
 * A CRN (10 fields, see {@link parseCrn}), or an instance name without colons (Qiskit
 * resolves names, and `auto`, through IBM Cloud).
 * @throws {ConfigurationError} for a value that starts like a CRN but is not one, or has colons
 */
export function validateInstance(v: string, key: string): InstanceRef {
  if (/^crn:/i.test(v) || v.includes(':')) {
    const parts = crnParts(v);
    if (!parts) throw new ConfigurationError(`${key} is not a valid CRN (crn:v1:<cname>:<ctype>:<service>:<region>:...)`, key);
    return Object.freeze({ kind: 'crn', value: v, region: parts.region, cname: parts.cname });
  }
  if (/\s/.test(v)) throw new ConfigurationError(`${key} is neither a CRN nor an instance name`, key);
  return Object.freeze({ kind: 'name', value: v });
}

/** IBM Quantum Platform's platform URL (Qiskit's `QISKIT_IBM_URL` default). */
export const DEFAULT_PLATFORM_URL = 'https://cloud.ibm.com';
/** The Quantum API base for instances in us-east (the API host is `quantum.<platform host>`). */
export const DEFAULT_API_URL = 'https://quantum.cloud.ibm.com/api/v1';
/** IBM Cloud IAM, which exchanges an API key for a bearer token at `/identity/token`. */
export const DEFAULT_IAM_URL = 'https://iam.cloud.ibm.com';
/** The IAM host of IBM's staging cloud (CRNs whose cname is `staging`). */
export const STAGING_IAM_URL = 'https://iam.test.cloud.ibm.com';
/** The `IBM-API-Version` header qiskit-ibm-runtime 0.48.0 pins; the API answers in that version's shapes. */
export const DEFAULT_API_VERSION = '2026-04-15';

/**
 * The Quantum API base for an instance region, as Qiskit's `default_runtime_url_resolver`:
 * `<scheme>//[<region>.]quantum.<platform host>/api/v1`, no region prefix for us-east (or no region).
 * @example apiUrlFor('eu-de') // 'https://eu-de.quantum.cloud.ibm.com/api/v1'
 */
export function apiUrlFor(region: string | undefined, platformUrl: string = DEFAULT_PLATFORM_URL): string {
  const base = new URL(platformUrl);
  const prefix = region && region !== 'us-east' ? `${region}.` : '';
  return `${base.protocol}//${prefix}quantum.${base.host}/api/v1`;
}

/**
 * IBM Cloud Global Search for a platform URL, as Qiskit's `get_global_search_api_url`:
 * `<scheme>://api.global-search-tagging.<platform host>` (default
 * `https://api.global-search-tagging.cloud.ibm.com`). It lists the instances an API key can use.
 */
export function globalSearchUrlFor(platformUrl: string = DEFAULT_PLATFORM_URL): string {
  const base = new URL(platformUrl);
  return `${base.protocol}//api.global-search-tagging.${base.host}`;
}

/**
 * IBM Cloud Global Catalog for a platform URL, as Qiskit's `get_global_catalog_api_url`:
 * `<scheme>://globalcatalog.<platform host>/api/v1`. It names an instance's plan and pricing type.
 */
export function globalCatalogUrlFor(platformUrl: string = DEFAULT_PLATFORM_URL): string {
  const base = new URL(platformUrl);
  return `${base.protocol}//globalcatalog.${base.host}/api/v1`;
}

/**
 * True for a full instance CRN (the 10-field form of {@link parseCrn}); false for an instance
 * name or anything else.
 */
export function isCrn(v: string): boolean {
  return typeof v === 'string' && crnParts(v) !== undefined;
}

/** The IAM host for a CRN's cloud name: the test IAM host for `staging`, the public one otherwise. */
export function iamUrlFor(cname: string | undefined): string {
  return cname === 'staging' ? STAGING_IAM_URL : DEFAULT_IAM_URL;
}

/** @throws {ConfigurationError} unless `YYYY-MM-DD` with a real month and day */
export function validateApiVersion(v: string, key: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  const d = m ? new Date(`${v}T00:00:00Z`) : undefined;
  if (!m || !d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v) {
    throw new ConfigurationError(`${key} must be a date YYYY-MM-DD`, key);
  }
  return v;
}

/**
 * Longest timeout accepted, in seconds: Node timers hold at most 2³¹−1 ms (≈ 24.8 days); a
 * longer delay would fire at once instead of never.
 */
export const MAX_TIMEOUT_SECONDS = 2_147_483;

/**
 * Parses a duration in seconds (`30`, `2.5`; no sign, exponent or unit), more than 0 and at
 * most {@link MAX_TIMEOUT_SECONDS}, to whole milliseconds (at least 1). Returns `undefined` for
 * anything else, so callers choose the error type (configuration or command-line flag).
 */
export function parseTimeoutSeconds(v: string): number | undefined {
  const t = v.trim();
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(t)) return undefined;
  const seconds = Number(t);
  if (!(seconds > 0) || seconds > MAX_TIMEOUT_SECONDS) return undefined;
  return Math.max(1, Math.round(seconds * 1000));
}

/** @throws {ConfigurationError} naming `key` unless a positive number of seconds (see {@link parseTimeoutSeconds}) */
export function validateTimeoutSeconds(v: string, key: string): number {
  const ms = parseTimeoutSeconds(v);
  if (ms === undefined) throw new ConfigurationError(`${key} must be a positive number of seconds (at most ${MAX_TIMEOUT_SECONDS})`, key);
  return ms;
}
