import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The import layers are checked by dependency-cruiser (`npm run deps`, run by `npm test`; the
 * rules and their reasons are in scripts/dependency-rules.cjs). What it cannot see is checked
 * here: only src/config.ts reads process.env.
 */
const root = path.join(__dirname, '..', '..', '..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

describe('architecture', () => {
  const files = ['src', 'simulators', 'adapters'].flatMap((d) => sourceFiles(d));

  it('finds the sources it checks', () => {
    expect(files.length).toBeGreaterThan(10);
    expect(files).toContain(path.join('src', 'config.ts'));
  });

  it('reads process.env only in src/config.ts', () => {
    const offenders = files.filter(
      (f) => f !== path.join('src', 'config.ts') && /process\.env\b/.test(fs.readFileSync(path.join(root, f), 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')),
    );
    expect(offenders).toEqual([]);
  });

  it('runs the layer rule in npm test', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.test).toMatch(/npm run deps/);
    expect(pkg.scripts.deps).toMatch(/depcruise .*--config scripts\/dependency-rules\.cjs/);
  });
});
