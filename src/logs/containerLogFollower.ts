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
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    // The engine writes a chunk per log line: chunks that arrive in one turn of the event loop are decoded,
    // rendered and written as one batch (less work per line, far fewer terminal writes).
    let pending: Buffer[] = [];
    const flush = () => {
      const batch = pending;
      pending = [];
      if (batch.length > 0) {
        decoder.push(batch.length === 1 ? batch[0] : Buffer.concat(batch));
      }
    };
    stream.on('data', (chunk: Buffer) => {
      if (pending.push(chunk) === 1) {
        setImmediate(flush);
      }
    });
    const done = () => {
      signal.removeEventListener('abort', onAbort);
      flush();
      resolve();
    };
    stream.on('end', done);
    stream.on('close', done);
    stream.on('error', (error: Error) => (signal.aborted ? resolve() : reject(error)));
  });
  decoder.end();
}

/**
 * The logs endpoint as a stream in both modes (dockerode buffers the whole response when `follow` is off).
 */
async function openLogStream(
  docker: Docker,
  containerId: string,
  query: { follow: boolean; timestamps: boolean; tail?: number | 'all'; since?: number },
  signal: AbortSignal,
): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        path: `/containers/${encodeURIComponent(containerId)}/logs?`,
        method: 'GET',
        abortSignal: signal,
        isStream: true,
        statusCodes: { 200: true, 404: 'no such container', 500: 'server error' },
        options: { stdout: true, stderr: true, ...query },
      } as Parameters<Docker['modem']['dial']>[0],
      (error: unknown, stream: unknown) => (error ? reject(error) : resolve(stream as NodeJS.ReadableStream)),
    );
  });
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
    const stream = await openLogStream(docker, containerId, {
      follow: !history,
      timestamps: true,
      ...(first ? { tail: options.tail } : since === undefined ? {} : { since }),
    }, signal);
    first = false;
    const decoder = new LogDecoder({ tty: info.Config.Tty, showTimestamps: options.showTimestamps, resume, onLines: (kind, lines) => sink.lines(kind, lines) });
    await pump(stream, decoder, signal);
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
