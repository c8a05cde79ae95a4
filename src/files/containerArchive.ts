import type Docker from 'dockerode';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import * as tar from 'tar-stream';
import { splitContainerPath } from './containerPath';
import { ContainerFileError, fileErrorFromEngine } from './fileErrors';
import { ContainerPathStat, decodePathStat, pathStatHeader } from './pathStat';
import { EntryOwnership, fileEntryHeader, folderEntryHeader, listingEntry, renamedEntry, TarListingEntry } from './tarEntries';

/**
 * The Engine's archive API on one container (`HEAD`/`GET`/`PUT /containers/{id}/archive`): stat, list, read and
 * write paths of running and stopped containers alike, without running anything in the container.
 */
export class ContainerArchive {
  constructor(private readonly container: Docker.Container) {}

  get id(): string {
    return this.container.id;
  }

  /** The stat of a path (a symlink itself, not its target); throws a ContainerFileError. */
  async stat(path: string): Promise<ContainerPathStat> {
    try {
      const reply = (await this.container.infoArchive({ path })) as IncomingMessage;
      reply.resume();
      const header = reply.headers[pathStatHeader];
      if (typeof header !== 'string') {
        throw new ContainerFileError('other', `The engine sent no stat for ${path}.`);
      }
      return decodePathStat(header);
    } catch (error) {
      throw fileErrorFromEngine(error, path);
    }
  }

  /** The stat of a path, undefined when it does not exist. */
  async statIfExists(path: string): Promise<ContainerPathStat | undefined> {
    try {
      return await this.stat(path);
    } catch (error) {
      if (error instanceof ContainerFileError && error.kind === 'notFound') {
        return undefined;
      }
      throw error;
    }
  }

  /** The raw tar of a path (a folder with everything below it). */
  async archive(path: string, signal?: AbortSignal): Promise<IncomingMessage> {
    try {
      return (await this.container.getArchive({ path, abortSignal: signal })) as IncomingMessage;
    } catch (error) {
      throw fileErrorFromEngine(error, path);
    }
  }

  /**
   * Every path below `folder` (and the folder itself, as `''`), read from the tar headers; bodies are skipped.
   * The engine has no shallow listing: the whole subtree travels, so callers keep what they get.
   */
  async list(folder: string): Promise<TarListingEntry[]> {
    const entries: TarListingEntry[] = [];
    let root: string | undefined;
    const extract = tar.extract();
    extract.on('entry', (header, body, next) => {
      root ??= header.name;
      const entry = listingEntry(root, header);
      if (entry) {
        entries.push(entry);
      }
      body.on('end', () => next());
      body.resume();
    });
    const reply = await this.archive(folder);
    await new Promise<void>((resolve, reject) => {
      extract.on('finish', () => resolve());
      extract.on('error', reject);
      reply.on('error', reject);
      reply.pipe(extract);
    }).catch((error: unknown) => {
      reply.destroy();
      throw fileErrorFromEngine(error, folder);
    });
    return entries;
  }

  /**
   * `GET` of a path's archive, with the engine's stat of the path (sent with the reply): the caller looks at it
   * before reading any of the archive, and destroys the reply when it wants none of it.
   */
  async opened(path: string, signal?: AbortSignal): Promise<{ stat: ContainerPathStat; reply: IncomingMessage }> {
    const reply = await this.archive(path, signal);
    const header = reply.headers[pathStatHeader];
    try {
      if (typeof header !== 'string') {
        throw new ContainerFileError('other', `The engine sent no stat for ${path}.`);
      }
      return { stat: decodePathStat(header), reply };
    } catch (error) {
      reply.destroy();
      throw fileErrorFromEngine(error, path);
    }
  }

  /** The contents and header of a regular file (not a symlink: callers resolve it first). */
  async read(path: string): Promise<{ data: Uint8Array; entry: TarListingEntry }> {
    return this.contents((await this.opened(path)).reply, path);
  }

  /** The contents and header of the file an opened archive holds; the reply is read to its first entry's end. */
  async contents(reply: IncomingMessage, path: string): Promise<{ data: Uint8Array; entry: TarListingEntry }> {
    const extract = tar.extract();
    let result: { data: Uint8Array; entry: TarListingEntry } | undefined;
    const done = new Promise<void>((resolve, reject) => {
      extract.on('entry', (header, body, next) => {
        const entry = listingEntry(header.name, header);
        if (!entry || entry.type === 'directory') {
          reject(new ContainerFileError('isADirectory', `${path} is a folder.`));
          return;
        }
        // One buffer of the announced size, filled as chunks arrive (no list of slices to join at the end).
        const data = Buffer.allocUnsafe(entry.size);
        let filled = 0;
        body.on('data', (chunk: unknown) => {
          filled += (chunk as Buffer).copy(data, filled);
        });
        body.on('end', () => {
          result = { data: data.subarray(0, filled), entry };
          resolve();
          next();
        });
      });
      extract.on('error', reject);
      extract.on('finish', () => resolve());
      reply.on('error', reject);
    });
    reply.pipe(extract);
    try {
      await done;
    } finally {
      // The first entry is all a file's archive holds; stop reading once it is in.
      reply.unpipe(extract);
      reply.destroy();
      extract.destroy();
    }
    if (!result) {
      throw new ContainerFileError('notFound', `${path} came back empty from the engine.`);
    }
    return result;
  }

  /** The tar header of one path (its owner and mode), reading no more of the archive than that header. */
  async entryOf(path: string): Promise<TarListingEntry> {
    const controller = new AbortController();
    const reply = await this.archive(path, controller.signal);
    const extract = tar.extract();
    try {
      return await new Promise<TarListingEntry>((resolve, reject) => {
        extract.on('entry', (header) => {
          const entry = listingEntry(header.name, header);
          if (entry) resolve(entry);
          else reject(new ContainerFileError('other', `The engine sent an archive of ${path} without it.`));
        });
        extract.on('error', reject);
        extract.on('finish', () => reject(new ContainerFileError('notFound', `${path} came back empty from the engine.`)));
        reply.on('error', reject);
        reply.pipe(extract);
      });
    } finally {
      reply.unpipe(extract);
      reply.destroy();
      extract.destroy();
    }
  }

  /**
   * Extracts a tar into `folder`. `copyUIDGID` makes new entries belong to the container's user instead of the
   * uid/gid the entries carry.
   */
  async put(folder: string, archive: Readable | Buffer, options: { copyUIDGID?: boolean } = {}): Promise<void> {
    try {
      const reply = (await this.container.putArchive(archive, { path: folder, noOverwriteDirNonDir: true, copyUIDGID: options.copyUIDGID ? 'true' : 'false' })) as unknown;
      if (reply instanceof Readable) {
        reply.resume();
      }
    } catch (error) {
      throw fileErrorFromEngine(error, folder);
    }
  }

  /** Writes a regular file with the given owner and permissions (an existing file is replaced in place). */
  async write(path: string, data: Uint8Array, ownership: EntryOwnership | undefined): Promise<void> {
    const { parent, name } = splitContainerPath(path);
    const pack = tar.pack();
    pack.entry(fileEntryHeader(name, data.byteLength, ownership ?? { permissions: 0o644, uid: 0, gid: 0 }), Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    pack.finalize();
    await this.put(parent, asNodeReadable(pack), { copyUIDGID: !ownership });
  }

  /** Creates one folder; it belongs to the container's user. */
  async makeFolder(path: string): Promise<void> {
    const { parent, name } = splitContainerPath(path);
    const pack = tar.pack();
    pack.entry(folderEntryHeader(name, { permissions: 0o755, uid: 0, gid: 0 }));
    pack.finalize();
    await this.put(parent, asNodeReadable(pack), { copyUIDGID: true });
  }

  /**
   * Copies a path (with everything below it, owners and modes kept) to `target` in `destination` (this container
   * or another), streaming the archive from one to the other with the entries renamed.
   */
  async copyTo(source: string, destination: ContainerArchive, target: string): Promise<void> {
    const { parent, name } = splitContainerPath(target);
    const reply = await this.archive(source);
    const extract = tar.extract();
    const pack = tar.pack();
    let root: string | undefined;
    extract.on('entry', (header, body, next) => {
      root ??= header.name;
      const renamed = renamedEntry(root, header.name, name);
      if (renamed === undefined) {
        body.on('end', () => next());
        body.resume();
        return;
      }
      const entry = pack.entry({ ...header, name: renamed }, (error) => next(error ?? undefined));
      body.pipe(entry);
    });
    extract.on('finish', () => pack.finalize());
    extract.on('error', (error) => pack.destroy(error));
    const reading = new Promise<void>((resolve, reject) => {
      extract.on('finish', () => resolve());
      extract.on('error', reject);
      reply.on('error', reject);
      reply.pipe(extract);
    });
    await Promise.all([reading, destination.put(parent, asNodeReadable(pack))]).catch((error: unknown) => {
      reply.destroy();
      throw fileErrorFromEngine(error, target);
    });
  }
}

/**
 * tar-stream's packs are streamx streams; docker-modem pipes any stream with `pipe` into the request, which
 * a streamx Readable supports. The cast only tells TypeScript so.
 */
function asNodeReadable(pack: tar.Pack): Readable {
  return pack as unknown as Readable;
}
