import * as vscode from 'vscode';
import type { ExplorerModel } from '../explorer/model';
import type { ExplorerNode } from '../explorer/nodes';
import type { ResourceKind } from '../explorer/resources';
import { Throttle, treeRefreshIntervalMs } from '../explorer/throttle';
import { viewResources, viewRoots, ViewSettings } from '../explorer/views';

/** Turns a model node into a tree item; the item wraps the node, it is not the data. */
export function treeItemFor(node: ExplorerNode): vscode.TreeItem {
  const collapsible = node.children
    ? node.expanded
      ? vscode.TreeItemCollapsibleState.Expanded
      : vscode.TreeItemCollapsibleState.Collapsed
    : vscode.TreeItemCollapsibleState.None;
  const item = new vscode.TreeItem(node.label, collapsible);
  item.id = node.treeId;
  item.description = node.description;
  item.iconPath = new vscode.ThemeIcon(node.icon.id, node.icon.color ? new vscode.ThemeColor(node.icon.color) : undefined);
  item.contextValue = node.contextValue;
  return item;
}

/**
 * The VS Code side of one explorer view: a thin adapter over the pure model. Roots are computed once per model
 * change (lazily, when VS Code asks); changes to kinds the view does not show are ignored.
 */
export class ExplorerTreeProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: ExplorerNode[] | undefined;
  private readonly subscriptions: Array<{ dispose(): void }> = [];
  /**
   * VS Code debounces a tree's change events (200 ms, leading edge, the wait restarting at every event), so a
   * change fired within 200 ms of another waits until the events stop for 200 ms: a `destroy` right after the
   * `die` of a force-remove stayed on screen ~250 ms. Firing at most once per 210 ms keeps every fire on a
   * leading edge there: the first change shows at once, later ones at the end of the interval, never later than
   * the debounce alone would show them.
   */
  private readonly refresh = new Throttle(treeRefreshIntervalMs, () => this.changed.fire());

  constructor(
    private readonly model: ExplorerModel,
    readonly view: ResourceKind,
    private readonly settings: () => ViewSettings,
  ) {
    const shown = viewResources[view];
    this.subscriptions.push(
      model.onDidChangeResources((change) => {
        if (shown.includes(change.resource)) {
          this.invalidate();
        }
      }),
      model.onDidChangeState(() => this.invalidate()),
    );
  }

  /** Drops the cached roots at once; tells VS Code at most every 30 ms (the model itself is never held back). */
  invalidate(): void {
    this.roots = undefined;
    this.refresh.request();
  }

  getChildren(element?: ExplorerNode): ExplorerNode[] {
    if (element) {
      return element.children ?? [];
    }
    this.roots ??= viewRoots(this.model, this.view, this.settings());
    return this.roots;
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    return treeItemFor(node);
  }

  /** Fills the tooltip when the user hovers an item. */
  resolveTreeItem(item: vscode.TreeItem, node: ExplorerNode): vscode.TreeItem {
    if (node.tooltip) {
      item.tooltip = new vscode.MarkdownString(node.tooltip());
    }
    return item;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) {
      subscription.dispose();
    }
    this.refresh.dispose();
    this.changed.dispose();
  }
}
