import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { CliIo } from '../../../src/cli/io';

/** In-memory stdout/stderr for `main(argv, io)`. */
export function fakeIo(): { io: CliIo; stdout: () => string; stderr: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (buf: string[]): Writable =>
    new Writable({
      write(chunk: Buffer | string, _enc, cb) {
        buf.push(chunk.toString());
        cb();
      },
    });
  return { io: { stdout: sink(out), stderr: sink(err), isTTY: false }, stdout: () => out.join(''), stderr: () => err.join('') };
}

const dirs: string[] = [];

/** Writes `source` to a fresh temporary .qasm file and returns its path. */
export function tempQasm(source: string, name = 'circuit.qasm'): string {
  const dir = mkdtempSync(join(tmpdir(), 'qbridge-cli-'));
  dirs.push(dir);
  const file = join(dir, name);
  writeFileSync(file, source);
  return file;
}

/** Removes the files {@link tempQasm} made. */
export function removeTempQasm(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}
