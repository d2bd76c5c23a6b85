/** "Did you mean" suggestions for mistyped gates, backends and commands. */
import { Circuit } from '../../../src/circuit/circuit';
import { gateDefinition } from '../../../src/circuit/gates';
import { parseQasm } from '../../../src/circuit/qasm';
import { BackendNotFoundError, CircuitValidationError, QasmSyntaxError } from '../../../src/core/errors';
import { closestNames, didYouMean, editDistance } from '../../../src/core/suggest';
import { runCli } from '../../support/cli';

describe('editDistance / closestNames', () => {
  it.each([
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['abc', 'abc', 0],
    ['flaw', 'lawn', 2],
    ['cx', 'xc', 2],
  ])('editDistance(%s, %s) = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
  it('suggests near names only, nearest first; case differences first of all', () => {
    expect(closestNames('fake_fes', ['fake_fez', 'fake_torino', 'local'])).toEqual(['fake_fez']);
    expect(closestNames('LOCAL', ['local', 'lokal'])).toEqual(['local']);
    expect(closestNames('zz', ['h', 'cx'])).toEqual([]);
    expect(didYouMean('qsvx', ['qsvc'])).toBe(" (did you mean 'qsvc'?)");
    expect(didYouMean('something', ['h'])).toBe('');
  });
});

describe('unknown gates', () => {
  it('QASM reader: the message suggests the defined gate', () => {
    // (A typo with one near name: 'cnx' is as near to c3x, c4x and ccx as to cx.)
    const src = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[2] q;\nswp q[0], q[1];\n';
    expect(() => parseQasm(src)).toThrow(QasmSyntaxError);
    expect(() => parseQasm(src)).toThrow(/unknown gate 'swp' \(did you mean 'swap'\?\)/);
    expect(() => parseQasm(src.replace('swp', 'nonsense'))).toThrow(/unknown gate 'nonsense' \(line 4/);
  });
  it('QASM reader: the missing include hint still wins over a suggestion', () => {
    expect(() => parseQasm('OPENQASM 3.0;\nqubit[1] q;\nh q[0];\n')).toThrow(/add include "stdgates.inc"/);
  });
  it('Circuit.append and gateDefinition suggest the gate', () => {
    expect(() => new Circuit(1).append('hh', [0])).toThrow(CircuitValidationError);
    expect(() => new Circuit(1).append('hh', [0])).toThrow(/unknown gate 'hh' \(did you mean [^)]*'h'[^)]*\?\)/);
    expect(() => gateDefinition('sxd')).toThrow(/did you mean 'sx'/);
  });
});

describe('unknown backends and commands', () => {
  it('BackendNotFoundError suggests the near name, then lists the known ones', () => {
    expect(new BackendNotFoundError('fake_fes', ['fake_fez', 'local']).message).toBe("no backend named 'fake_fes' (did you mean 'fake_fez'?); known: fake_fez, local");
  });
  it('the CLI passes the backend suggestion through', async () => {
    const r = await runCli(['kernel', '--train', 'fixtures/csv/train.csv', '--backend', 'locl']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/BackendNotFoundError: no backend named 'locl' \(did you mean 'local'\?\)/);
  });
  it('an unknown command gets a suggestion (exit 2)', async () => {
    const r = await runCli(['kernal']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'kernal'\n\(Did you mean kernel\?\)/);
  });
});
