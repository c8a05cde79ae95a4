import * as vscode from 'vscode';
import type { Dockside } from '../../dockside';
import { containerFileUri, locationOf } from '../../files/containerFileSystem';
import { ContainerLocation, containerScheme, splitContainerPath } from '../../files/containerPath';
import { fileTargets, folderOf } from './fileTargets';

/** The container folder a search runs in, with a name for titles (`web:/srv`). */
export interface SearchRoot {
  uri: vscode.Uri;
  location: ContainerLocation;
  label: string;
}

function rootOfFolder(folder: vscode.WorkspaceFolder): SearchRoot {
  return { uri: folder.uri, location: locationOf(folder.uri), label: folder.name };
}

function containerFolders(): readonly vscode.WorkspaceFolder[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === containerScheme);
}

/**
 * Where to search: the folder a tree row stands for (the Files row, a folder row, a file row's folder); for a
 * `dockside-container` URI (Explorer, editor) the workspace folder it is in, else its folder; with nothing
 * given, the workspace folder of the active editor, the one container workspace folder (a pick among several),
 * or a container and a path asked for.
 */
export async function searchRoot(dockside: Dockside, node: unknown, nodes: unknown, placeholder: string): Promise<SearchRoot | undefined> {
  const given = node instanceof vscode.Uri ? node : node === undefined ? vscode.window.activeTextEditor?.document.uri : undefined;
  if (given?.scheme === containerScheme) {
    const workspaceFolder = vscode.workspace.getWorkspaceFolder(given);
    if (workspaceFolder) return rootOfFolder(workspaceFolder);
    if (node === undefined) {
      // An editor's file outside any workspace folder: its folder.
      const location = { ...locationOf(given), path: splitContainerPath(locationOf(given).path).parent };
      return { uri: containerFileUri(location), location, label: location.path };
    }
  }
  if (node === undefined && nodes === undefined) {
    const folders = containerFolders();
    if (folders.length === 1) return rootOfFolder(folders[0]);
    if (folders.length > 1) {
      const picked = await dockside.prompts.quickPick(
        folders.map((folder) => ({ label: folder.name, description: locationOf(folder.uri).path, folder })),
        { title: placeholder, placeHolder: 'A container folder of the workspace' },
      );
      return picked && rootOfFolder(picked.folder);
    }
  }
  const [target] = await fileTargets(dockside, node, nodes, placeholder);
  if (!target) return undefined;
  const folder = folderOf(target);
  return { uri: folder.uri, location: folder.location, label: `${folder.containerName}:${folder.location.path}` };
}
