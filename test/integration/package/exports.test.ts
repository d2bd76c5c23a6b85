import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The package's `exports` map: `import { Circuit } from 'qbridge'` (ES modules) and
 * `require('qbridge')` (CommonJS) both load the built package, with type declarations.
 * Node resolves a package's own name from inside it (self-reference), so no install is needed.
 * `npm ci` does not build dist/ (the package builds before packing: `prepack`), so the test
 * builds it when it is missing.
 */
const root = path.join(__dirname, '..', '..', '..');
const built = path.join(root, 'dist', 'src', 'index.js');

beforeAll(() => {
  if (!fs.existsSync(built)) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
}, 180_000);

const node = (args: string[]): string => execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8' });

describe('package entry points', () => {
  it('works from ES modules: a Bell state through the public API', () => {
    const out = node([
      '--input-type=module',
      '-e',
      "import { Circuit, Statevector } from 'qbridge'; const sv = Statevector.fromCircuit(new Circuit(2).h(0).cx(0, 1)); console.log(JSON.stringify([sv.amplitude(0).re, sv.amplitude(3).re, sv.amplitude(1).abs()]));",
    ]);
    expect(JSON.parse(out)).toEqual([Math.SQRT1_2, Math.SQRT1_2, 0]);
  });

  it('works from CommonJS and gives the same module as the ES entry', () => {
    const out = node([
      '-e',
      "const q = require('qbridge'); import('qbridge').then((m) => console.log(JSON.stringify([typeof q.Circuit, m.Circuit === q.Circuit, typeof q.acquireBackend])));",
    ]);
    expect(JSON.parse(out)).toEqual(['function', true, 'function']);
  });

  it('declares types per format: ES-module declarations for import, CommonJS ones for require', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const { import: esm, require: cjs } = pkg.exports['.'];
    // TypeScript (`nodenext`) reads .d.mts as an ES module and .d.ts beside a CommonJS file as
    // CommonJS: one file for both conditions makes ES consumers see CommonJS types.
    expect(esm.types).toMatch(/\.d\.mts$/);
    expect(cjs.types).toMatch(/\.d\.ts$/);
    expect(cjs.types.replace(/\.d\.ts$/, '.js')).toBe(cjs.default);
    for (const t of [esm.types, cjs.types, esm.default, cjs.default]) expect(fs.existsSync(path.join(root, t))).toBe(true);
    // The ES declarations re-export exactly what the ES entry re-exports (the CommonJS build).
    const text = (f: string) => fs.readFileSync(path.join(root, f), 'utf8');
    expect(text(esm.types)).toBe(text(esm.default));
    // The barrel names its exports: the declarations must name the main entry points too.
    const declared = text(cjs.types);
    for (const name of ['Circuit', 'Statevector', 'Sampler', 'QuantumKernel', 'createLocalBackend', 'createFakeBackend', 'createIbmRuntimeBackend']) {
      expect(declared).toMatch(new RegExp(`\\b${name}\\b`));
    }
    expect(declared).not.toMatch(/export \*/);
  });
});
