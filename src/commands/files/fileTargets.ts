import * as vscode from 'vscode';
import type { Dockside } from '../../dockside';
import type { ExplorerNode } from '../../explorer/nodes';
import { ContainerLocation, splitContainerPath } from '../../files/containerPath';
import { locationOf } from '../../files/containerFileSystem';
import { containerFileUri } from '../../files/containerFileSystem';
import { containerName } from '../../explorer/present/containers';
import { commandTargets } from '../explorer/targets';

/** A path in a container that a Files command acts on, with the container's name for messages. */
export interface FileTarget {
  location: ContainerLocation;
  uri: vscode.Uri;
  /** Whether the path is a folder (the Files row, a folder row, or a container). */
  folder: boolean;
  containerName: string;
}

function isNode(value: unknown): value is ExplorerNode {
  return typeof value === 'object' && value !== null && 'kind' in value && 'contextValue' in value;
}

/** The container's name as the explorer knows it, else its short id. */
function nameOfContainer(dockside: Dockside, id: string): string {
  // Containers are keyed by their full id.
  const info = dockside.explorer.containers.get(id);
  return info ? containerName(info) : id.slice(0, 12);
}

/** The target a tree row stands for: a container (its root), its Files row, or a file or folder row. */
export function targetOfNode(dockside: Dockside, node: ExplorerNode): FileTarget | undefined {
  if (node.kind === 'container') {
    const engine = dockside.engineAuthority;
    if (!engine) return undefined;
    const location = { engine, containerId: node.id, path: '/' };
    return { location, uri: containerFileUri(location), folder: true, containerName: node.name };
  }
  if (node.kind === 'containerFiles' || node.kind === 'containerPath') {
    const uri = vscode.Uri.parse(node.id);
    const location = locationOf(uri);
    return { location, uri, folder: node.kind === 'containerFiles' || node.resource?.folder === true, containerName: nameOfContainer(dockside, location.containerId) };
  }
  return undefined;
}

/**
 * The targets of a Files command: the selected rows, else the URI it was given (an editor or Explorer
 * resource), else a container chosen in a quick pick and a path typed in.
 */
export async function fileTargets(dockside: Dockside, node: unknown, nodes: unknown, placeholder: string): Promise<FileTarget[]> {
  const rows = (Array.isArray(nodes) && nodes.length > 0 ? nodes : node ? [node] : []).filter(isNode);
  if (rows.length > 0) {
    return rows.map((row) => targetOfNode(dockside, row)).filter((target): target is FileTarget => target !== undefined);
  }
  if (node instanceof vscode.Uri) {
    const location = locationOf(node);
    const stat = await vscode.workspace.fs.stat(node);
    return [{ location, uri: node, folder: (stat.type & vscode.FileType.Directory) !== 0, containerName: nameOfContainer(dockside, location.containerId) }];
  }
  const [container] = await commandTargets(dockside, 'container', undefined, undefined, { placeholder });
  const root = container && targetOfNode(dockside, container);
  if (!root) {
    return [];
  }
  const path = await dockside.prompts.inputBox({
    title: placeholder,
    prompt: `Path in ${container.name}`,
    value: '/',
    validateInput: (value) => (value.startsWith('/') ? undefined : 'An absolute path, starting with /'),
  });
  if (!path) {
    return [];
  }
  const location = { ...root.location, path };
  const uri = containerFileUri(location);
  const stat = await vscode.workspace.fs.stat(uri);
  return [{ location, uri, folder: (stat.type & vscode.FileType.Directory) !== 0, containerName: container.name }];
}

/** The folder a target is or lies in (uploads and new entries go there). */
export function folderOf(target: FileTarget): FileTarget {
  if (target.folder) {
    return target;
  }
  const location = { ...target.location, path: splitContainerPath(target.location.path).parent };
  return { ...target, location, uri: containerFileUri(location), folder: true };
}

/** A name for a new entry: one path segment, not `.` or `..`. */
export function validateEntryName(value: string): string | undefined {
  const name = value.trim();
  if (!name) return 'A name is needed.';
  if (name.includes('/')) return 'One name, without "/".';
  if (name === '.' || name === '..') return `"${name}" is not a name.`;
  return undefined;
}
