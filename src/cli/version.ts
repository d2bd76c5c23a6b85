import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The version in qbridge's own package.json. The file sits two folders above this module in the
 * sources (src/cli) and three above it in the build (dist/src/cli), so it is found by walking up
 * to the first package.json named `qbridge` rather than by a fixed relative path.
 *
 * @param from the folder to start from (this module's folder by default)
 * @returns the version, or `'unknown'` when no such package.json is found
 */
export function packageVersion(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      try {
        const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
        if (pkg.name === 'qbridge' && typeof pkg.version === 'string') return pkg.version;
      } catch {
        // an unreadable package.json further down (not ours): keep walking up
      }
    }
    if (dirname(dir) === dir) return 'unknown';
  }
}
