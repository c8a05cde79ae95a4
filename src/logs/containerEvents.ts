/**
 * A subscription to one container's (or one label's) lifecycle events from the engine's event stream
 * (dockerode `getEvents`), so a log follower knows when the container starts again or is removed. When the
 * stream drops (engine restart, socket error) it subscribes again with backoff; each re-subscription is a
 * "resync": what happened during the gap is not in the stream, so waiters wake up to look for themselves.
 */
import type Docker from 'dockerode';
import { Backoff } from '../engine/backoff';
import { forEachJsonMessage } from '../stream/jsonMessages';

interface EngineEvent {
  Type?: string;
  Action?: string;
  status?: string;
  id?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
}

export interface ContainerEvent {
  action: string;
  id: string;
  attributes: Record<string, string>;
}

export type ContainerEventFilter = { container: string } | { label: string };

/** Where a watcher stands: the starts and re-subscriptions it has seen. */
export interface WatchMark {
  starts: number;
  resyncs: number;
}

/** Why `waitForStart` returned. `resynced`: the stream was re-established; a start may have been missed in the gap. */
export type WaitOutcome = 'started' | 'removed' | 'resynced' | 'aborted';

export interface ContainerEventWatchOptions {
  onEvent?: (event: ContainerEvent) => void;
  /** Called after each re-subscription (not the first subscription). */
  onResync?: () => void;
  /** Delays between attempts to subscribe again (default 250 ms doubling up to 5 s). */
  backoff?: Backoff;
}

/** Counts starts and notes removal; `waitForStart` resolves on the first start (or resync) after a mark. */
export class ContainerEventWatch {
  private starts = 0;
  private resyncs = 0;
  private destroyedFlag = false;
  private waiters: Array<() => void> = [];
  /** Resolves once the first subscription is open; rejects when it cannot be made. */
  readonly ready: Promise<void>;

  constructor(
    private readonly docker: Pick<Docker, 'getEvents'>,
    private readonly filter: ContainerEventFilter,
    private readonly signal: AbortSignal,
    private readonly options: ContainerEventWatchOptions = {},
  ) {
    this.ready = new Promise((resolve, reject) => void this.run(resolve, reject));
    signal.addEventListener('abort', () => this.wake(), { once: true });
  }

  get startCount(): number {
    return this.starts;
  }

  get destroyed(): boolean {
    return this.destroyedFlag;
  }

  mark(): WatchMark {
    return { starts: this.starts, resyncs: this.resyncs };
  }

  /** Resolves when a start beyond `mark` arrives, the container is removed, the stream is re-established, or the signal aborts. */
  async waitForStart(mark: WatchMark, signal: AbortSignal): Promise<WaitOutcome> {
    for (;;) {
      if (signal.aborted || this.signal.aborted) return 'aborted';
      if (this.destroyedFlag) return 'removed';
      if (this.starts > mark.starts) return 'started';
      if (this.resyncs > mark.resyncs) return 'resynced';
      await new Promise<void>((resolve) => {
        const done = () => {
          signal.removeEventListener('abort', done);
          resolve();
        };
        this.waiters.push(done);
        signal.addEventListener('abort', done, { once: true });
      });
    }
  }

  private async run(ready: () => void, failed: (error: unknown) => void): Promise<void> {
    const filters: Record<string, string[]> = { type: ['container'], event: ['start', 'die', 'destroy'] };
    if ('container' in this.filter) filters.container = [this.filter.container];
    else filters.label = [this.filter.label];
    const backoff = this.options.backoff ?? new Backoff(250, 5000);
    let subscribed = false;
    while (!this.signal.aborted) {
      let stream: NodeJS.ReadableStream;
      try {
        stream = await this.docker.getEvents({ filters, abortSignal: this.signal } as Parameters<Docker['getEvents']>[0]);
      } catch (error) {
        if (!subscribed) {
          failed(error);
          return;
        }
        await this.sleep(backoff.next());
        continue;
      }
      backoff.reset();
      if (subscribed) {
        this.resyncs++;
        this.options.onResync?.();
        this.wake();
      } else {
        subscribed = true;
        ready();
      }
      await forEachJsonMessage<EngineEvent>(stream, (event) => this.handle(event), this.signal).catch(() => undefined);
      if (!this.signal.aborted) {
        await this.sleep(backoff.next());
      }
    }
  }

  private handle(event: EngineEvent): void {
    const action = event.Action ?? event.status ?? '';
    if (action === 'start') this.starts++;
    if (action === 'destroy' && 'container' in this.filter) this.destroyedFlag = true;
    this.options.onEvent?.({ action, id: event.Actor?.ID ?? event.id ?? '', attributes: event.Actor?.Attributes ?? {} });
    this.wake();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.signal.addEventListener('abort', done, { once: true });
    });
  }

  private wake(): void {
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}
