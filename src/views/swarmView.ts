import * as vscode from 'vscode';
import { Throttle, treeRefreshIntervalMs } from '../explorer/throttle';
import type { SwarmModel } from '../swarm/swarmModel';
import type { SwarmTreeNode } from '../swarm/swarmTree';
import { rowTreeItem } from './treeItems';
import { swarmViewId } from './viewIds';

/** The context key that shows the Swarm view: some connected engine is a swarm manager. */
export const swarmManagerKey = 'dockside.swarmManager';

export function swarmTreeItem(node: SwarmTreeNode): vscode.TreeItem {
  return rowTreeItem(node, node.description);
}

/** The Swarm view: a thin adapter over the swarm model, refreshed at most once per tree debounce interval. */
export class SwarmView implements vscode.TreeDataProvider<SwarmTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: SwarmTreeNode[] | undefined;
  private readonly refresh = new Throttle(treeRefreshIntervalMs, () => this.changed.fire(undefined));
  private readonly disposables: vscode.Disposable[] = [];
  readonly treeView: vscode.TreeView<SwarmTreeNode>;
  private managerShown: boolean | undefined;

  constructor(private readonly model: SwarmModel) {
    this.treeView = vscode.window.createTreeView(swarmViewId, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.treeView,
      this.changed,
      model.onDidChange(() => {
        this.roots = undefined;
        this.publishManager();
        this.refresh.request();
      }),
      { dispose: () => this.refresh.dispose() },
    );
    this.publishManager();
  }

  private publishManager(): void {
    const manager = this.model.anyManager;
    if (manager !== this.managerShown) {
      this.managerShown = manager;
      void vscode.commands.executeCommand('setContext', swarmManagerKey, manager);
    }
  }

  getChildren(element?: SwarmTreeNode): SwarmTreeNode[] {
    if (element) {
      return element.children ?? [];
    }
    this.roots ??= this.model.roots();
    return this.roots;
  }

  getTreeItem(node: SwarmTreeNode): vscode.TreeItem {
    return swarmTreeItem(node);
  }

  resolveTreeItem(item: vscode.TreeItem, node: SwarmTreeNode): vscode.TreeItem {
    if (node.tooltip) {
      item.tooltip = new vscode.MarkdownString(node.tooltip());
    }
    return item;
  }

  dispose(): void {
    for (const disposable of this.disposables) {
      disposable.dispose();
    }
  }
}
