import type Docker from 'dockerode';
import { Emitter } from '../explorer/emitter';
import type { ExplorerModel } from '../explorer/model';
import { Backoff } from './backoff';
import { classifyEngineError } from './errors';
import { EngineEvent, EventLineParser, eventTargets, sinceFromTimeNano, watchedEventTypes } from './events';
import { containerAfterEvent } from './eventPatch';
import { EngineFetcher, ResourceFetcher } from './fetcher';
import { PatchQueue } from './patchQueue';

export interface LiveEngineOptions {
  /** Shown in the state (`/var/run/docker.sock (DOCKER_HOST)`). */
  endpoint: string;
  contextName: string;
  /** First retry delay after a failure; doubles up to maxRetryMs. */
  initialRetryMs?: number;
  maxRetryMs?: number;
  /** While the event stream is down but the engine answers: full re-list this often. */
  pollMs?: number;
  /** How long the version probe may take before the engine counts as not answering. */
  probeTimeoutMs?: number;
  /** Disk usage (for volume sizes) is slow on big engines: at most this often. */
  volumeSizeEveryMs?: number;
  fetcher?: ResourceFetcher;
  onError?: (error: unknown) => void;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${ms} ms`), { code: 'ETIMEDOUT' })), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/**
 * Keeps the tree model live: probes the engine, lists everything once, then follows `/events` and patches one
 * resource per event. On stream loss it reconnects with backoff resuming from the last event's time (then
 * re-lists), polls slowly meanwhile, and marks the engine unreachable with the reason while it does not answer.
 */
export class LiveEngine {
  private readonly queue: PatchQueue;
  private readonly backoff: Backoff;
  private readonly events = new Emitter<EngineEvent>();
  /** Every engine event (container, image, volume, network) as it arrives. */
  readonly onEvent = this.events.event;
  private stream: NodeJS.ReadableStream | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private lastEventTimeNano: number | undefined;
  private lastVolumeSizes = Number.NEGATIVE_INFINITY;
  private volumeSizeTimer: NodeJS.Timeout | undefined;
  private readonly volumeWatch: { dispose(): void };
  private connecting: Promise<void> | undefined;
  private started = false;
  private disposed = false;

  constructor(
    private readonly docker: Docker,
    private readonly model: ExplorerModel,
    private readonly options: LiveEngineOptions,
  ) {
    const fetcher = options.fetcher ?? new EngineFetcher(docker);
    this.fetcher = fetcher;
    this.queue = new PatchQueue(model, fetcher, { onError: options.onError });
    this.backoff = new Backoff(options.initialRetryMs ?? 500, options.maxRetryMs ?? 30_000);
    model.setState({ kind: 'connecting', endpoint: options.endpoint });
    this.volumeWatch = model.volumes.onDidChange(() => {
      if (this.model.state.kind === 'connected') {
        this.refreshVolumeSizes();
      }
    });
  }

  private readonly fetcher: ResourceFetcher;

  /** Starts following the engine (idempotent: views call it when they first become visible). */
  start(): Promise<void> {
    if (!this.started) {
      this.started = true;
      return this.connect();
    }
    return this.connecting ?? Promise.resolve();
  }

  get isStarted(): boolean {
    return this.started;
  }

  /** Retries now (the welcome view's Retry), forgetting the backoff. */
  retryNow(): Promise<void> {
    this.started = true;
    this.backoff.reset();
    this.clearRetry();
    return this.connect();
  }

  /** Re-lists everything; resolves when the model holds the result. */
  async refresh(): Promise<void> {
    if (this.model.state.kind !== 'connected') {
      return this.retryNow();
    }
    this.queue.requestFullList();
    await this.queue.idle();
  }

  /** Resolves once no fetch is pending (tests and benchmarks wait on it). */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  private connect(): Promise<void> {
    this.connecting ??= this.attempt().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async attempt(): Promise<void> {
    if (this.disposed) {
      return;
    }
    try {
      const version = await withTimeout(this.docker.version(), this.options.probeTimeoutMs ?? 10_000);
      // The engine answers. Without an event stream the model is still listed, then kept by the slow poll.
      const streaming = await this.openStream().then(
        () => true,
        (error: unknown) => {
          this.options.onError?.(error);
          return false;
        },
      );
      this.queue.requestFullList();
      await this.queue.idle();
      if (this.disposed) {
        return;
      }
      this.model.setState({
        kind: 'connected',
        endpoint: this.options.endpoint,
        contextName: this.options.contextName,
        version: version.Version,
        apiVersion: version.ApiVersion,
      });
      if (streaming) {
        this.stopPoll();
        this.backoff.reset();
      } else {
        this.startPoll();
        this.scheduleRetry();
      }
      this.refreshVolumeSizes();
    } catch (error) {
      if (this.disposed) {
        return;
      }
      this.closeStream();
      const failure = classifyEngineError(error);
      this.model.setState({ kind: 'unreachable', endpoint: this.options.endpoint, ...failure });
      this.scheduleRetry();
    }
  }

  private async openStream(): Promise<void> {
    this.closeStream();
    const options: Docker.GetEventsOptions = { filters: { type: watchedEventTypes } as Docker.GetEventsOptions['filters'] };
    if (this.lastEventTimeNano !== undefined) {
      // The API takes "seconds.nanoseconds"; dockerode's type says number but passes the value through.
      options.since = sinceFromTimeNano(this.lastEventTimeNano) as unknown as number;
    }
    const stream = await this.docker.getEvents(options);
    if (this.disposed) {
      (stream as unknown as { destroy?: () => void }).destroy?.();
      return;
    }
    this.stream = stream;
    const parser = new EventLineParser();
    stream.on('data', (chunk: Buffer) => {
      for (const event of parser.push(chunk)) {
        this.lastEventTimeNano = event.timeNano;
        const next = containerAfterEvent(event, this.model.containers.get(event.Actor?.ID));
        if (next) {
          this.model.containers.patch(new Map([[next.Id, next]]));
        }
        for (const target of eventTargets(event)) {
          this.queue.add(target);
        }
        this.events.fire(event);
      }
    });
    let lost = false;
    const onLost = () => {
      if (lost || this.stream !== stream || this.disposed) {
        return;
      }
      lost = true;
      this.stream = undefined;
      this.startPoll();
      this.scheduleRetry();
    };
    stream.on('end', onLost);
    stream.on('close', onLost);
    stream.on('error', onLost);
  }

  private closeStream(): void {
    const stream = this.stream as unknown as { destroy?: () => void } | undefined;
    this.stream = undefined;
    stream?.destroy?.();
  }

  private scheduleRetry(): void {
    if (this.disposed || this.retryTimer) {
      return;
    }
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.connect();
    }, this.backoff.next());
  }

  private clearRetry(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private startPoll(): void {
    if (this.pollTimer || this.disposed) {
      return;
    }
    this.pollTimer = setInterval(() => {
      if (!this.stream && this.model.state.kind === 'connected') {
        this.queue.requestFullList();
      }
    }, this.options.pollMs ?? 15_000);
  }

  private stopPoll(): void {
    clearInterval(this.pollTimer);
    this.pollTimer = undefined;
  }

  /**
   * Volume sizes need the slow disk-usage endpoint: fetched in the background, at most once a minute (a change
   * within the minute is picked up at its end).
   */
  refreshVolumeSizes(): void {
    const every = this.options.volumeSizeEveryMs ?? 60_000;
    if (!Number.isFinite(every)) {
      return;
    }
    const wait = this.lastVolumeSizes + every - Date.now();
    if (wait > 0) {
      if (!this.volumeSizeTimer && Number.isFinite(wait)) {
        this.volumeSizeTimer = setTimeout(() => {
          this.volumeSizeTimer = undefined;
          this.refreshVolumeSizes();
        }, wait);
      }
      return;
    }
    this.lastVolumeSizes = Date.now();
    this.fetcher.volumeSizes().then(
      (sizes) => {
        if (!this.disposed) {
          this.model.setVolumeSizes(sizes);
        }
      },
      (error: unknown) => this.options.onError?.(error),
    );
  }

  dispose(): void {
    this.disposed = true;
    this.clearRetry();
    clearTimeout(this.volumeSizeTimer);
    this.volumeWatch.dispose();
    this.stopPoll();
    this.closeStream();
    this.queue.dispose();
    this.events.dispose();
  }
}
