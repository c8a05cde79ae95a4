import * as vscode from 'vscode';
import { engineViewListState, engineViewRoots, ViewEngine } from '../explorer/engineRoots';
import type { ExplorerNode } from '../explorer/nodes';
import type { ResourceKind } from '../explorer/resources';
import { LiveTexts } from '../explorer/liveTexts';
import { changeHoldMs } from '../explorer/stopHold';
import { TreeUpdates } from '../explorer/treeUpdates';
import { ViewListState, viewResources, ViewSettings } from '../explorer/views';
import { rowTreeItem } from './treeItems';

/** The engines the views show, and when that list changes (an engine connected or disconnected). */
export interface ViewEngineSource {
  engines(): readonly ViewEngine[];
  onDidChange(listener: () => void): { dispose(): void };
}

/** The context key the welcome content of a view reads (`dockside.containersList` == loading | empty | shown). */
export const listStateKeys: Record<ResourceKind, string> = {
  container: 'dockside.containersList',
  image: 'dockside.imagesList',
  volume: 'dockside.volumesList',
  network: 'dockside.networksList',
};

/** Turns a model node into a tree item; the item wraps the node, it is not the data. */
export function treeItemFor(node: ExplorerNode, nowMs = Date.now()): vscode.TreeItem {
  const item = rowTreeItem(node, node.describeAt?.(nowMs) ?? node.description);
  if (node.resource) {
    // The file icon theme picks the icon by the name; ThemeIcon.File/Folder ask it to.
    item.resourceUri = vscode.Uri.parse(node.resource.uri);
    item.iconPath = node.resource.folder ? vscode.ThemeIcon.Folder : vscode.ThemeIcon.File;
    if (node.resource.opens) {
      item.command = { command: 'vscode.open', title: 'Open', arguments: [item.resourceUri] };
    }
  }
  return item;
}

/** Rows that are not the model's: loaded when the user expands a row (a container's files). */
export interface LazyChildren {
  /** Whether a row has children loaded on expansion. */
  expands(node: ExplorerNode): boolean;
  children(node: ExplorerNode): Promise<ExplorerNode[]>;
}

/**
 * The VS Code side of one explorer view: a thin adapter over the pure model. Roots are computed once per model
 * change (lazily, when VS Code asks); changes to kinds the view does not show are ignored. Rows whose text
 * depends on the clock are re-rendered, alone, when their text changes, while the view is visible.
 */
export class ExplorerTreeProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: ExplorerNode[] | undefined;
  private readonly subscriptions: Array<{ dispose(): void }> = [];
  /**
   * Tree changes and re-rendered rows, timed so that neither delays the other behind VS Code's debounce of a
   * tree's change events (see treeUpdates.ts): a `destroy` right after a `die` shows at once.
   */
  private readonly updates = new TreeUpdates<ExplorerNode>(
    () => this.changed.fire(undefined),
    (nodes) => this.changed.fire(nodes),
  );
  private readonly liveTexts = new LiveTexts<ExplorerNode>((nodes) => this.updates.rows(nodes));
  private shownListState: ViewListState | undefined;
  /** Markdown added to a container's tooltip when hovered (its last health probes), when set. */
  private tooltipExtra: ((node: ExplorerNode) => Promise<string | undefined>) | undefined;
  /** Extra text for a row's description (the container stats, by engine and id), when set. */
  private rowText: ((node: ExplorerNode) => string | undefined) | undefined;
  /** Subscriptions to each shown engine's model, renewed when the engines change. */
  private modelSubscriptions: Array<{ dispose(): void }> = [];

  constructor(
    private readonly source: ViewEngineSource,
    readonly view: ResourceKind,
    private readonly settings: () => ViewSettings,
    private readonly lazy?: LazyChildren,
  ) {
    this.subscriptions.push(
      source.onDidChange(() => {
        this.watchModels();
        this.invalidate();
      }),
    );
    this.watchModels();
  }

  private watchModels(): void {
    const shown = viewResources[this.view];
    for (const subscription of this.modelSubscriptions.splice(0)) {
      subscription.dispose();
    }
    for (const { model } of this.source.engines()) {
      this.modelSubscriptions.push(
        model.onDidChangeResources((change) => {
          if (shown.includes(change.resource)) {
            this.invalidate(changeHoldMs(change, (id) => model.containers.get(id)?.State));
          }
        }),
        model.onDidChangeState(() => this.invalidate()),
      );
    }
  }

  /**
   * Drops the cached roots at once; tells VS Code at most every `treeRefreshIntervalMs`, after `holdMs` if asked
   * (see stopHold.ts). The model itself is never held back.
   */
  invalidate(holdMs = 0): void {
    this.roots = undefined;
    this.liveTexts.clear();
    this.updates.refresh(holdMs);
  }

  /**
   * A change of the tree is likely within `withinMs` (a container was sent a kill: its die, and for a removal its
   * destroy, follow): re-rendered rows wait for it rather than go out just before it and hold it back.
   */
  expectChange(withinMs: number): void {
    this.updates.expectChange(withinMs);
  }

  /** The tree view tells whether it is shown: clock-dependent texts are kept true only then. */
  setVisible(visible: boolean): void {
    this.liveTexts.setVisible(visible);
  }

  /** What the welcome content says (loading, empty) as of the last roots VS Code asked for. */
  get listState(): ViewListState | undefined {
    return this.shownListState;
  }

  getChildren(element?: ExplorerNode): ExplorerNode[] | Promise<ExplorerNode[]> {
    if (element) {
      return element.children ?? (this.lazy?.expands(element) ? this.lazy.children(element) : []);
    }
    const engines = this.source.engines();
    this.roots ??= engineViewRoots(engines, this.view, this.settings());
    this.publishListState(engineViewListState(engines, this.view, this.roots));
    return this.roots;
  }

  /** Sent before the roots reach the workbench, so "No containers." never shows while the first list is out. */
  private publishListState(state: ViewListState): void {
    if (state !== this.shownListState) {
      this.shownListState = state;
      void vscode.commands.executeCommand('setContext', listStateKeys[this.view], state);
    }
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    if (node.clock) {
      this.liveTexts.track(node, node.clock);
    }
    const item = treeItemFor(node);
    if (item.collapsibleState === vscode.TreeItemCollapsibleState.None && this.lazy?.expands(node)) {
      item.collapsibleState = vscode.TreeItemCollapsibleState.Collapsed;
    }
    const extra = node.kind === 'container' ? this.rowText?.(node) : undefined;
    if (extra) {
      item.description = item.description ? `${String(item.description)} · ${extra}` : extra;
    }
    return item;
  }

  setRowText(rowText: ((node: ExplorerNode) => string | undefined) | undefined): void {
    this.rowText = rowText;
  }

  /**
   * Re-renders the rows of these containers of one engine alone (their extra text changed); nothing when none
   * is shown. Rows of no engine in particular (one engine shown) are that engine's.
   */
  refreshRows(ids: readonly string[], engine?: string): void {
    if (!this.roots) return;
    const wanted = new Set(ids);
    const nodes: ExplorerNode[] = [];
    const visit = (list: readonly ExplorerNode[]) => {
      for (const node of list) {
        if (node.kind === 'container' && wanted.has(node.id) && (node.engine === undefined || engine === undefined || node.engine === engine)) nodes.push(node);
        if (node.children) visit(node.children);
      }
    };
    visit(this.roots);
    this.updates.rows(nodes);
  }

  setTooltipExtra(extra: ((node: ExplorerNode) => Promise<string | undefined>) | undefined): void {
    this.tooltipExtra = extra;
  }

  /** Fills the tooltip when the user hovers an item (with the clock of that moment, and any extra read then). */
  async resolveTreeItem(item: vscode.TreeItem, node: ExplorerNode): Promise<vscode.TreeItem> {
    if (node.tooltip) {
      const extra = await this.tooltipExtra?.(node).catch(() => undefined);
      item.tooltip = new vscode.MarkdownString([node.tooltip(Date.now()), extra].filter(Boolean).join('\n\n'));
    }
    return item;
  }

  dispose(): void {
    for (const subscription of [...this.subscriptions, ...this.modelSubscriptions]) {
      subscription.dispose();
    }
    this.updates.dispose();
    this.liveTexts.dispose();
    this.changed.dispose();
  }
}
