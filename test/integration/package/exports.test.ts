import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';

/**
 * The package's `exports` map: `import { Circuit } from 'qbridge'` (ES modules) and
 * `require('qbridge')` (CommonJS) both load the built package, with type declarations.
 * Node resolves a package's own name from inside it (self-reference), so no install is needed.
 * `npm ci` does not build dist/ (the package builds before packing: `prepack`), so the file
 * builds it when it is missing (one file for every test of the built package: two files building
 * at once in parallel Jest workers would delete each other's output).
 *
 * The declarations must also compile in a consumer that has only `lib: ["ES2022"]` and
 * `types: []`: no DOM library and no `@types/node`, so no hidden dependency on Node's or the
 * DOM's globals (`AbortSignal`, `Request`, `Buffer`, `NodeJS.*`). That consumer reaches the
 * package through `node_modules/qbridge` (a link to this checkout) and the `exports` map, from an
 * ES module (`.mts`) and a CommonJS one (`.cts`), with the declarations themselves checked
 * (`skipLibCheck: false`). scripts/consumer-smoke.sh does the same on the packed tarball in CI.
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

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qbridge-consumer-'));
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(root, path.join(dir, 'node_modules', 'qbridge'), 'dir');
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function check(files: Record<string, string>): { errors: string[]; program: ts.Program } {
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  const program = ts.createProgram(
    Object.keys(files).map((f) => path.join(dir, f)),
    {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ['lib.es2022.d.ts'],
      types: [],
      skipLibCheck: false,
    },
  );
  const errors = ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file ? path.basename(d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  return { errors, program };
}

describe('the declarations in a consumer without DOM or Node types', () => {
  it('compile from ES modules and CommonJS, with no @types package pulled in', () => {
    const { errors, program } = check({
      'esm.mts': [
        "import { Circuit, Statevector, Sampler, QuantumKernel, createLocalBackend, type Backend } from 'qbridge';",
        "import qbridge from 'qbridge';",
        'const bell: Circuit = new qbridge.Circuit(2).h(0).cx(0, 1);',
        'const re: number = Statevector.fromCircuit(bell).amplitude(3).re;',
        'const backend: Backend = createLocalBackend();',
        'export const used = [re, new Sampler(backend), QuantumKernel];',
      ].join('\n'),
      'cjs.cts': "import { Circuit, acquireBackend } from 'qbridge';\nexport const used = [new Circuit(1).x(0), acquireBackend('local')];\n",
    });
    expect(errors).toEqual([]);
    const typesPackages = program.getSourceFiles().filter((f) => /[\\/]@types[\\/]/.test(f.fileName));
    expect(typesPackages.map((f) => f.fileName)).toEqual([]);
    // The ES module got the ES-module declarations (not CommonJS ones masquerading).
    expect(program.getSourceFiles().some((f) => f.fileName.endsWith(path.join('dist', 'esm', 'index.d.mts')))).toBe(true);
  }, 60_000);

  it('would fail on a hidden dependency: Node globals are really absent, missing names are errors', () => {
    const { errors } = check({
      'bad.mts': "import { NoSuchExport } from 'qbridge';\nexport const x = NoSuchExport;\nexport const b: Buffer | undefined = undefined;\n",
    });
    expect(errors.join('\n')).toMatch(/NoSuchExport/);
    expect(errors.join('\n')).toMatch(/Cannot find name 'Buffer'/);
  }, 60_000);
});
