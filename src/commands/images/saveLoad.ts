import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Dockside } from '../../dockside';
import { engineMessage } from '../../engine/errors';
import { formatBytes } from '../../explorer/present/format';
import { loadImages, saveImages } from '../../transfer/tarTransfer';
import { defaultFolder } from '../containers/export';
import { pickImage } from '../targets';
import { withByteProgress } from '../transferProgress';

/** Saves an image (`GET /images/get`, its tags kept) to a tar file the user chooses. */
export const saveImage = (dockside: Dockside) => async (node?: unknown) => {
  const docker = dockside.docker;
  const target = await pickImage(docker, node, 'Save an image to a tar file');
  if (!target) return;
  const reference = target.name && target.name !== '<none>:<none>' ? target.name : target.id;
  const uri = await vscode.window.showSaveDialog({
    title: `Save ${reference} to a tar file`,
    defaultUri: vscode.Uri.file(path.join(defaultFolder(), `${reference.replace(/[/:@]/g, '_')}.tar`)),
    filters: { 'Tar archives': ['tar'] },
  });
  if (!uri) return;
  try {
    const size = await docker
      .getImage(target.id)
      .inspect()
      .then((info) => info.Size)
      .catch(() => undefined);
    const bytes = await withByteProgress(`Saving ${reference}`, size, (onBytes, signal) => saveImages(docker, [reference], uri.fsPath, onBytes, signal));
    if (bytes !== undefined) void vscode.window.showInformationMessage(`Saved ${reference} to ${uri.fsPath} (${formatBytes(bytes)}).`);
  } catch (error) {
    void dockside.notices.error(`Cannot save image "${reference}": ${engineMessage(error)}`);
  }
};

/** Loads images from a tar file (`POST /images/load`), as `docker save` or Save Image wrote it. */
export const loadImage = (dockside: Dockside) => async () => {
  const docker = dockside.docker;
  const [uri] =
    (await vscode.window.showOpenDialog({
      title: 'Load images from a tar file',
      canSelectMany: false,
      defaultUri: vscode.Uri.file(defaultFolder()),
      filters: { 'Tar archives': ['tar', 'tar.gz', 'tgz'], 'All files': ['*'] },
    })) ?? [];
  if (!uri) return;
  const name = path.basename(uri.fsPath);
  try {
    const size = (await fs.promises.stat(uri.fsPath)).size;
    const loaded = await withByteProgress(`Loading ${name}`, size, (onBytes) => loadImages(docker, uri.fsPath, onBytes));
    if (loaded) void vscode.window.showInformationMessage(loaded.length > 0 ? loaded.join('; ') : `Loaded ${name}.`);
  } catch (error) {
    void dockside.notices.error(`Cannot load images from ${name}: ${engineMessage(error)}`);
  }
};
