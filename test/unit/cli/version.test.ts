import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageVersion } from '../../../src/cli/version';
import { ROOT, runCli, tempDir, cleanupTempDirs } from '../../support/cli';

afterAll(cleanupTempDirs);
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

describe('qbridge --version', () => {
  it.each([['--version'], ['-V']])('%s prints package.json\'s version and exits 0', async (flag) => {
    const r = await runCli([flag]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${pkg.version}\n`);
  });

  it('finds package.json from the source folder and from the build folder layout (dist/src/cli)', () => {
    expect(packageVersion(path.join(ROOT, 'src', 'cli'))).toBe(pkg.version);
    expect(packageVersion(path.join(ROOT, 'dist', 'src', 'cli'))).toBe(pkg.version);
  });

  it('skips a package.json of another package on the way up, and says unknown when there is none', () => {
    const d = tempDir('qbridge-version-');
    fs.mkdirSync(path.join(d, 'a', 'b'), { recursive: true });
    fs.writeFileSync(path.join(d, 'a', 'package.json'), '{"name":"other","version":"9.9.9"}');
    fs.writeFileSync(path.join(d, 'package.json'), '{"name":"qbridge","version":"1.2.3"}');
    expect(packageVersion(path.join(d, 'a', 'b'))).toBe('1.2.3');
    expect(packageVersion(path.join(d, 'a'))).toBe('1.2.3');
    expect(packageVersion(tempDir('qbridge-version-none-'))).toBe('unknown');
  });
});
