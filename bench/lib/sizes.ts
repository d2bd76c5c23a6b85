import type { BenchContext } from '../sections/types';

/**
 * A bench size: the environment variable `env` when set (a positive integer), else `quick`
 * under `--quick`, else `full`.
 *
 * @throws {Error} for a value that is not a positive integer
 */
export function benchSize(env: string, full: number, quick: number, ctx: BenchContext): number {
  const v = process.env[env];
  if (v !== undefined && v !== '') {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${env} must be a positive integer, got '${v}'`);
    return n;
  }
  return ctx.quick ? quick : full;
}
