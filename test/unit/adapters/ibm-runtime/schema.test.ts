import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Runs openapi-typescript's Node API (`openapiTS` + `astToString`) on the committed document.
 * Its CommonJS build requires ESM-only dependencies, which Node 20.19+ loads natively but Jest's
 * module registry cannot; so the generator runs in a worker thread of this process, with Node's
 * own `require`.
 */
function generate(spec: string): Promise<string> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const fs = require('node:fs');
    const ot = require(workerData.mod);
    ot.default(JSON.parse(fs.readFileSync(workerData.spec, 'utf8')))
      .then((ast) => parentPort.postMessage({ text: ot.COMMENT_HEADER + ot.astToString(ast) }))
      .catch((e) => parentPort.postMessage({ error: String(e) }));`;
  return new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData: { spec, mod: require.resolve('openapi-typescript') } });
    w.once('message', (m: { text?: string; error?: string }) => {
      void w.terminate();
      if (m.text !== undefined) resolve(m.text);
      else reject(new Error(m.error));
    });
    w.once('error', reject);
  });
}

const ROOT = path.join(__dirname, '..', '..', '..', '..');
const SPEC = path.join(ROOT, 'fixtures', 'openapi', 'ibm-runtime.openapi.json');
const TYPES = path.join(ROOT, 'adapters', 'ibm-runtime', 'schema.ts');

describe('generated IBM Runtime types', () => {
  it('adapters/ibm-runtime/schema.ts is what openapi-typescript generates from the committed document (run `npm run gen:api`)', async () => {
    const generated = await generate(SPEC);
    expect(fs.readFileSync(TYPES, 'utf8')).toBe(generated);
  });

  it('the document declares every endpoint qbridge calls', () => {
    const doc = JSON.parse(fs.readFileSync(SPEC, 'utf8')) as { paths: Record<string, Record<string, unknown>> };
    const ops = Object.entries(doc.paths).flatMap(([p, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`));
    expect(ops.sort()).toEqual(
      [
        'GET /backends', 'GET /backends/{id}/configuration', 'GET /backends/{id}/properties', 'GET /backends/{id}/status',
        'POST /jobs', 'GET /jobs', 'GET /jobs/{id}', 'GET /jobs/{id}/results', 'POST /jobs/{id}/cancel',
        'POST /sessions', 'GET /sessions/{id}', 'PATCH /sessions/{id}', 'DELETE /sessions/{id}/close', 'GET /instances/usage',
      ].sort(),
    );
  });
});
