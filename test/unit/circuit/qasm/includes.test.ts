/**
 * Local includes (issue 12): `include "file";` read through the caller's reader, relative to
 * the including file, with depth and cycle limits; the CLI's reader stays inside the main
 * file's folder.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseQasm } from '../../../../src/circuit/qasm';
import { QasmSyntaxError } from '../../../../src/core/errors';
import { localIncludes } from '../../../../src/cli/read-circuit';
import { runCli } from '../../../support/cli';

const H = 'OPENQASM 3.0;\ninclude "stdgates.inc";\n';

/** A reader over an in-memory folder (names as given, no path logic). */
function files(map: Record<string, string>): (name: string) => { source: string; path: string } {
  return (name) => {
    const source = map[name];
    if (source === undefined) throw new Error('no such file');
    return { source, path: name };
  };
}

describe('include "local file"', () => {
  it('reads gate definitions (and nested includes) from the caller’s reader', () => {
    const readInclude = files({
      'bell.inc': 'include "hh.inc";\ngate bell a, b { hh a; cx a, b; }\n',
      'hh.inc': 'gate hh a { h a; }\n',
    });
    const c = parseQasm(`${H}include "bell.inc";\nqubit[2] q;\nbell q[0], q[1];\n`, { readInclude });
    expect(c.instructions.map((i) => [i.name, [...i.qubits]])).toEqual([
      ['h', [0]],
      ['cx', [0, 1]],
    ]);
  });

  it('without a reader a local include is an error naming the file and how to allow it', () => {
    expect(() => parseQasm(`${H}include "defs.inc";\n`)).toThrow(/cannot include "defs.inc": only "stdgates.inc" is available to an OpenQASM 3 program \(local files are read only when the caller allows it/);
  });

  it('a cycle is refused with its chain; a file that cannot be read is named; an error inside an included file names that file and its line', () => {
    const cyc = files({ 'a.inc': 'include "b.inc";\n', 'b.inc': 'include "a.inc";\n' });
    expect(() => parseQasm(`${H}include "a.inc";\n`, { readInclude: cyc })).toThrow(/include cycle: "a.inc" includes itself \("a.inc" → "b.inc" → "a.inc"\)/);
    expect(() => parseQasm(`${H}include "missing.inc";\n`, { readInclude: files({}) })).toThrow(/cannot include "missing.inc": no such file/);
    try {
      parseQasm(`${H}include "bad.inc";\n`, { readInclude: files({ 'bad.inc': 'gate g a { h a; }\n\nfoo q;\n' }) });
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(QasmSyntaxError);
      expect((e as Error).message).toMatch(/\(in "bad.inc"\) \(line 3, column 1\)$/);
    }
  });

  it('includes nest at most 16 deep', () => {
    const map: Record<string, string> = {};
    for (let k = 0; k < 20; k++) map[`f${k}.inc`] = `include "f${k + 1}.inc";\n`;
    map['f20.inc'] = '';
    expect(() => parseQasm(`${H}include "f0.inc";\n`, { readInclude: files(map) })).toThrow(/includes nest more than 16 deep/);
  });
});

describe('the CLI’s include reader', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qbridge-include-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const main = path.join(dir, 'main.qasm');
  fs.mkdirSync(path.join(dir, 'lib'));
  fs.writeFileSync(path.join(dir, 'lib', 'defs.inc'), 'include "more.inc";\ngate flip a { x a; }\n');
  fs.writeFileSync(path.join(dir, 'lib', 'more.inc'), 'gate flop a { flip a; }\n'.replace('flip', 'x'));
  fs.writeFileSync(main, `${H}include "lib/defs.inc";\nqubit q;\nflip q;\nflop q;\nflip q;\n`);

  it('resolves names relative to the including file: qbridge statevector reads main.qasm → lib/defs.inc → lib/more.inc', async () => {
    const r = await runCli(['statevector', main, '--json']);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { statevector: { re: number[]; im: number[] } };
    // x·x·x = x: |1⟩.
    expect(out.statevector.re).toEqual([0, 1]);
  });

  it('refuses absolute paths and paths out of the main file’s folder', () => {
    const read = localIncludes(main);
    expect(() => read('/etc/passwd', undefined)).toThrow(/absolute include paths are not allowed/);
    expect(() => read('../outside.inc', undefined)).toThrow(/lies outside the folder of 'main.qasm'/);
    expect(() => read('../../x.inc', 'lib/defs.inc')).toThrow(/lies outside the folder/);
    expect(read('more.inc', 'lib/defs.inc').path).toBe('lib/more.inc');
  });
});
