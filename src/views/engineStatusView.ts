import * as vscode from 'vscode';
import { EngineStatus } from '../engine/connection';

/** Shows the engine's status as the single row of a view, until the view has content of its own. */
export class EngineStatusView implements vscode.TreeDataProvider<EngineStatus>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private status: EngineStatus = { kind: 'connecting' };

  update(status: EngineStatus): void {
    this.status = status;
    this.changed.fire();
  }

  getChildren(element?: EngineStatus): EngineStatus[] {
    return element ? [] : [this.status];
  }

  getTreeItem(status: EngineStatus): vscode.TreeItem {
    switch (status.kind) {
      case 'connecting': {
        const item = new vscode.TreeItem('Connecting to the Docker Engine…');
        item.iconPath = new vscode.ThemeIcon('loading~spin');
        return item;
      }
      case 'connected': {
        const item = new vscode.TreeItem(`Docker Engine ${status.version}`);
        item.description = `API ${status.apiVersion}`;
        item.iconPath = new vscode.ThemeIcon('vm-running', new vscode.ThemeColor('charts.green'));
        return item;
      }
      case 'unreachable': {
        const item = new vscode.TreeItem('Docker Engine unreachable');
        item.description = status.reason;
        item.tooltip = status.reason;
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
        item.command = { command: 'dockside.engine.retry', title: 'Retry' };
        return item;
      }
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
