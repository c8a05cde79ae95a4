/**
 * The Swarm view's model: one watch per engine of the source, started when the view is first shown, replaced
 * when the source's engines change. Fires when any engine's part changes. Engine I/O without VS Code.
 */
import { Emitter } from '../explorer/emitter';
import type { SwarmEngineSource } from './swarmEngines';
import { SwarmEngineView, swarmRoots, SwarmTreeNode } from './swarmTree';
import { SwarmWatch, SwarmWatchOptions } from './swarmWatch';

export class SwarmModel {
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;
  private watches: SwarmWatch[] = [];
  private readonly subscription: { dispose(): void };
  private started = false;

  constructor(
    private readonly source: SwarmEngineSource,
    private readonly options: SwarmWatchOptions = {},
  ) {
    this.subscription = source.onDidChange(() => {
      if (this.started) {
        this.rebuild();
      }
    });
  }

  /** Starts watching (idempotent); resolves once every engine was read once. */
  start(): Promise<void> {
    if (!this.started) {
      this.started = true;
      this.rebuild();
    }
    return this.refresh();
  }

  /** Reads every engine again; resolves when the model holds the result. */
  async refresh(): Promise<void> {
    await Promise.all(this.watches.map((watch) => watch.refresh()));
  }

  get views(): SwarmEngineView[] {
    return this.watches.map((watch) => watch.view);
  }

  /** True when any engine is a swarm manager (the view's context key). */
  get anyManager(): boolean {
    return this.views.some((view) => view.role === 'manager');
  }

  roots(): SwarmTreeNode[] {
    return swarmRoots(this.views);
  }

  /** The watch of an engine, by key. */
  engine(key: string): SwarmWatch | undefined {
    return this.watches.find((watch) => watch.engine.key === key);
  }

  private rebuild(): void {
    for (const watch of this.watches) {
      watch.dispose();
    }
    this.watches = this.source.engines().map((engine) => {
      const watch = new SwarmWatch(engine, this.options);
      watch.onDidChange(() => this.changed.fire());
      return watch;
    });
    this.changed.fire();
    void this.refresh();
  }

  dispose(): void {
    this.subscription.dispose();
    for (const watch of this.watches) {
      watch.dispose();
    }
    this.changed.dispose();
  }
}
