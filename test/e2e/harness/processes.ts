/**
 * Child process groups the e2e harness owns. Every long-lived child (code-server and what it spawns: the
 * extension host, the pty host, file watchers) leads its own process group, and the whole group is ended
 * on stop, on exit, on Ctrl-C and on a test timeout — nothing is left running.
 */
import { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';

const owned = new Set<number>();
const scratchFolders = new Set<string>();
let exitHooked = false;
let signalsHooked = false;
let signalCleanup: (() => Promise<void>) | undefined;
const SIGNAL_CLEANUP_MS = 10_000;

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function killAllOwned(): void {
  for (const pid of owned) {
    killGroup(pid, 'SIGKILL');
  }
}

function hookExit(): void {
  if (!exitHooked) {
    exitHooked = true;
    process.on('exit', () => {
      killAllOwned();
      for (const folder of scratchFolders) {
        fs.rmSync(folder, { recursive: true, force: true });
      }
    });
  }
}

/** Removes `folder` when this process exits, even when it exits before its owner could clean up. */
export function removeOnExit(folder: string): () => void {
  hookExit();
  scratchFolders.add(folder);
  return () => {
    scratchFolders.delete(folder);
    fs.rmSync(folder, { recursive: true, force: true });
  };
}

function hookSignals(): void {
  if (signalsHooked) {
    return;
  }
  signalsHooked = true;
  const codes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
  for (const signal of Object.keys(codes) as Array<keyof typeof codes>) {
    process.once(signal, () => {
      const cleanup = signalCleanup ?? (() => Promise.allSettled([...owned].map((pid) => endGroupByPid(pid, 3_000))).then(() => undefined));
      const deadline = new Promise<void>((resolve) => setTimeout(resolve, SIGNAL_CLEANUP_MS).unref());
      void Promise.race([cleanup().catch(() => undefined), deadline]).then(() => {
        killAllOwned();
        process.exit(codes[signal]);
      });
    });
  }
}

/**
 * On Ctrl-C (SIGINT), SIGTERM or SIGHUP: runs `cleanup` (at most 10 s), kills whatever group is left, and
 * exits. Without a cleanup, every owned group is ended.
 */
export function cleanUpOnSignals(cleanup: () => Promise<void>): void {
  signalCleanup = cleanup;
  hookSignals();
}

/** Signals a whole process group (a child spawned with `detached: true` leads its own group). */
export function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) {
    return;
  }
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** Forgets a group whose leader ended normally (a finished command), so its id is never signalled later. */
export function releaseGroup(child: ChildProcess): void {
  if (child.pid !== undefined) {
    owned.delete(child.pid);
  }
}

/** Registers a child spawned with `detached: true` so its group is killed whatever happens. */
export function ownGroup(child: ChildProcess): void {
  if (child.pid === undefined) {
    return;
  }
  hookExit();
  hookSignals();
  owned.add(child.pid);
}

/** Ends the group: SIGTERM, then SIGKILL after `graceMs`; resolves once no process of the group is left. */
export async function endGroup(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.pid !== undefined) {
    await endGroupByPid(child.pid, graceMs);
  }
}

async function endGroupByPid(pid: number, graceMs: number): Promise<void> {
  killGroup(pid, 'SIGTERM');
  await waitForGroupExit(pid, graceMs);
  killGroup(pid, 'SIGKILL');
  await waitForGroupExit(pid, 5_000);
  owned.delete(pid);
  if (groupAlive(pid)) {
    throw new Error(`process group ${pid} is still alive after SIGKILL`);
  }
}

async function waitForGroupExit(pid: number, withinMs: number): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (groupAlive(pid) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
