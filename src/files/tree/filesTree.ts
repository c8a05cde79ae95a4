import * as vscode from 'vscode';
import type { ExplorerNode } from '../../explorer/nodes';
import type { LazyChildren } from '../../views/explorerTreeProvider';
import type { ContainerFileSystem } from '../containerFileSystem';
import { locationOf } from '../containerFileSystem';
import { ContainerFileError } from '../fileErrors';
import { filesContext, filesRootNode, folderEntryNodes, folderMessageNode } from './fileNodes';

/** Drops of local files onto a folder row; the handler uploads them there. */
export type UploadDrop = (target: ExplorerNode, localPaths: string[]) => Thenable<unknown>;

/**
 * The Files rows of the Containers view: a "Files" row under each container, folders listed when expanded
 * (folders first), files opening in an editor; local files dropped on a folder are uploaded into it.
 */
export class FilesTree implements LazyChildren, vscode.TreeDragAndDropController<ExplorerNode> {
  readonly dropMimeTypes = ['text/uri-list'];
  readonly dragMimeTypes: string[] = [];

  constructor(
    private readonly fileSystem: ContainerFileSystem,
    /** The `dockside-container` authority of an engine by key (undefined: the current engine). */
    private readonly engineAuthority: (engineKey: string | undefined) => string | undefined,
    private readonly onDropFiles: UploadDrop,
  ) {}

  expands(node: ExplorerNode): boolean {
    return node.kind === 'container' || node.contextValue === filesContext.root || node.contextValue === filesContext.folder;
  }

  async children(node: ExplorerNode): Promise<ExplorerNode[]> {
    if (node.kind === 'container') {
      const engine = this.engineAuthority(node.engine);
      return engine ? [filesRootNode(engine, node.id, node.name)] : [];
    }
    const uri = vscode.Uri.parse(node.id);
    const folder = locationOf(uri);
    try {
      const { files, path } = this.fileSystem.filesOf(uri);
      return folderEntryNodes(folder, await files.readDirectory(path));
    } catch (error) {
      // A failure is one explanatory row, never a popup from inside the tree.
      return [folderMessageNode(folder, error instanceof ContainerFileError || error instanceof Error ? error.message : String(error))];
    }
  }

  async handleDrop(target: ExplorerNode | undefined, dataTransfer: vscode.DataTransfer): Promise<void> {
    if (!target || !this.expands(target) || target.kind === 'container') {
      return;
    }
    const list = await dataTransfer.get('text/uri-list')?.asString();
    const localPaths = (list ?? '')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => vscode.Uri.parse(line))
      .filter((uri) => uri.scheme === 'file')
      .map((uri) => uri.fsPath);
    if (localPaths.length > 0) {
      await this.onDropFiles(target, localPaths);
    }
  }
}
