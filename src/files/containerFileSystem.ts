import type Docker from 'dockerode';
import * as vscode from 'vscode';
import { ContainerFiles } from './containerFiles';
import { ContainerLocation, containerScheme, containerUriParts, parseContainerLocation } from './containerPath';
import { ContainerFileError } from './fileErrors';
import type { ContainerFileType } from './pathStat';

/** The engine client serving an authority, if that engine is the connected one. */
export type EngineResolver = (authority: string) => Docker | undefined;

/** The URI of a path in a container of an engine. */
export function containerFileUri(location: ContainerLocation): vscode.Uri {
  return vscode.Uri.from(containerUriParts(location));
}

/** The location a `dockside-container` URI names; throws a FileNotFound error for a malformed one. */
export function locationOf(uri: vscode.Uri): ContainerLocation {
  const location = uri.scheme === containerScheme ? parseContainerLocation(uri.authority, uri.path) : undefined;
  if (!location) {
    throw vscode.FileSystemError.FileNotFound(`${uri.toString()} does not name a container path (${containerScheme}://<engine>/<container>/<path>).`);
  }
  return location;
}

function fileType(type: ContainerFileType, symlink: boolean): vscode.FileType {
  const base = type === 'directory' ? vscode.FileType.Directory : type === 'file' ? vscode.FileType.File : vscode.FileType.Unknown;
  return symlink ? base | vscode.FileType.SymbolicLink : base;
}

/** A file error as the editor's FileSystemError of the same kind, with the sentence kept. */
export function toFileSystemError(error: unknown): Error {
  if (!(error instanceof ContainerFileError)) {
    return error instanceof Error ? error : new Error(String(error));
  }
  switch (error.kind) {
    case 'notFound':
      return vscode.FileSystemError.FileNotFound(error.message);
    case 'exists':
      return vscode.FileSystemError.FileExists(error.message);
    case 'notADirectory':
      return vscode.FileSystemError.FileNotADirectory(error.message);
    case 'isADirectory':
      return vscode.FileSystemError.FileIsADirectory(error.message);
    case 'noPermissions':
      return vscode.FileSystemError.NoPermissions(error.message);
    case 'unavailable':
      return vscode.FileSystemError.Unavailable(error.message);
    default:
      return new vscode.FileSystemError(error.message);
  }
}

/**
 * The `dockside-container` file system: paths of containers, running or stopped, read and written through the
 * Engine's archive API (see ContainerFiles). The engine sends no file events, so it reports only its own changes;
 * the editor notices other changes when it saves (by the mtime and size the stat returns).
 */
export class ContainerFileSystem implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  private readonly filesByEngine = new WeakMap<Docker, Map<string, ContainerFiles>>();

  constructor(
    private readonly engineFor: EngineResolver,
    private readonly maxSize: () => number,
  ) {}

  /** The files of the container a URI names (one object per container and engine client). */
  filesOf(uri: vscode.Uri): { files: ContainerFiles; path: string } {
    const location = locationOf(uri);
    const docker = this.engineFor(location.engine);
    if (!docker) {
      throw vscode.FileSystemError.Unavailable(`${uri.toString()} belongs to a Docker Engine that is not the connected one.`);
    }
    let byContainer = this.filesByEngine.get(docker);
    if (!byContainer) {
      byContainer = new Map();
      this.filesByEngine.set(docker, byContainer);
    }
    let files = byContainer.get(location.containerId);
    if (!files) {
      files = new ContainerFiles(docker, location.containerId, this.maxSize);
      byContainer.set(location.containerId, files);
    }
    return { files, path: location.path };
  }

  watch(): vscode.Disposable {
    // The engine has no file events; changes made here are reported by the operations themselves.
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const { files, path } = this.filesOf(uri);
    const stat = await files.stat(path).catch(rethrow);
    return {
      type: fileType(stat.type, stat.symlink),
      size: stat.size,
      mtime: stat.mtimeMs,
      ctime: stat.mtimeMs,
      // The editor marks the tab read-only for a file nobody may write.
      permissions: stat.type === 'file' && (stat.permissions & 0o222) === 0 ? vscode.FilePermission.Readonly : undefined,
    };
  }

  async readDirectory(uri: vscode.Uri): Promise<Array<[string, vscode.FileType]>> {
    const { files, path } = this.filesOf(uri);
    const entries = await files.readDirectory(path).catch(rethrow);
    return entries.map((entry) => [entry.name, fileType(entry.type, entry.symlink)]);
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const { files, path } = this.filesOf(uri);
    return files.readFile(path).catch(rethrow);
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array, options: { create: boolean; overwrite: boolean }): Promise<void> {
    const { files, path } = this.filesOf(uri);
    const outcome = await files.writeFile(path, content, options).catch(rethrow);
    this.fire([{ type: outcome === 'created' ? vscode.FileChangeType.Created : vscode.FileChangeType.Changed, uri }]);
  }

  async createDirectory(uri: vscode.Uri): Promise<void> {
    const { files, path } = this.filesOf(uri);
    await files.createDirectory(path).catch(rethrow);
    this.fire([{ type: vscode.FileChangeType.Created, uri }]);
  }

  async delete(uri: vscode.Uri): Promise<void> {
    const { files, path } = this.filesOf(uri);
    await files.delete(path).catch(rethrow);
    this.fire([{ type: vscode.FileChangeType.Deleted, uri }]);
  }

  async rename(oldUri: vscode.Uri, newUri: vscode.Uri, options: { overwrite: boolean }): Promise<void> {
    const from = this.filesOf(oldUri);
    const to = this.filesOf(newUri);
    if (from.files !== to.files) {
      throw vscode.FileSystemError.NoPermissions('A path moves only within its container; copy it to another container instead.');
    }
    await from.files.rename(from.path, to.path, options.overwrite).catch(rethrow);
    this.fire([
      { type: vscode.FileChangeType.Deleted, uri: oldUri },
      { type: vscode.FileChangeType.Created, uri: newUri },
    ]);
  }

  async copy(source: vscode.Uri, destination: vscode.Uri, options: { overwrite: boolean }): Promise<void> {
    const from = this.filesOf(source);
    const to = this.filesOf(destination);
    await from.files.copy(from.path, to.files, to.path, options.overwrite).catch(rethrow);
    this.fire([{ type: vscode.FileChangeType.Created, uri: destination }]);
  }

  /** Reports a change made outside the provider's own methods (an upload into a folder). */
  fire(events: vscode.FileChangeEvent[]): void {
    this.changed.fire(events);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function rethrow(error: unknown): never {
  throw toFileSystemError(error);
}
