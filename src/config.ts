import * as vscode from 'vscode';

/** Typed access to the `dockside.*` settings, with one change event for the whole section. */
export class DocksideConfig implements vscode.Disposable {
  static readonly section = 'dockside';

  private readonly changed = new vscode.EventEmitter<vscode.ConfigurationChangeEvent>();
  private readonly subscription: vscode.Disposable;

  /** Fires when any `dockside.*` setting changes. */
  readonly onDidChange = this.changed.event;

  constructor() {
    this.subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(DocksideConfig.section)) {
        this.changed.fire(event);
      }
    });
  }

  private get settings(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(DocksideConfig.section);
  }

  /** Engine endpoint chosen by the user (machine scope); empty means "as Docker itself resolves it". */
  get host(): string {
    return this.settings.get<string>('host', '').trim();
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
