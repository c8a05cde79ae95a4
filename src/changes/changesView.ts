import type Docker from 'dockerode';
import * as vscode from 'vscode';
import { engineMessage } from '../engine/errors';
import { changedFileUri } from './changedFileDocuments';
import { ChangeNode, changeSummary, changeTree, EngineChange } from './changeTree';

import { changesViewId } from '../views/viewIds';
const shownContextKey = 'dockside.changes.shown';

type Row = { kind: 'summary'; text: string; tooltip?: string } | { kind: 'change'; node: ChangeNode };

const kindIcons: Record<string, vscode.ThemeIcon> = {
  added: new vscode.ThemeIcon('diff-added', new vscode.ThemeColor('gitDecoration.addedResourceForeground')),
  changed: new vscode.ThemeIcon('diff-modified', new vscode.ThemeColor('gitDecoration.modifiedResourceForeground')),
  deleted: new vscode.ThemeIcon('diff-removed', new vscode.ThemeColor('gitDecoration.deletedResourceForeground')),
};

/**
 * The "Container Changes" view: what `docker diff` reports for one container (`GET /containers/{id}/changes`), as
 * a tree of added, changed and deleted paths. An added or changed file opens read-only, read from the container.
 */
export class ChangesView implements vscode.TreeDataProvider<Row>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<Row>;
  private container: { id: string; name: string } | undefined;
  private rows: Row[] = [];

  constructor(private readonly docker: () => Docker) {
    this.view = vscode.window.createTreeView(changesViewId, { treeDataProvider: this, showCollapseAll: true });
  }

  /** Lists the changes of a container and shows the view. Resolves to the changes listed. */
  async show(container: { id: string; name: string }): Promise<EngineChange[]> {
    this.container = container;
    const changes = await this.load();
    await vscode.commands.executeCommand('setContext', shownContextKey, true);
    this.view.title = `Changes: ${container.name}`;
    await vscode.commands.executeCommand(`${changesViewId}.focus`);
    return changes;
  }

  async refresh(): Promise<void> {
    if (this.container) await this.load();
  }

  private async load(): Promise<EngineChange[]> {
    const container = this.container;
    if (!container) return [];
    let changes: EngineChange[] = [];
    try {
      changes = ((await this.docker().getContainer(container.id).changes()) as EngineChange[] | null) ?? [];
      this.rows = [{ kind: 'summary', text: `${container.name}: ${changeSummary(changes)}` }, ...changeTree(changes).map((node): Row => ({ kind: 'change', node }))];
    } catch (error) {
      this.rows = [{ kind: 'summary', text: `Cannot list the changes of ${container.name}`, tooltip: engineMessage(error) }];
    }
    this.changed.fire();
    return changes;
  }

  getChildren(row?: Row): Row[] {
    if (!row) return this.rows;
    return row.kind === 'change' ? row.node.children.map((node): Row => ({ kind: 'change', node })) : [];
  }

  getTreeItem(row: Row): vscode.TreeItem {
    if (row.kind === 'summary') {
      const item = new vscode.TreeItem(row.text);
      item.iconPath = new vscode.ThemeIcon('info');
      item.tooltip = row.tooltip;
      return item;
    }
    const { node } = row;
    const folder = node.children.length > 0;
    const item = new vscode.TreeItem(node.name, folder ? (node.path.split('/').length <= 2 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed) : vscode.TreeItemCollapsibleState.None);
    item.id = `${this.container?.id ?? ''}:${node.path}`;
    item.description = node.kind;
    item.tooltip = `${node.path}${node.kind ? ` (${node.kind})` : ''}`;
    item.iconPath = node.kind ? kindIcons[node.kind] : vscode.ThemeIcon.Folder;
    item.contextValue = node.kind ? `change.${node.kind}` : 'change.folder';
    if (!folder && node.kind !== 'deleted' && this.container) {
      item.command = { command: 'vscode.open', title: 'Open from the container', arguments: [changedFileUri(this.container, node.path), { preview: true }] };
    }
    return item;
  }

  dispose(): void {
    this.view.dispose();
    this.changed.dispose();
  }
}
