/**
 * Follows one container's logs for as long as the caller wants: the last N lines, then new ones; when the
 * container stops it says so, waits for the next start (from the event stream) and re-attaches from where
 * it left off, so no line is shown twice or lost. Engine I/O without vscode.
 */
import type Docker from 'dockerode';
import { ContainerEventWatch } from './containerEvents';
import { LogBatch, LogDecoder } from './logDecoder';
import { ResumePoint } from './logTimestamps';
import { readLogs } from './logStream';

export interface LogFollowOptions {
  tail: number | 'all';
  /** Read for every line: changing it on the object passed in applies from the next line on. */
  showTimestamps: boolean;
  /** Keep following after the container stops (default true); false ends at the first stop. */
  follow?: boolean;
}

export interface LogFollowSink {
  lines(batch: LogBatch): void;
  /** Dockside's own notices: stopped, restarted, removed. */
  notice(text: string): void;
}

export async function followContainerLogs(
  docker: Docker,
  containerId: string,
  options: LogFollowOptions,
  sink: LogFollowSink,
  signal: AbortSignal,
): Promise<void> {
  const container = docker.getContainer(containerId);
  const follow = options.follow ?? true;
  const watch = follow ? new ContainerEventWatch(docker, { container: containerId }, signal) : undefined;
  await watch?.ready;
  const resume = new ResumePoint();
  let first = true;
  while (!signal.aborted) {
    const seenStarts = watch?.startCount ?? 0;
    const info = await container.inspect();
    if (signal.aborted) {
      return;
    }
    const since = first ? undefined : resume.beginReplay();
    // History is read without `follow` (the engine then writes in large blocks instead of flushing every
    // line); a running container is then followed from the last line shown, the resume point dropping the
    // overlap. A stopped container is only read.
    const live = info.State.Running;
    const history = first || !live;
    const query = { follow: !history, timestamps: true, ...(first ? { tail: options.tail } : since === undefined ? {} : { since }) };
    first = false;
    const decoder = new LogDecoder({
      tty: info.Config.Tty,
      get showTimestamps() {
        return options.showTimestamps;
      },
      resume,
      onLines: (batch) => sink.lines(batch),
    });
    await readLogs(docker, containerId, query, decoder, signal);
    decoder.end();
    if (signal.aborted) {
      return;
    }
    if (history && live) {
      // The history is shown; now follow the running container from there.
      continue;
    }
    if (!watch) {
      return;
    }
    const after = await container.inspect().catch(() => undefined);
    if (!after || watch.destroyed) {
      sink.notice('The container was removed.');
      return;
    }
    if (after.State.Running) {
      // It restarted before we looked: re-attach at once; the resume point drops the replayed lines.
      sink.notice('The container restarted.');
      continue;
    }
    sink.notice(`The container stopped (exit code ${after.State.ExitCode}). Waiting for it to start again…`);
    await watch.waitForStart(seenStarts, signal);
    if (watch.destroyed) {
      sink.notice('The container was removed.');
      return;
    }
    if (!signal.aborted) {
      sink.notice('The container started again.');
    }
  }
}
