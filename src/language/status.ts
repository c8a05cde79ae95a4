import * as vscode from 'vscode';

export type ServerState =
  | { kind: 'starting' }
  | { kind: 'running' }
  | { kind: 'restarting'; crashes: number }
  | { kind: 'stopped'; reason: string };

/** The language status item next to Dockerfiles: the server's state, and a restart action when it is down. */
export class ServerStatusItem implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;

  constructor(restartCommand: string) {
    this.item = vscode.languages.createLanguageStatusItem('dockside.dockerfile.server', { language: 'dockerfile' });
    this.item.name = 'Dockside Dockerfile language server';
    this.item.command = { title: 'Restart', command: restartCommand };
    this.update({ kind: 'starting' });
  }

  update(state: ServerState): void {
    switch (state.kind) {
      case 'starting':
        this.item.text = '$(loading~spin) Dockerfile server starting';
        this.item.severity = vscode.LanguageStatusSeverity.Information;
        this.item.busy = true;
        break;
      case 'running':
        this.item.text = '$(check) Dockerfile server';
        this.item.severity = vscode.LanguageStatusSeverity.Information;
        this.item.busy = false;
        break;
      case 'restarting':
        this.item.text = `$(sync~spin) Dockerfile server restarting after a crash (${state.crashes})`;
        this.item.severity = vscode.LanguageStatusSeverity.Warning;
        this.item.busy = true;
        break;
      case 'stopped':
        this.item.text = '$(error) Dockerfile server stopped';
        this.item.detail = state.reason;
        this.item.severity = vscode.LanguageStatusSeverity.Error;
        this.item.busy = false;
        return;
    }
    this.item.detail = undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
