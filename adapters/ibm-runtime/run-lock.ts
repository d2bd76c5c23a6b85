/**
 * Cross-process locks of resumable runs, next to the job ledger: `<ledger dir>/runs/<key>.lock`
 * (a directory proper-lockfile creates atomically and keeps fresh), with the holder's pid in
 * `<key>.pid` so the refusal can name the process.
 *
 * Choice: a second process is refused at once with a {@link RunInProgressError} rather than
 * made to wait, because waiting hides a duplicate invocation that the user most likely did not
 * mean (and that would only wait for the same answers). A holder that died is detected by its
 * recorded pid no longer existing (the lock is taken over at once), and otherwise its lock goes
 * stale after {@link STALE_MS} without refreshes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as lockfile from 'proper-lockfile';
import { ConfigurationError, RunInProgressError } from '../../src/core/errors';

/** A lock not refreshed for this long belongs to a dead process (proper-lockfile's default). */
export const STALE_MS = 10_000;

/** Keys are run keys (hex); anything else could escape the runs directory. */
const KEY = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * Locks run `key` in `<dir>/runs`. Resolves to the release (idempotent).
 * @throws {RunInProgressError} when a live holder (another process, or another run in this one) has it
 * @throws {ConfigurationError} for a key that is not a file name, or a directory that cannot be written
 */
export async function lockRunIn(dir: string, key: string): Promise<() => Promise<void>> {
  if (!KEY.test(key)) throw new ConfigurationError(`run key '${key}' is not a plain name`, 'resume');
  const runs = path.join(dir, 'runs');
  try {
    fs.mkdirSync(runs, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw new ConfigurationError(`cannot create the run lock directory ${runs}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`, 'QBRIDGE_HOME', { cause: e });
  }
  const target = path.join(runs, key);
  const pidFile = `${target}.pid`;
  let release: () => Promise<void>;
  for (let attempt = 0; ; attempt++) {
    try {
      release = await lockfile.lock(target, {
        realpath: false,
        stale: STALE_MS,
        retries: 0,
        // Compromised = our lock went stale and was taken over (e.g. the machine slept). The
        // default handler throws from a timer and would crash the process; the run carries on
        // and its chunks stay journaled, so there is nothing better to do here.
        onCompromised: () => undefined,
      });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ELOCKED') {
        throw new ConfigurationError(`cannot lock run ${key} in ${runs}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`, 'QBRIDGE_HOME', { cause: e });
      }
      const parsed = Number.parseInt(safeRead(pidFile), 10);
      const pid = Number.isInteger(parsed) && parsed > 0 ? parsed : undefined;
      // A holder killed outright (SIGKILL, power loss) leaves its lock fresh for up to STALE_MS;
      // the ledger is local to this machine, so a recorded pid that no longer exists is proof the
      // run is not in progress: take the lock over once instead of making the resume wait.
      if (attempt === 0 && pid !== undefined && pid !== process.pid && !isAlive(pid)) {
        fs.rmSync(`${target}.lock`, { recursive: true, force: true });
        fs.rmSync(pidFile, { force: true });
        continue;
      }
      throw new RunInProgressError(key, pid);
    }
  }
  fs.writeFileSync(pidFile, `${process.pid}\n`, { mode: 0o600 });
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    fs.rmSync(pidFile, { force: true });
    await release().catch(() => undefined); // already taken over as stale: nothing left to release
  };
}

/** Whether process `pid` exists on this machine (EPERM: it exists, owned by someone else). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function safeRead(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
