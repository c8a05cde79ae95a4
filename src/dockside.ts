import Docker from 'dockerode';
import * as vscode from 'vscode';
import { ChangedFileDocuments } from './changes/changedFileDocuments';
import { ChangesView } from './changes/changesView';
import { registerCommands } from './commands';
import { Prompts, prompts } from './commands/explorer/prompts';
import { WorkflowState } from './commands/workflowState';
import { ComposeSession } from './commands/compose/composeSession';
import { DocksideConfig } from './config';
import type { EngineConnection } from './engine/connection';
import type { EngineFacts } from './engines/engineFacts';
import { Engines } from './engines/engines';
import { scopedEngineKey } from './engines/engineScope';
import { EngineEventHub } from './engine/eventHub';
import { EngineRuntime, runtimeName } from './engine/runtime';
import { setListenerErrorSink } from './explorer/emitter';
import { ExplorerModel } from './explorer/model';
import { killSettleMs } from './explorer/stopHold';
import { notices } from './feedback/notices';
import { ContainerFileSystem } from './files/containerFileSystem';
import { containerScheme, engineAuthority } from './files/containerPath';
import { FilesTree } from './files/tree/filesTree';
import type { EngineHealth } from './health/healthLog';
import { InspectDocuments } from './inspect/inspectProvider';
import { DockerfileLanguageClient } from './language/client';
import { listLocalImages } from './language/localImages';
import { listComposeContainers } from './language/composeContainers';
import { EngineListFeed } from './language/engineListFeed';
import { StatsPanel } from './stats/panel/statsPanel';
import { ContainerDetails } from './views/containerDetails';
import { ContainerRowStats } from './views/containerRowStats';
import { ConnectedEnginesSource } from './swarm/connectedEngines';
import { SwarmModel } from './swarm/swarmModel';
import { EngineStatusBar } from './views/engineStatusBar';
import { DockerCredentials } from './registry/credentials/dockerCredentials';
import { RegistriesView } from './views/registriesView';
import { EnginesTreeProvider } from './views/enginesTreeProvider';
import { ExplorerViews } from './views/explorerViews';
import { registerTaskProviders } from './tasks/taskProviders';
import { SwarmView } from './views/swarmView';

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
  /**
   * Engine events of every connected engine for every feature (`dockside.events.onContainerEvent(…)`), across
   * reconnections, each tagged with its engine's key.
   */
  readonly events = new EngineEventHub();
  readonly views: ExplorerViews;
  /** The Swarm view's model: the swarm of each connected engine that is a manager. */
  readonly swarm: SwarmModel;
  readonly swarmView: SwarmView;
  /** The questions explorer commands ask; an extension-host test may replace its methods to answer them. */
  readonly prompts: Prompts = prompts;
  readonly inspectDocuments: InspectDocuments;
  /** The Registries view: what registries hold, from the setting and the Docker logins. */
  readonly registries: RegistriesView;
  /** The Container Changes view (`docker diff` of one container). */
  readonly changes: ChangesView;
  /** Memories of the last build/run choices and the build diagnostics. */
  readonly workflows: WorkflowState;
  /** The Compose CLI, the terminals and diagnostics of Compose runs. */
  readonly compose = new ComposeSession(
    () => this.engine?.endpoint,
    () => void this.composeContainers.refresh(),
  );
  /** Notifications in words; the raw engine text, connection and sync errors go to its "Dockside" output channel. */
  readonly notices = notices;
  /** The `dockside-container` file system: files of the connected engine's containers. */
  readonly files: ContainerFileSystem;
  private connectionScope: vscode.Disposable[] = [];
  private engine: EngineConnection | undefined;
  private viewsWanted = false;
  private client: DockerfileLanguageClient | undefined;
  /** The engine's images, for completion and hover after FROM. */
  private readonly localImages = new EngineListFeed(
    () => (this.client ? this.engine : undefined),
    (engine) => listLocalImages(engine.docker),
    (images) => this.client?.setLocalImages(images),
  );
  /** The engine's Compose containers, for a service's state on hover. */
  private readonly composeContainers = new EngineListFeed(
    () => (this.client ? this.engine : undefined),
    (engine) => listComposeContainers(engine.docker),
    (containers) => this.client?.setComposeContainers(containers),
  );

  constructor(private readonly context: vscode.ExtensionContext) {
    this.engines = new Engines({
      settings: () => this.config.engines,
      onSyncError: (error) => this.notices.output.warn('Engine sync:', error),
    });
    this.files = new ContainerFileSystem(
      (authority) => this.dockerFor(authority),
      () => this.config.filesMaxSize,
    );
    const filesTree = new FilesTree(
      this.files,
      (engineKey) => this.engineAuthorityOf(engineKey),
      (target, localPaths) => vscode.commands.executeCommand('dockside.files.upload', target, undefined, localPaths.map((path) => vscode.Uri.file(path))),
    );
    // Under a container: Health (read from its inspect answer when expanded), Ports (from the list), Files.
    const containerDetails = new ContainerDetails(filesTree, {
      listed: (node) => this.modelOf(node.engine)?.containers.get(node.id),
      health: async (node) => ((await this.dockerOf(node.engine).getContainer(node.id).inspect()) as { State?: { Health?: EngineHealth } }).State?.Health,
    });
    this.views = new ExplorerViews(this.primaryModel, this.engines.set, () => this.config.viewSettings, () => this.onViewsVisible(), containerDetails);
    this.registries = new RegistriesView(() => this.registryCredentials);
    this.inspectDocuments = new InspectDocuments(
      (engine) => this.dockerOf(engine),
      this.engines.set,
      (id) => this.registries.manifestDocument(id),
      (rowId) => this.engines.inspect(rowId),
    );
    this.changes = new ChangesView(() => this.docker);
    this.workflows = new WorkflowState(context);
    const swarmEngines = new ConnectedEnginesSource(this.engines.set, (key) => this.events.ofEngine(key));
    this.swarm = new SwarmModel(swarmEngines);
    this.swarmView = new SwarmView(this.swarm);
    context.subscriptions.push(
      this,
      // Every connected engine's event stream reaches the hub while it is connected.
      this.events.follow(this.engines.set),
      // A context created, removed or made current in a terminal shows in the Engines view by itself; one made
      // current there also becomes Dockside's current engine, as it does the next `docker` command's, unless a
      // setting or the environment names the engine.
      this.engines.watchStore(undefined, (name) => {
        if (this.engines.followsCurrentContext(this.config.host) && this.engine?.endpoint?.contextName !== name) void this.connectEngine();
      }),
      swarmEngines,
      this.swarm,
      this.swarmView,
      this.notices,
      setListenerErrorSink((error) => this.notices.output.error('A Dockside listener failed:', error)),
      this.primaryModel.onDidChangeState((state) => {
        if (state.kind === 'unreachable') this.notices.output.warn(`Docker Engine unreachable (${state.endpoint}): ${state.reason}`);
        else if (state.kind === 'connected') this.notices.output.info(`Connected to ${runtimeName(state.runtime)} Engine ${state.version} (API ${state.apiVersion}) at ${state.endpoint}.`);
      }),
      this.workflows,
      this.compose,
      this.config,
      this.views,
      this.inspectDocuments,
      this.registries,
      this.files,
      // The provider reports only its own changes: the Files rows show them at once.
      this.files.onDidChangeFile(() => this.views.invalidate()),
      vscode.workspace.registerFileSystemProvider(containerScheme, this.files, { isCaseSensitive: true }),
      this.changes,
      new ChangedFileDocuments(() => this.docker),
      new EngineStatusBar(this.primaryModel),
      new EnginesTreeProvider(this.engines),
      new ContainerRowStats(...this.views.containersView(), this.engines.set, this.config),
      // A kill: the container's die (and destroy, for a removal) follow within moments; row texts wait for them.
      this.events.onContainerEvent((event) => {
        if (event.Action === 'kill') this.views.expectChange(killSettleMs);
      }),
      // A health probe ran (the engine logs it as an exec): a shown Health row re-reads the probes.
      this.events.onContainerEvent((event) => {
        if (event.Action?.startsWith('exec_die') && containerDetails.showsHealth(event.Actor.ID)) this.views.containersView()[0].refreshRows([event.Actor.ID], event.engine);
      }),
      { dispose: () => StatsPanel.disposeAll() },
      ...this.views.treeViews.map((view) => view.onDidChangeVisibility((event) => event.visible && this.onViewShown())),
      ...registerCommands(this),
      ...registerTaskProviders(this),
      // A pull, build, tag or removal changes what FROM completion and hover should offer; bursts arrive
      // layer by layer, so the list is sent once they settle.
      this.events.onImageEvent(() => this.localImages.schedule(), this.primaryKey),
      this.localImages,
      // Compose hover shows a service's containers: sent again once a burst of container events settles.
      this.events.onContainerEvent(() => this.composeContainers.schedule(), this.primaryKey),
      this.composeContainers,
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
    // The event stream starts when a view is first visible; other features may still use `docker` before.
    if (this.viewsWanted) {
      await engine.start();
    } else {
      await engine.probe();
    }
    // The language server hears of this engine's images and Compose containers on each connection.
    void this.localImages.refresh();
    void this.composeContainers.refresh();
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
    await Promise.all([...engines.map((engine) => engine.connection.refresh()), this.swarm.refresh()]);
  }

  /** Makes sure the model is live (palette commands may run before any view was shown); resolves once listed. */
  async ensureExplorer(): Promise<void> {
    this.viewsWanted = true;
    await this.scopedConnection()?.start();
    await this.swarm.start();
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

  /** The current engine's key (what its events are tagged with), undefined before the first connection. */
  private readonly primaryKey = (): string | undefined => this.engines.set.primary?.key;

  private onViewsVisible(): void {
    this.viewsWanted = true;
    void this.engine?.start();
    // The Swarm view shows once the engine is found to be a manager, so the swarm is read with the explorer.
    void this.swarm.start();
  }

  /** A view opened while the engine is away: try again now rather than at the end of the backoff. */
  private onViewShown(): void {
    if (this.viewsWanted) {
      this.engine?.wake();
    }
  }

  /** The stats panels open now (an extension-host test reads them). */
  get statsPanels(): readonly StatsPanel[] {
    return StatsPanel.panels;
  }

  /** Where the extension is installed (its `dist/` holds the webview pages). */
  get extensionUri(): vscode.Uri {
    return this.context.extensionUri;
  }

  /** The tree model of a connected engine by key (undefined: the current engine). */
  private modelOf(engineKey: string | undefined): ExplorerModel | undefined {
    return engineKey === undefined ? this.primaryModel : this.engines.set.get(engineKey)?.model;
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

  /** Registry credentials where the Docker CLI keeps them (`DOCKER_CONFIG` read at each use). */
  get registryCredentials(): DockerCredentials {
    return new DockerCredentials();
  }

  /** The URI authority of the current engine (`dockside-container://<authority>/…`). */
  get engineAuthority(): string | undefined {
    return this.engineAuthorityOf(scopedEngineKey());
  }

  /** The URI authority of a connected engine by key (undefined: the current engine). */
  engineAuthorityOf(engineKey: string | undefined): string | undefined {
    const connection = engineKey === undefined ? this.engine : this.engines.set.get(engineKey)?.connection;
    return connection?.endpoint ? engineAuthority(connection.endpoint.host) : undefined;
  }

  /** The engine client for a `dockside-container` authority, when that engine is connected. */
  dockerFor(authority: string): Docker | undefined {
    const connections = [this.engine, ...this.engines.set.list().map((engine) => engine.connection)];
    return connections.find((connection) => connection?.endpoint && engineAuthority(connection.endpoint.host) === authority)?.docker;
  }

  /** Docker's engine or Podman's compatible service (what is connected now; Docker until known). */
  get runtime(): EngineRuntime {
    const state = this.explorer.state;
    return state.kind === 'connected' ? (state.runtime ?? 'docker') : 'docker';
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
