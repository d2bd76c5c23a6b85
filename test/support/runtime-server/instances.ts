/**
 * The test server's IBM Cloud side for instances: Global Search (`POST /v3/resources/search`,
 * paged with an opaque `search_cursor`) and Global Catalog (`GET /globalcatalog/api/v1/<plan id>`),
 * over a few fake instances of different plans, each with its own device list. Shapes follow
 * IBM's Global Search v3 (`{items, limit, search_cursor}`, items carrying the requested fields)
 * and Global Catalog (`overview_ui.en.display_name`, `metadata.pricing.type`); the content of
 * `doc.extensions` is invented (qbridge, like Qiskit, only checks that it is present).
 */
import type { Reply } from './faults';
import { ALT_BACKEND, errorBody, FAKE_CRN, PAUSED_BACKEND, TEST_BACKEND } from './fixtures';

/** One fake instance: what Global Search returns for it, its plan and the devices it may use. */
export interface FakeInstance {
  crn: string;
  name: string;
  /** The Global Catalog id of its plan (`service_plan_unique_id`). */
  planId: string;
  /** The plan's display name (the catalog's `overview_ui.en.display_name`). */
  planName: string;
  /** The plan's pricing type (`metadata.pricing.type`). */
  pricingType: string;
  tags: string[];
  /** The device names `GET /backends` lists for this instance. */
  devices: string[];
  /** False: no backend allocation (`doc.extensions` absent), so clients must skip it. @defaultValue true */
  allocated?: boolean;
  /** The catalog refuses this plan with 403, as IBM does for archived plans. */
  archivedPlan?: boolean;
}

const ACCOUNT = 'b947c1c5a9378d64aed96696e4d76e8e';
/** A CRN of the fake account in `region` with instance id `guid`. */
export const instanceCrn = (region: string, guid: string): string => `crn:v1:bluemix:public:quantum-computing:${region}:a/${ACCOUNT}:${guid}::`;

/** The premium instance (Global Search lists it first); its CRN is {@link FAKE_CRN}. */
export const PREMIUM_INSTANCE = 'qb-premium';
/** The open-plan instance (pricing `free`: ranked first without preferences). */
export const OPEN_INSTANCE = 'qb-open';
/** The pay-as-you-go instance in eu-de (pricing `paygo`: ranked second). */
export const PAYGO_INSTANCE = 'qb-paygo';
/** An instance without backend allocation: never listed by a client. */
export const UNALLOCATED_INSTANCE = 'qb-unallocated';

/**
 * Four instances, in Global Search order: premium (subscription; every device), open (free;
 * {@link ALT_BACKEND} only), pay-as-you-go in eu-de (paygo; {@link TEST_BACKEND} only, tagged
 * `team-a`), and one without allocation. Ranked as Qiskit does without preferences (free, trial,
 * paygo, paid, subscription): open, paygo, premium; so automatically ALT comes from the open
 * instance, TEST from pay-as-you-go and PAUSED from premium.
 */
export function defaultInstances(): FakeInstance[] {
  return [
    { crn: FAKE_CRN, name: PREMIUM_INSTANCE, planId: 'plan-premium-0001', planName: 'Premium', pricingType: 'Subscription', tags: ['team-a', 'prod'], devices: [TEST_BACKEND, PAUSED_BACKEND, ALT_BACKEND] },
    { crn: instanceCrn('us-east', '0b5e1d2c-open-4a8e-9d3f-000000000002'), name: OPEN_INSTANCE, planId: 'plan-open-0002', planName: 'Open', pricingType: 'free', tags: [], devices: [ALT_BACKEND] },
    { crn: instanceCrn('eu-de', '7c9a4f10-paygo-4b2d-8e6f-000000000003'), name: PAYGO_INSTANCE, planId: 'plan-paygo-0003', planName: 'Pay-As-You-Go', pricingType: 'paygo', tags: ['team-a'], devices: [TEST_BACKEND] },
    { crn: instanceCrn('us-east', 'e2d4c6b8-none-4c1a-9b7e-000000000004'), name: UNALLOCATED_INSTANCE, planId: 'plan-open-0002', planName: 'Open', pricingType: 'free', tags: [], devices: [], allocated: false },
  ];
}

function searchItem(i: FakeInstance, fields: string[] | undefined): Record<string, unknown> {
  const full: Record<string, unknown> = {
    crn: i.crn,
    name: i.name,
    service_plan_unique_id: i.planId,
    tags: i.tags,
    family: 'resource_controller',
    type: 'resource-instance',
    account_id: ACCOUNT,
    doc: {
      resource_id: 'quantum-computing',
      ...(i.allocated === false ? {} : { extensions: { quantum: { allocations: i.devices.map((d) => ({ backend: d })) } } }),
    },
  };
  // Global Search returns the requested fields (crn always); the defaults otherwise.
  const wanted = fields?.length ? new Set([...fields, 'crn']) : new Set(['crn', 'name', 'family', 'type', 'account_id']);
  return Object.fromEntries(Object.entries(full).filter(([k]) => wanted.has(k)));
}

/**
 * `POST /v3/resources/search?limit=N`: the `service_name:quantum-computing` query over the fake
 * instances, `pageSize` (or `limit`) per page. With a `search_cursor` the other body fields are
 * ignored, as IBM documents; the cursor carries the query state.
 */
export function handleSearch(body: string, query: URLSearchParams, instances: readonly FakeInstance[], pageSize?: number): Reply {
  let b: Record<string, unknown>;
  try {
    b = body === '' ? {} : (JSON.parse(body) as Record<string, unknown>);
  } catch {
    return { status: 400, body: JSON.stringify({ error: { message: 'invalid JSON body' } }) };
  }
  const limit = Math.min(Number(query.get('limit') ?? 10) || 10, 1000);
  const size = Math.min(limit, pageSize ?? limit);
  let offset = 0;
  let q = b.query;
  let fields = b.fields as string[] | undefined;
  if (typeof b.search_cursor === 'string') {
    try {
      const c = JSON.parse(Buffer.from(b.search_cursor, 'base64url').toString('utf8')) as { offset: number; query: string; fields?: string[] };
      ({ offset, query: q, fields } = c);
    } catch {
      return { status: 400, body: JSON.stringify({ error: { message: 'invalid search_cursor' } }) };
    }
  }
  const matching = q === 'service_name:quantum-computing' ? instances : [];
  const page = matching.slice(offset, offset + size).map((i) => searchItem(i, fields));
  const next = offset + size < matching.length ? Buffer.from(JSON.stringify({ offset: offset + size, query: q, fields })).toString('base64url') : undefined;
  return { status: 200, body: JSON.stringify({ items: page, limit, ...(next ? { search_cursor: next } : {}) }) };
}

/** `GET /globalcatalog/api/v1/<id>`: the plan's catalog entry (403 for an archived plan, 404 for an unknown id). */
export function handleCatalog(id: string, instances: readonly FakeInstance[]): Reply {
  const i = instances.find((x) => x.planId === id);
  if (!i) return { status: 404, body: errorBody(404, `catalog entry ${id} not found`) };
  if (i.archivedPlan) return { status: 403, body: JSON.stringify({ message: 'Forbidden: archived entry' }) };
  return {
    status: 200,
    body: JSON.stringify({
      id: i.planId,
      name: i.planName.toLowerCase(),
      kind: 'plan',
      overview_ui: { en: { display_name: i.planName, description: `${i.planName} plan` } },
      metadata: { pricing: { type: i.pricingType, origin: 'global_catalog' } },
    }),
  };
}
