import * as vscode from 'vscode';
import type { EngineState, ExplorerModel } from '../explorer/model';

/** Status bar text and tooltip for an engine state (pure, so it can be checked without VS Code). */
export function statusBarText(state: EngineState): { text: string; tooltip: string; retry: boolean } {
  switch (state.kind) {
    case 'connecting':
      return { text: '$(loading~spin) Docker', tooltip: `Connecting to the Docker Engine at ${state.endpoint}`, retry: false };
    case 'connected':
      return {
        text: `$(vm-running) Docker ${state.version}`,
        tooltip: `Docker Engine ${state.version} (API ${state.apiVersion}), context ${state.contextName}, at ${state.endpoint}`,
        retry: false,
      };
    case 'unreachable':
      return { text: '$(vm-outline) Docker unreachable', tooltip: `${state.reason}\nClick to retry.`, retry: true };
  }
}

/** One status bar item showing the engine (context, version) or why it cannot be reached. */
export class EngineStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('dockside.engine', vscode.StatusBarAlignment.Left, 10);
  private readonly subscription: { dispose(): void };

  constructor(model: ExplorerModel) {
    this.item.name = 'Docker Engine';
    this.subscription = model.onDidChangeState((state) => this.show(state));
    this.show(model.state);
    this.item.show();
  }

  private show(state: EngineState): void {
    const { text, tooltip, retry } = statusBarText(state);
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.command = retry ? 'dockside.engine.retry' : 'dockside.containers.focus';
    this.item.backgroundColor = retry ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
