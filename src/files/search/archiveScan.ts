import type { IncomingMessage } from 'node:http';
import * as tar from 'tar-stream';
import type { ContainerArchive } from '../containerArchive';
import { fileErrorFromEngine } from '../fileErrors';
import { listingEntry, TarListingEntry } from '../tarEntries';

/** What a scan wants of an entry: nothing more (its body is drained), or its body (regular files only). */
export type ScanVisitor = (entry: TarListingEntry) => 'skip' | 'read';

/** A body handed back for an entry the visitor wanted read. */
export type BodyHandler = (entry: TarListingEntry, data: Buffer) => void;

/** How a scan ended: the whole archive was read, or it was stopped (`stop()` or the signal). */
export type ScanEnd = 'done' | 'stopped';

/**
 * Streams ONE archive of `folder` (`GET /containers/{id}/archive`), running or stopped container alike, and
 * hands each entry's header to `visit` as it arrives; bodies are drained unread unless the visitor asks for one,
 * and then only one body is in memory at a time. Aborting the signal ends the request at once (the handlers
 * may abort it themselves once they have enough).
 */
export async function scanArchive(
  archive: ContainerArchive,
  folder: string,
  handlers: { visit: ScanVisitor; body?: BodyHandler },
  signal: AbortSignal,
): Promise<ScanEnd> {
  if (signal.aborted) {
    return 'stopped';
  }
  const controller = new AbortController();
  const stop = () => controller.abort();
  signal.addEventListener('abort', stop, { once: true });
  let reply: IncomingMessage | undefined;
  const extract = tar.extract();
  try {
    reply = await archive.archive(folder, controller.signal);
    const source = reply;
    return await new Promise<ScanEnd>((resolve, reject) => {
      let root: string | undefined;
      const stopped = () => resolve('stopped');
      controller.signal.addEventListener('abort', stopped, { once: true });
      extract.on('entry', (header, body, next) => {
        root ??= header.name;
        const entry = controller.signal.aborted ? undefined : listingEntry(root, header);
        const wanted = entry ? handlers.visit(entry) : 'skip';
        if (entry && wanted === 'read' && entry.type === 'file' && handlers.body) {
          const data = Buffer.allocUnsafe(entry.size);
          let filled = 0;
          body.on('data', (chunk: unknown) => {
            filled += (chunk as Buffer).copy(data, filled);
          });
          body.on('end', () => {
            if (!controller.signal.aborted) {
              handlers.body?.(entry, data.subarray(0, filled));
            }
            next();
          });
          return;
        }
        body.on('end', () => next());
        body.resume();
      });
      extract.on('finish', () => resolve(controller.signal.aborted ? 'stopped' : 'done'));
      extract.on('error', (error) => (controller.signal.aborted ? stopped() : reject(error)));
      source.on('error', (error) => (controller.signal.aborted ? stopped() : reject(error)));
      source.pipe(extract);
    });
  } catch (error) {
    if (controller.signal.aborted) {
      return 'stopped';
    }
    throw fileErrorFromEngine(error, folder);
  } finally {
    signal.removeEventListener('abort', stop);
    reply?.unpipe(extract);
    reply?.destroy();
    extract.destroy();
  }
}
