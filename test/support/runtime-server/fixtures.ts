/**
 * Fake account values and backend documents the test server serves. Everything here is an
 * obviously fake value: the CRN is IBM's documentation sample, the API keys say "fake".
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** IBM's documentation sample CRN; the server accepts only this one. */
export const FAKE_CRN =
  'crn:v1:bluemix:public:quantum-computing:us-east:a/b947c1c5a9378d64aed96696e4d76e8e:a3a7f181-35aa-42c8-94d6-7c8ed6e1a94b::';

/** The default API key the fake IAM accepts. */
export const FAKE_API_KEY = 'fake-api-key-000';

/** A distinctive key for leak tests: any occurrence of it in output is a leak. */
export const SECRET_API_KEY = 'fake-api-key-SECRET-7f3a';

/** The `IBM-API-Version` the Python client (qiskit-ibm-runtime) pins. */
export const API_VERSION = '2026-04-15';

/** The backend every test runs on: a 5-qubit linear Heron-style device (basis cz, rz, sx, x, rx, rzz). */
export const TEST_BACKEND = 'ibm_test5q';

/** A backend listed as paused (status `paused`). */
export const PAUSED_BACKEND = 'ibm_paused5q';

/** A listed device whose name does not start with `ibm_` (test devices and future names need not). */
export const ALT_BACKEND = 'alt_heron5q';

/** The device documents, shared with the nock suites (fixtures/ibm-runtime: a 5-qubit Heron-style test device). */
const FIXTURE_DIR = path.join(__dirname, '..', '..', '..', 'fixtures', 'ibm-runtime');

function loadJson(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, file), 'utf8')) as Record<string, unknown>;
}

/** One backend the server knows: its list entry, configuration and properties. */
export interface FakeDevice {
  name: string;
  status: 'online' | 'paused' | 'offline';
  configuration: Record<string, unknown>;
  properties: Record<string, unknown>;
  queueLength: number;
}

/** The default devices: the online 5-qubit test device and a paused copy. */
export function defaultDevices(): FakeDevice[] {
  const conf = loadJson('configuration-test_heron_5q.json');
  const props = loadJson('properties-test_heron_5q.json');
  const copy = (name: string): [Record<string, unknown>, Record<string, unknown>] => [
    { ...structuredClone(conf), backend_name: name },
    { ...structuredClone(props), backend_name: name },
  ];
  const [c1, p1] = copy(TEST_BACKEND);
  const [c2, p2] = copy(PAUSED_BACKEND);
  return [
    { name: TEST_BACKEND, status: 'online', configuration: c1, properties: p1, queueLength: 3 },
    { name: PAUSED_BACKEND, status: 'paused', configuration: c2, properties: p2, queueLength: 0 },
  ];
}

/** The IBM error body format: `{errors: [{code, message, solution, more_info}], trace}`. */
export function errorBody(code: number, message: string, solution = 'Try again or contact support.'): string {
  return JSON.stringify({
    errors: [{ code, message, solution, more_info: 'https://cloud.ibm.com/apidocs/quantum-computing#error-handling' }],
    trace: Math.random().toString(16).slice(2, 12),
  });
}

/** The 401 body IBM sends for a missing, unknown or expired token (code 1201). */
export const INVALID_CREDENTIALS = (): string =>
  errorBody(1201, 'Invalid credentials.', 'Verify your credentials and try again.');

/** A bare-bones HTML error page, as load balancers send. */
export const HTML_ERROR_PAGE = (status: number): string =>
  `<!DOCTYPE html>\n<html><head><title>${status} Bad Gateway</title></head>` +
  `<body><center><h1>${status} Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n`;

/** The default devices plus {@link ALT_BACKEND}, an online copy of the test device with a longer queue. */
export function devicesWithAltName(): FakeDevice[] {
  const devices = defaultDevices();
  const base = devices[0]!;
  devices.push({
    name: ALT_BACKEND,
    status: 'online',
    configuration: { ...structuredClone(base.configuration), backend_name: ALT_BACKEND },
    properties: { ...structuredClone(base.properties), backend_name: ALT_BACKEND },
    queueLength: 7,
  });
  return devices;
}
