/**
 * Which instance(s) an {@link IbmQuantumService} talks to, as qiskit-ibm-runtime's
 * `QiskitRuntimeService` decides it:
 * - a CRN: that instance only;
 * - an instance NAME: the instances of that name among the key's instances (Global Search), all
 *   of them when several share the name (Qiskit: "Using all matching instances"), resolved once;
 * - nothing, or `auto` (Qiskit's `instance="auto"` is "no instance" without its warning): every
 *   instance the key can use, filtered and ranked by {@link rankInstances}; each device is taken
 *   from the first instance in that order that lists it.
 * One IAM token manager serves the listing and every instance's client.
 */
import { ApiError, AuthenticationError, ConfigurationError } from '../../src/core/errors';
import { apiUrlFor, globalCatalogUrlFor, globalSearchUrlFor, iamUrlFor, isCrn, parseCrn, validateHttpsUrl, validateInstance } from '../../src/ibm/account';
import { IamTokenManager } from './auth';
import type { IbmInstanceChoice, IbmRuntimeOptions } from './backend';
import { createRuntimeClient, type RuntimeClient } from './client';
import { describePreferences, listInstances, rankInstances, type IbmInstance, type InstancePreferences } from './instances';
import type { components } from './schema';
import { createTransport, type FetchFn } from './transport';

type Device = components['schemas']['BackendDevice'];

/** Options of `IbmQuantumService`: the backend options, with the instance optional. */
export interface IbmServiceOptions extends Omit<IbmRuntimeOptions, 'instance' | 'instanceChoice'>, InstancePreferences {
  /**
   * An instance CRN, an instance name, `auto`, or nothing. Without an instance (or with `auto`)
   * the service picks one per device among the instances the key can use.
   */
  instance?: string;
  /** Qiskit's platform URL (`QISKIT_IBM_URL`): the default of the hosts below and of each instance's API host. */
  platformUrl?: string;
  /** IBM Cloud Global Search base. @defaultValue `https://api.global-search-tagging.<platform host>` */
  globalSearchUrl?: string;
  /** IBM Cloud Global Catalog base. @defaultValue `https://globalcatalog.<platform host>/api/v1` */
  globalCatalogUrl?: string;
  /** What error messages call the instance setting. @defaultValue `QISKIT_IBM_INSTANCE` */
  instanceKey?: string;
}

/** One candidate instance with its client and, once listed, its devices. */
export interface InstanceGroup {
  readonly instance: IbmInstanceChoice;
  readonly client: RuntimeClient;
  readonly devices: readonly Device[];
}

/** Resolves and caches the instances of one service (see the module comment). */
export class InstanceDirectory {
  /** How the instance was given. */
  readonly mode: 'crn' | 'name' | 'auto';
  /** Findings worth a line on stderr (an instance whose devices could not be listed). */
  readonly warnings: string[] = [];
  readonly #opts: IbmServiceOptions;
  readonly #auth: IamTokenManager;
  readonly #listingFetch: FetchFn;
  readonly #searchUrl: string;
  readonly #catalogUrl: string;
  readonly #clients = new Map<string, RuntimeClient>();
  #instances?: Promise<IbmInstance[]>;
  #candidates?: Promise<IbmInstanceChoice[]>;

  /** @throws {ConfigurationError} for an insecure or malformed URL */
  constructor(opts: IbmServiceOptions) {
    this.#opts = opts;
    const instance = opts.instance?.trim();
    // A malformed CRN (or a value with colons) is refused here, not looked up as a name.
    if (instance) validateInstance(instance, opts.instanceKey ?? 'QISKIT_IBM_INSTANCE');
    this.mode = instance && isCrn(instance) ? 'crn' : instance && instance !== 'auto' ? 'name' : 'auto';
    const crn = this.mode === 'crn' ? parseCrn(instance!) : undefined;
    const iamUrl = validateHttpsUrl(opts.iamUrl ?? iamUrlFor(crn?.cname), 'QBRIDGE_IAM_URL');
    this.#searchUrl = validateHttpsUrl(opts.globalSearchUrl ?? globalSearchUrlFor(opts.platformUrl), 'QBRIDGE_GLOBAL_SEARCH_URL');
    this.#catalogUrl = validateHttpsUrl(opts.globalCatalogUrl ?? globalCatalogUrlFor(opts.platformUrl), 'QBRIDGE_GLOBAL_CATALOG_URL');
    const { token, ...transportOpts } = opts;
    this.#auth = new IamTokenManager({ apiKey: token, iamUrl, fetch: createTransport(transportOpts), now: opts.now });
    // Global Search and Catalog: the same transport rules, with one re-auth on a 401.
    this.#listingFetch = createTransport({
      ...transportOpts,
      reauthorize: async (request, signal) => {
        const used = request.headers.get('authorization')?.replace(/^Bearer /, '');
        if (used) this.#auth.invalidate(used);
        const headers = new Headers(request.headers);
        headers.set('Authorization', `Bearer ${await this.#auth.getToken(signal)}`);
        return new Request(request.clone(), { headers });
      },
    });
    if (crn && opts.client) this.#clients.set(instance!, opts.client);
  }

  /** The client of instance `crn` (created once; all share the service's IAM token). */
  clientFor(crn: string): RuntimeClient {
    let c = this.#clients.get(crn);
    if (!c) {
      const { region } = parseCrn(crn);
      c = createRuntimeClient({ ...this.#opts, instance: crn, apiUrl: this.#opts.apiUrl ?? apiUrlFor(region, this.#opts.platformUrl), auth: this.#auth });
      this.#clients.set(crn, c);
    }
    return c;
  }

  /** The instances the key can use (Global Search + Catalog), listed once per service. */
  instances(call: { signal?: AbortSignal } = {}): Promise<IbmInstance[]> {
    if (!this.#instances) {
      this.#instances = listInstances({ searchUrl: this.#searchUrl, catalogUrl: this.#catalogUrl, auth: this.#auth, fetch: this.#listingFetch, signal: call.signal });
      this.#instances.catch(() => (this.#instances = undefined)); // a failure is not cached
    }
    return this.#instances;
  }

  /**
   * The candidate instances, best first: the CRN; the instances of the configured name; or the
   * key's instances ranked by Qiskit's rule. Resolved once per service.
   * @throws {ConfigurationError} for an unknown name (listing the names the key can use) or when no instance matches
   */
  candidates(call: { signal?: AbortSignal } = {}): Promise<IbmInstanceChoice[]> {
    if (!this.#candidates) {
      this.#candidates = this.#resolve(call);
      this.#candidates.catch(() => (this.#candidates = undefined));
    }
    return this.#candidates;
  }

  /** The candidates with their devices (one `GET /backends` per instance, fresh on every call). */
  async groups(call: { signal?: AbortSignal } = {}): Promise<InstanceGroup[]> {
    const candidates = await this.candidates(call);
    const out: InstanceGroup[] = [];
    for (const instance of candidates) {
      const client = this.clientFor(instance.crn);
      if (this.mode === 'crn') {
        out.push({ instance, client, devices: await client.listBackends(call) });
        continue;
      }
      try {
        out.push({ instance, client, devices: await client.listBackends(call) });
      } catch (e) {
        // Qiskit skips an instance whose backends cannot be listed ("Invalid instance"); bad
        // credentials, network failures and cancellation still end the call.
        if (!(e instanceof ApiError) || e instanceof AuthenticationError) throw e;
        const line = `IBM instance ${label(instance)} skipped: its devices could not be listed (${e.message})`;
        if (!this.warnings.includes(line)) this.warnings.push(line);
        out.push({ instance, client, devices: [] });
      }
    }
    return out;
  }

  async #resolve(call: { signal?: AbortSignal }): Promise<IbmInstanceChoice[]> {
    const key = this.#opts.instanceKey ?? 'QISKIT_IBM_INSTANCE';
    if (this.mode === 'crn') return [{ crn: this.#opts.instance!.trim(), selection: 'crn' }];
    const all = await this.instances(call);
    const names = [...new Set(all.map((i) => i.name))];
    const known = names.length ? `the instances this API key can use: ${names.join(', ')}` : 'this API key can use no IBM Quantum instance (IBM Cloud Global Search found none with a backend allocation)';
    if (this.mode === 'name') {
      const wanted = this.#opts.instance!.trim();
      const matching = all.filter((i) => i.name === wanted);
      if (!matching.length) throw new ConfigurationError(`${key}: no IBM Quantum instance is named '${wanted}'; ${known}`, key);
      return matching.map((i) => choice(i, 'name'));
    }
    const ranked = rankInstances(all, this.#opts);
    if (!ranked.length) {
      throw new ConfigurationError(`no IBM Quantum instance matches the filters (${describePreferences(this.#opts)}); ${known}`, key);
    }
    return ranked.map((i) => choice(i, 'auto'));
  }
}

function choice(i: IbmInstance, selection: 'name' | 'auto'): IbmInstanceChoice {
  return { crn: i.crn, name: i.name, plan: i.plan, selection };
}

/** `name (plan)` or the CRN, for messages. */
export function label(i: Pick<IbmInstanceChoice, 'crn' | 'name' | 'plan'>): string {
  return i.name ? `${i.name}${i.plan ? ` (plan ${i.plan})` : ''}` : i.crn;
}
