import type Docker from 'dockerode';
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { DocksideConfig } from './config';
import { EngineConnection, EngineStatus } from './engine/connection';
import { DockerfileLanguageClient } from './language/client';
import { listLocalImages } from './language/localImages';
import { EngineStatusView } from './views/engineStatusView';
import { viewIds } from './views/viewIds';

/**
 * The extension's root object. It owns two disposal scopes: what lives as long as the extension
 * (`context.subscriptions`) and what lives as long as one engine connection (`connectionScope`).
 */
export class Dockside implements vscode.Disposable {
  readonly config = new DocksideConfig();
  private readonly statusView = new EngineStatusView();
  private connectionScope: vscode.Disposable[] = [];
  private engine: EngineConnection | undefined;
  private client: DockerfileLanguageClient | undefined;

  constructor(private readonly context: vscode.ExtensionContext) {
    context.subscriptions.push(
      this,
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
    this.client = new DockerfileLanguageClient(this.context, 'dockside.languageServer.restart');
    this.context.subscriptions.push(this.client);
    await Promise.all([this.connectEngine(), this.client.start()]);
  }

  /** (Re)connects to the engine named by the settings and environment; reports the outcome in the views. */
  async connectEngine(): Promise<EngineStatus> {
    this.disposeConnectionScope();
    this.statusView.update({ kind: 'connecting' });
    this.engine = new EngineConnection(this.config.host);
    const status = await this.engine.probe();
    this.statusView.update(status);
    if (status.kind === 'connected') {
      void this.refreshLocalImages();
    }
    return status;
  }

  /**
   * Sends the engine's images to the language server (completion and hover after FROM). Called on each
   * connection; the images view calls it again when the engine reports image events.
   */
  async refreshLocalImages(): Promise<void> {
    const engine = this.engine;
    if (!engine || !this.client) {
      return;
    }
    try {
      const images = await listLocalImages(engine.docker);
      if (engine === this.engine) {
        this.client.setLocalImages(images);
      }
    } catch {
      // The engine went away meanwhile: the next connection refreshes again.
    }
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
