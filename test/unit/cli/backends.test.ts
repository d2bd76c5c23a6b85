import { main } from '../../../src/cli/main';
import { resetDefaultRegistry } from '../../../src/registry';
import { capturedIo, cleanupTempDirs, tempQasm } from '../../support/cli';
import * as fs from 'node:fs';
import * as path from 'node:path';

afterEach(() => {
  cleanupTempDirs();
  resetDefaultRegistry();
});

describe('qbridge backends', () => {
  it('lists the registered backends as JSON with the default marked', async () => {
    const f = capturedIo();
    expect(await main(['backends', '--json'], f.io)).toBe(0);
    const j = JSON.parse(f.stdout()) as { default: string; backends: Array<{ name: string; default: boolean; pattern: boolean }> };
    expect(j.backends.map((b) => b.name)).toContain('local');
    const local = j.backends.find((b) => b.name === 'local')!;
    expect(local.pattern).toBe(false);
    // the default comes from QBRIDGE_BACKEND when the environment sets it, else local
    expect(j.default).toBe(process.env.QBRIDGE_BACKEND?.trim() || 'local');
  });

  it('prints one line per backend, * marking the default', async () => {
    const f = capturedIo();
    expect(await main(['backends'], f.io)).toBe(0);
    expect(f.stdout()).toMatch(/^[* ] local$/m);
  });
});

describe('qbridge run --backend / --svg', () => {
  const BELL = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[2] q;\nbit[2] c;\nh q[0];\ncx q[0], q[1];\nc = measure q;\n';

  it('runs on a named backend and writes a histogram SVG with one bar per outcome', async () => {
    const file = tempQasm(BELL);
    const svg = path.join(path.dirname(file), 'counts.svg');
    const f = capturedIo();
    expect(await main(['run', file, '--backend', 'local', '--shots', '100', '--seed', '1', '--json', '--svg', svg], f.io)).toBe(0);
    const r = JSON.parse(f.stdout()) as { backend: string; counts: { c: Record<string, number> } };
    expect(r.backend).toBe('local');
    const text = fs.readFileSync(svg, 'utf8');
    expect(text.startsWith('<svg')).toBe(true);
    expect(text.match(/class="bar"/g)).toHaveLength(Object.keys(r.counts.c).length);
    for (const [k, v] of Object.entries(r.counts.c)) expect(text).toContain(`<title>${k}: ${v}</title>`);
  });

  it('exits 1 naming the backend for an unknown --backend', async () => {
    const f = capturedIo();
    expect(await main(['run', tempQasm(BELL), '--backend', 'nope'], f.io)).toBe(1);
    expect(f.stderr()).toMatch(/no backend named 'nope'/);
  });

  it('supports mid-circuit measurement through the local backend', async () => {
    const src = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[1] q;\nbit[2] c;\nx q[0];\nc[0] = measure q[0];\nx q[0];\nc[1] = measure q[0];\n';
    const f = capturedIo();
    expect(await main(['run', tempQasm(src), '--shots', '10', '--json'], f.io)).toBe(0);
    expect((JSON.parse(f.stdout()) as { counts: unknown }).counts).toEqual({ c: { '01': 10 } });
  });
});
