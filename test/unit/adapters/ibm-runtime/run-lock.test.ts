/** The kernel run lock: one holder at a time, a dead holder's lock taken over, the pid named. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lockRunIn } from '../../../../adapters/ibm-runtime/run-lock';
import { ConfigurationError, RunInProgressError } from '../../../../src/core/errors';
import { cleanupTempDirs, tempDir } from '../../../support/cli';

afterAll(() => cleanupTempDirs());

const KEY = '0123456789abcdef0123456789abcdef';

/** A lock left by process `pid` as a SIGKILL leaves it: fresh lock directory, pid file. */
function leftBehind(dir: string, pid: number): void {
  fs.mkdirSync(path.join(dir, 'runs', `${KEY}.lock`), { recursive: true });
  fs.writeFileSync(path.join(dir, 'runs', `${KEY}.pid`), `${pid}\n`);
}

it('also build (run lock): a second lock of the same run is refused naming the holder pid; after release it is free again', async () => {
  const dir = tempDir();
  const release = await lockRunIn(dir, KEY);
  const err = await lockRunIn(dir, KEY).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(RunInProgressError);
  expect(err).toMatchObject({ code: 'RUN_IN_PROGRESS', runKey: KEY, pid: process.pid });
  expect((err as Error).message).toBe(`run ${KEY} is in progress in another process (pid ${process.pid}); wait for it to finish, or stop it and resume`);
  // Another run is not blocked.
  await (await lockRunIn(dir, 'another-run'))();
  await release();
  await (await lockRunIn(dir, KEY))();
});

it('also build (run lock): the fresh lock of a killed process (its pid no longer exists) is taken over at once', async () => {
  const dir = tempDir();
  const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
  leftBehind(dir, dead);
  const release = await lockRunIn(dir, KEY);
  expect(fs.readFileSync(path.join(dir, 'runs', `${KEY}.pid`), 'utf8').trim()).toBe(String(process.pid));
  await release();
});

it('also build (run lock): a fresh lock whose pid is alive is not taken over', async () => {
  const dir = tempDir();
  leftBehind(dir, process.ppid);
  await expect(lockRunIn(dir, KEY)).rejects.toMatchObject({ code: 'RUN_IN_PROGRESS', pid: process.ppid });
});

it('a key that is not a plain name is refused (it would escape the runs directory)', async () => {
  await expect(lockRunIn(tempDir(), '../x')).rejects.toBeInstanceOf(ConfigurationError);
});
