import type Docker from 'dockerode';
import { EngineConnection } from '../engine/connection';
import { Emitter } from '../explorer/emitter';
import type { ViewEngine } from '../explorer/engineRoots';
import { EngineFacts, engineFacts } from './engineFacts';

/** One connected engine: its own connection (client, event stream, reconnect), model and facts. */
export interface ConnectedEngine extends ViewEngine {
  connection: EngineConnection;
  /** Runtime, version, OS/arch, swarm role: read once connected, again after each reconnection. */
  facts?: EngineFacts;
  /** The current engine (the one palette commands and every single-engine feature use). */
  primary: boolean;
}

/**
 * The engines connected at once, by key (endpoint). Each is independent: one going down never touches another.
 * The primary is the current engine (settings > DOCKER_HOST > context > socket); others are added from the
 * Engines view.
 */
export class EngineSet {
  private readonly byKey = new Map<string, ConnectedEngine>();
  private readonly watches = new Map<string, { dispose(): void }>();
  private readonly changed = new Emitter<void>();
  /** Fires when an engine connects, disconnects or its facts change. */
  readonly onDidChange = this.changed.event;

  /** In the order the views show them: the primary first, then as connected. */
  list(): ConnectedEngine[] {
    const all = [...this.byKey.values()];
    return [...all.filter((engine) => engine.primary), ...all.filter((engine) => !engine.primary)];
  }

  /** The list as the explorer views take it. */
  engines(): ConnectedEngine[] {
    return this.list();
  }

  get(key: string): ConnectedEngine | undefined {
    return this.byKey.get(key);
  }

  get primary(): ConnectedEngine | undefined {
    return this.list().find((engine) => engine.primary);
  }

  /** Adds (or replaces) an engine; a replaced one is disposed. */
  add(engine: Omit<ConnectedEngine, 'facts'>): ConnectedEngine {
    this.dropEntry(engine.key);
    if (engine.primary) {
      const before = this.primary;
      if (before) {
        this.dropEntry(before.key);
      }
    }
    const entry: ConnectedEngine = { ...engine };
    this.byKey.set(engine.key, entry);
    this.watches.set(
      engine.key,
      engine.model.onDidChangeState((state) => {
        if (state.kind === 'connected') {
          void this.readFacts(entry);
        }
      }),
    );
    if (engine.model.state.kind === 'connected') {
      void this.readFacts(entry);
    }
    this.changed.fire();
    return entry;
  }

  /** Disconnects one engine (its connection and, unless it is the primary's lasting model, its model). */
  remove(key: string): boolean {
    const removed = this.dropEntry(key);
    if (removed) {
      this.changed.fire();
    }
    return removed;
  }

  /** The declarations changed (a context created, removed or made current): the Engines view re-reads them. */
  onDidChangeCatalog(): void {
    this.changed.fire();
  }

  private dropEntry(key: string): boolean {
    const engine = this.byKey.get(key);
    if (!engine) {
      return false;
    }
    this.byKey.delete(key);
    this.watches.get(key)?.dispose();
    this.watches.delete(key);
    engine.connection.dispose();
    if (!engine.primary) {
      engine.model.dispose();
    }
    return true;
  }

  private async readFacts(engine: ConnectedEngine): Promise<void> {
    let docker: Docker;
    try {
      docker = engine.connection.docker;
      const [version, info] = await Promise.all([docker.version(), docker.info() as Promise<Parameters<typeof engineFacts>[1]>]);
      if (this.byKey.get(engine.key) === engine) {
        engine.facts = engineFacts(version, info);
        this.changed.fire();
      }
    } catch {
      // Unreachable meanwhile: the next connection reads them again.
    }
  }

  dispose(): void {
    for (const key of [...this.byKey.keys()]) {
      this.dropEntry(key);
    }
    this.changed.dispose();
  }
}
