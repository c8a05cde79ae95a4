/**
 * Ending the processes test support starts (registry, sshd, dockerd, containerd, podman service) and reading
 * what they logged: one way for all of them.
 */
import type { ChildProcess } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';

/** True while the child has neither exited nor been ended by a signal. */
export function isRunning(child: ChildProcess | undefined): child is ChildProcess {
  return child !== undefined && child.exitCode === null && child.signalCode === null;
}

/**
 * Ends a child: SIGCONT (a frozen process acts on SIGTERM only once it runs again), SIGTERM, and SIGKILL if it
 * is still there after `killAfterMs`; resolves once it exited. Nothing to do for a child that already ended.
 */
export async function stopChild(child: ChildProcess | undefined, killAfterMs = 15_000): Promise<void> {
  if (!isRunning(child)) {
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGCONT');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  await exited;
  clearTimeout(timer);
}

/** The last lines of a log file, for an error message. */
export function logTail(file: string, lines = 10): string {
  try {
    return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Lazily unmounts whatever is still mounted below `dir`, deepest first (before the folder is deleted). */
export function unmountBelow(dir: string): void {
  const mounts = fs
    .readFileSync('/proc/self/mounts', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[1])
    .filter((point) => point?.startsWith(`${dir}/`))
    .sort()
    .reverse();
  for (const point of mounts) {
    spawnSync('umount', ['-l', point], { stdio: 'ignore' });
  }
}
