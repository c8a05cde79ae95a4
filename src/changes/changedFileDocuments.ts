import type Docker from 'dockerode';
import * as vscode from 'vscode';
import { engineMessage } from '../engine/errors';
import { readContainerFile } from './containerFile';

/** Read-only documents of files inside containers, read through the archive API. */
export const changedFileScheme = 'dockside-changed-file';
const maxShownBytes = 5 * 1024 * 1024;

/** `dockside-changed-file:/web/etc/nginx.conf?id=<container id>`: the container's name for the tab, its id to read. */
export function changedFileUri(container: { id: string; name: string }, path: string): vscode.Uri {
  return vscode.Uri.from({ scheme: changedFileScheme, path: `/${container.name}${path.startsWith('/') ? path : `/${path}`}`, query: `id=${encodeURIComponent(container.id)}` });
}

export class ChangedFileDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly registration: vscode.Disposable;

  constructor(private readonly docker: () => Docker) {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(changedFileScheme, this);
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const id = new URLSearchParams(uri.query).get('id');
    const path = uri.path.replace(/^\/[^/]+/, '');
    if (!id || !path) return `Not a file of a container: ${uri.toString()}`;
    try {
      const read = await readContainerFile(this.docker(), id, path, maxShownBytes);
      return read.kind === 'text' ? read.text : `${read.reason}\n`;
    } catch (error) {
      return `Cannot read ${path} from the container: ${engineMessage(error)}\n`;
    }
  }

  dispose(): void {
    this.registration.dispose();
  }
}
