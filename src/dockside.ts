import Docker from 'dockerode';
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { Prompts, prompts } from './commands/explorer/prompts';
import { WorkflowState } from './commands/workflowState';
import { DocksideConfig } from './config';
import type { EngineConnection } from './engine/connection';
import type { EngineFacts } from './engines/engineFacts';
import { Engines } from './engines/engines';
import { scopedEngineKey } from './engines/engineScope';
import { EngineEventHub } from './engine/eventHub';
import { setListenerErrorSink } from './explorer/emitter';
import { ExplorerModel } from './explorer/model';
import { notices } from './feedback/notices';
import { InspectDocuments } from './inspect/inspectProvider';
import { DockerfileLanguageClient } from './language/client';
import { listLocalImages } from './language/localImages';
import { EngineStatusBar } from './views/engineStatusBar';
import { EnginesTreeProvider } from './views/enginesTreeProvider';
import { ExplorerViews } from './views/explorerViews';

/**
 * The extension's root object. It owns two disposal scopes: what lives as long as the extension
 * (`context.subscriptions`) and what lives as long as one engine connection (`connectionScope`).
 */
export class Dockside implements vscode.Disposable {
  readonly config = new DocksideConfig();
  /** The current engine's tree model; one for the extension's lifetime, refilled on each connection. */
  private readonly primaryModel = new ExplorerModel();
  /** Every engine the user has, and those connected at once (each with its own connection and model). */
  readonly engines: Engines;
  /** Engine events for every feature (`dockside.events.onContainerEvent(…)`), across reconnections. */
  readonly events = new EngineEventHub();
  readonly views: ExplorerViews;
  /** The questions explorer commands ask; an extension-host test may replace its methods to answer them. */
  readonly prompts: Prompts = prompts;
  readonly inspectDocuments: InspectDocuments;
  /** Memories of the last build/run choices and the build diagnostics. */
  readonly workflows: WorkflowState;
  /** Notifications in words; the raw engine text, connection and sync errors go to its "Dockside" output channel. */
  readonly notices = notices;
  private connectionScope: vscode.Disposable[] = [];
  private engine: EngineConnection | undefined;
  private viewsWanted = false;
  private localImagesTimer: NodeJS.Timeout | undefined;
  private client: DockerfileLanguageClient | undefined;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.engines = new Engines({
      settings: () => this.config.engines,
      onSyncError: (error) => this.notices.output.warn('Engine sync:', error),
    });
    this.views = new ExplorerViews(this.primaryModel, this.engines.set, () => this.config.viewSettings, () => this.onViewsVisible());
    this.inspectDocuments = new InspectDocuments((engine) => this.dockerOf(engine), this.primaryModel, (rowId) => this.engines.inspect(rowId));
    this.workflows = new WorkflowState(context);
    context.subscriptions.push(
      this,
      this.notices,
      setListenerErrorSink((error) => this.notices.output.error('A Dockside listener failed:', error)),
      this.primaryModel.onDidChangeState((state) => {
        if (state.kind === 'unreachable') this.notices.output.warn(`Docker Engine unreachable (${state.endpoint}): ${state.reason}`);
        else if (state.kind === 'connected') this.notices.output.info(`Connected to Docker Engine ${state.version} (API ${state.apiVersion}) at ${state.endpoint}.`);
      }),
      this.workflows,
      this.config,
      this.views,
      this.inspectDocuments,
      new EngineStatusBar(this.primaryModel),
      new EnginesTreeProvider(this.engines),
      ...this.views.treeViews.map((view) => view.onDidChangeVisibility((event) => event.visible && this.onViewShown())),
      ...registerCommands(this),
      // A pull, build, tag or removal changes what FROM completion and hover should offer; bursts arrive
      // layer by layer, so the list is sent once they settle.
      this.events.onImageEvent(() => this.scheduleLocalImagesRefresh()),
      { dispose: () => clearTimeout(this.localImagesTimer) },
      this.config.onDidChange((event) => {
        if (event.affectsConfiguration('dockside.host')) {
          void this.connectEngine();
        }
        if (['containers', 'images', 'networks'].some((section) => event.affectsConfiguration(`dockside.${section}`))) {
          this.views.invalidate();
        }
      }),
    );
  }

  async start(): Promise<void> {
    this.client = new DockerfileLanguageClient(this.context, 'dockside.languageServer.restart');
    this.context.subscriptions.push(this.client);
    await Promise.all([this.connectEngine(), this.client.start()]);
  }

  /** (Re)creates the connection to the engine named by the settings and environment. */
  async connectEngine(): Promise<void> {
    this.disposeConnectionScope();
    // The set owns the connection (and disposes the one it replaces).
    const engine = this.engines.connectPrimary(this.config.host, this.primaryModel);
    this.engine = engine;
    this.events.attach((listener) => engine.onEvent(listener));
    // The event stream starts when a view is first visible; other features may still use `docker` before.
    if (this.viewsWanted) {
      await engine.start();
    } else {
      await engine.probe();
    }
    void this.refreshLocalImages();
  }

  /** Retry now (the welcome view's button): reconnects and resets the backoff. */
  async retryEngine(): Promise<void> {
    const engine = this.scopedConnection();
    if (!engine) {
      return this.connectEngine();
    }
    this.viewsWanted = true;
    await engine.retryNow();
  }

  /** Re-lists everything from the engine (every connected engine from the view's title). */
  async refreshExplorer(): Promise<void> {
    this.viewsWanted = true;
    const scoped = scopedEngineKey();
    const engines = this.engines.set.list().filter((engine) => scoped === undefined || engine.key === scoped);
    await Promise.all(engines.map((engine) => engine.connection.refresh()));
  }

  /** Makes sure the model is live (palette commands may run before any view was shown); resolves once listed. */
  async ensureExplorer(): Promise<void> {
    this.viewsWanted = true;
    await this.scopedConnection()?.start();
  }

  /** The connection of the engine the command under way acts on: its item's engine, else the current one. */
  private scopedConnection(): EngineConnection | undefined {
    const key = scopedEngineKey();
    return key === undefined ? this.engine : this.engines.set.get(key)?.connection;
  }

  /**
   * The tree model of the engine the command under way acts on (its item's engine), else the current engine's.
   * Features that know one engine keep using this and act on the right one.
   */
  get explorer(): ExplorerModel {
    const key = scopedEngineKey();
    return (key === undefined ? undefined : this.engines.set.get(key)?.model) ?? this.primaryModel;
  }

  private onViewsVisible(): void {
    this.viewsWanted = true;
    void this.engine?.start();
  }

  /** A view opened while the engine is away: try again now rather than at the end of the backoff. */
  private onViewShown(): void {
    if (this.viewsWanted) {
      this.engine?.wake();
    }
  }

  private scheduleLocalImagesRefresh(): void {
    clearTimeout(this.localImagesTimer);
    this.localImagesTimer = setTimeout(() => void this.refreshLocalImages(), 250);
  }

  /**
   * Sends the engine's images to the language server (completion and hover after FROM). Called on each
   * connection, and again once a burst of image events settles.
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
   * when there is no connection.
   */
  get docker(): Docker {
    return this.dockerOf(scopedEngineKey());
  }

  /**
   * Runtime (Docker/Podman), version, OS/arch and swarm role of the engine the command under way acts on (its
   * item's engine, else the current one); undefined until that engine answered `/version` and `/info`.
   */
  get engineFacts(): EngineFacts | undefined {
    const key = scopedEngineKey();
    return (key === undefined ? this.engines.set.primary : this.engines.set.get(key))?.facts;
  }

  /** The client of one engine by key (undefined: the current engine); throws a sentence when it is not connected. */
  dockerOf(engineKey: string | undefined): Docker {
    if (engineKey !== undefined) {
      const engine = this.engines.set.get(engineKey);
      if (!engine) {
        throw new Error(`The engine ${engineKey} is not connected any more.`);
      }
      return engine.connection.docker;
    }
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
    this.engines.dispose();
    this.events.dispose();
    this.primaryModel.dispose();
  }

  /** Stops the language server; called from `deactivate` so the process ends with the extension. */
  async stop(): Promise<void> {
    await this.client?.stop();
  }
}
