/**
 * `--param NAME=VALUE` (repeatable) and `--params FILE.json` (an object, or an array of rows) on
 * `qbridge statevector` and `qbridge run` bind a program's `input` parameters; `output`
 * declarations are listed (issue 12, declarations slice). Amplitudes are checked against
 * ry/rz written out here: ry(θ)|0⟩ = (cos θ/2, sin θ/2), rz(φ) = diag(e^{−iφ/2}, e^{iφ/2}).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { main } from '../../../src/cli/main';
import { capturedIo, cleanupTempDirs, tempDir, tempQasm } from '../../support/cli';

afterAll(cleanupTempDirs);

const PROG = 'OPENQASM 3.0;\ninclude "stdgates.inc";\ninput float theta;\ninput angle[32] phi;\nqubit q;\noutput bit c;\nry(theta) q;\nrz(phi) q;\nc = measure q;\n';

function expected(theta: number, phi: number): { re: number[]; im: number[] } {
  const a = Math.cos(theta / 2);
  const b = Math.sin(theta / 2);
  return { re: [a * Math.cos(-phi / 2), b * Math.cos(phi / 2)], im: [a * Math.sin(-phi / 2), b * Math.sin(phi / 2)] };
}

function expectState(sv: { re: number[]; im: number[] }, theta: number, phi: number): void {
  const e = expected(theta, phi);
  for (let i = 0; i < 2; i++) {
    expect(sv.re[i]).toBeCloseTo(e.re[i]!, 12);
    expect(sv.im[i]).toBeCloseTo(e.im[i]!, 12);
  }
}

function jsonFile(data: unknown): string {
  const f = path.join(tempDir(), 'params.json');
  writeFileSync(f, JSON.stringify(data));
  return f;
}

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const f = capturedIo();
  const code = await main(args, f.io);
  return { code, stdout: f.stdout(), stderr: f.stderr() };
}

describe('qbridge statevector --param / --params', () => {
  it('--param theta=… --param phi=… binds the inputs (JSON names them and the outputs)', async () => {
    const r = await cli(['statevector', tempQasm(PROG), '--param', 'theta=0.7', '--param', 'phi=1.9', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const obj = JSON.parse(r.stdout);
    expect(obj.inputs).toEqual({ theta: 0.7, phi: 1.9 });
    expect(obj.outputs).toEqual(['c']);
    expectState(obj.statevector, 0.7, 1.9);
  });

  it('--params FILE.json with an array gives one state per row, in order; --param applies to every row', async () => {
    const file = jsonFile([{ theta: 0.3 }, { theta: 2.5 }]);
    const r = await cli(['statevector', tempQasm(PROG), '--params', file, '--param', 'phi=0.4', '--json']);
    expect(r.code).toBe(0);
    const obj = JSON.parse(r.stdout);
    expect(obj.rows.map((x: { inputs: unknown }) => x.inputs)).toEqual([{ theta: 0.3, phi: 0.4 }, { theta: 2.5, phi: 0.4 }]);
    expectState(obj.rows[0].statevector, 0.3, 0.4);
    expectState(obj.rows[1].statevector, 2.5, 0.4);
  });

  it('the readable listing says which inputs were used and lists the outputs', async () => {
    const r = await cli(['statevector', tempQasm(PROG), '--params', jsonFile({ theta: 0, phi: 0 })]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual(['inputs theta=0, phi=0', 'outputs: c']);
  });

  it.each([
    ['an unknown --param', ['--param', 'theta=1', '--param', 'phi=1', '--param', 'beta=2'], /--param beta: the program has no input 'beta' \(inputs: theta, phi\)/],
    ['a missing input', ['--param', 'theta=1'], /input 'phi' \(line 4\) has no value: give --param phi=VALUE or --params FILE\.json/],
    ['a non-number', ['--param', 'theta=abc', '--param', 'phi=1'], /--param theta must be a finite number, got 'abc'/],
    ['no NAME=', ['--param', '0.5'], /--param must be NAME=VALUE, got '0\.5'/],
  ])('error: %s', async (_name, flags, message) => {
    const r = await cli(['statevector', tempQasm(PROG), ...flags]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('errors in --params name the file and the row', async () => {
    const bad = jsonFile([{ theta: 1, phi: 1 }, { theta: 'x', phi: 1 }]);
    const r = await cli(['statevector', tempQasm(PROG), '--params', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`--params ${bad} row 2: input 'theta' must be a finite number, got "x"`);
    const both = await cli(['statevector', tempQasm(PROG), '--params', jsonFile({ theta: 1, phi: 1 }), '--param', 'theta=2']);
    expect(both.stderr).toMatch(/input 'theta' is given by both --param and --params/);
  });

  it('a program without inputs refuses --param', async () => {
    const r = await cli(['statevector', tempQasm('OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit q;\nh q;\n'), '--param', 'theta=1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--param theta: the program has no input 'theta' \(inputs: the program declares none\)/);
  });
});

describe('qbridge run --param / --params', () => {
  it('rows run as separate circuits: theta=π gives only 1, theta=0 only 0 (outputs listed)', async () => {
    const file = jsonFile([{ theta: Math.PI, phi: 0 }, { theta: 0, phi: 0.5 }]);
    const r = await cli(['run', tempQasm(PROG), '--params', file, '--shots', '200', '--seed', '3', '--json']);
    expect(r.code).toBe(0);
    const obj = JSON.parse(r.stdout);
    expect(obj.outputs).toEqual(['c']);
    expect(obj.rows).toEqual([
      { inputs: { theta: Math.PI, phi: 0 }, counts: { c: { '1': 200 } } },
      { inputs: { theta: 0, phi: 0.5 }, counts: { c: { '0': 200 } } },
    ]);
  });

  it('one binding: the text output names the inputs used', async () => {
    const r = await cli(['run', tempQasm(PROG), '--param', `theta=${Math.PI}`, '--param', 'phi=0', '--shots', '50']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`outputs: c\ninputs theta=${Math.PI}, phi=0\nc:\n  1  50`);
  });

  it('a missing value is refused before anything runs', async () => {
    const r = await cli(['run', tempQasm(PROG), '--shots', '10']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/input 'theta' \(line 3\) has no value/);
  });
});
