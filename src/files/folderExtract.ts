import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import * as tar from 'tar-stream';
import type { TarHeader } from './tarEntries';

/**
 * A file at most this big is gathered in memory and written with a few direct system calls (open, write,
 * times, close), as `docker cp` does; a bigger one streams to disk in blocks of this size. Going through the
 * thread pool once per call costs more than the call itself for small files (a folder of 1,000 of them took
 * nine round trips each), so a small file blocks the extension host for a few tens of microseconds instead.
 */
const gatheredFileLimit = 1 << 20;

const write = promisify(fs.write);
const futimes = promisify(fs.futimes);
const close = promisify(fs.close);

/** Symlinks that the extraction left out, relative to the destination. */
export interface ExtractResult {
  skippedLinks: string[];
}

/**
 * Extracts an engine archive into a local folder, streaming: each file is written as its bytes arrive.
 * Files belong to the local user; modes are kept without setuid, setgid and sticky bits, less the umask; times
 * are kept. An entry never leaves the folder: names are confined to it, nothing is written through an existing
 * symlink or below a path that is not a real folder, and links whose target lies outside the folder (or is
 * absolute) are left out and reported.
 */
export async function extractInto(source: Readable, destination: string): Promise<ExtractResult> {
  const target = new FolderTarget(path.resolve(destination));
  const extract = tar.extract();
  extract.on('entry', (header: TarHeader, body, next) => {
    // A failed entry fails the extraction, which then destroys the body with the same error: it is told once.
    body.on('error', () => undefined);
    target.entry(header, body).then(
      () => next(),
      (error: unknown) => next(error as Error),
    );
  });
  try {
    await new Promise<void>((resolve, reject) => {
      extract.on('finish', () => resolve());
      extract.on('error', reject);
      source.on('error', reject);
      source.pipe(extract as unknown as NodeJS.WritableStream);
    });
  } catch (error) {
    source.unpipe(extract as unknown as NodeJS.WritableStream);
    source.destroy();
    extract.destroy();
    throw error;
  }
  target.finishFolders();
  return { skippedLinks: target.skippedLinks };
}

/** An entry's bytes as tar-stream hands them over. */
type Body = AsyncIterable<unknown> & { resume(): unknown };

class FolderTarget {
  readonly skippedLinks: string[] = [];
  /** Folders known to be real folders (not links) inside the destination; the destination itself included. */
  private readonly folders = new Set<string>();
  /** Folders the archive holds, with their times, set once everything below them is written. */
  private readonly folderTimes: Array<{ folder: string; mtime: Date }> = [];
  private readonly now = new Date();
  private readonly umask = process.umask();

  constructor(private readonly root: string) {
    this.folders.add(root);
  }

  async entry(header: TarHeader, body: Body): Promise<void> {
    const name = path.join(this.root, path.join('/', header.name));
    if (header.type === 'symlink' && this.leavesOut(name, header.linkname ?? '')) {
      body.resume();
      return;
    }
    if (header.type === 'directory') {
      body.resume();
      this.folder(name, header);
      return;
    }
    this.requireFolder(name === this.root ? this.root : path.dirname(name));
    switch (header.type) {
      case 'file':
      case 'contiguous-file':
      case undefined:
      case null:
        return this.file(name, header, body);
      case 'symlink':
        body.resume();
        return this.symlink(name, header.linkname ?? '');
      case 'link':
        body.resume();
        return this.hardLink(name, header);
      default:
        body.resume();
        throw new Error(`unsupported type for ${name} (${header.type})`);
    }
  }

  /** Sets the folders' times, deepest first (writing into a folder changes its time). */
  finishFolders(): void {
    for (const { folder, mtime } of this.folderTimes.reverse()) {
      fs.utimesSync(folder, this.now, mtime);
    }
  }

  private leavesOut(name: string, link: string): boolean {
    const target = path.resolve(path.dirname(name), link);
    const inside = target === this.root || target.startsWith(`${this.root}${path.sep}`);
    if (inside && !path.isAbsolute(link)) {
      return false;
    }
    this.skippedLinks.push(path.relative(this.root, name));
    return true;
  }

  private mode(header: TarHeader, fallback: number): number {
    return (header.mode ?? fallback) & 0o777 & ~this.umask;
  }

  private folder(name: string, header: TarHeader): void {
    this.requireFolder(name === this.root ? this.root : path.dirname(name));
    if (name === this.root) {
      return; // the destination itself is the user's: its mode and time stay
    }
    const existing = lstatIfExists(name);
    if (!existing) {
      fs.mkdirSync(name, { mode: this.mode(header, 0o755) });
    } else if (!existing.isDirectory()) {
      throw new Error(`${name} is not a valid path`);
    } else {
      fs.chmodSync(name, this.mode(header, 0o755));
    }
    this.folders.add(name);
    this.folderTimes.push({ folder: name, mtime: header.mtime ?? this.now });
  }

  /**
   * Makes sure `folder` is a real folder inside the destination, creating what is missing (0755, as an archive
   * without the folder's own entry gets); a file or a link on the way is refused.
   */
  private requireFolder(folder: string): void {
    if (this.folders.has(folder)) {
      return;
    }
    const parent = path.dirname(folder);
    if (folder === parent || !folder.startsWith(`${this.root}${path.sep}`)) {
      throw new Error(`${folder} is not a valid path`);
    }
    this.requireFolder(parent);
    const existing = lstatIfExists(folder);
    if (!existing) {
      fs.mkdirSync(folder, { mode: 0o755 });
    } else if (!existing.isDirectory()) {
      throw new Error(`${folder} is not a valid path`);
    }
    this.folders.add(folder);
  }

  private async file(name: string, header: TarHeader, body: Body): Promise<void> {
    const size = header.size ?? 0;
    if (size <= gatheredFileLimit) {
      const chunks: Uint8Array[] = [];
      for await (const chunk of body) chunks.push(chunk as Buffer);
      const fd = this.openFile(name, header);
      try {
        for (const chunk of chunks) fs.writeSync(fd, chunk);
        fs.futimesSync(fd, this.now, header.mtime ?? this.now);
      } finally {
        fs.closeSync(fd);
      }
      return;
    }
    const fd = this.openFile(name, header);
    try {
      let block: Buffer[] = [];
      let blockBytes = 0;
      for await (const chunk of body) {
        block.push(chunk as Buffer);
        blockBytes += (chunk as Buffer).byteLength;
        if (blockBytes >= gatheredFileLimit) {
          await writeAll(fd, Buffer.concat(block, blockBytes));
          block = [];
          blockBytes = 0;
        }
      }
      if (blockBytes > 0) await writeAll(fd, Buffer.concat(block, blockBytes));
      await futimes(fd, this.now, header.mtime ?? this.now);
    } finally {
      await close(fd);
    }
  }

  /**
   * Opens a file for writing with the entry's mode, creating it, or emptying the file that was there (and
   * giving it the entry's mode). A link of that name is removed, never written through.
   */
  private openFile(name: string, header: TarHeader): number {
    const mode = this.mode(header, 0o644);
    const { O_WRONLY, O_CREAT, O_EXCL, O_TRUNC, O_NOFOLLOW } = fs.constants;
    try {
      return fs.openSync(name, O_WRONLY | O_CREAT | O_EXCL, mode);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (lstatIfExists(name)?.isSymbolicLink()) {
      fs.unlinkSync(name);
      return fs.openSync(name, O_WRONLY | O_CREAT | O_EXCL, mode);
    }
    const fd = fs.openSync(name, O_WRONLY | O_TRUNC | O_NOFOLLOW);
    fs.fchmodSync(fd, mode);
    return fd;
  }

  private symlink(name: string, link: string): void {
    removeIfPresent(name);
    // A link resolving through another link could lead anywhere: refused, as the target must be plain folders.
    if (!this.plainPath(path.resolve(path.dirname(name), link))) {
      throw new Error(`${name} is not a valid symlink`);
    }
    fs.symlinkSync(link, name);
  }

  private hardLink(name: string, header: TarHeader): void {
    removeIfPresent(name);
    let target: string;
    try {
      target = fs.realpathSync(path.join(this.root, path.join('/', header.linkname ?? '')));
    } catch {
      throw new Error(`${name} is not a valid hardlink`);
    }
    if (target !== this.root && !target.startsWith(`${this.root}${path.sep}`)) {
      throw new Error(`${name} is not a valid hardlink`);
    }
    fs.linkSync(target, name);
    fs.utimesSync(name, this.now, header.mtime ?? this.now);
    fs.chmodSync(name, this.mode(header, 0o644));
  }

  /** Whether no existing part of `target` below the destination is a link. */
  private plainPath(target: string): boolean {
    for (let at = target; at !== this.root && at.startsWith(`${this.root}${path.sep}`); at = path.dirname(at)) {
      if (this.folders.has(at)) return true;
      if (lstatIfExists(at)?.isSymbolicLink()) return false;
    }
    return true;
  }
}

async function writeAll(fd: number, data: Buffer): Promise<void> {
  for (let at = 0; at < data.byteLength; ) {
    at += (await write(fd, data, at, data.byteLength - at)).bytesWritten;
  }
}

function lstatIfExists(name: string): fs.Stats | undefined {
  return fs.lstatSync(name, { throwIfNoEntry: false });
}

function removeIfPresent(name: string): void {
  try {
    fs.unlinkSync(name);
  } catch {
    // nothing there, or a folder: the next call says so
  }
}
