import type Docker from 'dockerode';
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { WorkflowState } from './commands/workflowState';
import { DocksideConfig } from './config';
import { EngineConnection, EngineStatus } from './engine/connection';
import { createDockerfileClient } from './language/client';
import { EngineStatusView } from './views/engineStatusView';
import { viewIds } from './views/viewIds';

/**
 * The extension's root object. It owns two disposal scopes: what lives as long as the extension
 * (`context.subscriptions`) and what lives as long as one engine connection (`connectionScope`).
 */
export class Dockside implements vscode.Disposable {
  readonly config = new DocksideConfig();
  /** Memories of the last build/run choices and the build diagnostics. */
  readonly workflows: WorkflowState;
  private readonly statusView = new EngineStatusView();
  private connectionScope: vscode.Disposable[] = [];
  private engine: EngineConnection | undefined;
  private client: LanguageClient | undefined;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.workflows = new WorkflowState(context);
    context.subscriptions.push(
      this,
      this.workflows,
      this.config,
      this.statusView,
      ...viewIds.map((id) => vscode.window.createTreeView(id, { treeDataProvider: this.statusView })),
      ...registerCommands(this),
      this.config.onDidChange((event) => {
        if (event.affectsConfiguration('dockside.host')) {
          void this.connectEngine();
        }
      }),
    );
  }

  async start(): Promise<void> {
    this.client = createDockerfileClient(this.context);
    await Promise.all([this.connectEngine(), this.client.start()]);
  }

  /** (Re)connects to the engine named by the settings and environment; reports the outcome in the views. */
  async connectEngine(): Promise<EngineStatus> {
    this.disposeConnectionScope();
    this.statusView.update({ kind: 'connecting' });
    this.engine = new EngineConnection(this.config.host);
    const status = await this.engine.probe();
    this.statusView.update(status);
    return status;
  }

  /**
   * The engine client of the current connection. Commands call this; it throws a message fit for the user
   * when there is no connection yet.
   */
  get docker(): Docker {
    if (!this.engine) {
      throw new Error('Dockside is not connected to a Docker Engine yet.');
    }
    return this.engine.docker;
  }

  async restartLanguageServer(): Promise<void> {
    await this.client?.restart();
  }

  private disposeConnectionScope(): void {
    for (const disposable of this.connectionScope.splice(0)) {
      disposable.dispose();
    }
  }

  dispose(): void {
    this.disposeConnectionScope();
  }

  /** Stops the language server; called from `deactivate` so the process ends with the extension. */
  async stop(): Promise<void> {
    await this.client?.stop();
  }
}
