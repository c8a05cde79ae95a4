import { Emitter } from './emitter';

/** What changed in a store: some keys patched (set or removed), or everything replaced. */
export type StoreChange = { kind: 'patch'; upserted: string[]; removed: string[] } | { kind: 'reset' };

/** The model's copy of one kind of engine resource, keyed by engine id, with a change event. */
export class ResourceStore<T> {
  private items = new Map<string, T>();
  /** When each item was last set, by key (epoch ms): the engine's clock-dependent texts (statuses) date from then. */
  private readAt = new Map<string, number>();
  private listed = false;
  private readonly changed = new Emitter<StoreChange>();
  readonly onDidChange = this.changed.event;
  /** Counts changes; lets views and tests tell that something happened. */
  version = 0;

  constructor(
    private readonly keyOf: (item: T) => string,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Whether a full list has arrived (before it, an empty store means "not known yet", not "none"). */
  get loaded(): boolean {
    return this.listed;
  }

  /** When the item under `key` was read from the engine (epoch ms). */
  observedAt(key: string): number | undefined {
    return this.readAt.get(key);
  }

  get size(): number {
    return this.items.size;
  }

  get(key: string): T | undefined {
    return this.items.get(key);
  }

  has(key: string): boolean {
    return this.items.has(key);
  }

  values(): IterableIterator<T> {
    return this.items.values();
  }

  all(): T[] {
    return [...this.items.values()];
  }

  /** Replaces the whole content after a full list. */
  replaceAll(items: readonly T[]): void {
    this.items = new Map(items.map((item) => [this.keyOf(item), item]));
    const now = this.now();
    this.readAt = new Map([...this.items.keys()].map((key) => [key, now]));
    this.listed = true;
    this.version++;
    this.changed.fire({ kind: 'reset' });
  }

  /** Applies the result of re-fetching some keys: a value sets it, undefined removes it. */
  patch(results: ReadonlyMap<string, T | undefined>): void {
    const upserted: string[] = [];
    const removed: string[] = [];
    const now = this.now();
    for (const [key, value] of results) {
      if (value === undefined) {
        this.readAt.delete(key);
        if (this.items.delete(key)) {
          removed.push(key);
        }
      } else {
        // The engine may answer with a longer or canonical key (full id for a short one).
        const canonical = this.keyOf(value);
        if (canonical !== key) {
          this.items.delete(key);
          this.readAt.delete(key);
        }
        this.items.set(canonical, value);
        this.readAt.set(canonical, now);
        upserted.push(canonical);
      }
    }
    if (upserted.length > 0 || removed.length > 0) {
      this.version++;
      this.changed.fire({ kind: 'patch', upserted, removed });
    }
  }

  /** Forgets everything, including that a list arrived. */
  clear(): void {
    const had = this.items.size > 0;
    this.items = new Map();
    this.readAt = new Map();
    this.listed = false;
    if (had) {
      this.version++;
      this.changed.fire({ kind: 'reset' });
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
