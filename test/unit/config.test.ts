import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { inspect } from 'node:util';
import { loadConfig, NODE_CONFIG_FS, Secret, type ConfigFs } from '../../src/config';
import { ConfigurationError } from '../../src/core/errors';

// Obviously fake values only.
const TOKEN = 'fake-token-0123456789abcdef';
const CRN_US = 'crn:v1:bluemix:public:quantum-computing:us-east:a/b947c1c5a9378d64aed96696e4d76e8e:a3a7f181-35aa-42c8-94d6-7c8ed6e1a94b::';
const CRN_EU = 'crn:v1:bluemix:public:quantum-computing:eu-de:a/00000000000000000000000000000000:11111111-2222-3333-4444-555555555555::';
const CRN_STAGING = 'crn:v1:staging:public:quantum-computing:us-east:a/0:1::';
const HOME = '/home/fake-user';
const ACCOUNT_FILE = path.join(HOME, '.qiskit', 'qiskit-ibm.json');

/** An in-memory file system: path → contents (and mode). */
function memFs(files: Record<string, string | { text: string; mode: number }> = {}): ConfigFs {
  return {
    readFile: (f) => {
      const e = files[f];
      return e === undefined ? undefined : typeof e === 'string' ? e : e.text;
    },
    fileMode: (f) => {
      const e = files[f];
      return e === undefined ? undefined : typeof e === 'string' ? 0o600 : e.mode;
    },
    homedir: () => '/nonexistent-home-should-not-be-used',
  };
}

const env = (vars: Record<string, string | undefined>): Record<string, string | undefined> => ({ HOME, ...vars });
const accounts = (obj: unknown): ConfigFs => memFs({ [ACCOUNT_FILE]: JSON.stringify(obj) });

function configError(fn: () => unknown): ConfigurationError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigurationError);
    return e as ConfigurationError;
  }
  throw new Error('expected a ConfigurationError');
}

describe('loadConfig defaults', () => {
  it('gives local, ~/.qbridge and no IBM account for an empty environment', () => {
    const c = loadConfig({}, env({}), memFs());
    expect(c.defaultBackend).toBe('local');
    expect(c.home).toBe(path.join(HOME, '.qbridge'));
    expect(c.ibm).toBeUndefined();
    expect(c.warnings).toEqual([]);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('derives the documented IBM defaults from a token alone', () => {
    const c = loadConfig({}, env({ QISKIT_IBM_TOKEN: TOKEN }), memFs());
    expect(c.ibm).toMatchObject({
      channel: 'ibm_quantum_platform',
      apiUrl: 'https://quantum.cloud.ibm.com/api/v1',
      iamUrl: 'https://iam.cloud.ibm.com',
      source: 'environment',
    });
    expect(c.ibm!.token.reveal()).toBe(TOKEN);
    expect(c.ibm!.instance).toBeUndefined();
    expect(c.ibm!.apiVersion).toBeUndefined();
    expect(Object.isFrozen(c.ibm)).toBe(true);
  });

  it('treats blank and whitespace values as unset', () => {
    const c = loadConfig({ defaultBackend: '  ' }, env({ QISKIT_IBM_TOKEN: '   ', QBRIDGE_BACKEND: '', QISKIT_IBM_URL: ' ' }), memFs());
    expect(c.ibm).toBeUndefined();
    expect(c.defaultBackend).toBe('local');
  });

  it('reads nothing at import: process.env is read only when called without env', () => {
    const saved = process.env.QBRIDGE_BACKEND;
    process.env.QBRIDGE_BACKEND = 'from_process_env';
    try {
      expect(loadConfig({}, undefined, memFs()).defaultBackend).toBe('from_process_env');
    } finally {
      if (saved === undefined) delete process.env.QBRIDGE_BACKEND;
      else process.env.QBRIDGE_BACKEND = saved;
    }
  });
});

describe('precedence: option > environment > saved account > default', () => {
  const savedFs = accounts({
    'default-ibm-quantum-platform': { channel: 'ibm_quantum_platform', token: 'saved-fake-token', instance: CRN_EU, url: 'https://cloud.ibm.com' },
  });

  it('defaultBackend: option beats QBRIDGE_BACKEND beats default', () => {
    expect(loadConfig({ defaultBackend: 'opt' }, env({ QBRIDGE_BACKEND: 'envb' }), memFs()).defaultBackend).toBe('opt');
    expect(loadConfig({}, env({ QBRIDGE_BACKEND: 'envb' }), memFs()).defaultBackend).toBe('envb');
  });

  it('home: option beats QBRIDGE_HOME beats default; ~ expands', () => {
    expect(loadConfig({ home: '/opt/q' }, env({ QBRIDGE_HOME: '/env/q' }), memFs()).home).toBe('/opt/q');
    expect(loadConfig({}, env({ QBRIDGE_HOME: '~/qb' }), memFs()).home).toBe(path.join(HOME, 'qb'));
  });

  it('token: option beats environment beats saved account', () => {
    const e = env({ QISKIT_IBM_TOKEN: 'env-fake-token' });
    const byOption = loadConfig({ token: 'opt-fake-token' }, e, savedFs).ibm!;
    expect(byOption.token.reveal()).toBe('opt-fake-token');
    expect(byOption.source).toBe('option');
    const byEnv = loadConfig({}, e, savedFs).ibm!;
    expect(byEnv.token.reveal()).toBe('env-fake-token');
    expect(byEnv.source).toBe('environment');
    // with a token in the environment the saved account is not consulted at all
    expect(byEnv.instance).toBeUndefined();
    const bySaved = loadConfig({}, env({}), savedFs).ibm!;
    expect(bySaved.token.reveal()).toBe('saved-fake-token');
    expect(bySaved.source).toBe('saved-account');
    expect(bySaved.accountName).toBe('default-ibm-quantum-platform');
  });

  it('instance: option beats environment beats saved account', () => {
    expect(loadConfig({ instance: CRN_US }, env({ QISKIT_IBM_INSTANCE: 'env-name' }), savedFs).ibm!.instance).toBe(CRN_US);
    expect(loadConfig({}, env({ QISKIT_IBM_INSTANCE: 'env-name' }), savedFs).ibm!.instance).toBe('env-name');
    expect(loadConfig({}, env({ QISKIT_IBM_INSTANCE: 'env-name' }), savedFs).ibm!.instanceKind).toBe('name');
    expect(loadConfig({}, env({}), savedFs).ibm!.instance).toBe(CRN_EU);
  });

  it('apiUrl: option beats QBRIDGE_IBM_API_URL beats derived (region from the CRN) beats default', () => {
    const e = env({ QISKIT_IBM_TOKEN: TOKEN, QBRIDGE_IBM_API_URL: 'https://env.example.com/api/v1/' });
    expect(loadConfig({ apiUrl: 'http://127.0.0.1:8080/api/v1' }, e, memFs()).ibm!.apiUrl).toBe('http://127.0.0.1:8080/api/v1');
    expect(loadConfig({}, e, memFs()).ibm!.apiUrl).toBe('https://env.example.com/api/v1');
    expect(loadConfig({}, env({}), savedFs).ibm!.apiUrl).toBe('https://eu-de.quantum.cloud.ibm.com/api/v1');
    expect(loadConfig({}, env({ QISKIT_IBM_TOKEN: TOKEN, QISKIT_IBM_INSTANCE: CRN_US }), memFs()).ibm!.apiUrl).toBe(
      'https://quantum.cloud.ibm.com/api/v1',
    );
  });

  it('QISKIT_IBM_URL is the platform URL: the API host is quantum.<host>', () => {
    const c = loadConfig({}, env({ QISKIT_IBM_TOKEN: TOKEN, QISKIT_IBM_URL: 'https://test.cloud.ibm.com', QISKIT_IBM_INSTANCE: CRN_EU }), memFs());
    expect(c.ibm!.url).toBe('https://test.cloud.ibm.com');
    expect(c.ibm!.apiUrl).toBe('https://eu-de.quantum.test.cloud.ibm.com/api/v1');
  });

  it('iamUrl: option beats QBRIDGE_IAM_URL beats the staging rule beats default', () => {
    const base = { QISKIT_IBM_TOKEN: TOKEN, QISKIT_IBM_INSTANCE: CRN_STAGING };
    expect(loadConfig({ iamUrl: 'https://iam.opt.example' }, env({ ...base, QBRIDGE_IAM_URL: 'https://iam.env.example' }), memFs()).ibm!.iamUrl).toBe(
      'https://iam.opt.example',
    );
    expect(loadConfig({}, env({ ...base, QBRIDGE_IAM_URL: 'https://iam.env.example' }), memFs()).ibm!.iamUrl).toBe('https://iam.env.example');
    expect(loadConfig({}, env(base), memFs()).ibm!.iamUrl).toBe('https://iam.test.cloud.ibm.com');
  });

  it('channel: option beats environment beats saved account beats default', () => {
    const cloudFs = accounts({ acct: { channel: 'ibm_cloud', token: 'saved-fake-token', is_default_account: true } });
    expect(loadConfig({ channel: 'ibm_cloud' }, env({ QISKIT_IBM_TOKEN: TOKEN, QISKIT_IBM_CHANNEL: 'ibm_quantum_platform' }), memFs()).ibm!.channel).toBe('ibm_cloud');
    expect(loadConfig({}, env({ QISKIT_IBM_TOKEN: TOKEN, QISKIT_IBM_CHANNEL: 'ibm_cloud' }), memFs()).ibm!.channel).toBe('ibm_cloud');
    expect(loadConfig({}, env({}), cloudFs).ibm!.channel).toBe('ibm_cloud');
    expect(loadConfig({}, env({ QISKIT_IBM_TOKEN: TOKEN }), memFs()).ibm!.channel).toBe('ibm_quantum_platform');
  });

  it('apiVersion comes from the option or QBRIDGE_IBM_API_VERSION', () => {
    expect(loadConfig({ apiVersion: '2026-04-15' }, env({ QISKIT_IBM_TOKEN: TOKEN, QBRIDGE_IBM_API_VERSION: '2025-05-01' }), memFs()).ibm!.apiVersion).toBe('2026-04-15');
    expect(loadConfig({}, env({ QISKIT_IBM_TOKEN: TOKEN, QBRIDGE_IBM_API_VERSION: '2025-05-01' }), memFs()).ibm!.apiVersion).toBe('2025-05-01');
  });
});

describe('saved-account selection (qiskit-ibm-runtime AccountManager.get rules)', () => {
  const file = {
    'default-ibm-cloud': { channel: 'ibm_cloud', token: 'tok-cloud-default' },
    'default-ibm-quantum-platform': { channel: 'ibm_quantum_platform', token: 'tok-iqp-default' },
    marked: { channel: 'ibm_quantum_platform', token: 'tok-marked', is_default_account: true },
    other: { channel: 'ibm_cloud', token: 'tok-other' },
    legacy: { channel: 'ibm_quantum', token: 'tok-legacy', is_default_account: true },
  };
  const tok = (c: ReturnType<typeof loadConfig>): string | undefined => c.ibm?.token.reveal();

  it('prefers the account marked is_default_account (skipping retired ibm_quantum ones)', () => {
    expect(tok(loadConfig({}, env({}), accounts(file)))).toBe('tok-marked');
  });

  it('falls back to default-ibm-quantum-platform, then default-ibm-cloud', () => {
    const { marked: _m, ...noMarked } = file;
    expect(tok(loadConfig({}, env({}), accounts(noMarked)))).toBe('tok-iqp-default');
    expect(tok(loadConfig({}, env({}), accounts({ 'default-ibm-cloud': file['default-ibm-cloud'], legacy: file.legacy })))).toBe('tok-cloud-default');
  });

  it('with a channel: marked account of that channel, else its default name, else any of that channel', () => {
    expect(tok(loadConfig({ channel: 'ibm_cloud' }, env({}), accounts(file)))).toBe('tok-cloud-default');
    expect(tok(loadConfig({}, env({ QISKIT_IBM_CHANNEL: 'ibm_cloud' }), accounts({ other: file.other })))).toBe('tok-other');
    const markedCloud = { ...file, other: { ...file.other, is_default_account: true } };
    expect(tok(loadConfig({ channel: 'ibm_cloud' }, env({}), accounts(markedCloud)))).toBe('tok-other');
  });

  it('point 7: with several accounts of the channel and none marked or default-named, the LAST one wins (as Python)', () => {
    const two = { first: { channel: 'ibm_cloud', token: 'tok-first' }, second: { channel: 'ibm_cloud', token: 'tok-second' } };
    expect(tok(loadConfig({ channel: 'ibm_cloud' }, env({}), accounts(two)))).toBe('tok-second');
  });

  it('point 7: a skipped account of the retired ibm_quantum channel is reported, not silently ignored', () => {
    const c = loadConfig({}, env({}), accounts({ legacy: file.legacy }));
    expect(c.ibm).toBeUndefined();
    expect(c.warnings.join(' ')).toMatch(/saved account 'legacy' in .* uses the 'ibm_quantum' channel, retired .* is ignored/);
  });

  it('ignores a requested account name, with a warning, when a token is set', () => {
    const c = loadConfig({}, env({ QISKIT_IBM_TOKEN: TOKEN, QBRIDGE_IBM_ACCOUNT: 'other' }), accounts(file));
    expect(c.ibm!.token.reveal()).toBe(TOKEN);
    expect(c.warnings.join(' ')).toContain('QBRIDGE_IBM_ACCOUNT is ignored');
  });

  it('selects a named account by option or QBRIDGE_IBM_ACCOUNT (option first)', () => {
    expect(tok(loadConfig({ account: 'other' }, env({ QBRIDGE_IBM_ACCOUNT: 'marked' }), accounts(file)))).toBe('tok-other');
    expect(tok(loadConfig({}, env({ QBRIDGE_IBM_ACCOUNT: 'other' }), accounts(file)))).toBe('tok-other');
  });

  it('returns no account when only retired ibm_quantum accounts exist', () => {
    expect(loadConfig({}, env({}), accounts({ legacy: file.legacy })).ibm).toBeUndefined();
  });

  it('reads the file from the injected HOME, or an explicit accountFile', () => {
    const custom = '/tmp/elsewhere/accounts.json';
    const c = loadConfig({ accountFile: custom }, env({}), memFs({ [custom]: JSON.stringify({ a: { channel: 'ibm_cloud', token: 'tok-custom', is_default_account: true } }) }));
    expect(tok(c)).toBe('tok-custom');
  });

  it('warns (without printing) when the file is readable by group or others', () => {
    const c = loadConfig({}, env({}), memFs({ [ACCOUNT_FILE]: { text: JSON.stringify(file), mode: 0o644 } }));
    expect(c.warnings).toHaveLength(1);
    expect(c.warnings[0]).toContain('chmod 600');
    expect(c.warnings[0]).not.toContain('tok-');
    expect(loadConfig({}, env({}), memFs({ [ACCOUNT_FILE]: { text: JSON.stringify(file), mode: 0o600 } })).warnings).toEqual([]);
  });

  it('works against a real file in a temporary HOME (mode checked on disk)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qbridge-config-'));
    try {
      fs.mkdirSync(path.join(dir, '.qiskit'));
      const f = path.join(dir, '.qiskit', 'qiskit-ibm.json');
      fs.writeFileSync(f, JSON.stringify({ 'default-ibm-quantum-platform': { channel: 'ibm_quantum_platform', token: 'tok-disk' } }), { mode: 0o644 });
      fs.chmodSync(f, 0o644);
      const c = loadConfig({}, { HOME: dir }, NODE_CONFIG_FS);
      expect(c.ibm!.token.reveal()).toBe('tok-disk');
      if (process.platform !== 'win32') expect(c.warnings).toHaveLength(1);
      fs.chmodSync(f, 0o600);
      expect(loadConfig({}, { HOME: dir }, NODE_CONFIG_FS).warnings).toEqual([]);
      expect(loadConfig({}, { HOME: path.join(dir, 'missing') }, NODE_CONFIG_FS).ibm).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('invalid values: ConfigurationError naming the variable, never the value', () => {
  const SECRETISH = 'S3CRET-VALUE-xyz';
  const cases: Array<[string, Record<string, string>, string]> = [
    ['unknown channel', { QISKIT_IBM_CHANNEL: `${SECRETISH}` }, 'QISKIT_IBM_CHANNEL'],
    ['bad URL', { QISKIT_IBM_URL: `not a url ${SECRETISH}` }, 'QISKIT_IBM_URL'],
    ['http on a public host', { QBRIDGE_IBM_API_URL: `http://${SECRETISH}.example.com/api` }, 'QBRIDGE_IBM_API_URL'],
    ['http on a public host (IAM)', { QBRIDGE_IAM_URL: `http://iam.${SECRETISH}.example` }, 'QBRIDGE_IAM_URL'],
    ['non-http scheme', { QISKIT_IBM_URL: `ftp://${SECRETISH}.example` }, 'QISKIT_IBM_URL'],
    ['credentials in a URL', { QBRIDGE_IBM_API_URL: `https://user:${SECRETISH}@example.com` }, 'QBRIDGE_IBM_API_URL'],
    ['a CRN that is not a CRN', { QISKIT_IBM_INSTANCE: `crn:v1:${SECRETISH}` }, 'QISKIT_IBM_INSTANCE'],
    ['colons but no CRN', { QISKIT_IBM_INSTANCE: `a:b:${SECRETISH}` }, 'QISKIT_IBM_INSTANCE'],
    ['bad API version', { QBRIDGE_IBM_API_VERSION: `2026-13-45${SECRETISH}` }, 'QBRIDGE_IBM_API_VERSION'],
    ['impossible date', { QBRIDGE_IBM_API_VERSION: '2026-02-30' }, 'QBRIDGE_IBM_API_VERSION'],
    ['bad backend name', { QBRIDGE_BACKEND: `has space ${SECRETISH}` }, 'QBRIDGE_BACKEND'],
    ['unknown saved account', { QBRIDGE_IBM_ACCOUNT: SECRETISH }, 'QBRIDGE_IBM_ACCOUNT'],
  ];
  it.each(cases)('%s', (_label, vars, key) => {
    // The saved-account file is consulted only without a token: leave it out for that case.
    const token = key === 'QBRIDGE_IBM_ACCOUNT' ? {} : { QISKIT_IBM_TOKEN: TOKEN };
    const e = configError(() => loadConfig({}, env({ ...token, ...vars }), accounts({})));
    expect(e.key).toBe(key);
    expect(e.message).toContain(key);
    expect(e.message).not.toContain(SECRETISH);
    expect(e.message).not.toContain(TOKEN);
  });

  it('validates environment values even without a token', () => {
    expect(configError(() => loadConfig({}, env({ QISKIT_IBM_URL: 'http://example.com' }), memFs())).key).toBe('QISKIT_IBM_URL');
  });

  it('names the option when an explicit option is invalid', () => {
    const e = configError(() => loadConfig({ apiUrl: 'http://evil.example' }, env({ QISKIT_IBM_TOKEN: TOKEN }), memFs()));
    expect(e.key).toBe('option apiUrl');
  });

  it('rejects the retired ibm_quantum channel with a clear message', () => {
    const e = configError(() => loadConfig({}, env({ QISKIT_IBM_TOKEN: TOKEN, QISKIT_IBM_CHANNEL: 'ibm_quantum' }), memFs()));
    expect(e.message).toMatch(/retired/);
    expect(e.message).toContain('ibm_quantum_platform');
    const named = configError(() =>
      loadConfig({ account: 'old' }, env({}), accounts({ old: { channel: 'ibm_quantum', token: 'tok-legacy' } })),
    );
    expect(named.message).toMatch(/retired/);
  });

  it('allows http only on loopback hosts', () => {
    for (const u of ['http://127.0.0.1:9000', 'http://127.1.2.3', 'http://localhost:3000/api/v1', 'http://[::1]:8080']) {
      expect(loadConfig({ apiUrl: u }, env({ QISKIT_IBM_TOKEN: TOKEN }), memFs()).ibm!.apiUrl).toBe(u.replace(/\/$/, ''));
    }
    for (const u of ['http://127.0.0.1.example.com', 'http://128.0.0.1', 'http://localhost.evil.com']) {
      expect(() => loadConfig({ apiUrl: u }, env({ QISKIT_IBM_TOKEN: TOKEN }), memFs())).toThrow(ConfigurationError);
    }
  });

  it('rejects a malformed account file, a non-object file or entry, a non-string field and a missing token', () => {
    const bad: Array<[string, string]> = [
      ['{ not json', ACCOUNT_FILE],
      ['[1,2]', ACCOUNT_FILE],
      [JSON.stringify({ a: 'x' }), `${ACCOUNT_FILE}:a`],
      [JSON.stringify({ a: { channel: 'ibm_cloud', token: 42, is_default_account: true } }), `${ACCOUNT_FILE}:a.token`],
      [JSON.stringify({ a: { channel: 'ibm_cloud', is_default_account: true } }), `${ACCOUNT_FILE}:a.token`],
      [JSON.stringify({ a: { channel: 'ibm_cloud', token: 't', url: 'http://x.example', is_default_account: true } }), `${ACCOUNT_FILE}:a.url`],
      [JSON.stringify({ a: { channel: 'ibm_cloud', token: 't', instance: 'crn:v1:nope', is_default_account: true } }), `${ACCOUNT_FILE}:a.instance`],
      [JSON.stringify({ a: { channel: 'weird', token: 't', is_default_account: true } }), `${ACCOUNT_FILE}:a.channel`],
    ];
    for (const [text, key] of bad) {
      const e = configError(() => loadConfig({}, env({}), memFs({ [ACCOUNT_FILE]: text })));
      expect(e.key).toBe(key);
      expect(e.message).not.toContain('"t"');
    }
  });
});

describe('the token never leaks', () => {
  const c = loadConfig({}, env({ QISKIT_IBM_TOKEN: TOKEN, QISKIT_IBM_INSTANCE: CRN_US }), memFs());

  it('is absent from JSON.stringify and util.inspect of the config', () => {
    expect(JSON.stringify(c)).not.toContain(TOKEN);
    expect(JSON.stringify(c)).toContain('[redacted]');
    expect(inspect(c, { depth: 10 })).not.toContain(TOKEN);
    expect(inspect(c, { depth: 10, showHidden: true })).not.toContain(TOKEN);
    expect(`${c.ibm!.token}`).toBe('[redacted]');
    expect(String(c.ibm!.token)).toBe('[redacted]');
  });

  it('is a frozen Secret whose value cannot be replaced', () => {
    const t = c.ibm!.token;
    expect(t).toBeInstanceOf(Secret);
    expect(() => ((c.ibm as { token: unknown }).token = new Secret('other'))).toThrow(TypeError);
    expect(t.reveal()).toBe(TOKEN);
  });

  it('is absent from errors raised while a token is configured', () => {
    const e = configError(() => loadConfig({}, env({ QISKIT_IBM_TOKEN: TOKEN, QISKIT_IBM_URL: `https://x.example/?k=${TOKEN}` }), memFs()));
    expect(e.message).not.toContain(TOKEN);
    expect(JSON.stringify(e)).not.toContain(TOKEN);
  });
});

describe('QBRIDGE_REQUEST_TIMEOUT and QBRIDGE_JOB_TIMEOUT', () => {
  const VARS = [
    ['QBRIDGE_REQUEST_TIMEOUT', 'requestTimeout', 'requestTimeoutMs'],
    ['QBRIDGE_JOB_TIMEOUT', 'jobTimeout', 'jobTimeoutMs'],
  ] as const;

  it('are unset by default, and blank counts as unset', () => {
    for (const e of [env({}), env({ QBRIDGE_REQUEST_TIMEOUT: '   ', QBRIDGE_JOB_TIMEOUT: '' })]) {
      const c = loadConfig({}, e, memFs());
      expect(c.requestTimeoutMs).toBeUndefined();
      expect(c.jobTimeoutMs).toBeUndefined();
    }
  });

  it.each(VARS)('%s: seconds (whole or decimal) become milliseconds, with or without a token', (name, _opt, field) => {
    expect(loadConfig({}, env({ [name]: '30' }), memFs())[field]).toBe(30_000);
    expect(loadConfig({}, env({ [name]: ' 2.5 ' }), memFs())[field]).toBe(2_500);
    expect(loadConfig({}, env({ [name]: '.25' }), memFs())[field]).toBe(250);
    expect(loadConfig({}, env({ [name]: '0.0001' }), memFs())[field]).toBe(1); // never 0 ms
    expect(loadConfig({}, env({ [name]: '2147483' }), memFs())[field]).toBe(2_147_483_000);
    expect(loadConfig({}, env({ [name]: '45', QISKIT_IBM_TOKEN: TOKEN }), memFs())[field]).toBe(45_000);
  });

  it.each(VARS)('%s: the explicit option beats the variable (number or string)', (name, opt, field) => {
    expect(loadConfig({ [opt]: 5 }, env({ [name]: '30' }), memFs())[field]).toBe(5_000);
    expect(loadConfig({ [opt]: '7' }, env({ [name]: '30' }), memFs())[field]).toBe(7_000);
    expect(loadConfig({ [opt]: '  ' }, env({ [name]: '30' }), memFs())[field]).toBe(30_000);
  });

  it.each(VARS)('%s: an invalid value is a ConfigurationError naming the variable, not the value', (name, opt) => {
    for (const bad of ['0', '0.0', '-1', 'abc', '1e3', 'Infinity', 'NaN', '10s', '1,5', '+3', '2147484', '99999999999']) {
      const e = configError(() => loadConfig({}, env({ [name]: bad }), memFs()));
      expect(e.key).toBe(name);
      expect(e.message).toBe(`${name} must be a positive number of seconds (at most 2147483)`);
    }
    const o = configError(() => loadConfig({ [opt]: -2 }, env({ [name]: '30' }), memFs()));
    expect(o.key).toBe(`option ${opt}`);
  });

  it('the two settings are independent', () => {
    const c = loadConfig({}, env({ QBRIDGE_REQUEST_TIMEOUT: '1', QBRIDGE_JOB_TIMEOUT: '600' }), memFs());
    expect([c.requestTimeoutMs, c.jobTimeoutMs]).toEqual([1_000, 600_000]);
    expect(configError(() => loadConfig({}, env({ QBRIDGE_REQUEST_TIMEOUT: '1', QBRIDGE_JOB_TIMEOUT: 'x' }), memFs())).key).toBe('QBRIDGE_JOB_TIMEOUT');
  });
});
