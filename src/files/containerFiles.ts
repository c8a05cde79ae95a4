import type Docker from 'dockerode';
import { ContainerArchive } from './containerArchive';
import { isWithin, joinContainerPath, normaliseContainerPath, resolveContainerPath, splitContainerPath } from './containerPath';
import { ContainerFileError } from './fileErrors';
import { PrefaultedBuffer } from './prefaultedBuffer';
import { formatByteSize } from './byteSize';
import type { ContainerFileType, ContainerPathStat } from './pathStat';
import { RemovalByExec } from './removalByExec';
import { childrenOf, EntryOwnership, TarListingEntry } from './tarEntries';

/** What the editor needs of a path: its type (a symlink's target type, with `symlink` set), size, time. */
export interface ContainerFileStat {
  type: ContainerFileType;
  symlink: boolean;
  size: number;
  mtimeMs: number;
  permissions: number;
  linkTarget?: string;
}

export interface DirectoryEntry {
  name: string;
  type: ContainerFileType;
  symlink: boolean;
}

export interface WriteFlags {
  create: boolean;
  overwrite: boolean;
}

/** How long a folder's listing answers for the folders below it (expanding a tree right after listing). */
const listingFreshMs = 2_000;

/**
 * The files of one container as the editor sees them, over the archive API: stat, list, read and write on
 * running and stopped containers; removing and moving through RemovalByExec (the API cannot remove).
 * Writes keep the replaced file's mode, uid and gid; reads over `maxSize()` bytes are refused.
 */
export class ContainerFiles {
  private readonly archive: ContainerArchive;
  private readonly removal: RemovalByExec;
  private readonly listings = new Map<string, { entries: TarListingEntry[]; at: number }>();

  constructor(
    docker: Docker,
    readonly containerId: string,
    private readonly maxSize: () => number,
  ) {
    this.archive = new ContainerArchive(docker.getContainer(containerId));
    this.removal = new RemovalByExec(docker, containerId);
  }

  get archiveApi(): ContainerArchive {
    return this.archive;
  }

  async stat(path: string): Promise<ContainerFileStat> {
    const own = await this.archive.stat(normaliseContainerPath(path));
    if (own.type !== 'symlink') {
      return { type: own.type, symlink: false, size: own.size, mtimeMs: own.mtimeMs, permissions: own.permissions };
    }
    const target = own.linkTarget ? await this.archive.statIfExists(own.linkTarget) : undefined;
    // A dangling link is still a link: shown as a file the editor cannot open.
    return {
      type: target?.type === 'directory' ? 'directory' : 'file',
      symlink: true,
      size: target?.size ?? own.size,
      mtimeMs: target?.mtimeMs ?? own.mtimeMs,
      permissions: target?.permissions ?? own.permissions,
      linkTarget: own.linkTarget,
    };
  }

  async readDirectory(path: string): Promise<DirectoryEntry[]> {
    const folder = normaliseContainerPath(path);
    const { entries, relative } = await this.listing(folder);
    const self = entries.find((entry) => entry.path === relative);
    if (self && self.type !== 'directory') {
      if (self.type === 'symlink' && self.linkTarget) {
        return this.readDirectory(resolveContainerPath(splitContainerPath(folder).parent, self.linkTarget));
      }
      throw new ContainerFileError('notADirectory', `${folder} is not a folder.`);
    }
    const children = [...childrenOf(entries, relative)];
    const byPath = new Map(entries.map((entry) => [entry.path, entry]));
    return Promise.all(
      children.map(async ([name, entry]): Promise<DirectoryEntry> => {
        if (entry.type !== 'symlink') {
          return { name, type: entry.type, symlink: false };
        }
        return { name, type: await this.linkTargetType(joinContainerPath(folder, name), entry.linkTarget, byPath, folder, relative), symlink: true };
      }),
    );
  }

  /**
   * A `HEAD` then a `GET`, as `docker cp` does: the stat (a few milliseconds) tells a folder, a file over the
   * size limit or a link (followed to its target) before any archive is asked for, and gives the size, so the
   * result's memory is made ready while the engine prepares the archive (which takes far longer). The stat the
   * `GET` comes with is looked at again, for a path changed in between.
   */
  async readFile(path: string): Promise<Uint8Array> {
    let current = normaliseContainerPath(path);
    for (let hops = 0; hops < 40; hops++) {
      const stat = await this.archive.stat(current);
      if (stat.type === 'symlink') {
        if (!stat.linkTarget) {
          throw new ContainerFileError('notFound', `${path} is a link to nothing.`);
        }
        current = resolveContainerPath(splitContainerPath(current).parent, stat.linkTarget);
        continue;
      }
      if (stat.type === 'directory') {
        throw new ContainerFileError('isADirectory', `${path} is a folder.`);
      }
      this.refuseOverMaxSize(path, stat.size);
      const result = new PrefaultedBuffer(stat.size);
      try {
        // A path changed since the stat into a link, a folder or a larger file is looked at again.
        const read = await this.archive.fileContents(current, (sent) => sent.type !== 'symlink' && sent.type !== 'directory' && sent.size <= this.maxSize(), (size, filled) => result.take(size, filled));
        if (read) {
          return read.data;
        }
      } finally {
        result.stop();
      }
    }
    throw new ContainerFileError('other', `${path}: too many levels of symbolic links.`);
  }

  /** Writes a file; tells whether it was created or replaced. */
  async writeFile(path: string, data: Uint8Array, flags: WriteFlags): Promise<'created' | 'changed'> {
    const wanted = normaliseContainerPath(path);
    this.refuseOverMaxSize(path, data.byteLength);
    const existing = await this.archive.statIfExists(wanted);
    if (!existing) {
      if (!flags.create) {
        throw new ContainerFileError('notFound', `${wanted} does not exist in the container.`);
      }
      await this.requireFolder(splitContainerPath(wanted).parent);
      await this.archive.write(wanted, data, undefined);
      this.forget(wanted);
      return 'created';
    }
    if (!flags.overwrite) {
      throw new ContainerFileError('exists', `${wanted} already exists in the container.`);
    }
    const target = existing.type === 'symlink' ? await this.resolved(wanted) : { path: wanted, stat: existing };
    if (target.stat.type === 'directory') {
      throw new ContainerFileError('isADirectory', `${wanted} is a folder.`);
    }
    // The archive header, not the stat, carries the owner: the replaced file keeps mode, uid and gid.
    const entry = await this.archive.entryOf(target.path);
    const ownership: EntryOwnership = { permissions: entry.permissions, uid: entry.uid, gid: entry.gid };
    await this.archive.write(target.path, data, ownership);
    this.forget(target.path);
    return 'changed';
  }

  async createDirectory(path: string): Promise<void> {
    const wanted = normaliseContainerPath(path);
    if (await this.archive.statIfExists(wanted)) {
      throw new ContainerFileError('exists', `${wanted} already exists in the container.`);
    }
    await this.requireFolder(splitContainerPath(wanted).parent);
    await this.archive.makeFolder(wanted);
    this.forget(wanted);
  }

  async delete(path: string): Promise<void> {
    const wanted = normaliseContainerPath(path);
    if (wanted === '/') {
      throw new ContainerFileError('noPermissions', 'The root of a container cannot be deleted.');
    }
    await this.archive.stat(wanted);
    await this.removal.remove(wanted);
    this.forget(wanted);
  }

  async rename(from: string, to: string, overwrite: boolean): Promise<void> {
    const source = normaliseContainerPath(from);
    const target = normaliseContainerPath(to);
    await this.archive.stat(source);
    if (isWithin(source, target)) {
      throw new ContainerFileError('noPermissions', `${source} cannot be moved into itself.`);
    }
    await this.makeRoomFor(target, overwrite);
    await this.requireFolder(splitContainerPath(target).parent);
    await this.removal.move(source, target);
    this.forget(source);
    this.forget(target);
  }

  /** Copies within this container or to another one, owners and modes kept, without exec. */
  async copy(from: string, destination: ContainerFiles, to: string, overwrite: boolean): Promise<void> {
    const source = normaliseContainerPath(from);
    const target = normaliseContainerPath(to);
    const sourceStat = await this.archive.stat(source);
    if (destination === this && isWithin(source, target)) {
      throw new ContainerFileError('noPermissions', `${source} cannot be copied into itself.`);
    }
    const existing = await destination.archive.statIfExists(target);
    if (existing) {
      if (!overwrite) {
        throw new ContainerFileError('exists', `${target} already exists in the container.`);
      }
      // A file replaces a file in place; anything else must go first (which needs the container running).
      if (existing.type === 'directory' || sourceStat.type === 'directory') {
        await destination.removal.remove(target);
      }
    }
    await destination.requireFolder(splitContainerPath(target).parent);
    await this.archive.copyTo(source, destination.archive, target);
    destination.forget(target);
  }

  private async makeRoomFor(target: string, overwrite: boolean): Promise<void> {
    if (await this.archive.statIfExists(target)) {
      if (!overwrite) {
        throw new ContainerFileError('exists', `${target} already exists in the container.`);
      }
      await this.removal.remove(target);
    }
  }

  private async requireFolder(path: string): Promise<void> {
    const stat = await this.archive.statIfExists(path);
    if (!stat) {
      throw new ContainerFileError('notFound', `The folder ${path} does not exist in the container.`);
    }
    if (stat.type !== 'directory' && (await this.stat(path)).type !== 'directory') {
      throw new ContainerFileError('notADirectory', `${path} is not a folder.`);
    }
  }

  /** A path with its symlinks resolved (the engine resolves a link's target path in the container). */
  private async resolved(path: string): Promise<{ path: string; stat: ContainerPathStat }> {
    let current = path;
    for (let hops = 0; hops < 40; hops++) {
      const stat = await this.archive.stat(current);
      if (stat.type !== 'symlink') {
        return { path: current, stat };
      }
      if (!stat.linkTarget) {
        throw new ContainerFileError('notFound', `${path} is a link to nothing.`);
      }
      current = resolveContainerPath(splitContainerPath(current).parent, stat.linkTarget);
    }
    throw new ContainerFileError('other', `${path}: too many levels of symbolic links.`);
  }

  private refuseOverMaxSize(path: string, size: number): void {
    const max = this.maxSize();
    if (size > max) {
      throw new ContainerFileError(
        'noPermissions',
        `${path} is ${formatByteSize(size)}, over the ${formatByteSize(max)} of the "dockside.files.maxSize" setting. Download it instead, or raise the setting.`,
      );
    }
  }

  /** The listing holding `folder`: a fresh one of an ancestor, else a new one of the folder itself. */
  private async listing(folder: string): Promise<{ entries: TarListingEntry[]; relative: string }> {
    const now = Date.now();
    for (const [listed, cached] of this.listings) {
      if (now - cached.at > listingFreshMs) {
        this.listings.delete(listed);
      } else if (isWithin(listed, folder)) {
        const relative = listed === '/' ? folder.slice(1) : folder.slice(listed.length + 1);
        if (cached.entries.some((entry) => entry.path === relative && entry.type === 'directory')) {
          return { entries: cached.entries, relative };
        }
      }
    }
    const entries = await this.archive.list(folder);
    this.listings.set(folder, { entries, at: Date.now() });
    return { entries, relative: '' };
  }

  private forget(path: string): void {
    for (const listed of this.listings.keys()) {
      if (isWithin(listed, path) || isWithin(path, listed)) {
        this.listings.delete(listed);
      }
    }
  }

  private async linkTargetType(
    linkPath: string,
    linkTarget: string | undefined,
    byPath: Map<string, TarListingEntry>,
    folder: string,
    relative: string,
  ): Promise<ContainerFileType> {
    if (!linkTarget) {
      return 'file';
    }
    const targetPath = resolveContainerPath(splitContainerPath(linkPath).parent, linkTarget);
    if (isWithin(folder, targetPath)) {
      const inside = folder === '/' ? targetPath.slice(1) : targetPath.slice(folder.length + 1);
      const key = relative === '' ? inside : inside === '' ? relative : `${relative}/${inside}`;
      const known = byPath.get(key);
      if (known && known.type !== 'symlink') {
        return known.type === 'directory' ? 'directory' : 'file';
      }
    }
    const target = await this.archive.statIfExists(targetPath).catch(() => undefined);
    return target?.type === 'directory' ? 'directory' : 'file';
  }
}
