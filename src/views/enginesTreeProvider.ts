import * as vscode from 'vscode';
import type { Engines } from '../engines/engines';
import { EngineRowNode, engineRowNodes } from '../engines/present';
import { themeIcon } from './treeItems';

/**
 * The Engines view: every engine the user has (contexts, the `dockside.engines` setting, the default socket) with
 * its state. A thin adapter over the pure presenter; re-reads the declarations on every refresh (the Docker CLI
 * may have changed the context store meanwhile).
 */
export class EnginesTreeProvider implements vscode.TreeDataProvider<EngineRowNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: Array<{ dispose(): void }> = [];
  private stateSubscriptions: Array<{ dispose(): void }> = [];
  readonly treeView: vscode.TreeView<EngineRowNode>;

  constructor(private readonly engines: Engines) {
    this.treeView = vscode.window.createTreeView('dockside.engines', { treeDataProvider: this });
    this.subscriptions.push(
      this.treeView,
      engines.onDidChange(() => {
        this.watchStates();
        this.refresh();
      }),
      this.treeView.onDidChangeVisibility((event) => event.visible && this.refresh()),
      vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration('dockside.engines') && this.refresh()),
    );
    this.watchStates();
  }

  private watchStates(): void {
    for (const subscription of this.stateSubscriptions.splice(0)) {
      subscription.dispose();
    }
    for (const engine of this.engines.set.list()) {
      this.stateSubscriptions.push(engine.model.onDidChangeState(() => this.refresh()));
    }
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  getChildren(element?: EngineRowNode): EngineRowNode[] {
    if (element) {
      return [];
    }
    try {
      return engineRowNodes(this.engines.rows());
    } catch (error) {
      this.treeView.message = `The Docker contexts could not be read: ${(error as Error).message}`;
      return [];
    }
  }

  getTreeItem(node: EngineRowNode): vscode.TreeItem {
    const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.iconPath = themeIcon(node.icon);
    item.contextValue = node.contextValue;
    return item;
  }

  dispose(): void {
    for (const subscription of [...this.subscriptions, ...this.stateSubscriptions]) {
      subscription.dispose();
    }
    this.changed.dispose();
  }
}
