import * as vscode from 'vscode';
import type { EngineState, ExplorerModel } from '../explorer/model';
import type { ExplorerNode } from '../explorer/nodes';
import type { ResourceKind } from '../explorer/resources';
import type { ViewSettings } from '../explorer/views';
import { ExplorerTreeProvider, LazyChildren, ViewEngineSource } from './explorerTreeProvider';
import { ViewId } from './viewIds';

const viewKinds: Record<ViewId, ResourceKind> = {
  'dockside.containers': 'container',
  'dockside.images': 'image',
  'dockside.volumes': 'volume',
  'dockside.networks': 'network',
};

/**
 * The four tree views. They publish the engine state as context keys (for the welcome views and menus), show
 * the unreachable reason as the view message, and call `onFirstVisible` once, when any of them is first shown.
 */
export class ExplorerViews implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  readonly providers: ExplorerTreeProvider[] = [];
  readonly treeViews: Array<vscode.TreeView<ExplorerNode>> = [];
  private firstVisible = false;

  constructor(
    private readonly model: ExplorerModel,
    private readonly engines: ViewEngineSource,
    settings: () => ViewSettings,
    private readonly onFirstVisible: () => void,
    /** Rows below containers loaded on expansion (their files), and drops of local files onto them. */
    containerDetails?: LazyChildren & vscode.TreeDragAndDropController<ExplorerNode>,
  ) {
    for (const [id, kind] of Object.entries(viewKinds) as Array<[ViewId, ResourceKind]>) {
      const details = kind === 'container' ? containerDetails : undefined;
      const provider = new ExplorerTreeProvider(engines, kind, settings, details);
      const treeView = vscode.window.createTreeView(id, {
        treeDataProvider: provider,
        canSelectMany: true,
        showCollapseAll: kind !== 'volume' && kind !== 'network',
        dragAndDropController: details,
      });
      this.providers.push(provider);
      this.treeViews.push(treeView);
      this.disposables.push(
        provider,
        treeView,
        treeView.onDidChangeVisibility((event) => {
          provider.setVisible(event.visible);
          if (event.visible) {
            this.noteVisible();
          }
        }),
      );
      provider.setVisible(treeView.visible);
      if (treeView.visible) {
        this.noteVisible();
      }
    }
    this.disposables.push(
      model.onDidChangeState((state) => this.showState(state)),
      engines.onDidChange(() => this.showState(this.model.state)),
    );
    this.showState(model.state);
  }

  /** The Containers view's provider and tree view. */
  containersView(): [ExplorerTreeProvider, vscode.TreeView<ExplorerNode>] {
    const index = this.providers.findIndex((provider) => provider.view === 'container');
    return [this.providers[index], this.treeViews[index]];
  }

  /** A change of the views is likely within `withinMs`: their re-rendered rows wait for it (see TreeUpdates). */
  expectChange(withinMs: number): void {
    for (const provider of this.providers) {
      provider.expectChange(withinMs);
    }
  }

  /** Re-renders every view (after a settings change). */
  invalidate(): void {
    for (const provider of this.providers) {
      provider.invalidate();
    }
  }

  private noteVisible(): void {
    if (!this.firstVisible) {
      this.firstVisible = true;
      this.onFirstVisible();
    }
  }

  private showState(state: EngineState): void {
    void vscode.commands.executeCommand('setContext', 'dockside.engineState', state.kind);
    void vscode.commands.executeCommand('setContext', 'dockside.engineProblem', state.kind === 'unreachable' ? state.problem : '');
    // With several engines each engine's node tells its own state; the message would speak for one of them only.
    const message = state.kind === 'unreachable' && this.engines.engines().length <= 1 ? state.reason : undefined;
    for (const treeView of this.treeViews) {
      treeView.message = message;
    }
  }

  dispose(): void {
    for (const disposable of this.disposables) {
      disposable.dispose();
    }
  }
}
