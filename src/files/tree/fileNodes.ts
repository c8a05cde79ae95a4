import type { ExplorerNode } from '../../explorer/nodes';
import type { DirectoryEntry } from '../containerFiles';
import { ContainerLocation, joinContainerPath } from '../containerPath';

/** Context values of the Files rows (menus match them; none starts with `container`). */
export const filesContext = { root: 'files.root', folder: 'files.folder', file: 'files.file' } as const;

/** The URI text of a location (`dockside-container://<engine>/<id>/<path>`), built without `vscode`. */
export function locationUriText(location: ContainerLocation): string {
  const path = location.path === '/' ? '/' : location.path.split('/').map(encodeURIComponent).join('/');
  return `dockside-container://${location.engine}/${location.containerId}${path}`;
}

/** The "Files" row under a container: the container's root folder. */
export function filesRootNode(engine: string, containerId: string, containerName: string): ExplorerNode {
  const location = { engine, containerId, path: '/' };
  return {
    kind: 'containerFiles',
    id: locationUriText(location),
    name: containerName,
    treeId: `files:${containerId}:/`,
    label: 'Files',
    icon: { id: 'files' },
    contextValue: filesContext.root,
    tooltip: () => `Files of **${containerName}**, read and written through the Docker Engine (no shell in the container).`,
  };
}

/** Folders first, then files, each by name as people sort (`file2` before `file10`). */
export function sortEntries(entries: DirectoryEntry[]): DirectoryEntry[] {
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  return [...entries].sort((a, b) => Number(b.type === 'directory') - Number(a.type === 'directory') || collator.compare(a.name, b.name));
}

/** The rows of a folder's entries, sorted. */
export function folderEntryNodes(folder: ContainerLocation, entries: DirectoryEntry[]): ExplorerNode[] {
  return sortEntries(entries).map((entry) => {
    const location = { ...folder, path: joinContainerPath(folder.path, entry.name) };
    const isFolder = entry.type === 'directory';
    return {
      kind: 'containerPath',
      id: locationUriText(location),
      name: location.path,
      treeId: `files:${folder.containerId}:${location.path}`,
      label: entry.name,
      description: entry.symlink ? '→ link' : undefined,
      icon: { id: isFolder ? 'folder' : 'file' },
      contextValue: isFolder ? filesContext.folder : filesContext.file,
      resource: { uri: locationUriText(location), folder: isFolder, opens: !isFolder },
    };
  });
}

/** A row that explains why a folder shows nothing (the engine's failure in words). */
export function folderMessageNode(folder: ContainerLocation, message: string): ExplorerNode {
  return {
    kind: 'message',
    id: `${locationUriText(folder)}#message`,
    name: message,
    treeId: `files:${folder.containerId}:${folder.path}#message`,
    label: message,
    icon: { id: 'warning' },
    contextValue: 'files.message',
  };
}
