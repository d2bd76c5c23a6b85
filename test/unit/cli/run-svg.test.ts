import * as fs from 'node:fs';
import * as path from 'node:path';
import { cleanupTempDirs, runCli, tempDir, tempQasm } from '../../support/cli';

afterAll(cleanupTempDirs);

// Two registers with different outcomes: a is always "11", b is "0" or "1".
const TWO_REGS = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[3] q;\nbit[2] a;\nbit[1] b;\nx q[0];\nx q[1];\nh q[2];\na[0] = measure q[0];\na[1] = measure q[1];\nb[0] = measure q[2];\n';

const tmp = tempDir('qbridge-run-svg-');

describe('qbridge run --svg / --register', () => {
  it('plots the first register by default and says where the file went on stderr (stdout stays JSON)', async () => {
    const svg = path.join(tmp, 'first.svg');
    const r = await runCli(['run', tempQasm(TWO_REGS), '--shots', '100', '--seed', '3', '--svg', svg, '--json']);
    expect(r.code).toBe(0);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
    expect(r.stderr).toBe(`histogram of register 'a' written to ${svg}\n`);
    const s = fs.readFileSync(svg, 'utf8');
    expect(s).toContain('<title>register a (of a, b): 100 shots</title>');
    expect(s).toContain('<title>11: 100</title>');
  });

  it('--register b plots b', async () => {
    const svg = path.join(tmp, 'b.svg');
    const r = await runCli(['run', tempQasm(TWO_REGS), '--shots', '100', '--seed', '3', '--svg', svg, '--register', 'b']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`histogram of register 'b' written to ${svg}`);
    const s = fs.readFileSync(svg, 'utf8');
    expect(s).toContain('register b (of a, b)');
    const bars = [...s.matchAll(/<title>([01]+): (\d+)<\/title>/g)].map((m) => [m[1], Number(m[2])]);
    expect(bars.map(([k]) => k)).toEqual(['0', '1']);
    expect(bars.reduce((t, [, v]) => t + (v as number), 0)).toBe(100);
  });

  it('an unknown register or --register without --svg is refused before the run, naming the flag', async () => {
    const svg = path.join(tmp, 'never.svg');
    const r = await runCli(['run', tempQasm(TWO_REGS), '--svg', svg, '--register', 'c']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/--register 'c' is not a classical register .*\(registers: a, b\)/);
    expect(fs.existsSync(svg)).toBe(false);
    const r2 = await runCli(['run', tempQasm(TWO_REGS), '--register', 'a']);
    expect(r2.code).not.toBe(0);
    expect(r2.stderr).toMatch(/--register .*--svg/);
  });
});
