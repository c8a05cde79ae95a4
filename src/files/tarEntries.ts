import type { Header } from 'tar-stream';

/** A tar header as read or written (tar-stream's fields, the name required). */
export type TarHeader = Partial<Header> & Pick<Header, 'name'>;
import type { ContainerFileType } from './pathStat';

/** What a listing knows of one path, from its tar header. */
export interface TarListingEntry {
  /** Relative to the listed folder, `''` for the folder itself. */
  path: string;
  type: ContainerFileType;
  size: number;
  /** Unix permission bits with setuid/setgid/sticky. */
  permissions: number;
  uid: number;
  gid: number;
  mtimeMs: number;
  linkTarget?: string;
}

/** Owner and permissions a written entry carries (the original ones when a file is replaced). */
export interface EntryOwnership {
  permissions: number;
  uid: number;
  gid: number;
}

/** The tar type of a header as a container file type (a hard link is a file). */
export function typeOfTarHeader(type: Header['type'] | undefined | null): ContainerFileType {
  switch (type) {
    case 'directory':
      return 'directory';
    case 'symlink':
      return 'symlink';
    case 'file':
    case 'contiguous-file':
    case 'link':
    case undefined:
    case null:
      return 'file';
    default:
      return 'other';
  }
}

function trimSlashes(name: string): string {
  return name.replace(/\/+$/, '');
}

/**
 * The path of an entry relative to the archive's root entry. The engine names the root entry after the base
 * name of the requested path (`etc/` for `/etc`, `/` for `/`) and every other entry below it.
 * Undefined for an entry outside the root (never sent by an engine).
 */
export function relativeEntryPath(rootEntryName: string, name: string): string | undefined {
  const root = trimSlashes(rootEntryName).replace(/^\.\/?/, '');
  const entry = trimSlashes(name).replace(/^\.\/?/, '');
  if (entry === root) {
    return '';
  }
  if (root === '') {
    return entry.replace(/^\/+/, '');
  }
  return entry.startsWith(`${root}/`) ? entry.slice(root.length + 1) : undefined;
}

/** The listing entry of a header, relative to the root entry; undefined for headers outside it. */
export function listingEntry(rootEntryName: string, header: TarHeader): TarListingEntry | undefined {
  const path = relativeEntryPath(rootEntryName, header.name);
  if (path === undefined) {
    return undefined;
  }
  const entry: TarListingEntry = {
    path,
    type: typeOfTarHeader(header.type),
    size: header.size ?? 0,
    permissions: (header.mode ?? 0) & 0o7777,
    uid: header.uid ?? 0,
    gid: header.gid ?? 0,
    mtimeMs: header.mtime?.getTime() ?? 0,
  };
  if (header.type === 'symlink' && header.linkname) {
    entry.linkTarget = header.linkname;
  }
  return entry;
}

/** The direct children of `folder` (relative, `''` for the root) among the entries of a listing, by name. */
export function childrenOf(entries: Iterable<TarListingEntry>, folder: string): Map<string, TarListingEntry> {
  const prefix = folder === '' ? '' : `${folder}/`;
  const children = new Map<string, TarListingEntry>();
  for (const entry of entries) {
    if (entry.path !== folder && entry.path.startsWith(prefix)) {
      const name = entry.path.slice(prefix.length);
      if (!name.includes('/')) {
        children.set(name, entry);
      }
    }
  }
  return children;
}

/** The header of a regular file written into a folder (the entry name is the base name). */
export function fileEntryHeader(name: string, size: number, ownership: EntryOwnership, mtime = new Date()): TarHeader {
  return { name, type: 'file', size, mode: ownership.permissions & 0o7777, uid: ownership.uid, gid: ownership.gid, mtime };
}

/** The header of a folder written into a folder. */
export function folderEntryHeader(name: string, ownership: EntryOwnership, mtime = new Date()): TarHeader {
  return { name: `${name}/`, type: 'directory', mode: ownership.permissions & 0o7777, uid: ownership.uid, gid: ownership.gid, mtime };
}

/**
 * The name of an entry of an archive of `fromRoot` (as the engine names it) once moved to `toName`: the root
 * entry becomes `toName`, the others keep their path below it. Undefined for an entry outside the root.
 */
export function renamedEntry(rootEntryName: string, name: string, toName: string): string | undefined {
  const path = relativeEntryPath(rootEntryName, name);
  if (path === undefined) {
    return undefined;
  }
  const trailing = name.endsWith('/') ? '/' : '';
  return `${path === '' ? toName : `${toName}/${path}`}${trailing}`;
}
