import type { Disposable, Subscribe } from '../explorer/emitter';

/** The connected engines as a follower sees them: a list (each entry one connection) and when it changes. */
export interface EngineList<E extends { key: string }> {
  list(): readonly E[];
  onDidChange: Subscribe<void>;
}

/**
 * Keeps one thing per connected engine (a subscription to its events, to its model): made when the engine
 * connects, disposed when it disconnects or its entry is replaced (a reconnection to the same endpoint is a new
 * entry, so its new connection is followed). No VS Code, no engine I/O.
 */
export class PerEngine<E extends { key: string }> implements Disposable {
  private readonly held = new Map<string, { entry: E; thing: Disposable }>();
  private readonly subscription: Disposable;
  private disposed = false;

  constructor(
    private readonly engines: EngineList<E>,
    private readonly make: (engine: E) => Disposable,
  ) {
    this.subscription = engines.onDidChange(() => this.sync());
    this.sync();
  }

  /** The keys of the engines followed now. */
  get keys(): string[] {
    return [...this.held.keys()];
  }

  private sync(): void {
    if (this.disposed) {
      return;
    }
    const current = new Map(this.engines.list().map((entry) => [entry.key, entry]));
    for (const [key, { entry, thing }] of [...this.held]) {
      if (current.get(key) !== entry) {
        this.held.delete(key);
        thing.dispose();
      }
    }
    for (const [key, entry] of current) {
      if (!this.held.has(key)) {
        this.held.set(key, { entry, thing: this.make(entry) });
      }
    }
  }

  dispose(): void {
    this.disposed = true;
    this.subscription.dispose();
    for (const { thing } of this.held.values()) {
      thing.dispose();
    }
    this.held.clear();
  }
}
