import * as fs from 'node:fs';
import * as path from 'node:path';
import { inspect } from 'node:util';
import nock from 'nock';
import { Circuit } from '../../../src/circuit';
import { createIbmRuntimeBackend, createRuntimeClient, JobLedger } from '../../../adapters/ibm-runtime';
import { API, api, DEVICE, errorText, FAKE_CRN, FAKE_KEY, fixture, IAM, JOB_ID, mockDevice, mockIam, setupNock, testOptions } from '../../support/ibm-nock';

setupNock();

const SECRETS = [FAKE_KEY, 'fake-iam-token', FAKE_CRN, 'crn:v1:bluemix'];
const expectNoSecret = (text: string): void => {
  for (const s of SECRETS) expect(text).not.toContain(s);
};

describe('secrets never leak', () => {
  it('fixtures hold only obviously fake credentials (no JWTs, no real-looking keys)', () => {
    const dir = path.join(__dirname, '..', '..', '..', 'fixtures', 'ibm-runtime');
    for (const f of fs.readdirSync(dir)) {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
      expect(text).not.toMatch(/"(access_token|apikey|token)"\s*:\s*"(?!fake-)/);
      for (const m of text.matchAll(/crn:v1:[^"]*/g)) expect(m[0]).toMatch(/:a\/0+:0{8}-/);
    }
  });

  it('errors (message, stack, JSON, inspect, cause chain), progress events and the ledger are clean', async () => {
    const texts: string[] = [];
    const collect = (e: unknown): void => {
      texts.push(errorText(e), inspect(e, { depth: 10 }));
    };
    // IAM refusal.
    nock(IAM).post('/identity/token').reply(400, fixture('iam-error'));
    await createRuntimeClient(testOptions()).listBackends().catch(collect);
    // 401 after a refresh; a 404 whose message echoes the CRN (IBM code 1279); a dropped connection.
    mockIam('iam-token');
    mockIam('iam-token-2');
    api().get('/backends').times(2).reply(401, fixture('error-401'));
    const c = createRuntimeClient(testOptions({ maxRetries: 0 }));
    await c.listBackends().catch(collect);
    api().get(`/backends/${DEVICE}/status`).reply(404, { errors: [{ code: 1279, message: `Instance ${FAKE_CRN} not found`, solution: `Check ${FAKE_CRN}` }] });
    await c.getStatus(DEVICE).catch(collect);
    nock(`${API}/api/v1`).get('/instances/usage').replyWithError({ code: 'ECONNRESET', message: `socket hang up Bearer fake-iam-token-2 ${FAKE_CRN}` });
    await c.getUsage().catch(collect);
    // A failed job, with progress events.
    mockIam();
    mockDevice();
    api()
      .post('/jobs').reply(200, fixture('job-created'))
      .get(`/jobs/${JOB_ID}`).query(true).reply(200, fixture('job-failed-1517'));
    const o = testOptions();
    const b = await createIbmRuntimeBackend(DEVICE, o);
    const job = await b.run({ kind: 'sampler', pubs: [{ circuit: new Circuit(1, 1).x(0).measure(0, 0) }], tag: 'secret-check' });
    job.onProgress((p) => texts.push(JSON.stringify(p)));
    await job.result().catch(collect);
    texts.push(inspect(b, { depth: 6 }), JSON.stringify(b.target));

    expect(texts.length).toBeGreaterThan(8);
    for (const t of texts) expectNoSecret(t);
    const ledger = fs.readFileSync(JobLedger.inHome(o.home!).file, 'utf8');
    expect(ledger).toContain(JOB_ID);
    expectNoSecret(ledger);
  });
});
