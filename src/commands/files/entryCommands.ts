import * as vscode from 'vscode';
import type { Dockside } from '../../dockside';
import { containerFileUri } from '../../files/containerFileSystem';
import { joinContainerPath } from '../../files/containerPath';
import { describeFileFailure } from './fileFailure';
import { fileTargets, folderOf, validateEntryName } from './fileTargets';

/** `dockside.files.newFile` / `dockside.files.newFolder`: asks a name, creates it in the chosen folder. */
export function newEntry(kind: 'file' | 'folder') {
  return (dockside: Dockside) =>
    async (node?: unknown, nodes?: unknown): Promise<vscode.Uri | undefined> => {
      const [target] = await fileTargets(dockside, node, nodes, `New ${kind} in which container`);
      if (!target) return undefined;
      const folder = folderOf(target);
      const name = await dockside.prompts.inputBox({ title: `New ${kind} in ${folder.location.path}`, prompt: `Name of the new ${kind}`, validateInput: validateEntryName });
      if (!name) return undefined;
      const uri = containerFileUri({ ...folder.location, path: joinContainerPath(folder.location.path, name.trim()) });
      try {
        if (kind === 'folder') {
          await vscode.workspace.fs.createDirectory(uri);
        } else {
          await dockside.files.writeFile(uri, new Uint8Array(), { create: true, overwrite: false });
          await vscode.window.showTextDocument(uri);
        }
        return uri;
      } catch (error) {
        void dockside.notices.error(`Cannot create ${uri.path.replace(/^\/[^/]+/, '')}: ${describeFileFailure(error)}`);
        return undefined;
      }
    };
}

/** `dockside.files.delete`: removes the chosen files and folders after a modal confirmation. */
export function deleteEntries(dockside: Dockside) {
  return async (node?: unknown, nodes?: unknown): Promise<number> => {
    const targets = (await fileTargets(dockside, node, nodes, 'Delete in which container')).filter((target) => target.location.path !== '/');
    if (targets.length === 0) return 0;
    const what = targets.length === 1 ? `${targets[0].location.path}${targets[0].folder ? ' and everything in it' : ''}` : `${targets.length} items`;
    const answer = await dockside.prompts.warning(`Delete ${what} from the container? This cannot be undone.`, { modal: true }, 'Delete');
    if (answer !== 'Delete') return 0;
    let deleted = 0;
    for (const target of targets) {
      try {
        await dockside.files.delete(target.uri);
        deleted++;
      } catch (error) {
        void dockside.notices.error(`Cannot delete ${target.location.path}: ${describeFileFailure(error)}`);
      }
    }
    return deleted;
  };
}

/** "Open Folder in Container as Workspace Folder": adds the folder to the workspace (a new one if none is open). */
export function openAsWorkspaceFolder(dockside: Dockside) {
  return async (node?: unknown, nodes?: unknown): Promise<boolean> => {
    const [target] = await fileTargets(dockside, node, nodes, 'Open a folder of which container');
    if (!target) return false;
    const folder = folderOf(target);
    const name = `${folder.containerName}:${folder.location.path}`;
    const count = vscode.workspace.workspaceFolders?.length ?? 0;
    return vscode.workspace.updateWorkspaceFolders(count, 0, { uri: folder.uri, name });
  };
}
