import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import * as ts from 'typescript';

/**
 * The published declarations compile in a consumer that has only `lib: ["ES2022"]` and
 * `types: []`: no DOM library and no `@types/node`, so no hidden dependency on Node's or the
 * DOM's globals (`AbortSignal`, `Request`, `Buffer`, `NodeJS.*`). The consumer reaches the
 * package through `node_modules/qbridge` (a link to this checkout) and the `exports` map, from an
 * ES module (`.mts`) and a CommonJS one (`.cts`), with the declarations themselves checked
 * (`skipLibCheck: false`). scripts/consumer-smoke.sh does the same on the packed tarball in CI.
 */
const root = path.join(__dirname, '..', '..', '..');
let dir: string;

beforeAll(() => {
  if (!fs.existsSync(path.join(root, 'dist', 'src', 'index.js'))) {
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
  }
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qbridge-consumer-'));
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(root, path.join(dir, 'node_modules', 'qbridge'), 'dir');
}, 180_000);

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
