import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The dependency rules of the architecture, checked on the sources:
 * - src/ core never imports simulators/ or adapters/ (only the composition root src/index.ts
 *   and the CLI wiring in src/cli/ may);
 * - simulators/ and adapters/ import src/ but never each other, and never src/index.ts;
 * - only src/config.ts reads process.env.
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

function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const specs: string[] = [];
  const re = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of text.matchAll(re)) specs.push((m[1] ?? m[2] ?? m[3])!);
  return specs
    .filter((s) => s.startsWith('.'))
    .map((s) => path.relative(root, path.resolve(path.dirname(path.join(root, file)), s)));
}

const topOf = (rel: string): string => rel.split(path.sep)[0]!;

describe('architecture dependency rules', () => {
  const files = ['src', 'simulators', 'adapters'].flatMap((d) =>
    fs.existsSync(path.join(root, d)) ? sourceFiles(d) : [],
  );

  it('finds the sources it checks', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('keeps src/ core free of simulators/ and adapters/ (except the composition root and CLI)', () => {
    const offenders = files
      .filter((f) => topOf(f) === 'src' && f !== path.join('src', 'index.ts') && !f.startsWith(path.join('src', 'cli')))
      .flatMap((f) => importsOf(f).filter((i) => ['simulators', 'adapters'].includes(topOf(i))).map((i) => `${f} → ${i}`));
    expect(offenders).toEqual([]);
  });

  it('keeps simulators/ and adapters/ apart and away from the composition root', () => {
    const offenders = files
      .filter((f) => ['simulators', 'adapters'].includes(topOf(f)))
      .flatMap((f) =>
        importsOf(f)
          .filter((i) => {
            const other = topOf(f) === 'simulators' ? 'adapters' : 'simulators';
            return topOf(i) === other || i === path.join('src', 'index') || i.startsWith(path.join('src', 'cli'));
          })
          .map((i) => `${f} → ${i}`),
      );
    expect(offenders).toEqual([]);
  });

  it('reads process.env only in src/config.ts', () => {
    const offenders = files.filter(
      (f) => f !== path.join('src', 'config.ts') && /process\.env\b/.test(fs.readFileSync(path.join(root, f), 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')),
    );
    expect(offenders).toEqual([]);
  });
});
