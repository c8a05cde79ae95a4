import type Docker from 'dockerode';
import { EngineConnection } from '../engine/connection';
import { defaultUnixSocket, Endpoint } from '../engine/endpoint';
import { ExplorerModel } from '../explorer/model';
import { CatalogEntry, engineCatalog, engineKey } from './catalog';
import { ContextStore, NewContext } from './contexts/contextStore';
import { ContextStoreWatch } from './contexts/contextWatch';
import type { ConnectedEngine } from './engineSet';
import { EngineSet } from './engineSet';

/** What the Engines view needs from outside: the setting's entries, where sync errors go, how to build a client. */
export interface EnginesOptions {
  settings: () => readonly unknown[];
  onSyncError: (error: unknown) => void;
  /** dockerode options for an endpoint (an ssh engine gets its kept connection here). */
  dockerOptions?: (endpoint: Endpoint) => Docker.DockerOptions;
  env?: NodeJS.ProcessEnv;
  store?: ContextStore;
}

/** What a row of the Engines view shows: the declaration and, when connected, the live engine. */
export interface EngineRow {
  entry: CatalogEntry;
  key?: string;
  engine?: ConnectedEngine;
}

/** A short name for an endpoint: the context's name, else the address without `unix://`. */
export function endpointLabel(endpoint: Endpoint): string {
  return endpoint.contextName !== 'default' ? endpoint.contextName : endpoint.host.replace(/^unix:\/\//, '');
}

/**
 * The user's engines: the catalog (contexts, the setting's entries, the default socket) and the connected set.
 * Connects and disconnects engines besides the current one, and runs the context store's operations. No VS Code.
 */
export class Engines {
  readonly set = new EngineSet();
  readonly store: ContextStore;
  private readonly env: NodeJS.ProcessEnv;

  constructor(private readonly options: EnginesOptions) {
    this.env = options.env ?? process.env;
    this.store = options.store ?? ContextStore.fromEnvironment(this.env);
  }

  readonly onDidChange = (listener: () => void): { dispose(): void } => this.set.onDidChange(listener);

  /** Every engine the user has, with its connection when connected (read afresh: the CLI may have changed the store). */
  rows(): EngineRow[] {
    let currentContext = 'default';
    try {
      currentContext = this.store.current(this.env);
    } catch {
      // A broken config.json: listed as is; `use` says what is wrong.
    }
    const entries = engineCatalog({
      contexts: this.store.list(),
      settings: this.options.settings(),
      defaultHost: defaultUnixSocket,
      currentContext,
    });
    return entries.map((entry) => {
      const key = entry.endpoint ? engineKey(entry.endpoint.host) : undefined;
      return { entry, key, engine: key ? this.set.get(key) : undefined };
    });
  }

  /** The current engine's connection (settings > DOCKER_HOST > context > socket) with the lasting model. */
  connectPrimary(host: string, model: ExplorerModel): EngineConnection {
    const before = this.set.primary;
    if (before) {
      this.set.remove(before.key);
    }
    const connection = new EngineConnection(host, model, this.options.onSyncError, this.options.dockerOptions);
    const endpoint = connection.endpoint;
    this.set.add({
      key: endpoint ? engineKey(endpoint.host) : `unconfigured:${host}`,
      label: endpoint ? endpointLabel(endpoint) : host || 'default',
      model,
      connection,
      primary: true,
    });
    return connection;
  }

  /** Connects one more engine and starts following it; resolves once its first list is in (or it failed). */
  async connect(entry: CatalogEntry): Promise<ConnectedEngine> {
    if (!entry.endpoint) {
      throw new Error(`Engine "${entry.name}" cannot be connected: ${entry.problem ?? 'it has no endpoint'}`);
    }
    const key = engineKey(entry.endpoint.host);
    const existing = this.set.get(key);
    if (existing) {
      return existing;
    }
    const model = new ExplorerModel();
    const connection = new EngineConnection(entry.endpoint, model, this.options.onSyncError, this.options.dockerOptions);
    const engine = this.set.add({ key, label: entry.name, model, connection, primary: false });
    await connection.start();
    return engine;
  }

  /** Disconnects an engine other than the current one (which stays: it is what `docker` and the palette use). */
  disconnect(key: string): void {
    const engine = this.set.get(key);
    if (!engine) {
      return;
    }
    if (engine.primary) {
      throw new Error(`"${engine.label}" is the current engine and stays connected; make another one current with Use.`);
    }
    this.set.remove(key);
  }

  /**
   * Follows the context store: a `docker context create/rm/use/update` run anywhere (a terminal, a script)
   * shows in the Engines view without a refresh.
   */
  watchStore(settleMs?: number, onCurrentContext?: (name: string) => void): { dispose(): void } {
    // Only a change of what the store declares is news: other writes there (a login's config.json) are not.
    let last = this.declaredContexts();
    return new ContextStoreWatch(
      this.store.configDir,
      () => {
        const now = this.declaredContexts();
        if (now.text !== last.text) {
          this.set.onDidChangeCatalog();
        }
        if (now.current !== undefined && now.current !== last.current) {
          onCurrentContext?.(now.current);
        }
        // A moment the store cannot be read (a write half done) is no change of the current context.
        last = { text: now.text, current: now.current ?? last.current };
      },
      settleMs,
    );
  }

  /** Whether the current engine is the current context's: no `dockside.host` setting, DOCKER_HOST or DOCKER_CONTEXT decides it. */
  followsCurrentContext(hostSetting: string): boolean {
    return !hostSetting && !this.env.DOCKER_HOST && !this.env.DOCKER_CONTEXT;
  }

  /**
   * The contexts the store declares and the current one (`DOCKER_CONTEXT`, else config.json's), as one comparable
   * text; the current one's name apart, undefined while the store cannot be read.
   */
  private declaredContexts(): { text: string; current: string | undefined } {
    try {
      const current = this.store.current(this.env);
      return { text: JSON.stringify([this.store.list(), current]), current };
    } catch (error) {
      return { text: `unreadable: ${error instanceof Error ? error.message : String(error)}`, current: undefined };
    }
  }

  createContext(context: NewContext): void {
    this.store.create(context);
    this.set.onDidChangeCatalog();
  }

  removeContext(name: string): void {
    this.store.remove(name, this.env);
    this.set.onDidChangeCatalog();
  }

  /** `docker context use NAME`. Returns whether the current engine follows the context (no setting or DOCKER_HOST overrides it). */
  useContext(name: string, hostSetting: string): boolean {
    this.store.use(name);
    this.set.onDidChangeCatalog();
    return this.followsCurrentContext(hostSetting);
  }

  /**
   * What Inspect shows of an engine: its declaration (TLS material by folder only, never its content) and, when
   * connected, the engine's own `/version` and `/info`.
   */
  async inspect(rowId: string): Promise<unknown> {
    const row = this.rows().find((candidate) => candidate.entry.id === rowId);
    if (!row) {
      throw new Error('it is no longer declared');
    }
    const { entry, engine } = row;
    const declaration = {
      Name: entry.name,
      Origin: entry.origin,
      Current: entry.current,
      Description: entry.description,
      Host: entry.endpoint?.host,
      TLS: entry.endpoint?.tls ? { Folder: entry.endpoint.tls.certDir, Verify: entry.endpoint.tls.verify } : undefined,
      SshIdentity: entry.endpoint?.sshIdentity,
      Problem: entry.problem,
    };
    if (!engine) {
      return { ...declaration, State: 'not connected' };
    }
    const state = engine.model.state;
    if (state.kind !== 'connected') {
      return { ...declaration, State: state.kind, Reason: state.kind === 'unreachable' ? state.reason : undefined };
    }
    const docker = engine.connection.docker;
    const [version, info] = await Promise.all([docker.version(), docker.info() as Promise<unknown>]);
    return { ...declaration, State: 'connected', Facts: engine.facts, Version: version, Info: info };
  }

  dispose(): void {
    this.set.dispose();
  }
}
