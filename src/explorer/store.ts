import { Emitter } from './emitter';

/** What changed in a store: some keys patched (set or removed), or everything replaced. */
export type StoreChange = { kind: 'patch'; upserted: string[]; removed: string[] } | { kind: 'reset' };

/** The model's copy of one kind of engine resource, keyed by engine id, with a change event. */
export class ResourceStore<T> {
  private items = new Map<string, T>();
  private readonly changed = new Emitter<StoreChange>();
  readonly onDidChange = this.changed.event;
  /** Counts changes; lets views and tests tell that something happened. */
  version = 0;

  constructor(private readonly keyOf: (item: T) => string) {}

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
    this.version++;
    this.changed.fire({ kind: 'reset' });
  }

  /** Applies the result of re-fetching some keys: a value sets it, undefined removes it. */
  patch(results: ReadonlyMap<string, T | undefined>): void {
    const upserted: string[] = [];
    const removed: string[] = [];
    for (const [key, value] of results) {
      if (value === undefined) {
        if (this.items.delete(key)) {
          removed.push(key);
        }
      } else {
        // The engine may answer with a longer or canonical key (full id for a short one).
        const canonical = this.keyOf(value);
        if (canonical !== key) {
          this.items.delete(key);
        }
        this.items.set(canonical, value);
        upserted.push(canonical);
      }
    }
    if (upserted.length > 0 || removed.length > 0) {
      this.version++;
      this.changed.fire({ kind: 'patch', upserted, removed });
    }
  }

  clear(): void {
    if (this.items.size > 0) {
      this.replaceAll([]);
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
