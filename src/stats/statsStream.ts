import type Docker from 'dockerode';
import type { EngineStats } from './engineStats';

/** An open stats stream; `close` ends it (and the HTTP request under it). */
export interface StatsStream {
  close(): void;
}

export type OpenStatsStream = (id: string, onSample: (sample: EngineStats) => void, onEnd: (error?: Error) => void) => StatsStream;

/**
 * Opens the Engine's streaming `GET /containers/{id}/stats` (one JSON document per line, about one a second)
 * through dockerode. A line that is not JSON is skipped; the end of the stream (the container stopped, the
 * engine went away) is reported once through `onEnd`, unless `close` came first.
 */
export function engineStatsStream(docker: Docker): OpenStatsStream {
  return (id, onSample, onEnd) => {
    let ended = false;
    const end = (error?: Error) => {
      if (!ended) {
        ended = true;
        onEnd(error);
      }
    };
    let stream: NodeJS.ReadableStream | undefined;
    docker
      .getContainer(id)
      .stats({ stream: true })
      .then((readable) => {
        stream = readable;
        if (ended) {
          (readable as unknown as { destroy?: () => void }).destroy?.();
          return;
        }
        let buffered = '';
        readable.on('data', (chunk: Buffer | string) => {
          buffered += chunk.toString();
          let newline = buffered.indexOf('\n');
          while (newline >= 0) {
            const line = buffered.slice(0, newline).trim();
            buffered = buffered.slice(newline + 1);
            if (line) {
              try {
                onSample(JSON.parse(line) as EngineStats);
              } catch {
                // A partial or foreign line: the next sample comes within a second.
              }
            }
            newline = buffered.indexOf('\n');
          }
        });
        readable.on('end', () => end());
        readable.on('close', () => end());
        readable.on('error', (error: Error) => end(error));
      })
      .catch((error: unknown) => end(error instanceof Error ? error : new Error(String(error))));
    return {
      close: () => {
        ended = true;
        (stream as unknown as { destroy?: () => void } | undefined)?.destroy?.();
      },
    };
  };
}
