import type { ExplorerModel } from '../explorer/model';
import { resourceKey as storeKey, ResourceKind, resourceKinds, ResourceTypes } from '../explorer/resources';
import { EventTarget, meetsExpectation, StateExpectation } from './events';
import type { ResourceFetcher } from './fetcher';

export interface PatchQueueOptions {
  /** More dirty resources of one kind than this in one flush: re-list that kind instead of patching each. */
  maxPatchesPerKind?: number;
  /** Runs the flush soon; the default is setImmediate, so a burst already read from the stream is one flush. */
  schedule?: (run: () => void) => void;
  /** A failed fetch; the queue carries on (the next event or full list repairs the model). */
  onError?: (error: unknown) => void;
}

/** Keys to re-read for one kind (a destroy needs no read: it is applied as it comes). */
interface DirtyEntry {
  attempt: number;
  /** Which notice asked for this read (retries keep it). */
  notice: number;
}
type Dirty = Map<string, DirtyEntry>;

/**
 * How often a read that disagrees with its event is retried before it is shown as read (~8 s in all: on a
 * busy machine dockerd 20.10 updates its list view more than 100 ms, and under heavy load seconds, after
 * logging a pause or a kill). Each retry is one list filtered by id (~1–2 ms in the engine).
 */
const settleAttempts = 40;
const maxSettleDelayMs = 250;
/**
 * When the list still disagrees after those retries but the container itself (an inspect) is in the state the
 * event implies, the list view is behind, not the event: the read is retried every second for up to a minute
 * more, and meanwhile the tree keeps what the event said.
 */
const laggingListAttempts = 60;
const laggingListDelayMs = 1000;

/**
 * Coalesces "this resource changed" notices and patches the model: one fetch per dirty resource, at most one
 * flush in flight, notices arriving meanwhile gathered into the next flush; a burst too large to patch (or
 * any image change, as the image list has no id filter) becomes one full list of that kind.
 */
export class PatchQueue {
  private readonly dirty = new Map<ResourceKind, Dirty>();
  /** Numbers the notices, so a read can tell whether a newer notice for its resource came while it was out. */
  private notices = 0;
  /**
   * The state the latest lifecycle event of each container implies, until a read of it is shown. A notice that
   * implies nothing (a network disconnect naming the container, right after its `die`) does not clear it.
   */
  private readonly expected = new Map<string, StateExpectation>();
  private readonly fullList = new Set<ResourceKind>();
  /** Resources destroyed while reads were out, with the number of the destroy's notice (cleared when idle). */
  private readonly removed = new Map<string, number>();
  private scheduled = false;
  private settling = 0;
  private flushing: Promise<void> | undefined;
  private disposed = false;
  private readonly waiters: Array<() => void> = [];
  private readonly maxPatches: number;
  private readonly schedule: (run: () => void) => void;

  constructor(
    private readonly model: ExplorerModel,
    private readonly fetcher: ResourceFetcher,
    private readonly options: PatchQueueOptions = {},
  ) {
    this.maxPatches = options.maxPatchesPerKind ?? 64;
    this.schedule = options.schedule ?? ((run) => setImmediate(run));
  }

  add(target: EventTarget): void {
    if (target.kind === 'image' || target.relist) {
      this.fullList.add(target.kind);
      this.dirty.delete(target.kind);
    } else if (!this.fullList.has(target.kind)) {
      // (When a full list of this kind is already due, it covers this resource.)
      let dirty = this.dirty.get(target.kind);
      if (!dirty) {
        dirty = new Map();
        this.dirty.set(target.kind, dirty);
      }
      const notice = ++this.notices;
      const resource = resourceKey(target.kind, target.key);
      if (target.gone) {
        this.remove(target.kind, target.key, notice);
        return;
      }
      // The latest notice wins: a create after a destroy is read again.
      dirty.set(target.key, { attempt: 0, notice });
      this.removed.delete(resource);
      if (target.expect) {
        this.expected.set(resource, target.expect);
      }
    }
    this.kick();
  }

  /**
   * A destroy needs no read: the resource leaves the model at once, not behind the reads of the events before
   * it (a force-remove logs kill, die, destroy together). A read or list that left before it and answers after
   * it must not bring the resource back, so while any is out the destroy is remembered.
   */
  private remove(kind: ResourceKind, key: string, notice: number): void {
    const resource = resourceKey(kind, key);
    this.dirty.get(kind)?.delete(key);
    if (this.dirty.get(kind)?.size === 0) {
      this.dirty.delete(kind);
    }
    this.expected.delete(resource);
    if (this.busy) {
      this.removed.set(resource, notice);
    }
    this.model.store(kind).patch(new Map([[key, undefined]]));
  }

  /** A destroy of this resource came after the notice `notice` (whose read, then, is stale). */
  private removedSince(kind: ResourceKind, key: string, notice: number): boolean {
    return (this.removed.get(resourceKey(kind, key)) ?? Number.NEGATIVE_INFINITY) > notice;
  }

  /** Asks for a full list of some kinds (all by default). */
  requestFullList(kinds: readonly ResourceKind[] = resourceKinds): void {
    for (const kind of kinds) {
      this.fullList.add(kind);
      this.dirty.delete(kind);
    }
    this.kick();
  }

  /** Resolves once nothing is pending nor in flight. */
  idle(): Promise<void> {
    if (!this.busy) {
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  get busy(): boolean {
    return this.scheduled || this.flushing !== undefined || this.settling > 0 || this.dirty.size > 0 || this.fullList.size > 0;
  }

  private kick(): void {
    if (this.scheduled || this.flushing || this.disposed) {
      return;
    }
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      if (this.disposed) {
        return;
      }
      this.flushing = this.flush().finally(() => {
        this.flushing = undefined;
        if (this.dirty.size > 0 || this.fullList.size > 0) {
          this.kick();
        } else if (this.settling === 0) {
          this.removed.clear();
          for (const resolve of this.waiters.splice(0)) {
            resolve();
          }
        }
      });
    });
  }

  private async flush(): Promise<void> {
    const full = new Set(this.fullList);
    const dirty = new Map(this.dirty);
    this.fullList.clear();
    this.dirty.clear();
    for (const [kind, keys] of dirty) {
      if (keys.size > this.maxPatches) {
        full.add(kind);
        dirty.delete(kind);
      }
    }
    const work: Array<Promise<void>> = [];
    for (const kind of full) {
      dirty.delete(kind);
      work.push(this.relist(kind));
    }
    for (const [kind, keys] of dirty) {
      work.push(this.patch(kind, keys));
    }
    await Promise.all(work);
  }

  private async relist<K extends ResourceKind>(kind: K): Promise<void> {
    const asOf = this.notices;
    try {
      const items = await this.fetcher.list(kind);
      if (!this.disposed) {
        this.model.store(kind).replaceAll(items.filter((item) => !this.removedSince(kind, storeKey(kind, item), asOf)));
      }
    } catch (error) {
      this.options.onError?.(error);
    }
  }

  private async patch<K extends ResourceKind>(kind: K, keys: Dirty): Promise<void> {
    const reads: Array<{ key: string; entry: DirtyEntry; value: ResourceTypes[K] | undefined; expect: StateExpectation | undefined }> = [];
    await Promise.all(
      [...keys].map(async ([key, entry]) => {
        const expect = this.expected.get(resourceKey(kind, key));
        try {
          const value = await this.fetcher.fetch(kind, key);
          const state = (value as { State?: unknown } | undefined)?.State;
          if (!meetsExpectation(typeof state === 'string' ? state : undefined, expect) && (await this.shouldRetry(kind, key, entry, expect))) {
            if (!this.hasNewerNotice(kind, key, entry)) {
              this.retryLater(kind, key, entry);
            }
            return;
          }
          reads.push({ key, entry, value, expect });
        } catch (error) {
          // A failed read (a timeout on a busy engine) would leave the item stale until its next event.
          if (entry.attempt < settleAttempts) {
            this.retryLater(kind, key, entry);
          } else {
            this.options.onError?.(error);
          }
        }
      }),
    );
    if (this.disposed) {
      return;
    }
    const results = new Map<string, ResourceTypes[K] | undefined>();
    for (const { key, entry, value, expect } of reads) {
      // A newer event came while this read was on its way: its own read follows (or it was a destroy, already
      // shown), and this one may predate it.
      if (this.hasNewerNotice(kind, key, entry) || this.removedSince(kind, key, entry.notice)) {
        continue;
      }
      results.set(key, value);
      const resource = resourceKey(kind, key);
      if (this.expected.get(resource) === expect) {
        this.expected.delete(resource);
      }
    }
    this.model.store(kind).patch(results);
  }

  /** A notice for the same resource came after the one this read answers (its own read is already due). */
  private hasNewerNotice(kind: ResourceKind, key: string, entry: DirtyEntry): boolean {
    const pending = this.dirty.get(kind)?.get(key);
    return pending !== undefined && pending.notice !== entry.notice;
  }

  /** A read that disagrees with its event: retried while the engine settles, and longer while only its list lags. */
  private async shouldRetry(kind: ResourceKind, key: string, entry: DirtyEntry, expect: StateExpectation | undefined): Promise<boolean> {
    if (entry.attempt < settleAttempts) {
      return true;
    }
    if (entry.attempt >= settleAttempts + laggingListAttempts || !this.fetcher.state) {
      return false;
    }
    try {
      const state = await this.fetcher.state(kind, key);
      return state !== undefined && meetsExpectation(state, expect);
    } catch {
      return false;
    }
  }

  /** The engine settles within a moment: retry at once, then 1, 2, 4… up to 250 ms apart (a lagging list: 1 s). */
  private retryLater(kind: ResourceKind, key: string, entry: DirtyEntry): void {
    this.settling++;
    const retry = () => {
      this.settling--;
      if (this.disposed) {
        return;
      }
      if (this.removedSince(kind, key, entry.notice)) {
        this.kick();
        return;
      }
      const dirty = this.dirty.get(kind) ?? new Map<string, DirtyEntry>();
      if (!dirty.has(key)) {
        dirty.set(key, { ...entry, attempt: entry.attempt + 1 });
      }
      this.dirty.set(kind, dirty);
      this.kick();
    };
    if (entry.attempt === 0) {
      setImmediate(retry);
    } else {
      setTimeout(retry, entry.attempt >= settleAttempts ? laggingListDelayMs : Math.min(2 ** (entry.attempt - 1), maxSettleDelayMs));
    }
  }

  dispose(): void {
    this.disposed = true;
    this.dirty.clear();
    this.fullList.clear();
    this.expected.clear();
    for (const resolve of this.waiters.splice(0)) {
      resolve();
    }
  }
}

function resourceKey(kind: ResourceKind, key: string): string {
  return `${kind}/${key}`;
}
