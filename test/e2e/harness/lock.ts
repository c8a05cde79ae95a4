/**
 * A cross-process lock on a folder: `mkdir` is atomic, the owner's pid is written inside, and a lock whose
 * owner is dead is taken over. Two test runs that install the same cache at once take turns instead of
 * writing over each other.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const POLL_MS = 500;

function ownerAlive(lockDir: string): boolean {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(path.join(lockDir, 'owner'), 'utf8').trim());
  } catch {
    // Created but not yet written by its owner: give it the benefit of the doubt unless it is old.
    const age = Date.now() - fs.statSync(lockDir, { throwIfNoEntry: false })!.mtimeMs;
    return age < 10_000;
  }
  if (!Number.isInteger(pid) || pid <= 0) {
    return false;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function tryAcquire(lockDir: string): boolean {
  try {
    fs.mkdirSync(lockDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw error;
    }
    if (fs.existsSync(lockDir) && !ownerAlive(lockDir)) {
      fs.rmSync(lockDir, { recursive: true, force: true });
    }
    return false;
  }
  fs.writeFileSync(path.join(lockDir, 'owner'), `${process.pid}\n`);
  return true;
}

/** Runs `body` holding the lock; waits for another holder at most `waitMs`. */
export async function withLock<T>(lockDir: string, waitMs: number, body: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + waitMs;
  while (!tryAcquire(lockDir)) {
    if (Date.now() > deadline) {
      throw new Error(`${lockDir} is still held by another run after ${waitMs / 1000} s (remove it if no run is active)`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  try {
    return await body();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}
