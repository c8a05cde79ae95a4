/**
 * Follows one container's logs for as long as the caller wants: the last N lines, then new ones; when the
 * container stops it says so, waits for the next start (from the event stream) and re-attaches from where
 * it left off, so no line is shown twice or lost. Engine I/O without vscode.
 */
import type Docker from 'dockerode';
import { ContainerEventWatch } from './containerEvents';
import { LogDecoder } from './logDecoder';
import type { StreamKind } from './frameDemuxer';
import { ResumePoint } from './logTimestamps';

export interface LogFollowOptions {
  tail: number | 'all';
  showTimestamps: boolean;
  /** Keep following after the container stops (default true); false ends at the first stop. */
  follow?: boolean;
}

export interface LogFollowSink {
  lines(stream: StreamKind, lines: string[]): void;
  /** Dockside's own notices: stopped, restarted, removed. */
  notice(text: string): void;
}

/** Streams one attach's output through the decoder; resolves when the engine ends the stream. */
async function pump(stream: NodeJS.ReadableStream, decoder: LogDecoder, signal: AbortSignal): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      resolve();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    stream.on('data', (chunk: Buffer) => decoder.push(chunk));
    const done = () => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    };
    stream.on('end', done);
    stream.on('close', done);
    stream.on('error', (error: Error) => (signal.aborted ? resolve() : reject(error)));
  });
  decoder.end();
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
    const since = first ? undefined : resume.beginReplay();
    const stream = (await container.logs({
      follow: follow as true,
      stdout: true,
      stderr: true,
      timestamps: true,
      ...(first ? { tail: options.tail } : since === undefined ? {} : { since }),
      abortSignal: signal,
    } as Docker.ContainerLogsOptions & { follow: true })) as NodeJS.ReadableStream;
    first = false;
    const decoder = new LogDecoder({ tty: info.Config.Tty, showTimestamps: options.showTimestamps, resume, onLines: (kind, lines) => sink.lines(kind, lines) });
    await pump(stream, decoder, signal);
    if (signal.aborted || !watch) {
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
