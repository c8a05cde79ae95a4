import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Dockside } from '../../dockside';
import { actionFailureMessage } from '../../engine/errors';
import { formatBytes } from '../../explorer/present/format';
import { containerFsSize, exportContainer } from '../../transfer/tarTransfer';
import { pickContainer } from '../targets';
import { withByteProgress } from '../transferProgress';

/** Exports a container's file system (`GET /containers/{id}/export`) to a tar file the user chooses. */
export const exportContainerCommand = (dockside: Dockside) => async (node?: unknown) => {
  const docker = dockside.docker;
  const target = await pickContainer(docker, node, { title: 'Export the file system of' });
  if (!target) return;
  const uri = await vscode.window.showSaveDialog({
    title: `Export ${target.name} to a tar file`,
    defaultUri: vscode.Uri.file(path.join(defaultFolder(), `${target.name}.tar`)),
    filters: { 'Tar archives': ['tar'] },
  });
  if (!uri) return;
  try {
    const size = await containerFsSize(docker, target.id).catch(() => undefined);
    const bytes = await withByteProgress(`Exporting ${target.name}`, size, (onBytes, signal) => exportContainer(docker, target.id, uri.fsPath, onBytes, signal));
    if (bytes !== undefined) void vscode.window.showInformationMessage(`Exported ${target.name} to ${uri.fsPath} (${formatBytes(bytes)}).`);
  } catch (error) {
    void dockside.notices.error(actionFailureMessage('export', 'container', target.name, error));
  }
};

export function defaultFolder(): string {
  return vscode.workspace.workspaceFolders?.find((folder) => folder.uri.scheme === 'file')?.uri.fsPath ?? os.homedir();
}
