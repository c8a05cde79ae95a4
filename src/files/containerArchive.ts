import type Docker from 'dockerode';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import * as tar from 'tar-stream';
import type { HttpResponseHead } from '../logs/httpResponse';
import { rawEngineAddress, readEngineStream } from '../logs/rawLogStream';
import { splitContainerPath } from './containerPath';
import { ContainerFileError, fileErrorFromEngine } from './fileErrors';
import { ContainerPathStat, decodePathStat, pathStatHeader } from './pathStat';
import { BodyAllocator, TarFirstEntry, TarFormatError } from './tarFirstEntry';
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
    const read = await this.fileContents(path, () => true);
    if (!read) {
      throw new ContainerFileError('other', `The engine sent no archive of ${path}.`);
    }
    return read;
  }

  /**
   * The contents and header of the file an opened archive holds, its body copied into `allocate(size)`; the
   * reply is read to its first entry's end, then destroyed.
   */
  async contents(reply: Readable, path: string, allocate?: BodyAllocator): Promise<{ data: Uint8Array; entry: TarListingEntry }> {
    const reader = new TarFirstEntry(allocate);
    try {
      await new Promise<void>((resolve, reject) => {
        reply.on('data', (chunk: Buffer) => {
          try {
            if (reader.push(chunk)) resolve();
          } catch (error) {
            reject(error);
          }
        });
        reply.on('end', () => resolve());
        // A connection lost mid-way closes the reply, with or without an error: finish() then tells what is missing.
        reply.on('close', () => resolve());
        reply.on('error', reject);
      });
    } catch (error) {
      throw readError(error, path);
    } finally {
      // The first entry is all a file's archive holds; stop reading once it is in.
      reply.destroy();
    }
    return finishedEntry(reader, path);
  }

  /**
   * The contents and header of the regular file at `path` (links resolved by the caller) from one `GET` of its
   * archive, or undefined when `accept` refuses the stat the engine sends with it (the path changed since the
   * caller looked). Read over a plain socket into one reused buffer when the connection allows (see
   * rawLogStream): the HTTP client's allocation, stream and garbage-collection work for each 32 KB chunk cost
   * more CPU than the rest of a large read. Through dockerode otherwise.
   */
  async fileContents(path: string, accept: (stat: ContainerPathStat) => boolean, allocate?: BodyAllocator): Promise<{ data: Uint8Array; entry: TarListingEntry } | undefined> {
    const address = await rawEngineAddress(this.container);
    if (!address) {
      const { stat, reply } = await this.opened(path);
      if (!accept(stat)) {
        reply.destroy();
        return undefined;
      }
      return this.contents(reply, path, allocate);
    }
    const reader = new TarFirstEntry(allocate);
    const controller = new AbortController();
    let refused = false;
    let failure: unknown;
    const stop = (error?: unknown) => {
      failure ??= error;
      controller.abort();
    };
    const onHead = (head: HttpResponseHead) => {
      try {
        const header = head.headers.get(pathStatHeader);
        if (header === undefined) {
          throw new ContainerFileError('other', `The engine sent no stat for ${path}.`);
        }
        refused = !accept(decodePathStat(header));
        if (refused) stop();
      } catch (error) {
        stop(error);
      }
    };
    const onBody = (bytes: Buffer, start: number, end: number) => {
      try {
        // The first entry is all a file's archive holds; stop reading once it is in.
        if (reader.push(bytes, start, end)) stop();
      } catch (error) {
        stop(error);
      }
    };
    try {
      await readEngineStream(address, `/containers/${encodeURIComponent(this.id)}/archive?path=${encodeURIComponent(path)}`, onBody, controller.signal, onHead);
    } catch (error) {
      throw readError(error, path);
    }
    if (failure !== undefined) {
      throw readError(failure, path);
    }
    return refused ? undefined : finishedEntry(reader, path);
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

/** The entry a file's archive held, once read: a folder, an empty or cut-short archive is an error. */
function finishedEntry(reader: TarFirstEntry, path: string): { data: Uint8Array; entry: TarListingEntry } {
  let first: ReturnType<TarFirstEntry['finish']>;
  try {
    first = reader.finish();
  } catch (error) {
    throw readError(error, path);
  }
  if (!first) {
    throw new ContainerFileError('notFound', `${path} came back empty from the engine.`);
  }
  const entry = listingEntry(first.header.name, first.header);
  if (!entry || entry.type === 'directory') {
    throw new ContainerFileError('isADirectory', `${path} is a folder.`);
  }
  return { data: first.data, entry };
}

/** A failure while reading a file's archive: a malformed or cut-short archive says what is wrong with it. */
function readError(error: unknown, path: string): ContainerFileError {
  return error instanceof TarFormatError ? new ContainerFileError('other', `${path}: ${error.message}`) : fileErrorFromEngine(error, path);
}

/**
 * tar-stream's packs are streamx streams; docker-modem pipes any stream with `pipe` into the request, which
 * a streamx Readable supports. The cast only tells TypeScript so.
 */
function asNodeReadable(pack: tar.Pack): Readable {
  return pack as unknown as Readable;
}
