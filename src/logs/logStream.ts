/**
 * One read of a container's logs endpoint into a decoder: over a plain socket when the connection allows it
 * (rawLogStream), through dockerode otherwise. Bytes that arrive in one turn of the event loop are delivered
 * as one batch (less work per line, far fewer terminal writes).
 */
import type Docker from 'dockerode';
import { rawEngineAddress, readEngineStream } from './rawLogStream';

export interface LogQuery {
  follow: boolean;
  timestamps: boolean;
  tail?: number | 'all';
  /** Unix seconds. */
  since?: number;
  /** Unix seconds with nanoseconds (`1700000000.000000001`), inclusive. */
  until?: string;
  /** A service's log lines then carry their task, node and service ids before the text (`details=true`). */
  details?: boolean;
}

/** Whose logs: a container's, or a service's (every task's, merged by the engine). */
export type LogOwner = 'containers' | 'services';

export interface LogSink {
  push(bytes: Buffer, start: number, end: number): void;
  flush(): void;
}

/** The logs endpoint's path and query, as dockerode would send it. Pure. */
export function logsPath(containerId: string, query: LogQuery, owner: LogOwner = 'containers'): string {
  const params = new URLSearchParams({ stdout: 'true', stderr: 'true', follow: String(query.follow), timestamps: String(query.timestamps) });
  if (query.tail !== undefined) params.set('tail', String(query.tail));
  if (query.since !== undefined) params.set('since', String(query.since));
  if (query.until !== undefined) params.set('until', query.until);
  if (query.details) params.set('details', 'true');
  return `/${owner}/${encodeURIComponent(containerId)}/logs?${params.toString()}`;
}

/** Reads the logs endpoint once into `sink`; resolves when the engine ends the stream or the signal aborts. */
export async function readLogs(docker: Docker, containerId: string, query: LogQuery, sink: LogSink, signal: AbortSignal, owner: LogOwner = 'containers'): Promise<void> {
  let scheduled: NodeJS.Immediate | undefined;
  const flush = () => {
    scheduled = undefined;
    sink.flush();
  };
  const push = (bytes: Buffer, start: number, end: number) => {
    sink.push(bytes, start, end);
    scheduled ??= setImmediate(flush);
  };
  try {
    const address = await rawEngineAddress(docker);
    if (address) {
      await readEngineStream(address, logsPath(containerId, query, owner), push, signal);
    } else {
      await readThroughDockerode(docker, containerId, query, push, signal, owner);
    }
  } finally {
    if (scheduled) {
      clearImmediate(scheduled);
      flush();
    }
  }
}

async function readThroughDockerode(
  docker: Docker,
  containerId: string,
  query: LogQuery,
  push: (bytes: Buffer, start: number, end: number) => void,
  signal: AbortSignal,
  owner: LogOwner,
): Promise<void> {
  // The endpoint as a stream in both modes (dockerode buffers the whole response when `follow` is off).
  const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) => {
    docker.modem.dial(
      {
        path: `/${owner}/${encodeURIComponent(containerId)}/logs?`,
        method: 'GET',
        abortSignal: signal,
        isStream: true,
        statusCodes: { 200: true, 404: owner === 'services' ? 'no such service' : 'no such container', 500: 'server error', 503: 'node is not a swarm manager' },
        options: { stdout: true, stderr: true, ...query },
      } as Parameters<Docker['modem']['dial']>[0],
      (error: unknown, result: unknown) => (error ? reject(error) : resolve(result as NodeJS.ReadableStream)),
    );
  });
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
    stream.on('data', (chunk: Buffer) => push(chunk, 0, chunk.length));
    const done = () => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    };
    stream.on('end', done);
    stream.on('close', done);
    stream.on('error', (error: Error) => (signal.aborted ? resolve() : reject(error)));
  });
}
