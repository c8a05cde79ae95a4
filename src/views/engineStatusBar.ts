import * as vscode from 'vscode';
import type { EngineState, ExplorerModel } from '../explorer/model';
import { statusBarText } from './engineStatusText';

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
