/**
 * Follows one container's logs for as long as the caller wants: the last N lines, then new ones; when the
 * container stops it says so, waits for the next start (from the event stream) and re-attaches from where
 * it left off, so no line is shown twice or lost. Engine I/O without vscode.
 */
import type Docker from 'dockerode';
import { Backoff } from '../engine/backoff';
import { describeEngineError } from '../engine/errors';
import { pingWithin } from '../engine/probes';
import { ContainerEventWatch, WatchMark } from './containerEvents';
import { LogBatch, LogDecoder } from './logDecoder';
import { ResumePoint, timestampNanos, unixTimestamp } from './logTimestamps';
import { LogQuery, LogSink, readLogs } from './logStream';

export interface LogFollowOptions {
  tail: number | 'all';
  /** Read for every line: changing it on the object passed in applies from the next line on. */
  showTimestamps: boolean;
  /** Keep following after the container stops (default true); false ends at the first stop. */
  follow?: boolean;
  /**
   * A followed stream silent this long pings the engine; no answer within the deadline ends the read as a lost
   * connection (resumed from the last line shown once the engine answers). Default 2.5 s.
   */
  silenceCheckMs?: number;
}

export interface LogFollowSink {
  lines(batch: LogBatch): void;
  /** Dockside's own notices: stopped, restarted, removed. */
  notice(text: string): void;
  /**
   * Once, when the first read of the log found no line (`running` tells whether the container runs): the
   * sink may say so. It is Dockside's text, not a log line: the resume point never counts it.
   */
  empty?(running: boolean): void;
}

/** The engine's present time (its clock, which stamps the log lines), or undefined when it does not say. */
async function engineTime(docker: Docker): Promise<bigint | undefined> {
  const info = (await docker.info().catch(() => undefined)) as { SystemTime?: unknown } | undefined;
  return typeof info?.SystemTime === 'string' ? timestampNanos(info.SystemTime) : undefined;
}

/** The engine answered "no such container". */
function isNotFound(error: unknown): boolean {
  return (error as { statusCode?: unknown } | undefined)?.statusCode === 404;
}

/** The connection to the engine failed (as opposed to an answer of the engine): worth trying again. */
function isConnectionLost(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^(ECONNRESET|EPIPE|ECONNREFUSED|ENOENT|ETIMEDOUT|ECONNABORTED|EHOSTUNREACH|ENETUNREACH)$/.test(code);
}

/**
 * One read of the logs, watched for silence while it follows: a quiet container is normal, a frozen engine is
 * not, and only a ping tells them apart. A ping that fails ends the read with its error.
 */
async function readWatched(docker: Docker, containerId: string, query: LogQuery, decoder: LogSink, signal: AbortSignal, silenceMs: number): Promise<void> {
  if (!query.follow) {
    return readLogs(docker, containerId, query, decoder, signal);
  }
  const read = new AbortController();
  const forward = () => read.abort();
  signal.addEventListener('abort', forward, { once: true });
  let heard = true;
  let pinging = false;
  let stalled: unknown;
  const timer = setInterval(() => {
    if (heard || pinging) {
      heard = false;
      return;
    }
    pinging = true;
    pingWithin(docker)
      .then(
        () => (heard = true),
        (error: unknown) => {
          stalled = error;
          read.abort();
        },
      )
      .finally(() => (pinging = false));
  }, silenceMs);
  const sink: LogSink = {
    push: (bytes, start, end) => {
      heard = true;
      decoder.push(bytes, start, end);
    },
    flush: () => decoder.flush(),
  };
  try {
    await readLogs(docker, containerId, query, sink, read.signal);
  } finally {
    clearInterval(timer);
    signal.removeEventListener('abort', forward);
  }
  if (stalled !== undefined && !signal.aborted) {
    throw stalled;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
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
  const reconnectDelay = new Backoff(250, 5000);
  let first = true;
  let shownAny = false;
  let emptySaid = false;
  /** Inspects; undefined when the container is gone; waits and tries again while the engine cannot be reached. */
  const inspect = async (): Promise<Docker.ContainerInspectInfo | undefined> => {
    for (;;) {
      try {
        const info = await container.inspect();
        reconnectDelay.reset();
        return info;
      } catch (error) {
        if (isNotFound(error)) return undefined;
        if (!watch || !isConnectionLost(error) || signal.aborted) throw error;
        await sleep(reconnectDelay.next(), signal);
      }
    }
  };
  while (!signal.aborted) {
    const mark = watch?.mark();
    const info = first ? await container.inspect() : await inspect();
    if (signal.aborted) {
      return;
    }
    if (!info) {
      sink.notice('The container was removed.');
      return;
    }
    // Until a line was shown the tail is asked for (again, after a failed first read); then what follows it.
    const since = resume.beginReplay();
    // History is read without `follow` (the engine then writes in large blocks instead of flushing every
    // line); a running container is then followed from the last line shown, the resume point dropping the
    // overlap. A stopped container is only read.
    const live = info.State.Running;
    const history = first || !live;
    // A stopped container's log is final until it starts again: when timestamps are not shown it is read
    // without them (less work for the engine), up to the engine's present time, which then serves as the
    // resume point: its next run's lines all come later. A re-attach that replays lines needs timestamps.
    const until = !live && since === undefined && !options.showTimestamps ? await engineTime(docker) : undefined;
    const query = {
      follow: !history,
      timestamps: until === undefined,
      ...(since === undefined ? { tail: options.tail } : { since }),
      ...(until === undefined ? {} : { until: unixTimestamp(until) }),
    };
    first = false;
    const decoder = new LogDecoder({
      tty: info.Config.Tty,
      timestamps: query.timestamps,
      get showTimestamps() {
        return options.showTimestamps;
      },
      resume,
      onLines: (batch) => {
        shownAny = true;
        sink.lines(batch);
      },
    });
    try {
      await readWatched(docker, containerId, query, decoder, signal, options.silenceCheckMs ?? 2_500);
    } catch (error) {
      decoder.end();
      if (!watch || signal.aborted || !isConnectionLost(error)) {
        throw error;
      }
      // The engine went away (restart, socket error): pick up from the last line shown once it answers.
      sink.notice(`${describeEngineError(error)} Reconnecting…`);
      await sleep(reconnectDelay.next(), signal);
      continue;
    }
    decoder.end();
    if (!shownAny && !emptySaid && !signal.aborted) {
      emptySaid = true;
      sink.empty?.(live);
    }
    if (until !== undefined) {
      resume.shownUntil(until);
    }
    if (signal.aborted) {
      return;
    }
    if (history && live) {
      // The history is shown; now follow the running container from there.
      continue;
    }
    if (!watch || !mark) {
      return;
    }
    const after = await inspect();
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
    const outcome = await waitForNextStart(watch, mark, after.State.StartedAt, inspect, signal);
    if (outcome === 'removed') {
      sink.notice('The container was removed.');
      return;
    }
    if (outcome === 'started') {
      sink.notice('The container started again.');
    }
  }
}

/**
 * Waits for the container to start again. When the event stream was re-established (the engine restarted,
 * the socket dropped) a start may have happened in the gap: the container's state tells, a changed
 * `StartedAt` catching a run that already ended.
 */
async function waitForNextStart(
  watch: ContainerEventWatch,
  mark: WatchMark,
  startedAt: string,
  inspect: () => Promise<Docker.ContainerInspectInfo | undefined>,
  signal: AbortSignal,
): Promise<'started' | 'removed' | 'aborted'> {
  for (;;) {
    const outcome = await watch.waitForStart(mark, signal);
    if (outcome !== 'resynced') {
      return outcome;
    }
    mark = watch.mark();
    const now = await inspect();
    if (!now) {
      return 'removed';
    }
    if (now.State.Running || now.State.StartedAt !== startedAt) {
      return 'started';
    }
  }
}
