/**
 * The IBM Quantum instances an API key can use, found the way qiskit-ibm-runtime's
 * `CloudAccount.list_instances()` finds them: IBM Cloud Global Search for the key's
 * `quantum-computing` resources, then IBM Cloud Global Catalog for each instance's plan name and
 * pricing type. {@link rankInstances} is Qiskit's filtering and plan priority for automatic
 * instance selection. Every call goes through the adapter's transport (timeouts, retries,
 * typed errors) with the bearer token of the shared IAM token manager.
 */
import { ApiError, InvalidResponseError, throwIfAborted } from '../../src/core/errors';
import type { IamTokenManager } from './auth';
import { USER_AGENT } from './client';
import type { FetchFn } from './transport';
import { isObj, parseJsonText } from './validate';

/** One instance the API key can use, as qiskit-ibm-runtime's `instances()` lists it. */
export interface IbmInstance {
  /** The instance CRN (what the Quantum API's `Service-CRN` header carries). */
  crn: string;
  /** The instance name chosen when it was created (names need not be unique). */
  name: string;
  /** The plan's display name, lower case (`open`, `standard`, `premium`, ...); `unknown` when the catalog does not say. */
  plan: string;
  /** The plan's pricing type, lower case (`free`, `trial`, `paygo`, `paid`, `subscription`); `unknown` when the catalog does not say. */
  pricingType?: string;
  /** The instance's IBM Cloud tags. */
  tags?: string[];
}

/** Where and how {@link listInstances} asks. */
export interface InstanceListingOptions {
  /** Global Search base, e.g. `https://api.global-search-tagging.cloud.ibm.com`. */
  searchUrl: string;
  /** Global Catalog base, e.g. `https://globalcatalog.cloud.ibm.com/api/v1`. */
  catalogUrl: string;
  /** The account's one IAM token manager (the Quantum API clients share it). */
  auth: IamTokenManager;
  /** The adapter's transport (retries, timeouts, typed errors). */
  fetch: FetchFn;
  signal?: AbortSignal;
}

/** Qiskit's Global Search query: every resource of the Quantum service the key can see. */
const SEARCH_QUERY = 'service_name:quantum-computing';
/** The fields Qiskit asks for (`doc` carries `extensions`, the backend allocation). */
const SEARCH_FIELDS = ['crn', 'service_plan_unique_id', 'name', 'doc', 'tags'];
/** Qiskit's page size. */
const SEARCH_LIMIT = 100;
/** A guard against a search cursor that never ends (100 pages of 100 instances). */
const MAX_SEARCH_PAGES = 100;

interface SearchItem {
  crn: string;
  name: string;
  planId?: string;
  tags: string[];
  allocated: boolean;
}

/**
 * Lists the key's instances: Global Search `POST /v3/resources/search` pages (100 each, following
 * `search_cursor`), keeping only items whose `doc.extensions` is present and non-empty (Qiskit:
 * "don't add instances without backend allocation"), then one Global Catalog
 * `GET /<service_plan_unique_id>` per distinct plan for the plan's display name and pricing
 * type. A catalog entry that cannot be read (IBM answers 403 for archived plans) gives plan and
 * pricing type `unknown`, as in Qiskit; a network failure or a cancelled call still fails.
 * @throws {ApiError} subclasses when Global Search refuses (bad key: `AuthenticationError`)
 * @throws {InvalidResponseError} for a malformed search or catalog answer
 */
export async function listInstances(opts: InstanceListingOptions): Promise<IbmInstance[]> {
  const items: SearchItem[] = [];
  let cursor: string | undefined;
  for (let page = 0; ; page++) {
    if (page >= MAX_SEARCH_PAGES) throw new InvalidResponseError(`IBM Cloud Global Search returned more than ${MAX_SEARCH_PAGES} pages of instances`);
    throwIfAborted(opts.signal);
    const body = { query: SEARCH_QUERY, fields: SEARCH_FIELDS, ...(cursor ? { search_cursor: cursor } : {}) };
    const doc = await requestJson(opts, `${opts.searchUrl}/v3/resources/search?limit=${SEARCH_LIMIT}`, 'IBM Cloud Global Search', {
      method: 'POST',
      body: JSON.stringify(body),
    });
    const { pageItems, next } = parseSearchPage(doc);
    items.push(...pageItems);
    // Qiskit stops when the answer has no cursor; an empty page ends the set as well.
    if (!next || pageItems.length === 0) break;
    cursor = next;
  }
  const plans = new Map<string, Promise<{ plan: string; pricingType: string }>>();
  const planOf = (id: string | undefined): Promise<{ plan: string; pricingType: string }> => {
    if (id === undefined) return Promise.resolve({ plan: 'unknown', pricingType: 'unknown' });
    let p = plans.get(id);
    if (!p) {
      p = catalogPlan(opts, id);
      plans.set(id, p);
    }
    return p;
  };
  const out: IbmInstance[] = [];
  for (const item of items.filter((i) => i.allocated)) {
    const { plan, pricingType } = await planOf(item.planId);
    out.push({ crn: item.crn, name: item.name, plan, pricingType, tags: item.tags });
  }
  return out;
}

async function catalogPlan(opts: InstanceListingOptions, id: string): Promise<{ plan: string; pricingType: string }> {
  let doc: unknown;
  try {
    doc = await requestJson(opts, `${opts.catalogUrl}/${encodeURIComponent(id)}`, 'IBM Cloud Global Catalog', { method: 'GET' });
  } catch (e) {
    // Qiskit catches the SDK's ApiException (any HTTP error status) and says "unknown".
    if (e instanceof ApiError) return { plan: 'unknown', pricingType: 'unknown' };
    throw e;
  }
  const o = isObj(doc) ? doc : {};
  const ui = isObj(o.overview_ui) && isObj(o.overview_ui.en) ? o.overview_ui.en : {};
  const meta = isObj(o.metadata) && isObj(o.metadata.pricing) ? o.metadata.pricing : {};
  const plan = typeof ui.display_name === 'string' ? ui.display_name : '';
  const pricingType = typeof meta.type === 'string' ? meta.type : '';
  return { plan: plan.toLowerCase(), pricingType: pricingType.toLowerCase() };
}

function parseSearchPage(doc: unknown): { pageItems: SearchItem[]; next?: string } {
  const what = 'IBM Cloud Global Search response';
  if (!isObj(doc)) throw new InvalidResponseError(`${what} is not an object`);
  const raw = doc.items ?? [];
  if (!Array.isArray(raw)) throw new InvalidResponseError(`${what}: items is not an array`);
  const pageItems = raw.map((it, i): SearchItem => {
    if (!isObj(it) || typeof it.crn !== 'string' || typeof it.name !== 'string') {
      throw new InvalidResponseError(`${what}: items[${i}] needs a string crn and name`);
    }
    const tags = it.tags === undefined || it.tags === null ? [] : it.tags;
    if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string')) throw new InvalidResponseError(`${what}: items[${i}].tags is not a list of strings`);
    const ext = isObj(it.doc) ? it.doc.extensions : undefined;
    // Python truthiness, as Qiskit's `if allocations:`: absent, null, {} and [] are "no allocation".
    const allocated = Array.isArray(ext) ? ext.length > 0 : isObj(ext) ? Object.keys(ext).length > 0 : Boolean(ext);
    return {
      crn: it.crn,
      name: it.name,
      ...(typeof it.service_plan_unique_id === 'string' ? { planId: it.service_plan_unique_id } : {}),
      tags: tags as string[],
      allocated,
    };
  });
  const next = typeof doc.search_cursor === 'string' && doc.search_cursor !== '' ? doc.search_cursor : undefined;
  return { pageItems, ...(next ? { next } : {}) };
}

async function requestJson(opts: InstanceListingOptions, url: string, what: string, init: { method: string; body?: string }): Promise<unknown> {
  const token = await opts.auth.getToken(opts.signal);
  const request = new Request(url, {
    method: init.method,
    headers: {
      Authorization: `Bearer ${token}`,
      Accept: 'application/json',
      'User-Agent': USER_AGENT,
      ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(init.body !== undefined ? { body: init.body } : {}),
    signal: opts.signal,
  });
  const response = await opts.fetch(request);
  const text = await response.text();
  if (text.trim() === '') throw new InvalidResponseError(`${what} returned an empty body`);
  return parseJsonText(text, `${what} response`);
}

/** Qiskit's preferences for automatic instance selection (all optional). */
export interface InstancePreferences {
  /** Keep only instances whose CRN contains this region (`us-east`, `eu-de`). */
  region?: string;
  /** Keep only these plans, ranked in this order (case-insensitive). */
  plansPreference?: readonly string[];
  /** Keep only instances carrying every one of these tags (each compared in lower case). */
  tags?: readonly string[];
}

/**
 * Qiskit's pricing-type priority when no `plans_preference` is set, from
 * `QiskitRuntimeService._filter_instances_by_saved_preferences`:
 * `ordered_pricing_types = ["free", "trial", "paygo", "paid", "subscription", "unknown"]`.
 */
export const PRICING_TYPE_PRIORITY: readonly string[] = ['free', 'trial', 'paygo', 'paid', 'subscription', 'unknown'];

/**
 * Filters and orders instances for automatic selection exactly as qiskit-ibm-runtime's
 * `_filter_instances_by_saved_preferences` does:
 * 1. `tags`: keep `d` when `all(tag.lower() in d["tags"] for tag in tags)`;
 * 2. `region`: keep `d` when `region in d["crn"]`;
 * 3. `plans_preference` set: keep only `d["plan"] in plans` (lower-cased) and sort by
 *    `plans.index(d["plan"])`; not set: "prioritize free and trial plans", a stable sort by
 *    the pricing type's index in {@link PRICING_TYPE_PRIORITY}.
 * Python's sort is stable, so instances of equal rank keep Global Search's order. A pricing type
 * outside Qiskit's list (where Python's `index` would raise) ranks after `unknown` here.
 * Returns a new array; an empty result is the caller's error (it knows what to name).
 */
export function rankInstances<T extends Pick<IbmInstance, 'crn' | 'plan' | 'pricingType' | 'tags'>>(instances: readonly T[], prefs: InstancePreferences = {}): T[] {
  let list = [...instances];
  if (prefs.tags?.length) list = list.filter((d) => prefs.tags!.every((t) => (d.tags ?? []).includes(t.toLowerCase())));
  if (prefs.region) list = list.filter((d) => d.crn.includes(prefs.region!));
  if (prefs.plansPreference?.length) {
    const plans = prefs.plansPreference.map((p) => p.toLowerCase());
    return list.filter((d) => plans.includes(d.plan)).sort((a, b) => plans.indexOf(a.plan) - plans.indexOf(b.plan));
  }
  const rank = (d: T): number => {
    const i = PRICING_TYPE_PRIORITY.indexOf(d.pricingType ?? 'unknown');
    return i < 0 ? PRICING_TYPE_PRIORITY.length : i;
  };
  return list.sort((a, b) => rank(a) - rank(b));
}

/** The filters in force, for the "no matching instances" message (Qiskit names the same three). */
export function describePreferences(prefs: InstancePreferences): string {
  const parts = [
    ...(prefs.tags?.length ? [`tags ${prefs.tags.join(', ')}`] : []),
    ...(prefs.region ? [`region ${prefs.region}`] : []),
    ...(prefs.plansPreference?.length ? [`plans ${prefs.plansPreference.join(', ')}`] : []),
  ];
  return parts.length ? parts.join('; ') : 'none';
}
