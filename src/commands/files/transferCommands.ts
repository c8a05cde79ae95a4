import * as vscode from 'vscode';
import type { Dockside } from '../../dockside';
import { containerFileUri } from '../../files/containerFileSystem';
import { downloadPath, uploadPaths } from '../../files/transfer';
import { describeFileFailure } from './fileFailure';
import { FileTarget, fileTargets, folderOf } from './fileTargets';

/** Uploads local files and folders into a container folder (one archive, as `docker cp`), with progress. */
export async function uploadInto(dockside: Dockside, target: FileTarget, localPaths: string[]): Promise<string[] | undefined> {
  const folder = folderOf(target);
  const { files } = dockside.files.filesOf(folder.uri);
  try {
    const uploaded = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Uploading ${localPaths.length === 1 ? localPaths[0].split(/[\\/]/).pop() : `${localPaths.length} items`} to ${folder.location.path}…` },
      () => uploadPaths(files.archiveApi, localPaths, folder.location.path),
    );
    dockside.files.fire(uploaded.map((path) => ({ type: vscode.FileChangeType.Created, uri: containerFileUri({ ...folder.location, path }) })));
    vscode.window.setStatusBarMessage(`Uploaded ${uploaded.length === 1 ? uploaded[0] : `${uploaded.length} items to ${folder.location.path}`}`, 4000);
    return uploaded;
  } catch (error) {
    void dockside.notices.error(`Upload to ${folder.location.path} failed: ${describeFileFailure(error)}`);
    return undefined;
  }
}

/** `dockside.files.upload`: local files or folders (chosen, or given as URIs) into the chosen container folder. */
export function uploadFiles(dockside: Dockside) {
  return async (node?: unknown, nodes?: unknown, localUris?: vscode.Uri[]): Promise<string[] | undefined> => {
    const [target] = await fileTargets(dockside, node, nodes, 'Upload into which container');
    if (!target) return undefined;
    const chosen =
      localUris ??
      (await dockside.prompts.openDialog({ canSelectFiles: true, canSelectFolders: true, canSelectMany: true, openLabel: `Upload to ${folderOf(target).location.path}` }));
    if (!chosen || chosen.length === 0) return undefined;
    return uploadInto(dockside, target, chosen.map((uri) => uri.fsPath));
  };
}

/** `dockside.files.download`: a container file or folder (everything below it) into a chosen local folder. */
export function downloadFiles(dockside: Dockside) {
  return async (node?: unknown, nodes?: unknown, localFolder?: vscode.Uri): Promise<string[] | undefined> => {
    const targets = await fileTargets(dockside, node, nodes, 'Download from which container');
    if (targets.length === 0) return undefined;
    const destination =
      localFolder ?? (await dockside.prompts.openDialog({ canSelectFiles: false, canSelectFolders: true, canSelectMany: false, openLabel: 'Download Here' }))?.[0];
    if (!destination) return undefined;
    const written: string[] = [];
    for (const target of targets) {
      const { files } = dockside.files.filesOf(target.uri);
      try {
        const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Downloading ${target.location.path}…` }, () =>
          downloadPath(files.archiveApi, target.location.path, destination.fsPath),
        );
        written.push(result.localPath);
        const skipped = result.skippedLinks.length > 0 ? ` (${result.skippedLinks.length} link${result.skippedLinks.length === 1 ? '' : 's'} pointing outside it left out: ${result.skippedLinks.slice(0, 3).join(', ')})` : '';
        void dockside.prompts.information(`Downloaded ${target.location.path} to ${result.localPath}${skipped}.`).then(undefined, () => undefined);
      } catch (error) {
        void dockside.notices.error(`Download of ${target.location.path} failed: ${describeFileFailure(error)}`);
      }
    }
    return written;
  };
}
