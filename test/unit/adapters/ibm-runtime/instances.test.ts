/**
 * Issue 13 point 7 (instances): qiskit-ibm-runtime's filtering and plan priority for automatic
 * instance selection (`_filter_instances_by_saved_preferences`), and the configuration of
 * instance names, `auto`, the Global Search / Catalog URLs and the saved preferences.
 */
import { InstanceDirectory, PRICING_TYPE_PRIORITY, rankInstances, type IbmInstance } from '../../../../adapters/ibm-runtime';
import { ibmServiceOptionsFromConfig } from '../../../../adapters/ibm-runtime/from-config';
import { loadConfig, type ConfigFs } from '../../../../src/config';
import { ConfigurationError } from '../../../../src/core/errors';
import { globalCatalogUrlFor, globalSearchUrlFor } from '../../../../src/ibm/account';

const crn = (region: string, id: string): string => `crn:v1:bluemix:public:quantum-computing:${region}:a/0:${id}::`;
const inst = (name: string, pricingType: string, plan: string, region = 'us-east', tags: string[] = []): IbmInstance => ({ crn: crn(region, name), name, plan, pricingType, tags });

describe('point 7: rankInstances is Qiskit\'s rule', () => {
  // Global Search order: a paid one, a subscription, a free one, a trial, another free, an unknown.
  const all = [
    inst('paid-1', 'paid', 'standard'),
    inst('sub-1', 'subscription', 'premium', 'eu-de', ['team-a']),
    inst('free-1', 'free', 'open'),
    inst('trial-1', 'trial', 'trial', 'eu-de'),
    inst('free-2', 'free', 'open', 'us-east', ['team-a', 'x']),
    inst('odd-1', 'unknown', 'unknown'),
  ];

  it('point 7: without plans_preference: free, trial, paygo, paid, subscription, unknown; a stable sort', () => {
    expect(PRICING_TYPE_PRIORITY).toEqual(['free', 'trial', 'paygo', 'paid', 'subscription', 'unknown']);
    expect(rankInstances(all).map((i) => i.name)).toEqual(['free-1', 'free-2', 'trial-1', 'paid-1', 'sub-1', 'odd-1']);
  });

  it('point 7: plans_preference keeps only those plans (case-insensitive) in that order', () => {
    expect(rankInstances(all, { plansPreference: ['Premium', 'OPEN'] }).map((i) => i.name)).toEqual(['sub-1', 'free-1', 'free-2']);
  });

  it('point 7: tags (every one, lower-cased) and region (a substring of the CRN) filter first', () => {
    expect(rankInstances(all, { tags: ['Team-A'] }).map((i) => i.name)).toEqual(['free-2', 'sub-1']);
    expect(rankInstances(all, { region: 'eu-de' }).map((i) => i.name)).toEqual(['trial-1', 'sub-1']);
    expect(rankInstances(all, { region: 'eu-de', tags: ['x'] })).toEqual([]);
  });

  it('point 7: a pricing type outside Qiskit\'s list ranks after unknown; the input is not changed', () => {
    const input = [inst('new-1', 'lite', 'lite'), inst('odd-1', 'unknown', 'unknown')];
    expect(rankInstances(input).map((i) => i.name)).toEqual(['odd-1', 'new-1']);
    expect(input.map((i) => i.name)).toEqual(['new-1', 'odd-1']);
  });
});

describe('point 7: instance configuration', () => {
  const noFiles: ConfigFs = { readFile: () => undefined, fileMode: () => undefined, homedir: () => '/nonexistent' };
  const TOKEN = 'fake-token-0123456789';

  it('point 7: Global Search and Catalog URLs derive from the platform URL as in Qiskit, and are https-only', () => {
    expect(globalSearchUrlFor()).toBe('https://api.global-search-tagging.cloud.ibm.com');
    expect(globalCatalogUrlFor()).toBe('https://globalcatalog.cloud.ibm.com/api/v1');
    const c = loadConfig({}, { HOME: '/nonexistent', QISKIT_IBM_TOKEN: TOKEN, QISKIT_IBM_URL: 'https://test.cloud.ibm.com' }, noFiles);
    expect(c.ibm).toMatchObject({ globalSearchUrl: 'https://api.global-search-tagging.test.cloud.ibm.com', globalCatalogUrl: 'https://globalcatalog.test.cloud.ibm.com/api/v1' });
    for (const key of ['QBRIDGE_GLOBAL_SEARCH_URL', 'QBRIDGE_GLOBAL_CATALOG_URL']) {
      expect(() => loadConfig({}, { HOME: '/nonexistent', QISKIT_IBM_TOKEN: TOKEN, [key]: 'http://example.com' }, noFiles)).toThrow(
        new ConfigurationError(`${key} must use https (plain http is allowed only for loopback hosts)`, key),
      );
    }
    expect(loadConfig({}, { HOME: '/nonexistent', QISKIT_IBM_TOKEN: TOKEN, QBRIDGE_GLOBAL_SEARCH_URL: 'http://127.0.0.1:8080/' }, noFiles).ibm!.globalSearchUrl).toBe('http://127.0.0.1:8080');
  });

  it('point 7: QISKIT_IBM_INSTANCE=auto is "no instance"; a name passes through; without a CRN the API host is per instance', () => {
    const auto = loadConfig({}, { HOME: '/nonexistent', QISKIT_IBM_TOKEN: TOKEN, QISKIT_IBM_INSTANCE: 'auto' }, noFiles);
    expect(auto.ibm!.instanceKind).toBe('auto');
    const opts = ibmServiceOptionsFromConfig(auto);
    expect(opts.instance).toBeUndefined();
    expect(opts.apiUrl).toBeUndefined();
    const named = ibmServiceOptionsFromConfig(loadConfig({}, { HOME: '/nonexistent', QISKIT_IBM_TOKEN: TOKEN, QISKIT_IBM_INSTANCE: 'my-inst', QBRIDGE_IBM_API_URL: 'https://q.example.com/api/v1' }, noFiles));
    expect(named).toMatchObject({ instance: 'my-inst', apiUrl: 'https://q.example.com/api/v1' });
  });

  it('point 7: the saved account\'s region, plans_preference and tags reach the service; a bad region is refused naming the field', () => {
    const file = '/home/u/.qiskit/qiskit-ibm.json';
    const fsWith = (acct: Record<string, unknown>): ConfigFs => ({ readFile: (f) => (f === file ? JSON.stringify({ a: { channel: 'ibm_quantum_platform', token: TOKEN, ...acct } }) : undefined), fileMode: () => 0o600, homedir: () => '/home/u' });
    const c = loadConfig({}, { HOME: '/home/u' }, fsWith({ region: 'eu-de', plans_preference: ['open'], tags: ['team-a'] }));
    expect(ibmServiceOptionsFromConfig(c)).toMatchObject({ region: 'eu-de', plansPreference: ['open'], tags: ['team-a'] });
    expect(() => loadConfig({}, { HOME: '/home/u' }, fsWith({ region: 'mars' }))).toThrow(`${file}:a.region must be 'us-east' or 'eu-de'`);
    expect(() => loadConfig({}, { HOME: '/home/u' }, fsWith({ tags: 'team-a' }))).toThrow(`${file}:a.tags must be a list of strings`);
  });

  it('point 7: an instance chosen later talks to its own region\'s API host unless QBRIDGE_IBM_API_URL is set', () => {
    const d = new InstanceDirectory({ token: TOKEN });
    expect(d.mode).toBe('auto');
    expect(d.clientFor(crn('eu-de', 'x')).apiUrl).toBe('https://eu-de.quantum.cloud.ibm.com/api/v1');
    expect(d.clientFor(crn('us-east', 'y')).apiUrl).toBe('https://quantum.cloud.ibm.com/api/v1');
    expect(new InstanceDirectory({ token: TOKEN, instance: 'n', apiUrl: 'https://q.example.com/api/v1' }).clientFor(crn('eu-de', 'x')).apiUrl).toBe('https://q.example.com/api/v1');
    expect(new InstanceDirectory({ token: TOKEN, instance: 'my-inst' }).mode).toBe('name');
    expect(new InstanceDirectory({ token: TOKEN, instance: crn('us-east', 'z') }).mode).toBe('crn');
    // A broken CRN is refused as such, not searched for as an instance name.
    expect(() => new InstanceDirectory({ token: TOKEN, instance: 'crn:v1:bluemix:oops' })).toThrow('QISKIT_IBM_INSTANCE is not a valid CRN');
  });
});
