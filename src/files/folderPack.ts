import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import * as tar from 'tar-stream';
import { inBlocks } from '../stream/blocks';
import type { TarHeader } from './tarEntries';

/** A file at most this big is read whole with direct calls (open, stat, read, close); a bigger one streams. */
const wholeFileLimit = 1 << 20;
/** The tar leaves in blocks of at least this size: a few large request chunks rather than three per file. */
const blockSize = 256 << 10;

/**
 * Packs local files and folders (each with everything below it, folders before their contents) into a tar, as
 * `docker cp` sends them: names relative to `parent`, modes kept, owned by root, symlinks stored as links,
 * sockets left out. Another kind of file (a device, a pipe) fails the pack with its name.
 */
export function packLocalPaths(parent: string, names: string[]): Readable {
  const pack = tar.pack();
  // A failure can come before anyone reads (a missing path): the pack's iterator, made later, would only see
  // it end, so the failure is kept here and thrown after the last block.
  let failure: unknown;
  pack.on('error', (error: unknown) => (failure ??= error));
  fill(pack, path.resolve(parent), names).catch((error: unknown) => {
    failure ??= error;
    pack.destroy(error as Error);
  });
  return Readable.from(
    (async function* () {
      try {
        yield* inBlocks(pack, blockSize);
      } catch (error) {
        throw failure ?? error; // the cause, not the pack's "destroyed"
      }
      if (failure) throw failure;
    })(),
    { objectMode: false },
  );
}

async function fill(pack: tar.Pack, parent: string, names: string[]): Promise<void> {
  const queue = [...names];
  const listed = new Set(names);
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    const full = path.join(parent, name);
    if (full !== parent && !full.startsWith(`${parent}${path.sep}`)) {
      throw new Error(`${name} is not a valid path`);
    }
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(full);
    } catch (error) {
      // A file removed while the folder is read is left out; a path asked for is not.
      if (!listed.has(name) && (error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    const header = headerOf(name, stat);
    if (stat.isDirectory()) {
      queue.push(...fs.readdirSync(full).map((child) => path.join(name, child)));
      await added(pack, header);
    } else if (stat.isSymbolicLink()) {
      await added(pack, { ...header, linkname: fs.readlinkSync(full) });
    } else if (stat.isSocket()) {
      continue;
    } else if (!stat.isFile()) {
      throw new Error(`unsupported type for ${name}`);
    } else if (stat.size <= wholeFileLimit) {
      await added(pack, header, fs.readFileSync(full));
    } else {
      await new Promise<void>((resolve, reject) => {
        const entry = pack.entry(header, (error) => (error ? reject(error) : resolve()));
        const file = fs.createReadStream(full, { highWaterMark: wholeFileLimit, end: stat.size - 1 });
        file.on('error', (error) => entry.destroy(error));
        file.pipe(entry as unknown as NodeJS.WritableStream);
      });
    }
  }
  pack.finalize();
}

function headerOf(name: string, stat: fs.Stats): TarHeader {
  const type = stat.isDirectory() ? 'directory' : stat.isSymbolicLink() ? 'symlink' : 'file';
  return {
    name: name.split(path.sep).join('/'),
    type,
    mode: stat.mode,
    mtime: stat.mtime,
    size: type === 'file' ? stat.size : 0,
    uid: 0,
    gid: 0,
    uname: 'root',
    gname: 'root',
  };
}

/** Adds an entry and waits until the pack took it (the pack waits while its reader is behind). */
function added(pack: tar.Pack, header: TarHeader, data?: Buffer): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const done = (error?: Error | null) => (error ? reject(error) : resolve());
    if (data) pack.entry(header, data, done);
    else pack.entry(header, done);
  });
}
