/**
 * Issue 13 point 7: an offline DNS failure is a network error naming the host, not an
 * AuthenticationError. No real network: the fetch fails as undici does for a name that does
 * not resolve (a TypeError whose cause carries `code: 'ENOTFOUND'`), under `.invalid` hosts.
 */
import { createRuntimeClient } from '../../../../adapters/ibm-runtime';
import { AuthenticationError, ConnectionError } from '../../../../src/core/errors';

const CRN = 'crn:v1:bluemix:public:quantum-computing:us-east:a/b947c1c5a9378d64aed96696e4d76e8e:a3a7f181-35aa-42c8-94d6-7c8ed6e1a94b::';

function unresolvable(code: 'ENOTFOUND' | 'EAI_AGAIN', seen: string[]) {
  return async (req: Request): Promise<Response> => {
    const host = new URL(req.url).hostname;
    seen.push(host);
    throw new TypeError('fetch failed', { cause: Object.assign(new Error(`getaddrinfo ${code} ${host}`), { code, hostname: host }) });
  };
}

describe('point 7: DNS failure', () => {
  it.each(['ENOTFOUND', 'EAI_AGAIN'] as const)('point 7: %s on the IAM host is a ConnectionError naming the host, not an AuthenticationError', async (code) => {
    const seen: string[] = [];
    const sleeps: number[] = [];
    const client = createRuntimeClient({
      token: 'fake-api-key-000',
      instance: CRN,
      iamUrl: 'https://iam.offline.invalid',
      apiUrl: 'https://api.offline.invalid/api',
      fetch: unresolvable(code, seen),
      sleep: async (ms) => void sleeps.push(ms),
    });
    const err = await client.listBackends().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err).not.toBeInstanceOf(AuthenticationError);
    expect((err as Error).message).toContain('iam.offline.invalid');
    expect((err as Error).message).toContain(code);
    // As qiskit-ibm-runtime (requests' connect retries), the lookup is retried before giving up.
    expect(seen.length).toBeGreaterThan(1);
    expect(new Set(seen)).toEqual(new Set(['iam.offline.invalid']));
    expect(sleeps).toHaveLength(seen.length - 1);
  });
});
